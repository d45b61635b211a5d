package org.ropebounds.criteria;

import java.util.Objects;
import java.util.Optional;
import org.ropebounds.real.CertifiedDecimal;

/**
 * An interval of bases on which B_m(b) &gt;= 0 is proven for every distance m of the context. The printed
 * interval [lo, hi] is inside the feasible set: {@code lo} is rounded up and {@code hi} rounded down. When an end
 * is an end of the true feasible interval (the base just beyond it is proven infeasible within the enclosure
 * the rounding was decided from), {@code loIsEnd}/{@code hiIsEnd} say so and the printed end is that true end
 * rounded inward; when not (an unresolved stretch narrower than the search resolution follows), the end is
 * marked: the true interval may extend further.
 *
 * @param lo the lower end, rounded up
 * @param hi the upper end, rounded down; empty when the interval is unbounded (every larger base is feasible)
 * @param loIsEnd whether {@code lo} is the true lower end, rounded up
 * @param hiIsEnd whether {@code hi} is the true upper end, rounded down (false when unbounded)
 */
public record FeasibleInterval(CertifiedDecimal lo, Optional<CertifiedDecimal> hi, boolean loIsEnd, boolean hiIsEnd) {
    public FeasibleInterval {
        Objects.requireNonNull(lo);
        Objects.requireNonNull(hi);
        if (hi.isEmpty() && hiIsEnd) {
            throw new IllegalArgumentException("an unbounded interval has no upper end");
        }
    }

    /** "[lo, hi]" or "[lo, inf)", with "*" after an end that is marked (not proven to be the true end). */
    @Override
    public String toString() {
        return "[" + lo + (loIsEnd ? "" : "*") + ", " + hi.map(h -> h + (hiIsEnd ? "" : "*") + "]").orElse("inf)");
    }
}
