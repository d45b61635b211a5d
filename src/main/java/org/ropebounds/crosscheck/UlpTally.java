package org.ropebounds.crosscheck;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts of ulp distances between entries and the values they should have, accumulated entry by entry
 * and merged across threads. Not thread-safe; its summary is immutable.
 */
final class UlpTally {
    private final int keepWorst;
    private final PriorityQueue<Discrepancy> worst; // the least severe on top
    private long entries;
    private long exactMatches;
    private long oneUlp;
    private long maxUlps; // unsigned
    private double maxAbsError; // RN(|got - want|) is monotone in the exact difference, so its max is RN(the max)
    private long sumLow; // unsigned 128-bit sum: sumHigh * 2^64 + sumLow
    private long sumHigh;
    private long decidedExactly; // entries the double filter left to the certified path

    UlpTally(int keepWorst) {
        this.keepWorst = keepWorst;
        this.worst = new PriorityQueue<>(Math.max(1, keepWorst + 1), (a, b) -> Discrepancy.compareSeverity(b, a));
    }

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
        if (keepWorst > 0) {
            offer(new Discrepancy(index, position, mode, got, want, ulps));
        }
    }

    /** Keeps d if it is among the keepWorst worst seen. */
    private void offer(Discrepancy d) {
        if (worst.size() < keepWorst) {
            worst.add(d);
        } else if (Discrepancy.compareSeverity(d, worst.peek()) < 0) {
            worst.poll();
            worst.add(d);
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
        for (Discrepancy d : o.worst) {
            offer(d);
        }
    }

    UlpSummary summary() {
        List<Discrepancy> w = new ArrayList<>(worst);
        w.sort(Discrepancy::compareSeverity);
        BigInteger sum = new BigInteger(Long.toUnsignedString(sumHigh)).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(sumLow)));
        return new UlpSummary(entries, exactMatches, oneUlp, new BigInteger(Long.toUnsignedString(maxUlps)), maxAbsError, sum, List.copyOf(w),
                decidedExactly);
    }
}
