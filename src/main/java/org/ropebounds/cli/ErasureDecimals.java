package org.ropebounds.cli;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ropebounds.format.Rational;
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
        if (digits < 1) {
            throw new IllegalArgumentException("need digits >= 1, not " + digits);
        }
        // best tries every k from digits down: where the width rules out all but the first K, an enclosure none of those
        // decides is the undecided decimal without the tries that must fail
        int most = mostDecidable(e, digits);
        CertifiedDecimal d = most == digits || decidesSome(e, most) ? CertifiedDecimal.best(e, digits) : CertifiedDecimal.undecided(digits);
        Optional<String> text = d.digits() == 0 && !d.exact() ? Optional.empty() : Optional.of(d.text());
        return new Texts(text, d.guarantee(), CertifiedDecimal.interval(e, digits));
    }

    /**
     * An upper bound K &lt;= n on the significant digits [lo, hi] can decide (rounded to nearest): the largest k &lt;= n with
     * w 10^(k-1) &lt;= 2m, w = hi - lo and m = max(|lo|, |hi|); n for a point. Two ends that round alike to a k-digit D != 0
     * lie within u/2 of D, u = 10^(1-k) 10^floor(log10 |D|) &lt;= 10^(1-k) |D|, so w &lt;= u, and |D| &lt;= m + u/2 &lt;= m + |D|/2
     * gives |D| &lt;= 2m: w &lt;= 2 10^(1-k) m; a wider enclosure decides no k digits, nor more (proofs/relative-position-error.md,
     * section 9). 0 when not even one digit can be decided.
     */
    static int mostDecidable(Enclosure e, int n) {
        Rational width = e.hi().subtract(e.lo());
        if (width.signum() == 0) {
            return n;
        }
        Rational twiceLargest = e.lo().abs().max(e.hi().abs()).multiply(Rational.of(2));
        int k = 0;
        Rational scaled = width; // w 10^k
        while (k < n && scaled.compareTo(twiceLargest) <= 0) {
            k++;
            scaled = scaled.multiply(TEN);
        }
        return k;
    }

    private static final Rational TEN = Rational.of(10);

    /** Whether some k in 1..most decides e ({@link CertifiedDecimal#decide}), most first. */
    private static boolean decidesSome(Enclosure e, int most) {
        for (int k = most; k >= 1; k--) {
            if (CertifiedDecimal.decide(e, k).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
