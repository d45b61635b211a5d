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
    private final Entry[] worst; // a binary heap of the worst entries seen, the least severe at [0]
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

        /** Whether an entry at {@code index} off by {@code ulps} is worse than {@code e}: {@code compareSeverity(it, e) < 0}. */
        static boolean worse(long ulps, long index, Entry e) {
            int c = Long.compareUnsigned(e.ulps, ulps);
            return c != 0 ? c < 0 : index < e.index;
        }
    }

    /**
     * @param values the format of the entries
     * @param keepWorst how many of the worst entries to keep (>= 0)
     */
    UlpTally(FormatDoubles values, int keepWorst) {
        this.values = values;
        this.keepWorst = keepWorst;
        this.worst = new Entry[keepWorst];
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
        if (keepWorst > 0 && (kept < keepWorst || Entry.worse(ulps, index, worst[0]))) { // no allocation for the rest
            offer(new Entry(index, position, mode, got, want, ulps));
        }
    }

    /** Keeps e if it is among the keepWorst worst seen (keepWorst > 0). */
    private void offer(Entry e) {
        if (kept < keepWorst) {
            int k = kept++;
            while (k > 0 && Entry.compareSeverity(worst[(k - 1) / 2], e) < 0) { // the parent is worse: e moves up
                worst[k] = worst[(k - 1) / 2];
                k = (k - 1) / 2;
            }
            worst[k] = e;
        } else if (Entry.compareSeverity(e, worst[0]) < 0) { // e replaces the least severe and moves down
            int k = 0;
            while (true) {
                int child = 2 * k + 1;
                if (child >= kept) {
                    break;
                }
                if (child + 1 < kept && Entry.compareSeverity(worst[child + 1], worst[child]) > 0) {
                    child++; // the less severe child
                }
                if (Entry.compareSeverity(worst[child], e) <= 0) {
                    break;
                }
                worst[k] = worst[child];
                k = child;
            }
            worst[k] = e;
        }
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
            offer(o.worst[k]);
        }
    }

    UlpSummary summary() {
        List<Entry> w = new ArrayList<>(java.util.Arrays.asList(worst).subList(0, kept));
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
