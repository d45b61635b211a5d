package org.ropebounds.criteria;

import java.util.Objects;
import java.util.OptionalLong;
import org.ropebounds.real.CertifiedDecimal;

/**
 * L_theta(b) of Men et al.: the longest context L whose distances m (in [0, L] or [0, L-1], see
 * {@link DistanceRange}) all have B_m(b) &gt;= 0, with how it is certified.
 *
 * <p>Every m below {@link #firstUndecidedM()} (or below {@link #firstNegativeM()} when nothing was undecided) has
 * B_m(b) &gt; 0 proven by an enclosure (B_0 = d/2 exactly), and B_m(b) &lt; 0 is proven at {@code firstNegativeM}.
 * So L_theta(b) = {@code firstNegativeM - 1} (inclusive range) or {@code firstNegativeM} (exclusive range: L
 * positions have distances up to L - 1) when {@link #exact()}; otherwise L_theta(b) lies in
 * [{@link #maxContext()}, that value], because the sign at {@code firstUndecidedM} could not be decided (B_m may be
 * exactly 0 there).
 *
 * @param maxContext L_theta(b) when exact, else the largest context proven (a lower bound; the safe side)
 * @param firstNegativeM the first distance m with B_m(b) &lt; 0 proven
 * @param range the distance range the context refers to
 * @param witnessValue B_m(b) at {@code firstNegativeM}, rounded up (the exact value is at most this, and below 0)
 * @param firstUndecidedM the first distance whose sign no enclosure decided, if any (before {@code firstNegativeM})
 */
public record DecayContext(long maxContext, long firstNegativeM, DistanceRange range, CertifiedDecimal witnessValue,
        OptionalLong firstUndecidedM) {

    /** @throws IllegalArgumentException if the fields contradict each other */
    public DecayContext {
        Objects.requireNonNull(range);
        Objects.requireNonNull(witnessValue);
        Objects.requireNonNull(firstUndecidedM);
        if (firstNegativeM < 1 || maxContext < 0 || maxContext > range.contextFor(firstNegativeM - 1)
                || (firstUndecidedM.isPresent() && firstUndecidedM.getAsLong() >= firstNegativeM)) {
            throw new IllegalArgumentException("inconsistent decay context " + maxContext + ", " + firstNegativeM);
        }
    }

    /** Whether {@link #maxContext()} is L_theta(b) itself (every sign up to the first negative was decided). */
    public boolean exact() {
        return firstUndecidedM.isEmpty();
    }

    /** The largest L_theta(b) can be: {@code firstNegativeM - 1} (inclusive) or {@code firstNegativeM} (exclusive). */
    public long maxContextUpperBound() {
        return range.contextFor(firstNegativeM - 1);
    }
}
