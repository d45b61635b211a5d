package org.ropebounds.crosscheck;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.ropebounds.format.FormatDoubles;

/**
 * Counts of ulp distances between entries and the values they should have, accumulated entry by entry
 * and merged across threads. Not thread-safe; its summary is immutable.
 */
final class UlpTally {
    private final FormatDoubles values;
    private final int keepWorst;
    // a binary heap of the worst entries seen, the least severe at slot 0, as arrays (no allocation per entry)
    private final long[] hIndex;
    private final long[] hPosition;
    private final int[] hMode;
    private final double[] hGot;
    private final double[] hWant;
    private final long[] hUlps;
    private int kept;
    private long entries;
    private long exactMatches;
    private long oneUlp;
    private long maxUlps; // unsigned
    private double maxAbsError; // RN(|got - want|) is monotone in the exact difference, so its max is RN(the max)
    private long sumLow; // unsigned 128-bit sum: sumHigh * 2^64 + sumLow
    private long sumHigh;
    private long decidedExactly; // entries the double filter left to the certified path

    /** An entry off by {@code ulps} (unsigned), as the hot loop sees it: doubles, and position -1 for none. */
    private record Entry(long index, long position, int mode, double got, double want, long ulps) {
        /** Worse first: more ulps, then the earlier index. */
        static int compareSeverity(Entry a, Entry b) {
            int c = Long.compareUnsigned(b.ulps, a.ulps);
            return c != 0 ? c : Long.compare(a.index, b.index);
        }

        /** Whether an entry at {@code index} off by {@code ulps} is worse than one at {@code thanIndex} off by {@code thanUlps} (compareSeverity < 0). */
        static boolean worse(long ulps, long index, long thanUlps, long thanIndex) {
            int c = Long.compareUnsigned(thanUlps, ulps);
            return c != 0 ? c < 0 : index < thanIndex;
        }
    }

    /**
     * @param values the format of the entries
     * @param keepWorst how many of the worst entries to keep (>= 0)
     */
    UlpTally(FormatDoubles values, int keepWorst) {
        this.values = values;
        this.keepWorst = keepWorst;
        this.hIndex = new long[keepWorst];
        this.hPosition = new long[keepWorst];
        this.hMode = new int[keepWorst];
        this.hGot = new double[keepWorst];
        this.hWant = new double[keepWorst];
        this.hUlps = new long[keepWorst];
    }

    /**
     * Counts one entry.
     *
     * @param position the position, or -1 for none (inv_freq)
     * @param ulps the distance from got to want (unsigned)
     */
    void add(long index, long position, int mode, double got, double want, long ulps) {
        entries++;
        if (ulps == 0) {
            exactMatches++;
            return;
        }
        if (ulps == 1) {
            oneUlp++;
        }
        if (Long.compareUnsigned(ulps, maxUlps) > 0) {
            maxUlps = ulps;
        }
        double abs = Math.abs(got - want);
        if (abs > maxAbsError) {
            maxAbsError = abs;
        }
        long s = sumLow + ulps;
        if (Long.compareUnsigned(s, sumLow) < 0) {
            sumHigh++;
        }
        sumLow = s;
        // the test against the least severe kept entry stays here, in the hot loop; offer runs for entries that enter
        if (keepWorst > 0 && (kept < keepWorst || Entry.worse(ulps, index, hUlps[0], hIndex[0]))) {
            offer(index, position, mode, got, want, ulps);
        }
    }

    /** Keeps the entry if it is among the keepWorst worst seen (keepWorst > 0). */
    private void offer(long index, long position, int mode, double got, double want, long ulps) {
        int k;
        if (kept < keepWorst) { // a new leaf, moved up past parents that are worse
            k = kept++;
            while (k > 0 && slotWorse((k - 1) / 2, ulps, index)) {
                move((k - 1) / 2, k);
                k = (k - 1) / 2;
            }
        } else if (Entry.worse(ulps, index, hUlps[0], hIndex[0])) { // replaces the least severe, moved down past less severe children
            k = 0;
            while (true) {
                int child = 2 * k + 1;
                if (child >= kept) {
                    break;
                }
                if (child + 1 < kept && Entry.worse(hUlps[child], hIndex[child], hUlps[child + 1], hIndex[child + 1])) {
                    child++; // the less severe child
                }
                if (!Entry.worse(ulps, index, hUlps[child], hIndex[child])) {
                    break;
                }
                move(child, k);
                k = child;
            }
        } else {
            return;
        }
        hIndex[k] = index;
        hPosition[k] = position;
        hMode[k] = mode;
        hGot[k] = got;
        hWant[k] = want;
        hUlps[k] = ulps;
    }

    /** Whether the entry in the heap's slot {@code k} is worse than one at {@code index} off by {@code ulps}. */
    private boolean slotWorse(int k, long ulps, long index) {
        return Entry.worse(hUlps[k], hIndex[k], ulps, index);
    }

    private void move(int from, int to) {
        hIndex[to] = hIndex[from];
        hPosition[to] = hPosition[from];
        hMode[to] = hMode[from];
        hGot[to] = hGot[from];
        hWant[to] = hWant[from];
        hUlps[to] = hUlps[from];
    }

    /**
     * {@link #add} for {@code count} entries of one row in order: entry j is {@code got[from + j]}, at index
     * {@code firstIndex + j} and column {@code firstColumn + j} (mode {@code modeOf[column]}), expected {@code want[j]},
     * {@code distance[j]} ulps away. One loop over the row with the running counts in locals.
     */
    void addRow(long firstIndex, long position, int[] modeOf, int firstColumn, double[] got, int from, double[] want, long[] distance,
                int count) {
        long exact = 0;
        long one = 0;
        long max = maxUlps;
        double maxAbs = maxAbsError;
        long low = sumLow;
        long high = sumHigh;
        for (int j = 0; j < count; j++) { // without a branch on d == 0 (a quarter of a typical cache): an exact match adds nothing below
            long d = distance[j];
            exact += d == 0 ? 1 : 0;
            one += d == 1 ? 1 : 0;
            max = Long.compareUnsigned(d, max) > 0 ? d : max;
            double abs = d == 0 ? 0 : Math.abs(got[from + j] - want[j]);
            maxAbs = abs > maxAbs ? abs : maxAbs;
            long s = low + d;
            high += Long.compareUnsigned(s, low) < 0 ? 1 : 0;
            low = s;
            if (d != 0 && keepWorst > 0 && (kept < keepWorst || Entry.worse(d, firstIndex + j, hUlps[0], hIndex[0]))) {
                offer(firstIndex + j, position, modeOf[firstColumn + j], got[from + j], want[j], d);
            }
        }
        entries += count;
        exactMatches += exact;
        oneUlp += one;
        maxUlps = max;
        maxAbsError = maxAbs;
        sumLow = low;
        sumHigh = high;
    }

    /**
     * Adds the counts a caller took in its own loop over {@code n} entries, as {@link #add} would have taken them: the
     * entries at distance 0 and 1, the largest distance (unsigned), the largest |got - want| and the sum of the distances
     * (unsigned, at most 2^64 - 1). The kept worst entries are {@link #offerWorst}'s.
     */
    void addCounts(long n, long exact, long one, long max, double maxAbs, long sum) {
        entries += n;
        exactMatches += exact;
        oneUlp += one;
        if (Long.compareUnsigned(max, maxUlps) > 0) {
            maxUlps = max;
        }
        if (maxAbs > maxAbsError) {
            maxAbsError = maxAbs;
        }
        long s = sumLow + sum;
        sumHigh += Long.compareUnsigned(s, sumLow) < 0 ? 1 : 0;
        sumLow = s;
    }

    /** Whether this tally keeps any worst entries (keepWorst > 0). */
    boolean keepsWorst() {
        return keepWorst > 0;
    }

    /** How many of the worst entries this tally keeps. */
    int keepWorst() {
        return keepWorst;
    }

    /**
     * The kept-worst part of {@link #add} for {@code count} consecutive fp32 entries of one row of a C-order table whose
     * counts {@link #addCounts} took: entry j is {@code got[from + j]} at index {@code firstIndex + j}, column
     * {@code firstColumn + j} (mode {@code modeOf[firstColumn + j]}), expected {@code want[from + j]} (an fp32 value), its
     * distance {@link Crosscheck#fp32UlpDistance} computed here. Only entries at least {@code least} away are offered, in
     * order: {@code least} is T of proofs/crosscheck-rotation.md section 6 (the keepWorst-th largest of the maxima of
     * disjoint sets of the chunk's entries, 0 when there are fewer), below which {@link #add} would not keep an entry either.
     */
    void offerWorstRow(long firstIndex, long position, int firstColumn, int[] modeOf, float[] got, int from, float[] want, int count,
                       long least) {
        if (keepWorst == 0) {
            return;
        }
        for (int j = 0; j < count; j++) {
            float g = got[from + j];
            float w = want[from + j];
            long d = Crosscheck.fp32UlpDistance(g, w);
            if (d != 0 && d >= least && (kept < keepWorst || Entry.worse(d, firstIndex + j, hUlps[0], hIndex[0]))) {
                offer(firstIndex + j, position, modeOf[firstColumn + j], g, w, d);
            }
        }
    }

    /**
     * The keep-th largest of {@code max[0..groups)} (unsigned), 0 when groups < keep or keep == 0; reorders them. A
     * selection, not a sort: three-way partitions around the median of three, the side that holds the rank kept, and a
     * sort of what is left after 2 log2(groups) + 8 rounds, so that no input costs more than a sort
     * (proofs/crosscheck-rotation.md section 8).
     */
    static long leastKept(long[] max, int groups, int keep) {
        if (groups < keep || keep == 0) {
            return 0;
        }
        for (int g = 0; g < groups; g++) {
            max[g] ^= Long.MIN_VALUE; // signed order of the flipped values is unsigned order of the values
        }
        int rank = groups - keep; // the wanted value is the rank-th smallest, counted from 0
        int lo = 0;
        int hi = groups; // exclusive; invariant: every value below lo is <= every value in [lo, hi) <= every value from hi on
        int rounds = 2 * (32 - Integer.numberOfLeadingZeros(groups)) + 8;
        while (hi - lo > 16 && rounds-- > 0) {
            long pivot = median(max[lo], max[(lo + hi) >>> 1], max[hi - 1]);
            // two passes that swap every value and advance their end by a comparison, without a branch on it: the values'
            // order is not predictable, and the branches of a one-pass partition were most of its time (section 13)
            int lt = partitionBelow(max, lo, hi, pivot, false); // [lo, lt) < pivot
            if (rank < lt) {
                hi = lt;
                continue;
            }
            int gt = partitionBelow(max, lt, hi, pivot, true) - 1; // [lt, gt] == pivot, (gt, hi) > pivot
            if (rank > gt) {
                lo = gt + 1;
            } else {
                return pivot ^ Long.MIN_VALUE; // the rank falls among the values equal to the pivot
            }
        }
        java.util.Arrays.sort(max, lo, hi);
        return max[rank] ^ Long.MIN_VALUE;
    }

    /**
     * Reorders {@code max[from, to)} so that the values {@code < pivot} (with {@code equal}: {@code <= pivot}) come first,
     * in [from, end), and returns end; a permutation of the range (section 13).
     */
    private static int partitionBelow(long[] max, int from, int to, long pivot, boolean equal) {
        int end = from;
        for (int i = from; i < to; i++) {
            long v = max[i];
            max[i] = max[end];
            max[end] = v;
            end += (equal ? v <= pivot : v < pivot) ? 1 : 0;
        }
        return end;
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    void countDecidedExactly() {
        decidedExactly++;
    }

    void merge(UlpTally o) {
        entries += o.entries;
        exactMatches += o.exactMatches;
        oneUlp += o.oneUlp;
        if (Long.compareUnsigned(o.maxUlps, maxUlps) > 0) {
            maxUlps = o.maxUlps;
        }
        maxAbsError = Math.max(maxAbsError, o.maxAbsError);
        long s = sumLow + o.sumLow;
        sumHigh += o.sumHigh + (Long.compareUnsigned(s, sumLow) < 0 ? 1 : 0);
        sumLow = s;
        decidedExactly += o.decidedExactly;
        for (int k = 0; k < o.kept; k++) {
            offer(o.hIndex[k], o.hPosition[k], o.hMode[k], o.hGot[k], o.hWant[k], o.hUlps[k]);
        }
    }

    UlpSummary summary() {
        List<Entry> w = new ArrayList<>(kept);
        for (int k = 0; k < kept; k++) {
            w.add(new Entry(hIndex[k], hPosition[k], hMode[k], hGot[k], hWant[k], hUlps[k]));
        }
        w.sort(Entry::compareSeverity);
        List<Discrepancy> out = new ArrayList<>(w.size());
        for (Entry e : w) {
            out.add(new Discrepancy(e.index, e.position < 0 ? OptionalLong.empty() : OptionalLong.of(e.position), e.mode,
                    value(e.got), value(e.want), unsigned(e.ulps)));
        }
        BigInteger sum = unsigned(sumHigh).shiftLeft(64).add(unsigned(sumLow));
        return new UlpSummary(entries, exactMatches, oneUlp, unsigned(maxUlps), maxAbsError, sum, List.copyOf(out), decidedExactly);
    }

    private org.ropebounds.format.FloatValue value(double v) {
        return values.format().fromBits(values.bits(v));
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }
}
