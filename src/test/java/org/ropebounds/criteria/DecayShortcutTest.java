package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;
import org.ropebounds.real.DoubleInterval;

/**
 * The shortcuts of proofs/decay-bound.md section 8 against independent values: the direct evaluation of one
 * distance and the walk started from a later distance (against the mpmath values of decay/values.csv), and the
 * infeasible pieces certified from a neighbour's witness (their ends re-checked by multi-precision enclosures).
 * Dropping the start error E_0 of a later walk, the radius of a probe's cosines, or the margin of an extent fails here.
 */
class DecayShortcutTest {

    /** (d, base, m, B_m by mpmath) rows with m >= 4, from src/test/resources/fixtures/decay/values.csv. */
    private static java.util.List<String[]> values() throws IOException {
        return Fixtures.rows("decay/values.csv").stream().filter(r -> Long.parseLong(r[2]) >= 4).toList();
    }

    @Test
    void probeEnclosesTheMpmathValues() throws IOException {
        int checked = 0;
        for (String[] r : values()) {
            int n = Integer.parseInt(r[0]) / 2;
            long m = Long.parseLong(r[2]);
            BigDecimal exact = new BigDecimal(r[3]);
            double[] e = new DecayProbe(DecayWalk.thetas(new DoubleInterval(Double.parseDouble(r[1]), Double.parseDouble(r[1])), n)).at(m);
            assertTrue(new BigDecimal(e[0]).compareTo(exact) <= 0 && exact.compareTo(new BigDecimal(e[1])) <= 0,
                    "B_" + m + " at " + r[1] + " = " + exact + " outside [" + e[0] + ", " + e[1] + "]");
            assertTrue(e[1] - e[0] < 1e-9, "the probe's enclosure is useless: " + (e[1] - e[0]));
            assertTrue(e[2] <= e[3]);
            checked++;
        }
        assertEquals(9, checked);
    }

    @Test
    void walkFromALaterDistanceEnclosesTheMpmathValues() throws IOException {
        int checked = 0;
        for (String[] r : values()) {
            int n = Integer.parseInt(r[0]) / 2;
            double b = Double.parseDouble(r[1]);
            long target = Long.parseLong(r[2]);
            BigDecimal exact = new BigDecimal(r[3]);
            DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(b, b), n));
            for (long first : new long[] {target - 3, target}) {
                double[] seen = {Double.NaN, Double.NaN};
                walk.run(first, target, (m, v, e, slope, se) -> {
                    if (m == target) {
                        seen[0] = v;
                        seen[1] = e;
                    }
                    return true;
                });
                BigDecimal distance = new BigDecimal(seen[0]).subtract(exact).abs();
                assertTrue(distance.compareTo(new BigDecimal(seen[1])) <= 0,
                        "B_" + target + " at " + b + " from m = " + first + ": off by " + distance + " > bound " + seen[1]);
                assertTrue(seen[1] < 1e-6, "the bound is useless: " + seen[1]);
                checked++;
            }
        }
        assertEquals(18, checked);
    }

    @Test
    void infeasiblePiecesFromANeighbourWitnessHoldAtTheirEnds() {
        // below base_1024 ~ 4293.44 and in the infeasible pockets between the feasible intervals (d = 128, M = 1024)
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        long maxDistance = 1024;
        int near = 0;
        for (double z : new double[] {4287.587085, 4200.0, 4331.0, 5000.0, 5600.0, 6010.0}) {
            double[] plain = new DecaySweep(c, maxDistance, 6, Long.MAX_VALUE, false).pieceAround(z, z / 1.5, z * 1.5);
            assertEquals(-1, plain[0], "not infeasible at " + z);
            long w = (long) plain[4];
            // the witness itself (probes), and one 40 away (the segment walks around it)
            for (long neighbour : new long[] {w, Math.max(1, w - 40)}) {
                double[] p = new DecaySweep(c, maxDistance, 6, Long.MAX_VALUE, false).pieceAround(z, z / 1.5, z * 1.5, neighbour);
                assertEquals(-1, p[0], "not infeasible at " + z);
                assertTrue(p[2] - p[1] > 0, "a piece of no width at " + z);
                for (int end = 1; end <= 2; end++) {
                    Rational b = BinaryRational.ofDouble(p[end]).toRational();
                    long witness = (long) p[2 + end];
                    assertEquals(-1, DecayCriterion.sign(b, 64, witness, 256).orElse(0),
                            "piece around " + z + " from neighbour " + neighbour + " claims B_" + witness + " < 0 at " + p[end]);
                    near += Math.abs(witness - neighbour) <= 256 ? 1 : 0;
                }
            }
        }
        // the shortcuts were used (a witness near the neighbour's), not only the full walk
        assertTrue(near >= 12, "only " + near + " ends certified near the neighbour's witness");
    }

    @Test
    void firstFeasibleBasesAtLargeContextsAgreeWithPlainWalks() {
        // the shortcuts (probes, segment walks, continued pieces) against L_theta(b) by one plain walk from m = 1 at
        // the printed base and one unit of its last digit below: every base below the first feasible one is
        // infeasible, and the first feasible interval at these L is wider than one unit in the 6th digit
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        for (long context : new long[] {1L << 14, 1L << 16}) {
            DecayBaseBounds r = c.firstFeasibleBase(context, 6, 1L << 40);
            BigDecimal printed = r.firstFeasible().toBigDecimal().orElseThrow();
            BigDecimal below = printed.subtract(printed.ulp());
            assertTrue(c.maxContext(printed).maxContext() >= context, context + ": " + printed + " is not feasible");
            DecayContext under = c.maxContext(below);
            assertTrue(under.maxContextUpperBound() < context, context + ": " + below + " is feasible");
            assertTrue(under.firstNegativeM() <= context);
        }
    }
}
