package org.ropebounds.crosscheck;

/**
 * The check of a C-order fp32 chunk against the exact values alone, from the rotation walk: {@link Crosscheck}'s fastest
 * loop, kept apart so that it compiles on its own (proofs/crosscheck-rotation.md, sections 1 to 6).
 */
final class WalkedChunk {
    private WalkedChunk() {
    }

    /**
     * Checks entries [start, start + n) of a C-order fp32 array of {@code columns} columns against the exact values, row by
     * row from the rotation walk (where it decides none, {@code fallback}): the same counts, entry by entry, as the general
     * loop. The distances and the tally's counts in one loop (without a branch per entry where the walk decided the whole
     * row and the columns are the modes), then the offers to the kept worst entries of only the rows whose maxima allow
     * them, their distances computed again there ({@link UlpTally#offerWorstRow}; proofs/crosscheck-rotation.md section 6).
     * {@code ulps}, when not null, receives the distances. The entries are fp32 values as they are stored: their distances
     * come from their bits (section 7), and widening them to doubles on the reading thread is not needed.
     *
     * <p>A chunk may hold NaN entries (its reader may leave their refusal to after the check, section 8): nothing here
     * throws for them, but the tally and {@code ulps} are then meaningless, and the caller refuses the chunk.
     *
     * @return whether an entry of the chunk is NaN
     */
    static boolean check(float[] chunk, long start, int n, int columns, Layout layout, long first, ExpectedValues ev, UlpTally exact,
                         long[] ulps, RotationWalk walk, Crosscheck.Expected fallback, Scratch scratch) {
        int modes = ev.rope().modes();
        int[] modeOf = new int[columns];
        boolean columnIsMode = columns == modes;
        for (int c = 0; c < columns; c++) {
            modeOf[c] = layout.mode(c, modes);
            columnIsMode &= modeOf[c] == c;
        }
        double[] walked = scratch.walked(modes);
        float[] want = scratch.want(n);
        long row = start / columns;
        int firstColumn = (int) (start % columns);
        long[] rowMax = scratch.rowMax(n / columns + 2);
        int rows = 0;
        // the tally's counts in locals, in the same loop: fp32 distances are below 2^32 and a chunk below 2^31 entries,
        // so their sum fits a long and signed order is unsigned order
        long exactMatches = 0;
        long oneUlp = 0;
        long max = 0;
        double maxAbs = 0;
        long sum = 0;
        int col = firstColumn;
        int k = 0;
        int magnitudes = 0; // the largest |encoding| of the general loop's entries: above 0x7f800000 exactly when one is NaN
        while (k < n) {
            long p = first + row;
            int count = (int) Math.min(n - k, (long) (columns - col));
            long mx = 0;
            // a whole row whose columns are the modes: the walk's decision and the comparison in one loop (section 8)
            boolean wholeRow = columnIsMode && col == 0 && count == columns;
            boolean decided = false;
            if (wholeRow) {
                walk.advance(p);
                double[] x = walk.walkedValues();
                double[] margin = walk.margins();
                long rowExact = 0;
                long rowAtMostOne = 0;
                double rowAbs = maxAbs; // the chunk's maximum so far: a row rarely raises it, so its branch is predicted (section 10)
                long rowSum = 0;
                int undecided = 0;
                for (int i = 0; i < count; i++) {
                    float wf = (float) (x[i] - margin[i]); // decideFp32's two roundings and its test
                    int wb = Float.floatToRawIntBits(wf);
                    undecided |= wb ^ Float.floatToRawIntBits((float) (x[i] + margin[i]));
                    want[k + i] = wf;
                    float v = chunk[k + i];
                    int vb = Float.floatToRawIntBits(v); // a NaN entry shows in the distance (section 10)
                    long d = Crosscheck.fp32UlpDistance(vb, wb); // sections 7 and 12
                    if (ulps != null) {
                        ulps[k + i] = d;
                    }
                    rowExact += (d - 1) >>> 63; // d == 0 (0 <= d < 2^32), as arithmetic: a branch here is mispredicted
                    rowAtMostOne += (d - 2) >>> 63; // d <= 1: one operation fewer than d == 1 (section 12)
                    mx = Math.max(mx, d);
                    double abs = Math.abs((double) v - wf); // both widened exactly; 0 where d == 0: the same value, or zeros of either sign
                    rowAbs = abs > rowAbs ? abs : rowAbs;
                    rowSum += d;
                }
                decided = undecided == 0;
                if (decided) {
                    exactMatches += rowExact;
                    oneUlp += rowAtMostOne - rowExact;
                    maxAbs = rowAbs;
                    sum += rowSum;
                } else { // the row again, from decideFp32's wants (NaN where undecided): nothing of the loop above is kept
                    walk.decideFp32(want, k);
                    mx = 0;
                }
            } else { // a row split by the chunk's ends, or columns that are not the modes: the general loop, which takes
                walk.row(p, walked); // the walk's values where they are not NaN
            }
            if (!decided) {
                double rowAbs = 0; // the row's own maximum, folded in after it: a row's first difference always raises it
                for (int j = 0; j < count; j++) {
                    int mode = modeOf[col + j];
                    double w = wholeRow ? want[k + j] : walked[mode]; // the walk's value (a float widened exactly) or NaN
                    if (Double.isNaN(w)) {
                        w = fallback.get(row, mode, p, ev, true, exact);
                    }
                    float v = chunk[k + j];
                    magnitudes = Math.max(magnitudes, Float.floatToRawIntBits(v) & 0x7fffffff);
                    float wf = (float) w; // an fp32 value (RN_F of the exact value): exact
                    long d = Crosscheck.fp32UlpDistance(v, wf);
                    want[k + j] = wf;
                    if (ulps != null) {
                        ulps[k + j] = d;
                    }
                    exactMatches += (d - 1) >>> 63;
                    oneUlp += ((d ^ 1) - 1) >>> 63;
                    mx = Math.max(mx, d);
                    double abs = Math.abs(v - w);
                    rowAbs = abs > rowAbs ? abs : rowAbs;
                    sum += d;
                }
                maxAbs = Math.max(maxAbs, rowAbs); // no branch: a row that raises the chunk's maximum is rare here
            }
            rowMax[rows++] = mx;
            max = Math.max(max, mx);
            k += count;
            row++;
            col = 0;
        }
        exact.addCounts(n, exactMatches, oneUlp, max, maxAbs, sum);
        if (exact.keepsWorst()) {
            long[] sorted = scratch.sortedMax(rows);
            System.arraycopy(rowMax, 0, sorted, 0, rows);
            long least = UlpTally.leastKept(sorted, rows, exact.keepWorst());
            long firstPosition = first + start / columns;
            int from = 0;
            for (int r = 0; r < rows; r++) {
                int c0 = r == 0 ? firstColumn : 0;
                int count = (int) Math.min(n - from, (long) (columns - c0));
                if (rowMax[r] != 0 && rowMax[r] >= least) { // fp32 distances: signed order is unsigned order
                    exact.offerWorstRow(start + from, firstPosition + r, c0, modeOf, chunk, from, want, count, least);
                }
                from += count;
            }
        }
        return magnitudes > 0x7f800000 || max > NAN_DISTANCE_BOUND && nanInRowsAbove(chunk, n, columns, firstColumn, rowMax, rows);
    }

    /**
     * Whether a row of the chunk whose maximum distance is above {@link #NAN_DISTANCE_BOUND} holds a NaN: rows
     * {@code [0, rows)}, the first from {@code firstColumn}, maxima in {@code rowMax} (section 11).
     */
    private static boolean nanInRowsAbove(float[] chunk, int n, int columns, int firstColumn, long[] rowMax, int rows) {
        int from = 0;
        for (int r = 0; r < rows; r++) {
            int to = from + Math.min(n - from, columns - (r == 0 ? firstColumn : 0));
            if (rowMax[r] > NAN_DISTANCE_BOUND && holdsNaN(chunk, from, to)) {
                return true;
            }
            from = to;
        }
        return false;
    }

    /**
     * A distance above which the fused loop's entry may be NaN: the least distance of a NaN's encoding from any fp32 value
     * in [-1, 1], where every cos and sin lies, is 0x7f800001 - 0x3f800000 = 0x40000001 (section 10).
     */
    static final long NAN_DISTANCE_BOUND = 0x40000000L;

    /** Whether one of {@code chunk[from, to)} is NaN. */
    private static boolean holdsNaN(float[] chunk, int from, int to) {
        for (int k = from; k < to; k++) {
            if (Float.isNaN(chunk[k])) {
                return true;
            }
        }
        return false;
    }

    /** A worker's arrays for {@link #check}, reused from chunk to chunk (allocating them per chunk kept the GC busy). */
    static final class Scratch {
        private double[] walked = new double[0];
        private float[] want = new float[0];
        private long[] rowMax = new long[0];
        private long[] sortedMax = new long[0];
        private float[] floats = new float[0];

        /** {@code chunk[0, n)}, fp32 values held as doubles, as the floats they are (exactly). */
        float[] narrowed(double[] chunk, int n) {
            if (floats.length < n) {
                floats = new float[n];
            }
            for (int k = 0; k < n; k++) {
                floats[k] = (float) chunk[k];
            }
            return floats;
        }

        double[] walked(int modes) {
            if (walked.length != modes) {
                walked = new double[modes];
            }
            return walked;
        }

        float[] want(int n) {
            if (want.length < n) {
                want = new float[n];
            }
            return want;
        }

        long[] sortedMax(int n) {
            if (sortedMax.length < n) {
                sortedMax = new long[n];
            }
            return sortedMax;
        }

        long[] rowMax(int n) {
            if (rowMax.length < n) {
                rowMax = new long[n];
            }
            return rowMax;
        }
    }
}
