package org.ropebounds.cli;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;

/**
 * The printed texts of error enclosures for one {@code erasure} run at one number of digits, each enclosure's computed
 * once: pipelines with the same phases (hf and fp32, bf16-all and bf16, ...) report equal per-mode enclosures, and their
 * certified decimals are most of the cost of building the output. The texts are a function of the enclosure's value
 * (its two ends) and the digits alone, so a kept text is the one a fresh computation would give. Thread-safe.
 */
final class ErasureDecimals {
    /**
     * What {@link ErasureJson} prints of an enclosure: its certified digits (empty when none are decided), their guarantee
     * and the outward-rounded interval.
     */
    record Texts(Optional<String> digits, String guarantee, String interval) {
    }

    private final int digits;
    private final ConcurrentHashMap<Enclosure, Texts> known = new ConcurrentHashMap<>();

    /**
     * @param digits the significant digits requested, >= 1 (as {@link CertifiedDecimal#best(Enclosure, int)} accepts)
     * @throws IllegalArgumentException unless digits >= 1
     */
    ErasureDecimals(int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("need digits >= 1, not " + digits);
        }
        this.digits = digits;
    }

    /** The texts of {@code e} at this run's digits: equal to {@link #compute}{@code (e, digits)}, computed once per value of e. */
    Texts of(Enclosure e) {
        return known.computeIfAbsent(e, x -> compute(x, digits));
    }

    /**
     * The texts of {@code e} at {@code digits} (>= 1): {@link CertifiedDecimal#best(Enclosure, int)}'s text (empty when it
     * decides no digit and is not exact), its guarantee, and {@link CertifiedDecimal#interval}.
     *
     * @throws IllegalArgumentException unless digits >= 1
     */
    static Texts compute(Enclosure e, int digits) {
        CertifiedDecimal d = CertifiedDecimal.best(e, digits);
        Optional<String> text = d.digits() == 0 && !d.exact() ? Optional.empty() : Optional.of(d.text());
        return new Texts(text, d.guarantee(), CertifiedDecimal.interval(e, digits));
    }
}
