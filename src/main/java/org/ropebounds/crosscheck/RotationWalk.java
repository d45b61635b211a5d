package org.ropebounds.crosscheck;

import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;

/**
 * The exact cos or sin of p theta_i correctly rounded to the array's format, for every mode of one row at a time and
 * consecutive positions, without a cosine per entry: (cos, sin)((p + 1) theta) is the rotation by theta of
 * (cos, sin)(p theta), four products and two sums in doubles, restarted every {@value #BLOCK} positions from values with
 * the double filter's proven bounds. A value is given only when the walk's proven error bound, plus twice the margin
 * {@link ExpectedValues#exactFast} would use, leaves its rounding decided: then it is RN_F of the exact value, and the
 * filter would have decided the same entry, so what is counted as decided by certified arithmetic does not change.
 * Elsewhere the row holds NaN and the caller asks {@link ExpectedValues} ({@code proofs/crosscheck-rotation.md}).
 * Not thread-safe: one per worker, {@link #reset} at each chunk.
 */
final class RotationWalk {
    /** Positions per restart: the bound grows linearly in them, about 2^-42 after 256 steps against fp32's 2^-25 at 1/2. */
    static final int BLOCK = 256;
    private static final double U = 0x1p-53;
    private static final double SLACK = 1 + 0x1p-40; // covers the roundings in computing a bound (a few, each at most 2^-53 relative)

    private final ExpectedValues ev;
    private final int modes;
    private final boolean sine;
    private final boolean fp32;
    private final FormatDoubles file;
    private final boolean[] walks; // per mode: whether theta_i allows the walk
    private final double[] stepCos; // cos theta_i and sin theta_i as doubles, and delta_i >= |stepCos - cos| + |stepSin - sin|
    private final double[] stepSin;
    private final double[] stepGrowth; // x_i = delta_i + 3u(1 + delta_i) + 2^-1070, rounded up
    private final double[] cos; // (cos, sin)(p theta_i) as walked
    private final double[] sin;
    private final double[] accept; // per mode, this block: the margin that decides a value (+inf: the walk gives none)
    private final double[] walkBound; // per mode, this block: the bound on |walked - exact| (section 1 of the proof; +inf: none)
    private final double[] scratch = new double[4];
    private long nextPosition = -1; // the position the state is one step before; -1 before the first row
    private int leftInBlock;

    /** @param ev the expected values of an array that {@link ExpectedValues#walks()} */
    RotationWalk(ExpectedValues ev) {
        if (!ev.walks()) {
            throw new IllegalArgumentException("the walk gives cos and sin in formats narrower than fp64, without an attention factor");
        }
        this.ev = ev;
        this.modes = ev.rope().modes();
        this.sine = ev.quantity() == Quantity.SIN;
        this.file = ev.fileValues();
        this.fp32 = file.format().equals(Format.FP32);
        walks = new boolean[modes];
        stepCos = new double[modes];
        stepSin = new double[modes];
        stepGrowth = new double[modes];
        cos = new double[modes];
        sin = new double[modes];
        accept = new double[modes];
        walkBound = new double[modes];
        for (int i = 0; i < modes; i++) {
            walks[i] = ev.walks(i) && ev.cosSinAt(i, 1, scratch);
            if (walks[i]) {
                stepCos[i] = scratch[0];
                stepSin[i] = scratch[2];
                // [[a, -b], [b, a]] has operator norm sqrt(a^2 + b^2) <= |a| + |b|
                double delta = (scratch[1] + scratch[3]) * SLACK;
                stepGrowth[i] = (delta + 3 * U * (1 + delta) + 0x1p-1070) * SLACK;
            }
        }
    }

    /**
     * Fills {@code want[i]} (one per mode) with the exact value of mode i at position {@code p} correctly rounded to the
     * file's format, or NaN where the walk does not decide it. Fastest for consecutive positions.
     *
     * @return true when no entry of {@code want} is NaN (the walk decided every mode)
     */
    boolean row(long p, double[] want) {
        advance(p);
        double[] main = walkedValues();
        int undecided = 0;
        if (fp32) {
            for (int i = 0; i < modes; i++) { // decideFp32 without its nextDown/nextUp: accept carries their 2^-51 (see restart)
                double v = main[i];
                float lo = (float) (v - accept[i]);
                float hi = (float) (v + accept[i]);
                boolean same = Float.floatToRawIntBits(lo) == Float.floatToRawIntBits(hi);
                want[i] = same ? lo : Double.NaN;
                undecided += same ? 0 : 1;
            }
        } else {
            for (int i = 0; i < modes; i++) {
                want[i] = ExpectedValues.decide(main[i], accept[i], file);
                undecided += Double.isNaN(want[i]) ? 1 : 0;
            }
        }
        return undecided == 0;
    }

    /**
     * {@link #row} for an fp32 file at the current position, without moving, into floats: {@code want[offset + i]} is what
     * {@link #row} gives for mode i, as the fp32 value it is (RN_F of the exact value), or NaN where undecided; true when
     * none is NaN.
     *
     * @throws IllegalStateException when the file's format is not fp32
     */
    boolean decideFp32(float[] want, int offset) {
        if (!fp32) {
            throw new IllegalStateException("the walk gives floats for fp32 files only, not " + file.format().name());
        }
        double[] main = sine ? sin : cos;
        int undecided = 0;
        for (int i = 0; i < modes; i++) { // as in row: the same two roundings, the same test
            double v = main[i];
            float lo = (float) (v - accept[i]);
            float hi = (float) (v + accept[i]);
            boolean same = Float.floatToRawIntBits(lo) == Float.floatToRawIntBits(hi);
            want[offset + i] = same ? lo : Float.NaN;
            undecided += same ? 0 : 1;
        }
        return undecided == 0;
    }

    /**
     * Moves to position p (a step, or a restart at a new block), as {@link #row} does before deciding: then mode i's value
     * is decided, to RN_F of the exact value {@code (float) (walkedValues()[i] - margins()[i])}, exactly when that and
     * {@code (float) (walkedValues()[i] + margins()[i])} are the same float (an fp32 file; {@link #decideFp32}'s test).
     */
    void advance(long p) {
        // the end of a block first: it holds at every chunk's first row too (reset), so the other test, which a file of
        // consecutive rows never finds true there, is not a branch the compiled loop has to leave for (issue 17)
        if (leftInBlock == 0 || p != nextPosition) {
            restart(p);
        } else {
            for (int i = 0; i < modes; i++) { // no fused multiply-add: Java does not contract, as the bound assumes
                double c = cos[i];
                double s = sin[i];
                cos[i] = stepCos[i] * c - stepSin[i] * s;
                sin[i] = stepSin[i] * c + stepCos[i] * s;
            }
        }
        nextPosition = p + 1;
        leftInBlock--;
    }

    /** The walked cos (or sin) of every mode at the current position: this walk's own array, to be read only. */
    double[] walkedValues() {
        return sine ? sin : cos;
    }

    /** The margins that decide the current block's values for an fp32 file (+inf: none): this walk's own array, to be read only. */
    double[] margins() {
        return accept;
    }

    /** Forgets the position: the next row starts a block, as in a new walk (a worker's walk reused from chunk to chunk). */
    void reset() {
        nextPosition = -1;
        leftInBlock = 0;
    }

    /** The walked cos (or sin) of mode i at the last row's position, before rounding to the file's format (for tests). */
    double walked(int i) {
        return sine ? sin[i] : cos[i];
    }

    /** The proven bound on |{@link #walked}(i) - the exact value| in the current block; +inf where the walk does not run. */
    double walkBound(int i) {
        return walkBound[i];
    }

    /** Starts a block at position p: each mode from the filter's cos and sin there, and its margin for the block. */
    private void restart(long p) {
        leftInBlock = BLOCK;
        long last = p + (BLOCK - 1) < 0 ? Long.MAX_VALUE : p + (BLOCK - 1);
        for (int i = 0; i < modes; i++) {
            accept[i] = Double.POSITIVE_INFINITY;
            walkBound[i] = Double.POSITIVE_INFINITY;
            if (!walks[i] || last >= 1L << 53 || !ev.cosSinAt(i, p, scratch)) {
                cos[i] = 0;
                sin[i] = 0;
                continue;
            }
            cos[i] = scratch[0];
            sin[i] = scratch[2];
            double start = (scratch[1] + scratch[3]) * SLACK; // the start vector's Euclidean error
            double y = (BLOCK - 1) * stepGrowth[i] * SLACK; // k x for the block's last step k = BLOCK - 1
            if (!(y <= 0.5)) {
                continue;
            }
            double walked = (y / (1 - y) * (1 + start) + start) * SLACK; // E_k <= ((1 + x)^k - 1)(1 + E_0) + E_0
            walkBound[i] = walked;
            double filter = ev.filterMarginBound(i, last);
            // + 2^-51: v -+ accept are rounded (by at most 2^-52 while |v -+ accept| < 4; past that no value is decided)
            accept[i] = (walked + 2 * (filter + 0x1p-50) + 0x1p-51) * SLACK;
        }
    }
}
