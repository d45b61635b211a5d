package org.ropebounds.criteria;

/**
 * The block kernel of {@link DecayWalk} ({@code proofs/decay-bound.md} section 12): per mode a table of the computed
 * (cos, sin)(j theta_i) for j = 1..K, from the rotation recurrence itself (section 3: within E_j &lt;= j x/(1 - j x)
 * of the exact values), so that the distances s + 1, ..., s + K of a block are the block's start vector (cos,
 * sin)(s theta_i) rotated by the table's entries: each one multiply-add over arrays, vectorised over the distances,
 * with the sum over the modes kept in mode order per distance. The start of the next block is the entry at j = K.
 * After the block b (0-based) every entry is within (F_0 + (b + 1) x_B)/(1 - (b + 1) x_B) of the exact vector,
 * x_B = E_K + 3u(1 + E_K) + 2^-1070, F_0 the start's error. Immutable; thread-safe.
 */
final class DecayBlocks {
    /** Distances per block K: the table holds K entries per mode. */
    static final int K = 256;
    private static final double U = 0x1p-53;
    private static final double ETA = 0x1p-1070;

    private final int n;
    /** cos~ and sin~ of j theta_i at [i][j - 1], j = 1..K. */
    private final double[][] tableCos;
    private final double[][] tableSin;
    /** The per-block error growth x_B. */
    private final double growth;

    private DecayBlocks(int n, double[][] tableCos, double[][] tableSin, double growth) {
        this.n = n;
        this.tableCos = tableCos;
        this.tableSin = tableSin;
        this.growth = growth;
    }

    /**
     * The table for the computed rotations (c~_i, s~_i) of a walk whose single steps grow the error by at most
     * {@code stepGrowth} (x of section 3); {@code tableError} is that walk's bound after K steps, E_K.
     */
    static DecayBlocks of(double[] cos, double[] sin, double tableError) {
        int n = cos.length;
        double[][] tc = new double[n][K];
        double[][] ts = new double[n][K];
        for (int i = 0; i < n; i++) {
            double c = cos[i];
            double s = sin[i];
            double x = 1;
            double y = 0;
            for (int j = 0; j < K; j++) {
                // the step of DecayWalk.turn: the table's entries are the walk's own values
                double xn = c * x - s * y;
                double yn = s * x + c * y;
                x = xn;
                y = yn;
                tc[i][j] = x;
                ts[i][j] = y;
            }
        }
        double gamma = Math.nextUp(3 * U * Math.nextUp(1 + tableError));
        double growth = Math.nextUp(Math.nextUp(tableError + gamma) + ETA);
        return new DecayBlocks(n, tc, ts, growth);
    }

    /** x_B: the error growth of one block (section 12). */
    double growth() {
        return growth;
    }

    /**
     * The blocks of the modes [from, to) over the distances s + 1, ..., s + len (len &lt;= the sums' length, a
     * multiple of K unless it is the walk's last chunk): sums[k], slopes[k] (and boxes[k] when kappa is not null)
     * receive, for m = s + 1 + k, the sum in mode order of cos~, of w_i sin~ and of max(-1, cos~ - D|sin~| - D^2/2)
     * with D = m kappa_i. (vx, vy) hold the start vectors (cos, sin)(s theta_i) of these modes and are moved on to
     * each next block's start (the entry at j = K) after every full block.
     */
    void run(double[] vx, double[] vy, int from, int to, long s, int len, double[] weight, double[] kappa, double[] sums,
            double[] slopes, double[] boxes) {
        double[] md = kappa == null ? null : new double[K];
        double[] bs = new double[K];
        double[] bsl = new double[K];
        double[] bb = kappa == null ? null : new double[K];
        for (int b0 = 0; b0 < len; b0 += K) {
            int bl = Math.min(K, len - b0);
            java.util.Arrays.fill(bs, 0);
            java.util.Arrays.fill(bsl, 0);
            if (kappa != null) {
                java.util.Arrays.fill(bb, 0);
                for (int k = 0; k < K; k++) {
                    md[k] = s + b0 + k + 1; // exact: m < 2^53
                }
            }
            for (int i = from; i < to; i++) {
                double x = vx[i];
                double y = vy[i];
                double[] tc = tableCos[i];
                double[] ts = tableSin[i];
                if (kappa == null) {
                    column(tc, ts, x, y, weight[i], bs, bsl);
                } else {
                    columnBox(tc, ts, x, y, weight[i], kappa[i], md, bs, bsl, bb);
                }
                if (bl == K) {
                    vx[i] = tc[K - 1] * x - ts[K - 1] * y;
                    vy[i] = ts[K - 1] * x + tc[K - 1] * y;
                }
            }
            System.arraycopy(bs, 0, sums, b0, bl);
            System.arraycopy(bsl, 0, slopes, b0, bl);
            if (kappa != null) {
                System.arraycopy(bb, 0, boxes, b0, bl);
            }
        }
    }

    /**
     * One mode's block over all K entries (entries past a last partial block are computed and dropped): no
     * loop-carried dependence over k and one index for every array, so the JIT can vectorise it.
     */
    private static void column(double[] tc, double[] ts, double x, double y, double w, double[] sums, double[] slopes) {
        for (int k = 0; k < K; k++) {
            double cv = tc[k] * x - ts[k] * y;
            double sv = ts[k] * x + tc[k] * y;
            sums[k] += cv;
            slopes[k] += w * sv;
        }
    }

    private static void columnBox(double[] tc, double[] ts, double x, double y, double w, double kappa, double[] md, double[] sums,
            double[] slopes, double[] boxes) {
        for (int k = 0; k < K; k++) {
            double cv = tc[k] * x - ts[k] * y;
            double sv = ts[k] * x + tc[k] * y;
            sums[k] += cv;
            slopes[k] += w * sv;
            double reach = md[k] * kappa;
            boxes[k] += Math.max(-1, cv - (reach * Math.abs(sv) + reach * reach * 0.5));
        }
    }

    int modes() {
        return n;
    }
}
