package org.ropebounds.real;

/**
 * An interval [lo, hi] of doubles known to contain a real number: the fast path's working type. Its
 * ends are finite doubles (an operation whose result would not be finite throws
 * {@link InsufficientPrecisionException}).
 */
public record DoubleInterval(double lo, double hi) {

    public DoubleInterval {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new InsufficientPrecisionException("no finite double enclosure [" + lo + ", " + hi + "]");
        }
    }

    public boolean isPoint() {
        return lo == hi;
    }
}
