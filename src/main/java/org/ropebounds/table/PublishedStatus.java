package org.ropebounds.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.ropebounds.InvalidInputException;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.criteria.DecayContext;
import org.ropebounds.criteria.DecayCriterion;
import org.ropebounds.criteria.DistanceRange;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The certified status of a published decay bound b at context L: feasible (B_m(b) &gt;= 0 proven for every m in [0, L]) or
 * infeasible with the witness m (the first m with B_m(b) &lt; 0 proven), from L_theta(b) ({@link DecayCriterion#maxContext});
 * and, when the table has them, its ratio to the first feasible base and to the robust bound (ratios of the printed values,
 * to 3 digits: orientation, not certified).
 */
final class PublishedStatus {
    private PublishedStatus() {
    }

    static String of(long context, int headDim, BigDecimal published, MinimumBase decay) {
        StringBuilder sb = new StringBuilder();
        try {
            DecayContext c = DecayCriterion.of(headDim, DistanceRange.INCLUSIVE).maxContext(published);
            long maxM = DistanceRange.INCLUSIVE.maxDistance(context);
            if (c.firstNegativeM() <= maxM) {
                sb.append("infeasible: B_m < 0 at m = ").append(c.firstNegativeM());
            } else if (c.maxContext() >= context) {
                sb.append("feasible (L_theta = ").append(c.maxContext()).append(c.exact() ? "" : " at least").append(')');
            } else {
                sb.append("undecided: B_m's sign at m = ").append(c.firstUndecidedM().getAsLong()).append(" is not certified");
            }
        } catch (InvalidInputException e) {
            sb.append(e.getMessage().contains("beyond the search limit") ? "feasible: B_m >= 0 for every m up to 2^24" : "not computed");
        }
        decay.value().flatMap(CertifiedDecimal::toBigDecimal).ifPresent(f -> sb.append("; ").append(ratio(published, f)).append(" x first feasible"));
        decay.robust().ifPresent(r -> {
            try {
                sb.append("; ").append(ratio(published, new BigDecimal(r.text()))).append(" x robust");
            } catch (NumberFormatException e) {
                sb.append("; robust bound ").append(r.text());
            }
        });
        return sb.toString();
    }

    private static String ratio(BigDecimal a, BigDecimal b) {
        return a.divide(b, new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }
}
