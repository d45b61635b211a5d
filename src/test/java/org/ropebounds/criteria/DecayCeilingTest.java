package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;

/**
 * The search from above ({@code proofs/decay-bound.md} section 14) against the committed float scans certified by arb
 * ({@code fixtures/decay/ceiling.csv}, src/test/python/gen_decay_ceiling_fixtures.py), and its cosine-interval rules.
 */
class DecayCeilingTest {

    @Test
    void noScannedInfeasibleBaseLiesAboveTheFeasibleBase() throws IOException {
        for (String[] r : Fixtures.rows("decay/ceiling.csv")) {
            int d = Integer.parseInt(r[0]);
            long maxDistance = Long.parseLong(r[1]);
            BigDecimal scanned = new BigDecimal(r[2]);
            DecayCeiling.Result c = new DecayCeiling(d / 2, maxDistance, 1e-8, 1e30, Long.MAX_VALUE).search(1).orElseThrow();
            // arb proved B < 0 at the scanned base: a claim that every base from feasibleFrom on is feasible must be above it
            assertTrue(new BigDecimal(c.feasibleFrom()).compareTo(scanned) > 0, String.join(",", r) + " vs " + c);
            assertTrue(c.infeasible() < c.feasibleFrom() && c.feasibleFrom() - c.infeasible() <= 1e-7 * c.feasibleFrom(), c.toString());
            // the witness, re-evaluated by the multi-precision path (DecayCriterion.decaySum), is negative at x
            BigDecimal value = DecayCriterion.of(d, DistanceRange.INCLUSIVE).decaySum(new BigDecimal(c.infeasible()), c.witness(), 6)
                    .toBigDecimal().orElseThrow();
            assertTrue(value.signum() < 0, c + ": B = " + value);
            // the highest infeasible base sits just below the scan's next grid point at most (ratio 1.0005)
            assertTrue(new BigDecimal(c.infeasible()).compareTo(scanned.multiply(new BigDecimal("1.0005"))) < 0, c.toString());
        }
    }

    @Test
    void aPhaseEndTableGivesBackEachCosineAsFirstComputed() {
        // the cells' shared table of cosines at one phase end (stored as bits XOR NaN's bits, 0 meaning none yet):
        // every later look-up of a mode must give back the bits PhaseCos.down gave first (checked against mpmath in
        // PhaseCosTest), whatever phase is asked then (the cells sharing a table share that phase end)
        double[] phases = {0, 1e-300, Math.PI / 2, Math.PI, 3 * Math.PI / 2, 2 * Math.PI, 1, 7.25, 1e6 + 0.5, 0x1p26, 0x1p26 + 1, 1e30};
        DecayCeiling.PhaseEndCos table = new DecayCeiling.PhaseEndCos(phases.length);
        for (int i = 0; i < phases.length; i++) {
            assertEquals(Double.doubleToRawLongBits(PhaseCos.down(phases[i])), Double.doubleToRawLongBits(table.down(i, phases[i])), "mode " + i);
        }
        DecayCeiling.PhaseEndCos copy = table.copy();
        for (int i = 0; i < phases.length; i++) {
            long first = Double.doubleToRawLongBits(PhaseCos.down(phases[i]));
            assertEquals(first, Double.doubleToRawLongBits(table.down(i, 2.5)), "again, mode " + i);
            assertEquals(first, Double.doubleToRawLongBits(copy.down(i, 2.5)), "copy, mode " + i);
        }
        assertEquals(Double.doubleToRawLongBits(PhaseCos.down(2.5)), Double.doubleToRawLongBits(new DecayCeiling.PhaseEndCos(1).down(0, 2.5)));
    }

    @Test
    void aCopiedPhaseEndTableIsIndependentOfItsOriginal() {
        // a cell forked to another thread takes a copy: what either computes later must not show in the other. Mode 1 is
        // computed first in the original at phase 1 and then in the copy at phase 2.5, so a shared table would give the
        // copy cos(1) rounded down instead of cos(2.5)
        DecayCeiling.PhaseEndCos table = new DecayCeiling.PhaseEndCos(2);
        table.down(0, 0.5);
        DecayCeiling.PhaseEndCos copy = table.copy();
        assertEquals(Double.doubleToRawLongBits(PhaseCos.down(1)), Double.doubleToRawLongBits(table.down(1, 1)));
        assertEquals(Double.doubleToRawLongBits(PhaseCos.down(2.5)), Double.doubleToRawLongBits(copy.down(1, 2.5)));
        assertEquals(Double.doubleToRawLongBits(PhaseCos.down(0.5)), Double.doubleToRawLongBits(copy.down(0, 7)), "what was computed before the copy");
    }

    @Test
    void theAnswerDoesNotDependOnTheThreads() {
        ForkJoinPool one = new ForkJoinPool(1);
        ForkJoinPool two = new ForkJoinPool(2);
        try {
            for (long m : new long[] {300, 1024, 2048}) {
                Optional<DecayCeiling.Result> a = new DecayCeiling(64, m, 1e-8, 1e30, Long.MAX_VALUE).search(1, one);
                Optional<DecayCeiling.Result> b = new DecayCeiling(64, m, 1e-8, 1e30, Long.MAX_VALUE).search(1, two);
                assertEquals(a.orElseThrow().infeasible(), b.orElseThrow().infeasible());
                assertEquals(a.get().feasibleFrom(), b.get().feasibleFrom());
                assertEquals(a.get().witness(), b.get().witness());
            }
        } finally {
            one.shutdown();
            two.shutdown();
        }
    }

    @Test
    void theCellBoundStopsEarlyOnlyWhenTheCellCannotBeFeasible() {
        // the cell bound gives up once the running sum cannot come back above the summation's error; the decision (> 0)
        // must be that of the whole sum of least cosines, the phase ends rounded outward as in section 14
        java.util.Random random = new java.util.Random(15);
        int n = 64;
        DecayCeiling ceiling = new DecayCeiling(n, 1 << 15, 1e-8, 1e30, Long.MAX_VALUE);
        int feasible = 0;
        int stopped = 0;
        for (int k = 0; k < 4000; k++) {
            long m1 = random.nextInt(1 << 15);
            long m2 = m1 + (random.nextBoolean() ? random.nextInt(4) : random.nextInt(1 << 12));
            double b1 = Math.pow(10, 3 + 4 * random.nextDouble());
            double b2 = b1 * (1 + Math.pow(10, -1 - 7 * random.nextDouble()));
            org.ropebounds.real.DoubleInterval[] low = DecayWalk.thetas(new org.ropebounds.real.DoubleInterval(b1, b1), n);
            org.ropebounds.real.DoubleInterval[] high = DecayWalk.thetas(new org.ropebounds.real.DoubleInterval(b2, b2), n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += DecayCeiling.leastCos(m1 * high[i].lo() * (1 - 0x1p-51), m2 * low[i].hi() * (1 + 0x1p-51));
            }
            double whole = sum - (double) n * n * 0x1p-52;
            double bound = ceiling.cellLowerBound(m1, m2, b1, b2);
            assertEquals(whole > 0, bound > 0, m1 + ".." + m2 + " x " + b1 + ".." + b2 + ": " + whole + " vs " + bound);
            assertTrue(bound <= whole, m1 + ".." + m2 + " x " + b1 + ".." + b2 + ": " + whole + " vs " + bound);
            feasible += whole > 0 ? 1 : 0;
            stopped += bound < whole ? 1 : 0;
        }
        // both kinds of cells, and early stops, occur among them
        assertTrue(feasible > 400 && feasible < 3600, "feasible " + feasible);
        assertTrue(stopped > 400, "stopped " + stopped);
    }

    @Test
    void aWorkLimitGivesNoAnswer() {
        assertTrue(new DecayCeiling(64, 1024, 1e-8, 1e30, 10_000).search(1).isEmpty());
    }

    @Test
    void leastAndGreatestCosinesOverIntervals() {
        // [3, 3.3] holds pi: the least cosine is -1; the greatest is at the end farther from pi, 3.3 (0.158 > 0.142)
        assertEquals(-1, DecayCeiling.leastCos(3, 3.3));
        assertEquals(Math.cos(3.3), DecayCeiling.greatestCos(3, 3.3), 1e-12);
        assertTrue(DecayCeiling.greatestCos(3, 3.3) >= Math.cos(3.3));
        // [0, 1]: cos decreasing, least at 1, greatest 1 (holds 0)
        assertEquals(Math.cos(1), DecayCeiling.leastCos(0, 1), 1e-12);
        assertTrue(DecayCeiling.leastCos(0, 1) <= Math.cos(1));
        assertEquals(1, DecayCeiling.greatestCos(0, 1));
        // [2 pi - 0.1, 2 pi + 0.2] holds 2 pi (a maximum) and no odd multiple: least at the lower end, cos(0.1) > cos(0.2)
        double twoPi = 2 * Math.PI;
        assertEquals(Math.cos(0.2), DecayCeiling.leastCos(twoPi - 0.1, twoPi + 0.2), 1e-12);
        assertEquals(1, DecayCeiling.greatestCos(twoPi - 0.1, twoPi + 0.2));
        // [4, 5] lies in [pi, 2 pi], where cos increases: least at 4, greatest at 5
        assertEquals(Math.cos(4), DecayCeiling.leastCos(4, 5), 1e-12);
        assertEquals(Math.cos(5), DecayCeiling.greatestCos(4, 5), 1e-12);
        assertTrue(DecayCeiling.leastCos(4, 5) <= Math.cos(4) && DecayCeiling.greatestCos(4, 5) >= Math.cos(5));
        // an interval wider than 2 pi holds both extremes
        assertEquals(-1, DecayCeiling.leastCos(10, 17));
        assertEquals(1, DecayCeiling.greatestCos(10, 17));
        // just short of 3 pi on both sides of an odd multiple far out: 355 is 3.0e-5 above 113 pi
        assertEquals(-1, DecayCeiling.leastCos(354.9, 355));
        assertTrue(DecayCeiling.leastCos(355.0001, 355.1) > -1);
    }
}
