package org.ropebounds.criteria;

import org.ropebounds.format.Rational;
import org.ropebounds.real.DoubleInterval;
import org.ropebounds.real.DoubleIntervalArithmetic;
import org.ropebounds.real.InsufficientPrecisionException;

/**
 * B_m(b) for m = 0, 1, 2, ... at one base by the rotation recurrence (cos, sin)((m+1) theta) = R(theta) (cos,
 * sin)(m theta), in doubles, with a proven bound on the distance to the exact value ({@code proofs/decay-bound.md}
 * section 3): the computed rotation R~ is within delta_i of R(theta_i) in the operator norm (delta_i from certified
 * enclosures of cos theta_i and sin theta_i), one step's rounding is at most gamma_i = 3u(1 + delta_i) times the
 * vector's length (u = 2^-53; no fused multiply-add), so after m steps the error of mode i is at most
 * (1 + x)^m - 1 &lt;= m x / (1 - m x) with x = delta_i + gamma_i + 2^-1070 (underflow); the sum over the modes adds
 * at most n^2 2^-52. Walks over at least 4096 distances use the block kernel of {@link DecayBlocks} instead (section 12:
 * the same values to within the same order of error, vectorised over the distances). Thread-safe: {@link #run}
 * allocates its own state; the block table is built once, on the first long walk.
 */
final class DecayWalk {
    private static final double U = 0x1p-53;
    /** Absolute rounding error of a step when a product underflows. */
    private static final double ETA = 0x1p-1070;
    /** Safety factor on the error bound, for the rounding of its own computation. */
    private static final double SLACK = 1 + 0x1p-40;

    private final int n;
    private final DoubleInterval[] theta;
    private final double[] cos;
    private final double[] sin;
    /** w_i = (i/n) theta~_i: the weights of the slope sum_i w_i sin(m theta_i). */
    private final double[] weight;
    /** Per-step error growth x: the largest over the modes. */
    private final double growth;
    private final double sumError;
    private final double weightSum;
    private final double p1;
    private final double p2;

    private DecayWalk(int n, DoubleInterval[] theta, double[] cos, double[] sin, double[] weight, double growth) {
        this.n = n;
        this.theta = theta.clone();
        this.cos = cos;
        this.sin = sin;
        this.weight = weight;
        this.growth = growth;
        this.sumError = (double) n * n * 0x1p-52;
        double ws = 0;
        double q1 = 0;
        double q2 = 0;
        for (int i = 1; i < n; i++) {
            double f = (double) i / n;
            ws += weight[i];
            q1 += f * weight[i];
            q2 += weight[i] * weight[i];
        }
        double up = 1 + 0x1p-36; // covers the roundings above and the weights' own relative error
        this.weightSum = ws * up;
        this.p1 = q1 * up;
        this.p2 = q2 * up;
    }

    /** The walk for the frequencies theta_i, i = 0..n-1, given by certified enclosures. */
    static DecayWalk of(DoubleInterval[] theta) {
        DoubleIntervalArithmetic a = DoubleIntervalArithmetic.INSTANCE;
        int n = theta.length;
        double[] c = new double[n];
        double[] s = new double[n];
        double[] w = new double[n];
        double x = 0;
        for (int i = 0; i < n; i++) {
            DoubleInterval t = theta[i];
            double mid = t.lo() + (t.hi() - t.lo()) / 2;
            c[i] = StrictMath.cos(mid);
            s[i] = StrictMath.sin(mid);
            w[i] = (double) i / n * mid;
            DoubleInterval ce = a.cos(t);
            DoubleInterval se = a.sin(t);
            double ec = Math.nextUp(Math.max(Math.abs(c[i] - ce.lo()), Math.abs(ce.hi() - c[i])));
            double es = Math.nextUp(Math.max(Math.abs(s[i] - se.lo()), Math.abs(se.hi() - s[i])));
            double delta = Math.nextUp(ec + es); // ||[[a,-b],[b,a]]|| = sqrt(a^2 + b^2) <= |a| + |b|
            double gamma = Math.nextUp(3 * U * Math.nextUp(1 + delta));
            x = Math.max(x, Math.nextUp(Math.nextUp(delta + gamma) + ETA));
        }
        return new DecayWalk(n, theta, c, s, w, x);
    }

    /** The certified frequencies theta_i = b^(-i/n) of a base b given as an enclosure. */
    static DoubleInterval[] thetas(DoubleInterval base, int n) {
        DoubleIntervalArithmetic a = DoubleIntervalArithmetic.INSTANCE;
        DoubleInterval[] exponent = EXPONENTS.computeIfAbsent(n, DecayWalk::exponents);
        DoubleInterval[] t = new DoubleInterval[n];
        t[0] = new DoubleInterval(1, 1);
        for (int i = 1; i < n; i++) {
            DoubleInterval q = exponent[i];
            if (base.isPoint() && q.isPoint() && 2 * i != n && base.lo() > 0) {
                // what DoubleIntervalArithmetic.pow gives for a point base and a non-integer point exponent other
                // than +-1/2 (its four corners coincide), with one pow instead of four
                double p = StrictMath.pow(base.lo(), q.lo());
                t[i] = new DoubleInterval(Math.max(0, Math.nextDown(Math.nextDown(p))), Math.nextUp(Math.nextUp(p)));
            } else {
                t[i] = a.pow(base, q);
            }
        }
        return t;
    }

    private static final java.util.concurrent.ConcurrentHashMap<Integer, DoubleInterval[]> EXPONENTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The enclosures of -i/n, i = 0..n-1. */
    private static DoubleInterval[] exponents(int n) {
        DoubleInterval[] q = new DoubleInterval[n];
        for (int i = 0; i < n; i++) {
            q[i] = DoubleIntervalArithmetic.INSTANCE.of(Rational.of(java.math.BigInteger.valueOf(-i), java.math.BigInteger.valueOf(n)));
        }
        return q;
    }

    /** What the walk reports at each m. */
    interface Visitor {
        /**
         * B_m lies in [value - error, value + error]; {@code slope} is sum_i w_i sin~(m theta_i), within
         * {@code slopeError} ({@link #slopeError(double)}) of sum_i (i/n) theta_i sin(m theta_i). Return false to
         * stop the walk.
         */
        boolean visit(long m, double value, double error, double slope, double slopeError);
    }

    /** What {@link #runBox} reports at each m: {@link Visitor}'s values and a lower bound over a box of bases. */
    interface BoxVisitor {
        /**
         * As {@link Visitor#visit}, and {@code boxLower} &lt;= B_m(b) for every base b in [z e^-T, z e^T] (z this walk's
         * base, T the box's half-width; {@code Double.NEGATIVE_INFINITY} when not proven). Return false to stop.
         */
        boolean visit(long m, double value, double error, double slope, double slopeError, double boxLower);
    }

    /**
     * The reach of each mode over the box of bases [z e^-T, z e^T]: kappa_i &gt;= theta_i(z) (e^((i/n) T) - 1), so that
     * |m theta_i(b) - m theta_i(z)| &lt;= m kappa_i on the box ({@code proofs/decay-bound.md} section 10), rounded up
     * with a margin of 2^-40 that also covers the rounding of m kappa_i. For 0 &lt;= T &lt;= 4.
     */
    double[] boxReach(double halfWidth) {
        if (!(halfWidth >= 0 && halfWidth <= 4)) {
            throw new IllegalArgumentException("box half-width " + halfWidth + " is not in [0, 4]");
        }
        double[] kappa = new double[n];
        for (int i = 1; i < n; i++) {
            double arg = Math.nextUp((double) i / n * halfWidth * (1 + 0x1p-50));
            kappa[i] = Math.nextUp(theta[i].hi() * Math.nextUp(Math.expm1(arg)) * (1 + 0x1p-40));
        }
        return kappa;
    }

    /**
     * {@link #run(long, Visitor)} from m = 1 that also bounds B_m from below over the box of bases whose reach
     * {@link #boxReach} gave: per mode max(-1, cos~ - D |sin~| - D^2/2) with D = m kappa_i, summed, less the modes'
     * and the summation's errors ({@code proofs/decay-bound.md} section 10). With {@code kappa} null there is no box
     * and {@code boxLower} is -infinity.
     *
     * @throws InsufficientPrecisionException as {@link #run(long, long, Visitor)}
     */
    void runBox(long maxDistance, double[] kappa, BoxVisitor visitor) {
        walk(1, maxDistance, kappa, visitor);
    }

    /**
     * Visits m = 1, 2, ..., maxDistance in order (B_0 = n is exact and not visited) until the visitor stops.
     *
     * @throws InsufficientPrecisionException if the error bound would pass its range of validity (m x &gt;= 1/2)
     */
    void run(long maxDistance, Visitor visitor) {
        run(1, maxDistance, visitor);
    }

    /**
     * Visits m = first, first + 1, ..., last in order until the visitor stops (1 &lt;= first). For first &gt; 1 the
     * walk starts from interval enclosures of (cos, sin)(first theta_i), within E_0 of the exact values, and after
     * k more steps each mode is within (E_0 + k x)/(1 - k x) ({@code proofs/decay-bound.md} section 8); for first =
     * 1 it starts from (1, 0) exactly (E_0 = 0, k = m).
     *
     * @throws InsufficientPrecisionException if the error bound would pass its range of validity (k x &gt;= 1/2)
     */
    void run(long first, long last, Visitor visitor) {
        walk(first, last, null, (m, v, e, slope, se, box) -> visitor.visit(m, v, e, slope, se));
    }

    /** What {@link #runChunks} reports: a chunk of consecutive distances at once, every bound already rounded outward. */
    interface ChunkVisitor {
        /**
         * For m = m0 + k, 0 &lt;= k &lt; len: B_m in [lo[k], hi[k]], sum_i (i/n) theta_i sin(m theta_i) in
         * [slopeLo[k], slopeHi[k]], and boxLo[k] &lt;= B_m(b) over the box of {@link BoxVisitor} (-infinity when not
         * proven; boxLo is null without a box). The arrays are reused: read them before returning. Return false to
         * stop the walk.
         */
        boolean visit(long m0, int len, double[] lo, double[] hi, double[] slopeLo, double[] slopeHi, double[] boxLo);
    }

    /**
     * {@link #runBox} with the bounds of a chunk of distances (up to 2048) handed over at once: the same
     * enclosures, each end rounded outward by {@link DecayExtents#down}/{@link DecayExtents#up} instead of one ulp
     * (at least as far: {@code proofs/decay-bound.md} section 13), in loops the JIT can vectorise.
     *
     * @throws InsufficientPrecisionException as {@link #run(long, long, Visitor)}
     */
    void runChunks(long maxDistance, double[] kappa, ChunkVisitor visitor) {
        double[] lo = new double[CHUNK];
        double[] hi = new double[CHUNK];
        double[] sLo = new double[CHUNK];
        double[] sHi = new double[CHUNK];
        double[] boxLo = kappa == null ? null : new double[CHUNK];
        compute(1, maxDistance, kappa, (m0, len, sum, slope, box, me) -> {
            for (int k = 0; k < len; k++) {
                double e = errorFrom(me[k]);
                double se = slopeError(me[k]);
                lo[k] = DecayExtents.down(sum[k] - e);
                hi[k] = DecayExtents.up(sum[k] + e);
                sLo[k] = DecayExtents.down(slope[k] - se);
                sHi[k] = DecayExtents.up(slope[k] + se);
            }
            if (kappa != null) {
                for (int k = 0; k < len; k++) {
                    double loss = (n * (3.01 * me[k] + 0x1p-46) + sumError) * SLACK;
                    boxLo[k] = me[k] <= 0x1p-20 ? DecayExtents.down(DecayExtents.down(box[k]) - loss) : Double.NEGATIVE_INFINITY;
                }
            }
            return visitor.visit(m0, len, lo, hi, sLo, sHi, boxLo);
        });
    }

    /** A chunk of the walk as computed: per m = m0 + k, the sums of cos~, of w_i sin~, of the box terms, and E_m. */
    private interface Raw {
        boolean chunk(long m0, int len, double[] sum, double[] slope, double[] box, double[] modeError);
    }

    private void walk(long first, long last, double[] kappa, BoxVisitor visitor) {
        compute(first, last, kappa, (m0, len, sum, slope, box, me) -> {
            for (int k = 0; k < len; k++) {
                double lower = kappa == null ? Double.NEGATIVE_INFINITY : boxLower(box[k], me[k]);
                if (!visitor.visit(m0 + k, sum[k], errorFrom(me[k]), slope[k], slopeError(me[k]), lower)) {
                    return false;
                }
            }
            return true;
        });
    }

    private void compute(long first, long last, double[] kappa, Raw raw) {
        long steps = last - first + 1;
        if (steps * growth >= 0.5) {
            throw new InsufficientPrecisionException("the rotation recurrence's error bound does not reach m = " + last);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double e0 = 0;
        long offset = 0; // the step count k at m is m - offset
        if (first == 1) {
            java.util.Arrays.fill(x, 1);
        } else {
            DoubleIntervalArithmetic a = DoubleIntervalArithmetic.INSTANCE;
            DoubleInterval mm = new DoubleInterval(first - 1, first - 1);
            for (int i = 0; i < n; i++) {
                DoubleInterval phase = a.multiply(mm, theta[i]);
                DoubleInterval ce = a.cos(phase);
                DoubleInterval se = a.sin(phase);
                x[i] = ce.lo() + (ce.hi() - ce.lo()) / 2;
                y[i] = se.lo() + (se.hi() - se.lo()) / 2;
                double ec = Math.nextUp(Math.max(x[i] - ce.lo(), ce.hi() - x[i]));
                double es = Math.nextUp(Math.max(y[i] - se.lo(), se.hi() - y[i]));
                e0 = Math.max(e0, Math.nextUp(ec + es));
            }
            offset = first - 1;
        }
        int half = n / 2;
        boolean parallel = last - first + 1 >= PARALLEL_FROM && n >= 16 && PARALLEL;
        DecayBlocks blocks = steps >= BLOCKS_FROM ? blocks() : null;
        if (blocks != null && ((steps + DecayBlocks.K - 1) / DecayBlocks.K) * blocks.growth() >= 0.5) {
            throw new InsufficientPrecisionException("the block recurrence's error bound does not reach m = " + last);
        }
        // sums, slopes (and box bounds) of modes [0, half) and [half, n)
        double[][] part = new double[kappa == null ? 4 : 6][CHUNK];
        double[] lowerBox = kappa == null ? null : part[4];
        double[] upperBox = kappa == null ? null : part[5];
        double[] sum = new double[CHUNK];
        double[] slope = new double[CHUNK];
        double[] box = kappa == null ? null : new double[CHUNK];
        double[] me = new double[CHUNK];
        for (long m0 = first; m0 <= last; m0 += CHUNK) {
            int len = (int) Math.min(CHUNK, last - m0 + 1);
            long start = m0;
            if (blocks != null) {
                Runnable upper = () -> blocks.run(x, y, half, n, start - 1, len, weight, kappa, part[2], part[3], upperBox);
                Runnable lower = () -> blocks.run(x, y, 0, half, start - 1, len, weight, kappa, part[0], part[1], lowerBox);
                if (parallel) {
                    java.util.concurrent.ForkJoinTask<?> task = java.util.concurrent.ForkJoinTask.adapt(upper).fork();
                    lower.run();
                    task.join();
                } else {
                    lower.run();
                    upper.run();
                }
            } else if (kappa != null) {
                if (parallel) {
                    java.util.concurrent.ForkJoinTask<?> upper = java.util.concurrent.ForkJoinTask.adapt(
                            () -> rotateBox(x, y, half, n, start, len, kappa, part[2], part[3], upperBox)).fork();
                    rotateBox(x, y, 0, half, start, len, kappa, part[0], part[1], lowerBox);
                    upper.join();
                } else {
                    rotateBox(x, y, 0, half, start, len, kappa, part[0], part[1], lowerBox);
                    rotateBox(x, y, half, n, start, len, kappa, part[2], part[3], upperBox);
                }
            } else if (parallel) {
                java.util.concurrent.ForkJoinTask<?> upper = java.util.concurrent.ForkJoinTask.adapt(
                        () -> rotate(x, y, half, n, len, part[2], part[3])).fork();
                rotate(x, y, 0, half, len, part[0], part[1]);
                upper.join();
            } else {
                rotate(x, y, 0, half, len, part[0], part[1]);
                rotate(x, y, half, n, len, part[2], part[3]);
            }
            long block = -1;
            double blockError = Double.NaN;
            for (int k = 0; k < len; k++) {
                long m = m0 + k;
                if (blocks == null) {
                    me[k] = e0 == 0 ? modeError(m) : modeError(m - offset, e0);
                } else {
                    if ((m - first) / DecayBlocks.K != block) {
                        block = (m - first) / DecayBlocks.K;
                        blockError = blockError(block + 1, e0, blocks.growth());
                    }
                    me[k] = blockError;
                }
                sum[k] = part[0][k] + part[2][k];
                slope[k] = part[1][k] + part[3][k];
                if (kappa != null) {
                    box[k] = part[4][k] + part[5][k];
                }
            }
            if (!raw.chunk(m0, len, sum, slope, box, me)) {
                return;
            }
        }
    }

    /** Walks over at least this many distances use the block kernel ({@link DecayBlocks}). */
    private static final long BLOCKS_FROM = 4096;
    /** The block table, built on the first long walk (a benign race: every build gives the same table). */
    private volatile DecayBlocks blockTable;

    private DecayBlocks blocks() {
        DecayBlocks b = blockTable;
        if (b == null) {
            b = DecayBlocks.of(cos, sin, modeError(DecayBlocks.K));
            blockTable = b;
        }
        return b;
    }

    /**
     * The mode error of the entries of the block b - 1 (b &gt;= 1 blocks done): (F_0 + b x_B)/(1 - b x_B), widened
     * for its own rounding (section 12).
     */
    private static double blockError(long b, double e0, double blockGrowth) {
        double bx = b * blockGrowth * SLACK;
        return (e0 + bx) / (1 - bx) * SLACK;
    }

    /**
     * The proven lower bound over the box from the computed sum of max(-1, g_i): less n (3.01 E + 2^-46) for the
     * modes' errors and the per-mode rounding, and n^2 2^-52 for the summation (section 10); -infinity when
     * E &gt; 2^-20 (outside the lemma's range).
     */
    private double boxLower(double sum, double modeError) {
        if (!(modeError <= 0x1p-20)) {
            return Double.NEGATIVE_INFINITY;
        }
        double loss = (n * (3.01 * modeError + 0x1p-46) + sumError) * SLACK;
        return Math.nextDown(Math.nextDown(sum) - loss);
    }

    /** One step of the recurrence for the modes [from, to): (x, y) multiplied by the computed rotation R~(theta~_i). */
    private void turn(double[] x, double[] y, int from, int to) {
        double[] c = cos;
        double[] s = sin;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double yi = y[i];
            x[i] = c[i] * xi - s[i] * yi;
            y[i] = s[i] * xi + c[i] * yi;
        }
    }

    /**
     * {@link #rotate} that also stores, after the step to m = start + k, the sum over its modes of
     * max(-1, x_i - D_i |y_i| - D_i^2/2), D_i = m kappa_i, in boxes[k] (section 10 of the proof).
     */
    private void rotateBox(double[] x, double[] y, int from, int to, long start, int len, double[] kappa, double[] sums,
            double[] slopes, double[] boxes) {
        double[] w = weight;
        double[] bound = new double[to];
        for (int k = 0; k < len; k++) {
            turn(x, y, from, to);
            double m = start + k;
            for (int i = from; i < to; i++) {
                double reach = m * kappa[i];
                bound[i] = Math.max(-1, x[i] - (reach * Math.abs(y[i]) + reach * reach * 0.5));
            }
            double sum = 0;
            double slope = 0;
            double box = 0;
            for (int i = from; i < to; i++) {
                sum += x[i];
                slope += w[i] * y[i];
                box += bound[i];
            }
            sums[k] = sum;
            slopes[k] = slope;
            boxes[k] = box;
        }
    }

    /** Distances per block of the walk: the two halves of the modes are rotated through a block independently. */
    static final int CHUNK = 2048;
    /** Walks over at least this many distances rotate the upper half of the modes in a second thread. */
    private static final long PARALLEL_FROM = 1L << 13;
    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1;

    /**
     * Rotates the modes [from, to) through {@code len} steps, storing after step k the sum of their cosines in
     * sums[k] and of w_i times their sines in slopes[k] (each summed in mode order).
     */
    private void rotate(double[] x, double[] y, int from, int to, int len, double[] sums, double[] slopes) {
        double[] w = weight;
        for (int k = 0; k < len; k++) {
            // two loops: the rotation has no loop-carried dependence, so the JIT can vectorise it
            turn(x, y, from, to);
            double sum = 0;
            double slope = 0;
            for (int i = from; i < to; i++) {
                sum += x[i];
                slope += w[i] * y[i];
            }
            sums[k] = sum;
            slopes[k] = slope;
        }
    }

    /** The mode error after k steps from a start within e0: (e0 + k x)/(1 - k x), widened for its own rounding. */
    double modeError(long k, double e0) {
        double kx = k * growth * SLACK;
        return (e0 + kx) / (1 - kx) * SLACK;
    }

    /** A bound on |cos~ - cos| and |sin~ - sin| of each mode after m steps: (1 + x)^m - 1 &lt;= m x / (1 - m x). */
    double modeError(long m) {
        double mx = m * growth * SLACK;
        return mx / (1 - mx) * SLACK;
    }

    /**
     * A bound on the slope's error given the modes' error E_m ({@link #modeError}): sum_i w_i (E_m + 2^-38), covering the modes' errors, the
     * weights' (relative below 2^-40 from the enclosures of theta_i) and the summation's (n u &lt; 2^-40).
     */
    double slopeError(double modeError) {
        return weightSum * (modeError + 0x1p-38) * SLACK;
    }

    /** Upper bounds on W = sum_i (i/n) theta_i, P1 = sum_i (i/n)^2 theta_i and P2 = sum_i (i/n)^2 theta_i^2. */
    double weightSum() {
        return weightSum;
    }

    double p1() {
        return p1;
    }

    double p2() {
        return p2;
    }

    /** The proven bound on |B~_m - B_m| after m steps. */
    double error(long m) {
        return errorFrom(modeError(m));
    }

    private double errorFrom(double modeError) {
        return (n * modeError + sumError) * SLACK;
    }

    int modes() {
        return n;
    }
}
