package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;

/** {@link DecayCriterion#reach}: a base whose L_theta(b) is beyond the search limit gets a typed lower bound. */
class DecayReachTest {
    private static final Rational HUGE = Rational.parse("1e30");

    @Test
    void aBaseBeyondTheSearchLimitIsALowerBoundNotARefusal() {
        // By hand, b = 10^30, d = 128: theta_i = 10^(-30 i / 64). The search limit is M = 2^24 + 1 (inclusive range).
        // For i >= 16, theta_i M <= 10^(-7.5) * 16777217 = 0.5305... <= pi/3, so cos(m theta_i) >= 1/2 for every m <= M:
        // 48 modes give at least 24; the 16 others at least -16. So B_m(b) >= 8 > 0 for every m <= M, and
        // L_theta(b) >= M = 16777217, with no sign undecided (the margin is far above any enclosure's width).
        DecayReach r = DecayCriterion.of(128, DistanceRange.INCLUSIVE).reach(HUGE);
        DecayReach.BeyondLimit b = assertInstanceOf(r);
        assertEquals(16_777_217L, b.lastDistance());
        assertEquals(16_777_217L, b.provenContext());
        assertTrue(b.firstUndecidedM().isEmpty());
        // maxContext keeps its contract: a refusal naming the limit
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DecayCriterion.of(128, DistanceRange.INCLUSIVE).maxContext(HUGE));
        assertTrue(e.getMessage().contains("16777217"), e.getMessage());
    }

    @Test
    void theSideBySideReportGivesTheLowerBoundWithItsGuarantee() {
        // exclusive range: distances up to L - 1, so the limit's distance 2^24 covers the context 2^24 + 1 (same bound, by hand)
        CriteriaQuery q = new CriteriaQuery(128, Optional.empty(), Optional.empty(), Optional.empty(), DistanceRange.EXCLUSIVE, 6, 6,
                DecaySearch.FULL);
        CriteriaReport.MaxContext m = Criteria.maxContexts(HUGE, q).get(Criterion.DECAY);
        assertEquals(Optional.of(BigInteger.valueOf(16_777_217L)), m.maxContext());
        assertTrue(m.guarantee().startsWith("a lower bound") && m.guarantee().contains("exclusive"), m.guarantee());
        assertTrue(m.firstNegativeM().isEmpty());
    }

    private static DecayReach.BeyondLimit assertInstanceOf(DecayReach r) {
        assertTrue(r instanceof DecayReach.BeyondLimit, r.toString());
        return (DecayReach.BeyondLimit) r;
    }
}
