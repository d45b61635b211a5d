package org.ropebounds.criteria;

import java.util.Objects;
import java.util.Optional;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The robust bound of the decay criterion: the supremum of the infeasible bases, above which every base is
 * feasible. Either {@link Proven} (the search reached the base from which the tail argument proves every larger
 * base feasible) or {@link Searched} (it did not: only a range, and how far the search went).
 */
public sealed interface RobustBound {

    /**
     * The supremum of the infeasible set, rounded up: every base above {@code value} is feasible (proven up to the
     * tail base by the search, beyond it by the tail argument of {@code proofs/decay-bound.md}).
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
