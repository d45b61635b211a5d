package org.ropebounds.rope;

/**
 * The positions T(p) = {@link RopeEmulator#positionInPhaseValue}(p) of a run of consecutive p, computed once per run of
 * equal values rather than once per position: beyond the exact positions a rounded position repeats for a whole spacing
 * (2^13 positions at a time for bf16 near 2^20), and the scans' windows compute it two roundings at a time.
 *
 * <p>Why it is exact (proofs/collision-horizons.md, section 6): T is non-decreasing in p wherever it is not NaN, and the
 * positions where it is NaN (an overflow in a format without infinity) are all those above some p. So T(p) = T(q) = v
 * with p &lt; q and v not NaN gives T(r) = v for every p &lt;= r &lt;= q. A run is extended by probing T at its far end
 * only: steps double while the probe equals v and halve when it does not, and a run ends when the next position
 * differs. A NaN never equals itself, so NaN positions are computed one by one. Tested against
 * positionInPhaseValue at every position in PositionRunsTest.
 */
final class PositionRuns {
    /** Runs are probed where the coarser format's spacing at the position is at least 2^this (runs of about 8 or more). */
    private static final int MIN_SPACING_LOG = 3;

    private PositionRuns() {
    }

    /**
     * t[k] = rope.positionInPhaseValue(start + k) for from &lt;= k &lt; until (the entries of t outside are not touched).
     *
     * @param start p of index 0, with start + until - 1 a position the emulator accepts (0 &lt;= p &lt;= 2^62)
     * @throws ArrayIndexOutOfBoundsException unless 0 &lt;= from and until &lt;= t.length
     */
    static void fill(RopeEmulator rope, long start, double[] t, int from, int until) {
        long exact = rope.exactPositions();
        int precision = Math.min(rope.pipeline().position().precision(), rope.pipeline().phase().precision());
        int k = from;
        while (k < until) {
            long p = start + k;
            double v = rope.positionInPhaseValue(p);
            t[k++] = v;
            // T(p) = p in the exact range: no two positions there are equal; and where the coarser format's spacing at v is
            // under 2^MIN_SPACING_LOG, runs are too short for probing to cost less than computing (a choice of speed only)
            if (p < exact || Math.getExponent(v) - precision + 1 < MIN_SPACING_LOG) {
                continue;
            }
            int step = 1;
            while (k < until) {
                int m = Math.min(step, until - k);
                // T(p) = v = T(start + k + m - 1), so every position in between is v as well
                if (rope.positionInPhaseValue(start + k + m - 1) == v) {
                    java.util.Arrays.fill(t, k, k + m, v);
                    k += m;
                    step = m * 2;
                } else if (m == 1) {
                    break; // the next position starts a new run
                } else {
                    step = m / 2;
                }
            }
        }
    }
}
