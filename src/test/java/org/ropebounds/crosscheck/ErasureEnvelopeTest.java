package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.ErasureAnalysis;
import org.ropebounds.rope.ErasureReport;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.Horizon;
import org.ropebounds.rope.PhaseErrorBound;
import org.ropebounds.rope.Pipeline;

/**
 * erasure under a faithful pow, against a brute-force oracle that shares nothing with the library but the
 * definition: each mode's faithful neighbours of b'^(2i/d) from an 80-digit (> 200-bit) Apfloat value, inv_freq
 * = RN(1/q) in plain double arithmetic, every position's phase by hand, errors against an 80-digit theta.
 */
class ErasureEnvelopeTest {
    private static final MathContext MC = new MathContext(60);
    private static final Rational DELTA = Rational.parse("0.1");

    /** RN, RD or RU of a positive normal double x to a significand of {@code bits} bits (mode 0, -1, +1). */
    private static double round(double x, int bits, int mode) {
        double u = Math.scalb(1.0, Math.getExponent(x) - (bits - 1));
        double q = x / u; // exact: a power-of-two scaling
        double r = mode == 0 ? Math.rint(q) : mode < 0 ? Math.floor(q) : Math.ceil(q);
        return r * u;
    }

    /** The faithful neighbours of the exact value x (80 digits) at {@code bits} bits: one value when x is representable. */
    private static double[] neighbours(Apfloat x, int bits) {
        BigDecimal exact = new BigDecimal(x.toString(true));
        double d = round(exact.doubleValue(), bits, -1); // a starting point within an ulp: decided exactly below
        while (new BigDecimal(d).compareTo(exact) > 0) {
            d = round(d - Math.scalb(1.0, Math.getExponent(d) - bits), bits, -1);
        }
        while (new BigDecimal(next(d, bits)).compareTo(exact) <= 0) {
            d = next(d, bits);
        }
        return new double[] {d, new BigDecimal(d).compareTo(exact) == 0 ? d : next(d, bits)};
    }

    private static double next(double v, int bits) {
        return v + Math.scalb(1.0, Math.getExponent(v) - (bits - 1));
    }

    private record Oracle(List<Double> candidates, List<OptionalLong> collision, List<OptionalLong> phaseError, List<BigDecimal> max) {
    }

    /** Mode i of an all-{@code bits} pipeline (positions, phase) over positions < L, for each candidate. */
    private static Oracle oracle(long base, int d, int i, int bits, int computeBits, long context) {
        double b = round(base, computeBits, 0);
        Apfloat pow = ApfloatMath.pow(new Apfloat(new BigDecimal(b), 80), new Apfloat(2 * i, 80).divide(new Apfloat(d, 80)));
        double[] q = neighbours(pow, computeBits);
        double lo = round(round(1.0 / q[1], computeBits, 0), bits, 0); // 1/q in double is within 2^-53: RN at <= 24 bits is then exact
        double hi = round(round(1.0 / q[0], computeBits, 0), bits, 0);
        List<Double> cands = new ArrayList<>();
        for (double v = lo; v <= hi; v = next(v, bits)) {
            cands.add(v);
        }
        BigDecimal theta = new BigDecimal(ApfloatMath.pow(new Apfloat(base, 80), new Apfloat(-2 * i, 80).divide(new Apfloat(d, 80))).toString(true));
        List<OptionalLong> col = new ArrayList<>();
        List<OptionalLong> err = new ArrayList<>();
        List<BigDecimal> max = new ArrayList<>();
        for (double inv : cands) {
            OptionalLong c = OptionalLong.empty();
            OptionalLong e = OptionalLong.empty();
            BigDecimal m = BigDecimal.ZERO;
            double prev = Double.NaN;
            for (long p = 0; p < context; p++) {
                double t = p == 0 ? 0 : round(p, bits, 0);
                double phase = t == 0 ? 0 : round(t * inv, bits, 0); // the product of two <= 24-bit values is exact in double
                if (p > 0 && phase == prev && c.isEmpty()) {
                    c = OptionalLong.of(p);
                }
                BigDecimal a = new BigDecimal(phase).subtract(theta.multiply(BigDecimal.valueOf(p), MC)).abs();
                if (a.compareTo(new BigDecimal("0.1")) > 0 && e.isEmpty()) {
                    e = OptionalLong.of(p);
                }
                m = m.max(a);
                prev = phase;
            }
            col.add(c);
            err.add(e);
            max.add(m);
        }
        return new Oracle(cands, col, err, max);
    }

    private static long key(OptionalLong h) {
        return h.orElse(Long.MAX_VALUE);
    }

    private static OptionalLong unkey(long k) {
        return k == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(k);
    }

    private static void assertContains(PhaseErrorBound b, BigDecimal x, String what) {
        assertTrue(b instanceof PhaseErrorBound.Finite, what);
        var e = ((PhaseErrorBound.Finite) b).enclosure();
        Rational r = Rational.of(x);
        assertTrue(e.lo().compareTo(r) <= 0 && r.compareTo(e.hi()) <= 0, () -> what + ": " + x + " not in " + e);
    }

    @ParameterizedTest(name = "{0}, b = {1}, d = {2}, L = {3}")
    @CsvSource({"bf16-all, 500000, 16, 400, 8", "bf16-all, 10000, 8, 300, 8", "fp16-all, 10000, 16, 3000, 11", "hf, 500000, 16, 2048, 24"})
    void faithfulRangesMatchTheBruteForceOracle(String pipeline, long base, int d, long context, int bits) {
        Pipeline pl = Pipeline.preset(pipeline, Format.BF16);
        ErasureEnvelope env = ErasureEnvelope.analyse(Frequencies.plain(Rational.of(base), d), pl, LibmModels.parse("faithful"), context, DELTA);
        long possibleCollision = Long.MAX_VALUE;
        long certainCollision = Long.MAX_VALUE;
        long possibleError = Long.MAX_VALUE;
        long certainError = Long.MAX_VALUE;
        boolean moved = false;
        for (int i = 0; i < d / 2; i++) {
            Oracle o = oracle(base, d, i, bits, bits, context);
            ErasureEnvelope.ModeRange m = env.modes().get(i);
            List<Double> got = m.candidates().stream().map(v -> v.value().toRational().toDouble(org.ropebounds.format.RoundingMode.NEAREST_EVEN)).toList();
            assertEquals(o.candidates(), got, "mode " + i + " candidates");
            moved |= got.size() > 1;
            long cMin = o.collision().stream().mapToLong(ErasureEnvelopeTest::key).min().getAsLong();
            long cMax = o.collision().stream().mapToLong(ErasureEnvelopeTest::key).max().getAsLong();
            long eMin = o.phaseError().stream().mapToLong(ErasureEnvelopeTest::key).min().getAsLong();
            long eMax = o.phaseError().stream().mapToLong(ErasureEnvelopeTest::key).max().getAsLong();
            assertEquals(Horizon.of(unkey(cMin)), m.collision().earliest(), "mode " + i + " collision possible from");
            assertEquals(Horizon.of(unkey(cMax)), m.collision().latest(), "mode " + i + " collision certain from");
            assertEquals(Horizon.of(unkey(eMin)), m.phaseErrorHorizon().earliest(), "mode " + i + " phase error possible from");
            assertEquals(Horizon.of(unkey(eMax)), m.phaseErrorHorizon().latest(), "mode " + i + " phase error certain from");
            assertContains(m.maxPhaseError().least(), o.max().stream().min(BigDecimal::compareTo).get(), "mode " + i + " least max error");
            assertContains(m.maxPhaseError().most(), o.max().stream().max(BigDecimal::compareTo).get(), "mode " + i + " most max error");
            possibleCollision = Math.min(possibleCollision, cMin);
            certainCollision = Math.min(certainCollision, cMax);
            possibleError = Math.min(possibleError, eMin);
            certainError = Math.min(certainError, eMax);
        }
        assertTrue(moved, "the faithful pow must move some mode's inv_freq");
        assertEquals(Horizon.of(unkey(possibleCollision)), env.collision().earliest());
        assertEquals(Horizon.of(unkey(certainCollision)), env.collision().latest());
        assertEquals(Horizon.of(unkey(possibleError)), env.phaseErrorHorizon().earliest());
        assertEquals(Horizon.of(unkey(certainError)), env.phaseErrorHorizon().latest());
    }

    /** b = 4, d = 4: pow(4, 0) = 1 and pow(4, 1/2) = 2 are exact, so a faithful pow has no choice: every range is a point. */
    @Test
    void anExactPowLeavesPointRanges() {
        Pipeline pl = Pipeline.preset("bf16-all", Format.BF16);
        Frequencies f = Frequencies.plain(Rational.of(4), 4);
        ErasureEnvelope env = ErasureEnvelope.analyse(f, pl, LibmModels.parse("faithful"), 1000, DELTA);
        ErasureReport plain = ErasureAnalysis.analyse(f.emulator(pl), 1000, DELTA);
        assertEquals(List.of("0x1p+0"), env.modes().get(0).candidates().stream().map(v -> v.toHexString()).toList());
        assertEquals(List.of("0x1p-1"), env.modes().get(1).candidates().stream().map(v -> v.toHexString()).toList());
        assertTrue(env.collision().isPoint() && env.phaseErrorHorizon().isPoint());
        // inv_freq 1/2 and 1 with bf16 positions: phases are exact multiples until the positions round, from 257 (bf16 has 8 bits)
        assertEquals(new Horizon.At(257), env.collision().earliest());
        assertEquals(plain.collisionHorizon(), env.collision().earliest());
        assertEquals(plain.phaseErrorHorizon(), env.phaseErrorHorizon().latest());
        assertEquals(plain.maxPhaseError(), env.maxPhaseError().most());
    }

    @Test
    void cosAndSinModelsDoNotMoveAnything() {
        Pipeline pl = Pipeline.preset("bf16-all", Format.BF16);
        Frequencies f = Frequencies.plain(Rational.of(500000), 16);
        ErasureEnvelope env = ErasureEnvelope.analyse(f, pl, LibmModels.parse("cuda-fast-math").with(org.ropebounds.libm.LibmFunction.POW,
                LibmModels.CORRECT.pow()), 400, DELTA);
        ErasureReport plain = ErasureAnalysis.analyse(f.emulator(pl), 400, DELTA);
        assertEquals(plain.collisionHorizon(), env.collision().earliest());
        assertTrue(env.collision().isPoint() && env.phaseErrorHorizon().isPoint());
        env.modes().forEach(m -> assertEquals(1, m.candidates().size()));
    }

    @Test
    void tooManyCandidatesAndUnboundedPowAreRefused() {
        Pipeline pl = Pipeline.preset("hf", Format.BF16);
        Frequencies f = Frequencies.plain(Rational.of(500000), 16);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ErasureEnvelope.analyse(f, pl, LibmModels.parse("ulps:40"), 100, DELTA));
        assertTrue(e.getMessage().contains("more than 64") && !e.getMessage().contains("\n"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> ErasureEnvelope.analyse(f, pl, LibmModels.CORRECT.with(org.ropebounds.libm.LibmFunction.POW,
                        LibmModels.parse("unbounded").pow()), 100, DELTA));
        assertTrue(e.getMessage().contains("unboundedly many"), e.getMessage());
    }

    @Test
    void horizonOrderTreatsNoneAsInfinityAndKeepsBracketsSound() {
        Horizon none = new Horizon.None();
        Horizon at5 = new Horizon.At(5);
        Horizon w = new Horizon.Within(3, 9);
        assertEquals(at5, ErasureEnvelope.earlier(none, at5));
        assertEquals(none, ErasureEnvelope.later(none, at5));
        assertEquals(new Horizon.Within(3, 5), ErasureEnvelope.earlier(at5, w)); // the minimum is <= 5, and >= 3
        assertEquals(new Horizon.Within(5, 9), ErasureEnvelope.later(at5, w)); // >= 5, at most 9 (or none)
        assertEquals(new Horizon.At(2), ErasureEnvelope.earlier(new Horizon.At(2), w));
    }
}
