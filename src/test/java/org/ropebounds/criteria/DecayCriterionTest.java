package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.real.CertifiedDecimal;

/** Hand-derived cases of the decay criterion. */
class DecayCriterionTest {

    @Test
    void headDimTwoIsCosM() {
        // d = 2: B_m = cos(m) for every base; cos 1 = 0.5403... > 0, cos 2 = -0.4161... < 0, so L_theta = 1
        DecayCriterion c = DecayCriterion.of(2, DistanceRange.INCLUSIVE);
        for (String b : new String[] {"1.5", "10000", "1e30"}) {
            DecayContext x = c.maxContext(new BigDecimal(b));
            assertEquals(1, x.maxContext(), b);
            assertEquals(2, x.firstNegativeM(), b);
            assertTrue(x.exact());
        }
        // the exclusive range counts L positions 0..L-1: distances 0 and 1 need L = 2
        assertEquals(2, DecayCriterion.of(2, DistanceRange.EXCLUSIVE).maxContext(new BigDecimal("10000")).maxContext());
        // cos(1) = 0.540302305868139717400936607442976603732310420617922227670... (A049470)
        assertEquals("0.5403023058681397174009366074", c.decaySum(new BigDecimal("777"), 1, 28).text());
        assertThrows(InvalidInputException.class, () -> c.minBase(1024, 6));
    }

    @Test
    void decaySumAtZeroIsHalfTheDimensionExactly() {
        CertifiedDecimal b0 = DecayCriterion.of(128, DistanceRange.INCLUSIVE).decaySum(new BigDecimal("10000"), 0, 10);
        assertTrue(b0.exact());
        assertEquals("64", b0.text());
    }

    @Test
    void headDimFourByHand() {
        // d = 4, b = 100: B_m = cos(m) + cos(m/10). B_1 = 0.5403 + 0.9950 > 0, B_2 = -0.4161 + 0.9801 > 0,
        // B_3 = -0.98999 + 0.95534 = -0.0347 < 0, so L_theta = 2 (inclusive)
        DecayContext x = DecayCriterion.of(4, DistanceRange.INCLUSIVE).maxContext(new BigDecimal("100"));
        assertEquals(2, x.maxContext());
        assertEquals(3, x.firstNegativeM());
        assertTrue(x.witnessValue().toBigDecimal().orElseThrow().signum() < 0);
    }

    @Test
    void refusesInputOutsideTheDomain() {
        assertThrows(InvalidInputException.class, () -> DecayCriterion.of(3, DistanceRange.INCLUSIVE));
        assertThrows(InvalidInputException.class, () -> DecayCriterion.of(0, DistanceRange.INCLUSIVE));
        assertThrows(InvalidInputException.class, () -> DecayCriterion.of(2048, DistanceRange.INCLUSIVE));
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        assertThrows(InvalidInputException.class, () -> c.maxContext(BigDecimal.ONE));
        assertThrows(InvalidInputException.class, () -> c.maxContext(new BigDecimal("1e101")));
        assertThrows(InvalidInputException.class, () -> c.maxContext(new BigDecimal("1e100000000")));
        assertThrows(InvalidInputException.class, () -> c.minBase((1L << 24) + 1, 6));
        assertThrows(InvalidInputException.class, () -> c.minBase(1, 6));
        assertThrows(InvalidInputException.class, () -> c.minBase(1024, 0));
        assertThrows(InvalidInputException.class, () -> c.decaySum(new BigDecimal("10000"), -1, 6));
    }
}
