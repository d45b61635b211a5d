package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.claim.Claim;
import org.ropebounds.claim.ClaimParser;

/** The check functions decay(b, d, m) and decay_context(b, d). */
class DecayClaimTest {

    private static Claim.Verdict check(String claim) {
        return ClaimParser.parse(claim, Map.of()).check(30).verdict();
    }

    @Test
    void decayByHand() {
        // d = 2: B_m = cos(m); B_0 = d/2 exactly
        assertEquals(Claim.Verdict.TRUE, check("abs(decay(10000, 2, 5) - cos(5)) < 10^-25"));
        assertEquals(Claim.Verdict.TRUE, check("decay(10000, 128, 0) == 64"));
        // d = 4, b = 100: B_3 = cos 3 + cos 0.3 = -0.98999 + 0.95534 < 0 (fixtures/decay/values.csv: -0.034656...)
        assertEquals(Claim.Verdict.TRUE, check("-0.0347 < decay(100, 4, 3) < -0.0346"));
        assertEquals(Claim.Verdict.TRUE, check("abs(decay(100, 4, 3) - (cos(3) + cos(3/10))) < 10^-25"));
    }

    @Test
    void decayContextIsAnExactInteger() {
        // fixtures/decay/contexts.csv: d = 128, b = 10000 has first negative m = 1707 (arb)
        assertEquals(Claim.Verdict.TRUE, check("decay_context(10000, 128) == 1706"));
        assertEquals(Claim.Verdict.TRUE, check("decay_context(100, 4) == 2"));
        assertEquals(Claim.Verdict.TRUE, check("decay_context(1e30, 2) == 1"));
    }

    @Test
    void outOfReachIsRefused() {
        assertThrows(InvalidInputException.class, () -> check("decay(10000, 3, 1) > 0"));
        assertThrows(InvalidInputException.class, () -> check("decay(10000, 128, 2^33) > 0"));
        assertThrows(InvalidInputException.class, () -> check("decay(1, 128, 1) > 0"));
        assertThrows(InvalidInputException.class, () -> check("decay(sqrt(2), 128, 1) > 0"));
        assertThrows(InvalidInputException.class, () -> check("decay(10000, 128, 1/2) > 0"));
        assertThrows(InvalidInputException.class, () -> check("decay_context(1e100, 128) > 0"));
        assertThrows(InvalidInputException.class, () -> ClaimParser.parse("decay(1, 2) > 0", Map.of()));
    }
}
