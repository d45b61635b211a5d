package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.real.DoubleInterval;

/**
 * The two bounds the search rests on, checked against independent values: the recurrence's error bound (against
 * mpmath values from decay/values.csv) and the certified pieces in b (their ends re-checked by enclosures). A
 * bound made smaller than it should be (the error bound, the first- or second-order bound in b) fails here.
 */
class DecayCertificateTest {

    @Test
    void recurrenceErrorBoundEnclosesTheMpmathValues() {
        // (d, base, m, B_m by mpmath to 25 digits), from src/test/resources/fixtures/decay/values.csv
        Object[][] cases = {
            {128, 1e6, 65536L, "5.92847094633669544042863"},
            {128, 10000.0, 1707L, "-0.4989315298951201573755856"},
            {128, 500000.0, 18438L, "-0.2562561053276998989436138"},
            {16, 500000.0, 1000L, "5.862921154361702716166274"},
        };
        for (Object[] c : cases) {
            int n = (Integer) c[0] / 2;
            double b = (Double) c[1];
            long target = (Long) c[2];
            BigDecimal exact = new BigDecimal((String) c[3]);
            DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(b, b), n));
            double[] seen = new double[2];
            walk.run(target, (m, v, e, slope, se) -> {
                if (m == target) {
                    seen[0] = v;
                    seen[1] = e;
                }
                return true;
            });
            BigDecimal distance = new BigDecimal(seen[0]).subtract(exact).abs();
            assertTrue(distance.compareTo(new BigDecimal(seen[1])) <= 0, "B_" + target + " at " + b + ": off by " + distance + " > bound " + seen[1]);
            assertTrue(seen[1] < 1e-6, "the bound is useless: " + seen[1]);
        }
    }

    @Test
    void piecesNearTheTransitionsHoldAtTheirEnds() {
        // bases on both sides of base_1024 ~ 4293.44 and of the interval ends near 4330.32 and 5602.18 (d = 128)
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        long maxDistance = 1024;
        int checked = 0;
        for (double z : new double[] {4287.587085, 4296.162259, 4293.0, 4294.0, 4320.0, 4331.0, 5600.0, 5603.0, 6010.0, 6020.0}) {
            double[] p = new DecaySweep(c, maxDistance, 6, Long.MAX_VALUE, false).pieceAround(z, z / 1.5, z * 1.5);
            assertTrue(p[0] != 0, "undecided at " + z);
            for (int end = 1; end <= 2; end++) {
                Rational b = BinaryRational.ofDouble(p[end]).toRational();
                if (p[0] > 0) {
                    for (long m = 1; m <= maxDistance; m++) {
                        OptionalInt s = DecayCriterion.sign(b, 64, m, 256);
                        assertTrue(s.isPresent() && s.getAsInt() >= 0, "piece around " + z + " claims " + p[end] + " feasible, but B_" + m + " < 0");
                    }
                } else {
                    long w = (long) p[2 + end];
                    assertEquals(-1, DecayCriterion.sign(b, 64, w, 256).orElse(0), "piece around " + z + " claims B_" + w + " < 0 at " + p[end]);
                }
                checked++;
            }
            assertTrue(p[2] - p[1] > 0, "a piece of no width at " + z);
        }
        assertEquals(20, checked);
    }
}
