package org.ropebounds.rope;

/**
 * {@link Math#nextUp(double)}, {@link Math#nextDown(double)}, {@link Math#max(double, double)} and
 * {@link Math#min(double, double)}, equal to Java's for every argument (NaN, infinities and signed zeros included), in
 * methods small enough (at most 35 bytes of bytecode) for the first tier of the JIT, at which {@code ./ropebounds erasure}
 * runs, to inline: it calls Java's own (36 to 49 bytes) out of line, and the scans' inner loops make a dozen such calls per
 * position. Why each is equal: proofs/relative-position-error.md, section 8; tested against Java's in InlineMathTest. Where a
 * result depends only on the value of an extreme of doubles that are not NaN, {@link #largerValue} and {@link #smallerValue}
 * take it without Java's fallback (section 9).
 */
final class InlineMath {
    private InlineMath() {
    }

    /**
     * The least double above d: Math.nextUp(d) for every d. For d &lt; +infinity (neither NaN nor +infinity), t = d + 0 is d
     * with -0 made +0, and its bits b move one step up in value: b + 1 when t &gt;= 0 (sign bit clear, b &gt;= 0), b - 1 when
     * t &lt; 0 (b &lt; 0); {@code b >> 63 | 1} is that step (0 | 1 or -1 | 1). NaN and +infinity are returned as they are.
     */
    static double up(double d) {
        if (d < Double.POSITIVE_INFINITY) {
            long b = Double.doubleToRawLongBits(d + 0.0);
            return Double.longBitsToDouble(b + (b >> 63 | 1));
        }
        return d;
    }

    /** The largest double below d: Math.nextDown(d) = -Math.nextUp(-d) for every d (negation is exact and flips the order). */
    static double down(double d) {
        return -up(-d);
    }

    /**
     * The larger of a and b: Math.max(a, b) for every a, b. When a &gt; b or a &lt; b neither is NaN and the two are not
     * both zero, where Java's answer is the larger; every other case (equal values, signed zeros, NaN) is Java's own call.
     */
    static double max(double a, double b) {
        return a > b ? a : a < b ? b : Math.max(a, b);
    }

    /** The smaller of a and b: Math.min(a, b) for every a, b (as {@link #max}). */
    static double min(double a, double b) {
        return a < b ? a : a > b ? b : Math.min(a, b);
    }

    /**
     * For a and b not NaN, a double equal in value to Math.max(a, b): it is b when a and b are zeros of opposite signs, so
     * its sign may not be Java's. Only for a maximum whose zero's sign cannot change a result, as when {@link #up} or
     * {@link #down} (which map -0 and +0 alike) is taken of it or of its difference with a double
     * (proofs/relative-position-error.md, section 9). No call to fall back on: the first tier of the JIT keeps the values
     * of the loop around it in registers.
     */
    static double largerValue(double a, double b) {
        return a > b ? a : b;
    }

    /** For a and b not NaN, a double equal in value to Math.min(a, b), its zero's sign perhaps not Java's ({@link #largerValue}). */
    static double smallerValue(double a, double b) {
        return a < b ? a : b;
    }
}
