package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;
import org.ropebounds.real.DoubleInterval;

/**
 * The wide certificates of the decay search ({@code proofs/decay-bound.md} sections 10 and 11) against the committed
 * references of src/test/python/gen_decay_search_fixtures.py: the box bound against mpmath's exact minimum over the
 * box at d = 4, and the whole search at d = 128 against a float scan with margins.
 */
class DecayWideCertificateTest {

    @Test
    void theBoxBoundStaysBelowTheExactMinimumOverTheBox() throws IOException {
        int close = 0;
        List<String[]> rows = Fixtures.rows("decay/box.csv");
        for (String[] r : rows) {
            double z = Double.parseDouble(r[0]);
            double halfWidth = Double.parseDouble(r[1]);
            long m = Long.parseLong(r[2]);
            BigDecimal min = new BigDecimal(r[3]);
            DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(z, z), 2));
            double[] box = {Double.NaN};
            walk.runBox(m, walk.boxReach(halfWidth), (k, v, e, s, se, lower) -> {
                box[0] = lower;
                return true;
            });
            assertTrue(new BigDecimal(box[0]).compareTo(min) <= 0, String.join(",", r) + ": box bound " + box[0]);
            // not vacuous: the lemma loses at most D^2/2 + D|sin| per mode, so small reaches stay close
            if (min.subtract(new BigDecimal(box[0])).compareTo(new BigDecimal("0.25")) < 0) {
                close++;
            }
        }
        assertTrue(close >= rows.size() / 3, close + " of " + rows.size() + " box bounds within 0.25 of the minimum");
    }

    @Test
    void aBoxOfHalfWidthZeroIsTheWalkItself() {
        // T = 0: every reach is 0, so the bound is sum_i x~_i less n (3.01 E + 2^-46) and the summation's error, while
        // the walk's own enclosure is sum_i x~_i -+ (n E + the summation's error): between the two, within 3.01 times
        DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(12345.5, 12345.5), 64));
        int[] visited = {0};
        walk.runBox(5000, walk.boxReach(0), (k, v, e, s, se, lower) -> {
            assertTrue(lower <= v - e, k + ": " + lower + " above the walk's own lower end " + (v - e));
            assertTrue(v - lower <= 4.02 * e + 64 * 0x1p-45, k + ": " + lower + " too far below " + v + " (error " + e + ")");
            visited[0]++;
            return true;
        });
        assertEquals(5000, visited[0]);
    }

    @Test
    void aPointFromTheKeptQuadraticsIsFeasibleAtBothEndsOfItsPiece() {
        // d = 128, L = 1024 (M = 1024): points just below the right ends of the feasible intervals (about 4330.32 and
        // 5644.35, proofs/decay-bound.md) and inside the last one, each from a walk a little to its left; every
        // distance's sign at both ends of the piece decided by multi-precision enclosures
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        int found = 0;
        double[][] cases = {{4329.0, 4330.0}, {4329.9, 4330.2}, {4330.0, 4330.3}, {5643.0, 5644.0}, {5644.0, 5644.3},
            {6100.0, 6110.0}};
        for (double[] k : cases) {
            double z0 = k[0];
            double z = k[1];
            double a = z0 + (z - z0) / 4;
            double[] p = new DecaySweep(c, 1024, 6, Long.MAX_VALUE, false).keptPieceAround(z0, z, a, z + 5);
            if (p[0] == 0) {
                continue;
            }
            found++;
            assertTrue(p[1] >= a && p[1] <= z && p[2] >= z && p[2] <= z + 5, java.util.Arrays.toString(p));
            for (int end = 1; end <= 2; end++) {
                org.ropebounds.format.Rational b = org.ropebounds.format.BinaryRational.ofDouble(p[end]).toRational();
                for (long m = 1; m <= 1024; m++) {
                    java.util.OptionalInt s = DecayCriterion.sign(b, 64, m, 256);
                    assertTrue(s.isPresent() && s.getAsInt() >= 0, "kept piece around " + z + " claims " + p[end] + " feasible, but B_" + m + " < 0");
                }
            }
        }
        assertTrue(found >= 3, found + " kept pieces");
    }

    @ParameterizedTest
    @ValueSource(longs = {4096, 8192})
    void theSearchAgreesWithTheFloatScan(long context) throws IOException {
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        DecayBaseBounds b = c.minBase(context, 6);
        assertTrue(b.robust() instanceof RobustBound.Proven, b.robust().toString());
        BigDecimal robust = ((RobustBound.Proven) b.robust()).value().toBigDecimal().orElseThrow();
        List<FeasibleInterval> intervals = b.feasibleIntervals();
        BigDecimal slack = new BigDecimal("1.00001");
        int infeasible = 0;
        int aboveRobust = 0;
        for (String[] r : Fixtures.rows("decay/scan-" + context + ".csv")) {
            BigDecimal base = new BigDecimal(r[0]);
            boolean inside = intervals.stream().anyMatch(i -> i.lo().toBigDecimal().get().compareTo(base) <= 0
                    && i.hi().map(h -> h.toBigDecimal().get().compareTo(base) >= 0).orElse(true));
            if (r[1].equals("infeasible")) {
                infeasible++;
                assertFalse(inside, base + " is infeasible (scan) but inside a printed interval");
                assertTrue(base.compareTo(robust) < 0, base + " is infeasible (scan) but above the robust bound " + robust);
            } else {
                assertEquals("feasible", r[1]);
                aboveRobust += base.compareTo(robust) > 0 ? 1 : 0;
                boolean near = intervals.stream().anyMatch(i -> i.lo().toBigDecimal().get().compareTo(base.multiply(slack)) <= 0
                        && i.hi().map(h -> h.toBigDecimal().get().multiply(slack).compareTo(base) >= 0).orElse(true));
                assertTrue(near, base + " is feasible (scan) but in no printed interval");
            }
        }
        assertTrue(infeasible > 100 && aboveRobust > 1000, infeasible + " infeasible, " + aboveRobust + " feasible above the robust bound");
    }
}
