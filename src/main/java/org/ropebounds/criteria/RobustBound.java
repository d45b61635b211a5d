package org.ropebounds.criteria;

import java.util.Objects;
import java.util.Optional;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The robust bound of the decay criterion: the supremum of the infeasible bases, above which every base is
 * feasible. Either {@link Proven} (the search from above of {@code proofs/decay-bound.md} section 14 enclosed it, or
 * the sweep reached the base from which the tail argument proves every larger base feasible) or {@link Searched}
 * (neither: only a range, and how far the search went).
 */
public sealed interface RobustBound {

    /**
     * The supremum of the infeasible set, rounded up: every base above {@code value} is feasible (proven by cells of
     * distances and bases, section 14 of {@code proofs/decay-bound.md}, or up to the tail base by the sweep and
     * beyond it by the tail argument, section 7).
     */
    record Proven(CertifiedDecimal value) implements RobustBound {
        public Proven {
            Objects.requireNonNull(value);
        }
    }

    /**
     * The supremum lies between {@code atLeast} (rounded down: an infeasible base at or above it was certified)
     * and {@code atMost} (rounded up: the tail argument proves every base above it feasible; empty when the tail
     * argument does not reach at all, as for d &lt;= 4), and the search classified every base up to
     * {@code searchedUpTo} (rounded down).
     */
    record Searched(CertifiedDecimal atLeast, Optional<CertifiedDecimal> atMost, CertifiedDecimal searchedUpTo) implements RobustBound {
        public Searched {
            Objects.requireNonNull(atLeast);
            Objects.requireNonNull(atMost);
            Objects.requireNonNull(searchedUpTo);
        }
    }
}
