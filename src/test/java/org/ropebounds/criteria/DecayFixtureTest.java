package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The decay criterion against the committed references of src/test/python/gen_decay_fixtures.py (python-flint's
 * arb and mpmath; every sign there decided by a ball).
 */
class DecayFixtureTest {

    /** The rows of a fixture keyed by its header ('#' comment lines skipped). */
    private static List<Map<String, String>> records(String name, String... header) throws IOException {
        List<Map<String, String>> out = new java.util.ArrayList<>();
        for (String[] row : Fixtures.rows(name)) {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                m.put(header[i], row[i]);
            }
            out.add(m);
        }
        return out;
    }

    @Test
    void decaySumsAreCorrectlyRounded() throws IOException {
        for (Map<String, String> r : records("decay/values.csv", "d", "base", "m", "decay")) {
            DecayCriterion c = DecayCriterion.of(Integer.parseInt(r.get("d")), DistanceRange.INCLUSIVE);
            CertifiedDecimal v = c.decaySum(new BigDecimal(r.get("base")), Long.parseLong(r.get("m")), 20);
            BigDecimal expected = new BigDecimal(r.get("decay")).round(new MathContext(20, RoundingMode.HALF_EVEN));
            assertEquals(0, expected.compareTo(v.toBigDecimal().orElseThrow()), r + " gave " + v);
            assertTrue(v.complete(), r.toString());
        }
    }

    @Test
    void maxContextsMatchTheArbScan() throws IOException {
        for (Map<String, String> r : records("decay/contexts.csv", "d", "base", "first_negative_m")) {
            int d = Integer.parseInt(r.get("d"));
            long first = Long.parseLong(r.get("first_negative_m"));
            DecayContext in = DecayCriterion.of(d, DistanceRange.INCLUSIVE).maxContext(new BigDecimal(r.get("base")));
            assertEquals(first, in.firstNegativeM(), r.toString());
            assertEquals(first - 1, in.maxContext(), r.toString());
            assertTrue(in.exact());
            assertTrue(in.witnessValue().toBigDecimal().orElseThrow().signum() < 0, r.toString());
            DecayContext ex = DecayCriterion.of(d, DistanceRange.EXCLUSIVE).maxContext(new BigDecimal(r.get("base")));
            assertEquals(first, ex.maxContext(), r.toString());
        }
    }

    @Test
    void firstFeasibleBaseLiesBetweenTheBrackets() throws IOException {
        for (Map<String, String> r : records("decay/brackets.csv", "d", "context", "range", "infeasible_base", "witness_m", "feasible_base")) {
            int d = Integer.parseInt(r.get("d"));
            long context = Long.parseLong(r.get("context"));
            DistanceRange range = DistanceRange.valueOf(r.get("range").toUpperCase(java.util.Locale.ROOT));
            DecayCriterion c = DecayCriterion.of(d, range);
            BigDecimal infeasible = new BigDecimal(r.get("infeasible_base"));
            BigDecimal feasible = new BigDecimal(r.get("feasible_base"));
            DecayBaseBounds b = c.firstFeasibleBase(context, 6, 1L << 40);
            BigDecimal first = b.firstFeasible().toBigDecimal().orElseThrow();
            assertEquals(CertifiedDecimal.Direction.UPWARD, b.firstFeasible().direction());
            assertTrue(first.compareTo(infeasible) > 0, r + ": " + first);
            // printed rounded up: at most the feasible base rounded up to the same digits
            assertTrue(first.compareTo(feasible.round(new MathContext(b.firstFeasible().digits(), RoundingMode.CEILING))) <= 0, r + ": " + first);
            // the classification of both bases agrees with arb
            assertTrue(c.maxContext(infeasible).maxContextUpperBound() < context, r.toString());
            assertTrue(c.maxContext(feasible).maxContext() >= context, r.toString());
            // the witness is negative just below the first feasible base
            BigDecimal below = first.subtract(first.ulp().multiply(BigDecimal.TEN));
            assertTrue(c.decaySum(below.max(infeasible), b.witnessM(), 6).toBigDecimal().orElseThrow().signum() < 0
                    || c.maxContext(below).maxContextUpperBound() < context, r.toString());
        }
    }

    @Test
    void feasibilityIsNotMonotoneAtD128L1024AndTheIntervalsAgreeWithArb() throws IOException {
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        DecayBaseBounds b = c.minBase(1024, 6);
        assertTrue(b.robust() instanceof RobustBound.Proven, b.robust().toString());
        List<FeasibleInterval> intervals = b.feasibleIntervals();
        long inside = intervals.stream().filter(i -> i.lo().toBigDecimal().get().compareTo(new BigDecimal(7000)) < 0).count();
        assertTrue(inside >= 3, "feasibility changes several times between 4e3 and 7e3: " + intervals);
        boolean seenFeasible = false;
        boolean nonMonotone = false;
        for (Map<String, String> r : records("decay/scan.csv", "base", "status")) {
            BigDecimal base = new BigDecimal(r.get("base"));
            boolean feasible = r.get("status").equals("feasible");
            nonMonotone |= seenFeasible && !feasible;
            seenFeasible |= feasible;
            boolean printedInside = intervals.stream().anyMatch(i -> i.lo().toBigDecimal().get().compareTo(base) <= 0
                    && i.hi().map(h -> h.toBigDecimal().get().compareTo(base) >= 0).orElse(true));
            if (!feasible) {
                assertFalse(printedInside, base + " is infeasible (arb) but inside a printed interval " + intervals);
            } else {
                boolean near = intervals.stream().anyMatch(i -> i.lo().toBigDecimal().get().compareTo(base.multiply(new BigDecimal("1.00001"))) <= 0
                        && i.hi().map(h -> h.toBigDecimal().get().multiply(new BigDecimal("1.00001")).compareTo(base) >= 0).orElse(true));
                assertTrue(near, base + " is feasible (arb) but in no interval " + intervals);
            }
            assertEquals(feasible, c.maxContext(base).maxContext() >= 1024, base.toString());
        }
        assertTrue(nonMonotone, "the arb scan shows an infeasible base above a feasible one");
    }
}
