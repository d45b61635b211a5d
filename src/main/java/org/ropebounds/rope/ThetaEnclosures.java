package org.ropebounds.rope;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.RealExpression;

/**
 * The exact frequencies theta_i of one spectrum, enclosed at the scans' precision ({@value #BITS} bits), each computed
 * on first use and then kept: the emulators of one {@link Frequencies} (one per pipeline) share one table, so the
 * horizon and relative-position analyses of every pipeline evaluate each theta_i once. An enclosure is a pure
 * function of the expression and the precision, so a kept one is the one a fresh evaluation would give.
 * Thread-safe (two threads may both compute a missing entry; they compute equal values).
 */
final class ThetaEnclosures {
    /** The precision of the scans' enclosures of theta_i. */
    static final int BITS = 160;

    private final AtomicReferenceArray<Enclosure> cache;
    private final AtomicReferenceArray<PhaseScan.SplitTheta> splits;

    /** An empty table for {@code modes} modes. */
    ThetaEnclosures(int modes) {
        this.cache = new AtomicReferenceArray<>(modes);
        this.splits = new AtomicReferenceArray<>(modes);
    }

    /** theta_i enclosed at {@value #BITS} bits; {@code theta} must be the table's expression of mode i. */
    Enclosure get(int i, RealExpression theta) {
        Enclosure e = cache.get(i);
        if (e == null) {
            e = theta.enclose(new EnclosureArithmetic(BITS));
            cache.set(i, e);
        }
        return e;
    }

    /** {@link PhaseScan.SplitTheta#of} of {@link #get}, kept likewise. */
    PhaseScan.SplitTheta split(int i, RealExpression theta) {
        PhaseScan.SplitTheta t = splits.get(i);
        if (t == null) {
            t = PhaseScan.SplitTheta.of(get(i, theta));
            splits.set(i, t);
        }
        return t;
    }

    int modes() {
        return cache.length();
    }
}
