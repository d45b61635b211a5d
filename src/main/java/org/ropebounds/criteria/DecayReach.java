package org.ropebounds.criteria;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * How far the search for L_theta(b) got ({@link DecayCriterion#reach}): a first negative distance was found
 * ({@link Found}, with the certified {@link DecayContext}), or none up to the search limit ({@link BeyondLimit}),
 * which is itself an answer: L_theta(b) is at least the context the limit covers.
 */
public sealed interface DecayReach {

    /** A distance with B_m(b) &lt; 0 was proven within the search limit; {@code context} says what follows. */
    record Found(DecayContext context) implements DecayReach {
        public Found {
            Objects.requireNonNull(context);
        }
    }

    /**
     * No distance up to {@code lastDistance} has B_m(b) &lt; 0 proven. If {@code firstUndecidedM} is empty every
     * such B_m(b) &gt; 0 is proven, so L_theta(b) &gt;= {@code provenContext} = the context whose largest distance
     * is {@code lastDistance}; otherwise the sign at that distance was not decided and {@code provenContext} is the
     * context just before it. Either way {@code provenContext} is a lower bound (the safe side).
     *
     * @param lastDistance the last distance searched (the search limit)
     * @param provenContext the longest context proven supported, a lower bound on L_theta(b)
     * @param firstUndecidedM the first distance whose sign no enclosure decided, if any
     * @param range the distance range the context refers to
     */
    record BeyondLimit(long lastDistance, long provenContext, OptionalLong firstUndecidedM, DistanceRange range) implements DecayReach {
        /** @throws IllegalArgumentException if the fields contradict each other */
        public BeyondLimit {
            Objects.requireNonNull(firstUndecidedM);
            Objects.requireNonNull(range);
            if (lastDistance < 1 || provenContext < 0 || provenContext > range.contextFor(lastDistance)
                    || (firstUndecidedM.isPresent() && firstUndecidedM.getAsLong() > lastDistance)) {
                throw new IllegalArgumentException("inconsistent decay reach " + lastDistance + ", " + provenContext);
            }
        }
    }
}
