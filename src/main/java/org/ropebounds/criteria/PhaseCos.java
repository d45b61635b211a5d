package org.ropebounds.criteria;

/**
 * Certified bounds on cos x for the phases of the decay search, 0 &lt;= x &lt;= 2^26, cheaper than StrictMath.cos
 * ({@code proofs/decay-bound.md} section 15): a Cody-Waite reduction by pi/2 in three parts, then Taylor polynomials of
 * cos and sin on |r| &lt; 0.786, the whole error below {@link #ERROR} = 2^-45. Pure double arithmetic, so the same
 * bits on every JVM. Stateless.
 */
final class PhaseCos {
    private PhaseCos() {
    }

    /** The bound on |computed - cos x| for 0 &lt;= x &lt;= 2^26 (section 15). */
    static final double ERROR = 0x1p-45;
    /** The largest phase reduced; above it the bounds are -1 and 1. */
    static final double LIMIT = 0x1p26;

    /** Math.PI/2 to its leading 27 significant bits: k * P1 is exact for k &lt; 2^26. */
    private static final double P1 = Double.longBitsToDouble(Double.doubleToRawLongBits(Math.PI / 2) & ~((1L << 26) - 1));
    /** Math.PI/2 - P1, exact (its trailing 26 bits): k * P2 is exact too. */
    private static final double P2 = Math.PI / 2 - P1;
    /** pi/2 - Math.PI/2, rounded to nearest. */
    private static final double P3 = 6.123233995736766e-17;
    private static final double TWO_OVER_PI = 0.6366197723675814;

    // 1/(2j)! and 1/(2j+1)!, each the double nearest to it
    private static final double C2 = 1.0 / 2;
    private static final double C4 = 1.0 / 24;
    private static final double C6 = 1.0 / 720;
    private static final double C8 = 1.0 / 40320;
    private static final double C10 = 1.0 / 3628800;
    private static final double C12 = 1.0 / 479001600;
    private static final double C14 = 1.0 / 87178291200L;
    private static final double C16 = 1.0 / 20922789888000L;
    private static final double S3 = 1.0 / 6;
    private static final double S5 = 1.0 / 120;
    private static final double S7 = 1.0 / 5040;
    private static final double S9 = 1.0 / 362880;
    private static final double S11 = 1.0 / 39916800;
    private static final double S13 = 1.0 / 6227020800L;
    private static final double S15 = 1.0 / 1307674368000L;

    /** A value within {@link #ERROR} of cos x, for 0 &lt;= x &lt;= {@link #LIMIT}. */
    static double approx(double x) {
        double k = Math.rint(x * TWO_OVER_PI);
        double r = ((x - k * P1) - k * P2) - k * P3;
        double s = r * r;
        int quadrant = (int) ((long) k & 3);
        if ((quadrant & 1) == 0) {
            double c = 1 - s * (C2 - s * (C4 - s * (C6 - s * (C8 - s * (C10 - s * (C12 - s * (C14 - s * C16)))))));
            return quadrant == 0 ? c : -c;
        }
        double sin = r * (1 - s * (S3 - s * (S5 - s * (S7 - s * (S9 - s * (S11 - s * (S13 - s * S15)))))));
        return quadrant == 1 ? -sin : sin;
    }

    /** A lower bound on cos x for x &gt;= 0 (-1 above {@link #LIMIT}). */
    static double down(double x) {
        return x <= LIMIT ? Math.max(-1, approx(x) - ERROR) : -1;
    }

    /** An upper bound on cos x for x &gt;= 0 (1 above {@link #LIMIT}). */
    static double up(double x) {
        return x <= LIMIT ? Math.min(1, approx(x) + ERROR) : 1;
    }
}
