package org.ropebounds.rope;

import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * What is known about the magnitude of a phase error |phase_i(p) - p theta_i| (or of its largest value
 * over a set of positions): an enclosure of it, or unbounded, when a phase is infinite or NaN or may be.
 */
public sealed interface PhaseErrorBound permits PhaseErrorBound.Finite, PhaseErrorBound.Unbounded {

    /**
     * The magnitude lies in {@code enclosure}, whose lower end is {@code >= 0}.
     *
     * @param enclosure [lo, hi] with {@code 0 <= lo <= hi}
     */
    record Finite(Enclosure enclosure) implements PhaseErrorBound {
        /** @throws IllegalArgumentException if the enclosure reaches below 0 */
        public Finite {
            if (enclosure.lo().signum() < 0) {
                throw new IllegalArgumentException("an error magnitude is >= 0, not in " + enclosure);
            }
        }
    }

    /** No finite bound: some phase is, or may be, infinite or NaN. */
    record Unbounded() implements PhaseErrorBound {
    }

    /** The magnitude lies in [lo, hi] ({@code 0 <= lo <= hi}). */
    static PhaseErrorBound of(Rational lo, Rational hi) {
        return new Finite(Enclosure.of(lo, hi));
    }

    /** The magnitude is at most {@code hi} ({@code >= 0}). */
    static PhaseErrorBound atMost(Rational hi) {
        return of(Rational.ZERO, hi);
    }

    /** No finite bound. */
    static PhaseErrorBound unbounded() {
        return new Unbounded();
    }

    /** Whether the magnitude is certainly {@code <= delta}: the enclosure's upper end is; never when unbounded. */
    default boolean isAtMost(Rational delta) {
        return this instanceof Finite f && f.enclosure().hi().compareTo(delta) <= 0;
    }

    /**
     * The bound on the larger of two magnitudes: the enclosure of their maximum (the larger lower end and
     * the larger upper end), or unbounded when either is.
     */
    default PhaseErrorBound max(PhaseErrorBound other) {
        if (this instanceof Finite a && other instanceof Finite b) {
            return of(a.enclosure().lo().max(b.enclosure().lo()), a.enclosure().hi().max(b.enclosure().hi()));
        }
        return unbounded();
    }
}
