package org.ropebounds.crosscheck;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.libm.LibmModels;

/** Counts of entries inside and outside an envelope, merged across threads. Not thread-safe. */
final class EnvelopeTally {
    private final FormatDoubles values;
    private final int keepWorst;
    private final PriorityQueue<Miss> worst;
    private long inside;
    private long outside;
    private long unbounded;
    private long insideFaithful;

    private record Miss(long index, long position, int mode, double got, double lo, double hi, long ulps) {
        static int compareSeverity(Miss a, Miss b) {
            int c = Long.compareUnsigned(b.ulps, a.ulps);
            return c != 0 ? c : Long.compare(a.index, b.index);
        }
    }

    EnvelopeTally(FormatDoubles values, int keepWorst) {
        this.values = values;
        this.keepWorst = keepWorst;
        this.worst = new PriorityQueue<>(Math.max(1, keepWorst + 1), (a, b) -> Miss.compareSeverity(b, a));
    }

    void addUnbounded() {
        inside++;
        unbounded++;
    }

    /** Counts an entry against [lo, hi]; returns whether it is inside. */
    boolean add(long index, long position, int mode, double got, double lo, double hi) {
        if (got >= lo && got <= hi) {
            inside++;
            return true;
        }
        outside++;
        if (keepWorst > 0) {
            long ulps = values.ulpDistance(got, got < lo ? lo : hi);
            offer(new Miss(index, position, mode, got, lo, hi, ulps));
        }
        return false;
    }

    /** Keeps m if it is among the keepWorst worst seen. */
    private void offer(Miss m) {
        if (worst.size() < keepWorst) {
            worst.add(m);
        } else if (Miss.compareSeverity(m, worst.peek()) < 0) {
            worst.poll();
            worst.add(m);
        }
    }

    void countInsideFaithful() {
        insideFaithful++;
    }

    void merge(EnvelopeTally o) {
        inside += o.inside;
        outside += o.outside;
        unbounded += o.unbounded;
        insideFaithful += o.insideFaithful;
        for (Miss m : o.worst) {
            offer(m);
        }
    }

    EnvelopeSummary summary(LibmModels libm) {
        List<Miss> w = new ArrayList<>(worst);
        w.sort(Miss::compareSeverity);
        List<EnvelopeMiss> out = new ArrayList<>();
        for (Miss m : w) {
            out.add(new EnvelopeMiss(m.index, m.position < 0 ? OptionalLong.empty() : OptionalLong.of(m.position), m.mode,
                    values.format().fromBits(values.bits(m.got)), values.format().fromBits(values.bits(m.lo)),
                    values.format().fromBits(values.bits(m.hi)), new BigInteger(Long.toUnsignedString(m.ulps))));
        }
        return new EnvelopeSummary(libm, inside, outside, unbounded, insideFaithful, out);
    }
}
