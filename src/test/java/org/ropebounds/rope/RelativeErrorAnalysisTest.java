package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * The relative-position error against a brute force over every pair (p, r), written apart from the analysis
 * (no monotone queues, no error identity: e = phase(p) - phase(p - r) - r theta evaluated pair by pair in
 * double-double, ties settled with exact rationals), against hand-derived cases, and the long-context route
 * against the full scan.
 */
class RelativeErrorAnalysisTest {

    private static final long[] DISTANCES = {1, 2, 16, 1000, Long.MAX_VALUE};
    private static final String[] DELTAS = {"0.01", "0.1", "1"};

    /** The oracle's results for one mode: per delta and distance, the first failing p (-1: none) and the largest |e|. */
    private record Oracle(long[][] first, double[] max) {
    }

    /** Every pair (p, q = p - r), 1 <= r <= p < L. */
    private static Oracle bruteForce(RopeEmulator rope, int i, int context) {
        double[] phase = new double[context];
        for (int p = 0; p < context; p++) {
            phase[p] = rope.phase(i, p).value().toRational().toDouble(RoundingMode.NEAREST_EVEN); // exact: the values are doubles
        }
        Enclosure theta = rope.theta(i).enclose(new EnclosureArithmetic(240));
        double th = theta.midpoint().toDouble(RoundingMode.NEAREST_EVEN);
        double tl = theta.midpoint().subtract(Rational.of(org.ropebounds.format.BinaryRational.ofDouble(th))).toDouble(RoundingMode.NEAREST_EVEN);
        Rational[] deltas = new Rational[DELTAS.length];
        for (int k = 0; k < deltas.length; k++) {
            deltas[k] = Rational.parse(DELTAS[k]);
        }
        long[][] first = new long[DELTAS.length][DISTANCES.length];
        for (long[] row : first) {
            java.util.Arrays.fill(row, -1);
        }
        double[] max = new double[DISTANCES.length];
        double[] abs = new double[context];
        for (int p = 1; p < context; p++) {
            double[] bucket = new double[DISTANCES.length]; // the largest |e| over r in (DISTANCES[k-1], DISTANCES[k]]
            int k = 0;
            for (int r = 1; r <= p; r++) {
                while (r > DISTANCES[k]) {
                    k++;
                }
                double a = phase[p];
                double b = -phase[p - r];
                double s = a + b; // a - b = s + es exactly (TwoSum)
                double bb = s - a;
                double es = (a - (s - bb)) + (b - bb);
                double prod = r * th; // r th = prod + ep exactly
                double ep = Math.fma(r, th, -prod);
                double u = s - prod; // s - prod = u + eu exactly (TwoSum)
                double bv = u - s;
                double eu = (s - (u - bv)) + (-prod - bv);
                abs[r] = Math.abs(u + (eu + es - ep - r * tl));
                bucket[k] = Math.max(bucket[k], abs[r]);
            }
            double upTo = 0;
            for (k = 0; k < DISTANCES.length; k++) {
                upTo = Math.max(upTo, bucket[k]);
                max[k] = Math.max(max[k], upTo);
                for (int j = 0; j < deltas.length; j++) {
                    if (first[j][k] < 0 && exceeds(rope, i, p, (int) Math.min(p, DISTANCES[k]), abs, upTo, deltas[j])) {
                        first[j][k] = p;
                    }
                }
            }
        }
        return new Oracle(first, max);
    }

    /**
     * Whether some r <= reach has |e(p, r)| > delta: from the double-double values (largest: their maximum), or
     * with exact rationals for the r whose value is within 1e-18 of delta.
     */
    private static boolean exceeds(RopeEmulator rope, int i, int p, int reach, double[] abs, double largest, Rational delta) {
        double d = delta.toDouble(RoundingMode.NEAREST_EVEN);
        if (largest > d + 1e-18) {
            return true;
        }
        if (largest < d - 1e-18) {
            return false;
        }
        for (int r = 1; r <= reach; r++) {
            if (Math.abs(abs[r] - d) <= 1e-18) {
                Rational turn = rope.phase(i, p).value().toRational().subtract(rope.phase(i, p - r).value().toRational());
                Enclosure theta = rope.theta(i).enclose(new EnclosureArithmetic(2000));
                Rational lo = turn.subtract(theta.hi().multiply(Rational.of(r)));
                Rational hi = turn.subtract(theta.lo().multiply(Rational.of(r)));
                assertTrue(lo.signum() == hi.signum(), "the oracle could not decide the sign at p = " + p + ", r = " + r);
                if (lo.abs().min(hi.abs()).compareTo(delta) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void everyPairAtL4096InBf16AndFp16() {
        int context = 4096;
        for (String name : List.of("bf16-all", "fp16-all")) {
            for (long base : new long[] {10000, 500000}) {
                RopeEmulator rope = new RopeEmulator(Rational.of(base), 8, Pipeline.preset(name, Format.BF16));
                RelativeErrorReport[][] reports = new RelativeErrorReport[DELTAS.length][DISTANCES.length];
                for (int k = 0; k < DISTANCES.length; k++) {
                    for (int j = 0; j < DELTAS.length; j++) {
                        reports[j][k] = RelativeErrorAnalysis.analyse(rope, context, Rational.parse(DELTAS[j]), DISTANCES[k]);
                    }
                }
                for (int i = 0; i < rope.modes(); i++) {
                    Oracle o = bruteForce(rope, i, context);
                    for (int k = 0; k < DISTANCES.length; k++) {
                        for (int j = 0; j < DELTAS.length; j++) {
                            RelativeErrorReport.Mode m = reports[j][k].modes().get(i);
                            String where = name + " b=" + base + " mode " + i + " R=" + DISTANCES[k] + " delta=" + DELTAS[j];
                            long f = o.first()[j][k];
                            assertEquals(f < 0 ? Horizon.none() : Horizon.at(f), m.horizon(), where);
                            assertEncloses(m.maxError(), o.max()[k], where);
                        }
                    }
                }
            }
        }
    }

    private static void assertEncloses(PhaseErrorBound bound, double value, String where) {
        Enclosure e = ((PhaseErrorBound.Finite) bound).enclosure();
        double lo = e.lo().toDouble(RoundingMode.TOWARD_NEGATIVE);
        double hi = e.hi().toDouble(RoundingMode.TOWARD_POSITIVE);
        double slack = 1e-15 * Math.max(1, value);
        assertTrue(lo <= value + slack && value - slack <= hi, where + ": " + value + " not in [" + lo + ", " + hi + "]");
        assertTrue(hi - lo <= 1e-12 * Math.max(1, value), where + ": a loose enclosure [" + lo + ", " + hi + "]");
    }

    /**
     * inv_freq stored in bf16 and everything after it in fp64: for p <= 2^45 the product p f (8 + 45 bits) is exact,
     * so phase(p) = p f, and e(p, r) = r (f - theta) for every pair: the largest |e| is min(R, L - 1) |f - theta|, and
     * the first failure is the first p with min(R, p) |f - theta| > delta, i.e. floor(delta / |f - theta|) + 1 when
     * R reaches it.
     */
    @Test
    void exactPhasesLeaveOnlyTheDriftOfTheStoredFrequency() {
        Pipeline pl = new Pipeline("bf16-inv-freq-fp64", Format.FP32, Format.BF16, Format.FP64, Format.FP64, Format.FP64, Format.FP64);
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 8, pl);
        Rational delta = Rational.parse("0.1");
        for (int i = 1; i < rope.modes(); i++) {
            Rational f = rope.invFreqInPhase(i).value().toRational();
            Enclosure theta = rope.theta(i).enclose(new EnclosureArithmetic(400));
            Rational driftLo = f.subtract(theta.hi()).abs().min(f.subtract(theta.lo()).abs());
            Rational driftHi = f.subtract(theta.hi()).abs().max(f.subtract(theta.lo()).abs());
            BigInteger h = delta.divide(driftHi).floor().add(BigInteger.ONE);
            assertEquals(h, delta.divide(driftLo).floor().add(BigInteger.ONE), "mode " + i + ": the enclosure decides the horizon");
            long horizon = h.longValueExact();
            for (long context : new long[] {1000, horizon + 5, 1L << 30}) {
                for (long reach : new long[] {1, 3, horizon - 1, horizon, Long.MAX_VALUE}) {
                    RelativeErrorReport.Mode m = RelativeErrorAnalysis.analyse(rope, context, delta, reach).modes().get(i);
                    String where = "mode " + i + " L=" + context + " R=" + reach;
                    long longest = Math.min(reach, context - 1);
                    boolean fails = longest >= horizon && horizon <= context - 1;
                    Horizon got = m.horizon();
                    if (!fails && (reach <= 3 || context <= 100_000)) {
                        assertEquals(Horizon.none(), got, where);
                    } else if (!fails) {
                        // b = 10000, mode 1: theta = 1/10 exactly and f - theta = 1/10240, so R = 1024 gives |e| = delta
                        // exactly; the bound, rounded up in doubles, cannot rule it out beyond the window: a bracket
                        assertTrue(!(got instanceof Horizon.At), where + ": " + got);
                    } else if (got instanceof Horizon.Within w) {
                        assertTrue(w.first() <= horizon && horizon <= w.last(), where + ": " + w);
                    } else {
                        assertEquals(Horizon.at(horizon), got, where);
                    }
                    Enclosure max = ((PhaseErrorBound.Finite) m.maxError()).enclosure();
                    Rational n = Rational.of(longest);
                    assertTrue(max.lo().compareTo(driftHi.multiply(n)) <= 0 && driftLo.multiply(n).compareTo(max.hi()) <= 0,
                            where + ": " + max + " vs " + longest + " |f - theta|");
                    if (context <= 100_000) {
                        // the full scan: exact up to a few double roundings
                        assertTrue(max.width().compareTo(driftHi.multiply(n).multiply(Rational.parse("1e-12")).max(Rational.parse("1e-15"))) <= 0,
                                where + ": " + max);
                    }
                }
            }
            // mode 0: f = theta = 1, every phase exact, no error at all
            RelativeErrorReport.Mode zero = RelativeErrorAnalysis.analyse(rope, 5000, delta, Long.MAX_VALUE).modes().get(0);
            assertEquals(Horizon.none(), zero.horizon());
            Enclosure none = ((PhaseErrorBound.Finite) zero.maxError()).enclosure();
            assertTrue(none.lo().signum() == 0 && none.hi().compareTo(Rational.parse("1e-300")) <= 0, none.toString()); // one outward step
        }
    }

    @Test
    void boundsAndWindowsAgreeWithAFullScan() {
        qt().withFixedSeed(0x4E1A_7115L).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Pipeline pl = Pipeline.preset(Pipeline.PRESETS.get(r.nextInt(Pipeline.PRESETS.size())), Format.BF16);
            RopeEmulator rope = new RopeEmulator(Rational.of((long) Math.pow(10, 2 + 6 * r.nextDouble())), 2 * (1 + r.nextInt(6)), pl);
            long context = 1 + r.nextInt(20_000);
            long reach = new long[] {1, 2, 50, 5000, Long.MAX_VALUE}[r.nextInt(5)];
            Rational delta = Rational.parse(r.nextBoolean() ? "0.1" : "0.01");
            RelativeErrorReport full = RelativeErrorAnalysis.analyse(rope, context, delta, reach, Long.MAX_VALUE);
            RelativeErrorReport windows = RelativeErrorAnalysis.analyse(rope, context, delta, reach, 0);
            String where = pl.name() + " b=" + rope.base() + " d=" + rope.rotaryDim() + " L=" + context + " R=" + reach + " delta=" + delta;
            for (int i = 0; i < rope.modes(); i++) {
                Horizon f = full.modes().get(i).horizon();
                Horizon w = windows.modes().get(i).horizon();
                assertTrue(!(f instanceof Horizon.Within), where);
                if (w instanceof Horizon.Within b) {
                    long h = f.located().orElse(Long.MAX_VALUE);
                    assertTrue(h == Long.MAX_VALUE || (b.first() <= h && h <= b.last()), where + " mode " + i + ": " + b + " vs " + f);
                } else {
                    assertEquals(f, w, where + " mode " + i);
                }
                if (full.modes().get(i).maxError() instanceof PhaseErrorBound.Finite fe) {
                    Enclosure a = fe.enclosure();
                    Enclosure b = ((PhaseErrorBound.Finite) windows.modes().get(i).maxError()).enclosure();
                    assertTrue(a.lo().compareTo(b.hi()) <= 0 && b.lo().compareTo(a.hi()) <= 0, where + " mode " + i + ": " + a + " vs " + b);
                }
            }
            OptionalLong least = full.modes().stream().map(m -> m.horizon().located()).filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong).min();
            assertEquals(Horizon.of(least), full.horizon(), where);
        });
    }

    @Test
    void theDefaultDistanceIncludesTheAbsoluteError() {
        // r = p pairs a position with position 0, whose phase is exactly 0: e(p, p) is the absolute phase error,
        // so with every distance allowed the relative maximum is at least the absolute one, and at most twice it
        RopeEmulator rope = new RopeEmulator(Rational.of(500000), 16, Pipeline.preset("bf16-all", Format.BF16));
        Rational delta = Rational.parse("0.1");
        ErasureReport absolute = ErasureAnalysis.analyse(rope, 3000, delta);
        RelativeErrorReport relative = RelativeErrorAnalysis.analyse(rope, 3000, delta, Long.MAX_VALUE);
        for (int i = 0; i < rope.modes(); i++) {
            Enclosure a = ((PhaseErrorBound.Finite) absolute.modes().get(i).maxPhaseError()).enclosure();
            Enclosure e = ((PhaseErrorBound.Finite) relative.modes().get(i).maxError()).enclosure();
            assertTrue(e.hi().compareTo(a.lo()) >= 0 && e.lo().compareTo(a.hi().multiply(Rational.of(2))) <= 0, "mode " + i);
            long abs = absolute.modes().get(i).phaseErrorHorizon().located().orElse(Long.MAX_VALUE);
            long rel = relative.modes().get(i).horizon().located().orElse(Long.MAX_VALUE);
            assertTrue(rel <= abs, "mode " + i + ": the relative horizon " + rel + " after the absolute " + abs);
        }
    }

    @Test
    void refusesWhatItCannotAnalyse() {
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 8, Pipeline.preset("hf", Format.BF16));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RelativeErrorAnalysis.analyse(rope, 100, Rational.parse("0.1"), 0));
        assertTrue(e.getMessage().contains("maximum distance 0") && e.getMessage().contains("R >= 1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> RelativeErrorAnalysis.analyse(rope, 0, Rational.parse("0.1"), 1));
        assertThrows(InvalidInputException.class, () -> RelativeErrorAnalysis.analyse(rope, 10, Rational.ZERO, 1));
        assertThrows(InvalidInputException.class, () -> RelativePhaseError.of(rope, 0, 5, 6, 10));
        assertThrows(InvalidInputException.class, () -> RelativePhaseError.of(rope, 4, 5, 1, 10));
    }
}
