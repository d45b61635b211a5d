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

    /**
     * {@link Enclosure#compareTo(Enclosure)} on the two intervals' exact enclosures [lo, hi], in doubles:
     * -1 or +1 when they are apart, 0 when both are the same point, empty otherwise.
     */
    public java.util.OptionalInt compareTo(DoubleInterval o) {
        if (hi < o.lo) {
            return java.util.OptionalInt.of(-1);
        }
        if (lo > o.hi) {
            return java.util.OptionalInt.of(1);
        }
        return isPoint() && o.isPoint() ? java.util.OptionalInt.of(0) : java.util.OptionalInt.empty();
    }
}
