package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.libm.LibmModel;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.Ieee;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * Soundness of {@link PipelineEnvelope}: on random bases, positions, pipelines and quantities, every value an
 * implementation with a faithful (or K-ulp) libm can compute lies inside the envelope. The implementations are
 * enumerated exhaustively: for each op of the small pipeline (pow, then cos or sin) every value the model allows
 * for the op's actual argument, found here by stepping through the format's values from the exact result (MPFR-like
 * enclosures at 200 bits), the other ops correctly rounded ({@link Ieee}).
 */
class EnvelopeSoundnessTest {
    private static final EnclosureArithmetic A = new EnclosureArithmetic(200);
    private static final String[] PIPELINES = {"hf", "bf16-all", "fp16-all", "hf-bf16-inv-freq"};
    private static final Quantity[] QUANTITIES = {Quantity.COS, Quantity.SIN, Quantity.PHASE, Quantity.INV_FREQ};

    /** Every value of f within k ulps of the exact value enclosed by e (k = 0: faithful, RD and RU; k = -1: correct, RN). */
    private static List<FloatValue> allowed(Enclosure e, int k, Format f) {
        List<FloatValue> out = new ArrayList<>();
        if (k < 0) {
            out.add(f.roundIfDecided(e.lo(), e.hi(), org.ropebounds.format.RoundingMode.NEAREST_EVEN,
                    org.ropebounds.format.OverflowPolicy.INFINITY).orElseThrow());
            return out;
        }
        FloatValue down = f.neighbours(e.lo())[0];
        FloatValue up = f.neighbours(e.hi())[1];
        if (k == 0) {
            // faithful: RD and RU of the exact value; the enclosure is tight enough that they are those of its ends
            assertTrue(down.nextUp().equals(up) || down.equals(up), "the 200-bit enclosure straddles a value of " + f.name());
            out.add(down);
            out.add(up);
            return out;
        }
        Rational w = f.ulp(e.hi().abs().max(e.lo().abs())).toRational().multiply(Rational.of(k));
        // below: y with y >= hi - w (then |y - c| <= w for every c in the enclosure); above: y <= lo + w
        for (FloatValue y = down; y.isFinite() && y.value().toRational().compareTo(e.hi().subtract(w)) >= 0; y = y.nextDown()) {
            out.add(y);
        }
        for (FloatValue y = up; y.isFinite() && y.value().toRational().compareTo(e.lo().add(w)) <= 0; y = y.nextUp()) {
            out.add(y);
        }
        return out;
    }

    private static double d(FloatValue v) {
        return v.format().toDouble(v.bits().longValue());
    }

    private static void checkEveryImplementationIsInside(Rational base, int headDim, String pipeline, Quantity q, long p, int k) {
        checkEveryImplementationIsInside(base, headDim, pipeline, q, p, k, k);
    }

    private static LibmModel model(int k) {
        return k < 0 ? LibmModel.CORRECT : k == 0 ? LibmModel.FAITHFUL : new LibmModel.Ulps(k, java.util.Optional.empty());
    }

    /** powK, trigK: the models of pow and of cos/sin (-1 correct, 0 faithful, K ulps). */
    private static void checkEveryImplementationIsInside(Rational base, int headDim, String pipeline, Quantity q, long p, int powK, int trigK) {
        Format out = pipeline.equals("hf") || pipeline.equals("hf-bf16-inv-freq") ? Format.BF16 : Format.parse(pipeline.replace("-all", ""));
        Pipeline pl = Pipeline.preset(pipeline, out);
        RopeEmulator rope = new RopeEmulator(base, headDim, pl);
        PipelineEnvelope env = PipelineEnvelope.of(q, rope, new LibmModels(model(powK), model(trigK), model(trigK)), out);
        Format c = pl.invFreqCompute();
        FloatValue b = Ieee.round(base, c);
        FloatValue one = Ieee.round(Rational.ONE, c);
        double[] bounds = new double[2];
        for (int i = 0; i < rope.modes(); i++) {
            FloatValue e = rope.exponent(i);
            List<FloatValue> pows = e.isZero() ? List.of(one) : !b.isFinite() ? List.of(rope.pow(i)) // pow(inf, e > 0) = inf
                    : allowed(A.pow(A.of(b.value().toRational()), A.of(e.value().toRational())), powK, c);
            if (!env.envelope(i, p, bounds)) {
                // unbounded only where the phase overflows (fp16 positions past 65504): cos(inf) is NaN for every libm
                assertTrue(q.hasPositions() && !rope.phase(i, p).isFinite(), "unbounded at a finite phase, mode " + i + " p " + p);
                continue;
            }
            for (FloatValue pow : pows) {
                FloatValue inv = Ieee.convert(Ieee.divide(one, pow, c), pl.invFreq());
                if (q == Quantity.INV_FREQ) {
                    assertInside(d(Ieee.convert(inv, out)), bounds, q + " mode " + i);
                    continue;
                }
                FloatValue t = Ieee.convert(Ieee.round(Rational.of(p), pl.position()), pl.phase());
                FloatValue phase = Ieee.multiply(t, Ieee.convert(inv, pl.phase()), pl.phase());
                if (q == Quantity.PHASE) {
                    assertInside(d(Ieee.convert(phase, out)), bounds, "phase mode " + i);
                    continue;
                }
                FloatValue x = Ieee.convert(phase, pl.trig());
                Enclosure arg = A.of(x.value().toRational());
                for (FloatValue y : allowed(q == Quantity.COS ? A.cos(arg) : A.sin(arg), trigK, pl.trig())) {
                    assertInside(d(Ieee.convert(Ieee.convert(y, pl.output()), out)), bounds, q + " mode " + i + " p " + p + " x " + x.toHexString());
                }
            }
        }
    }

    private static void assertInside(double v, double[] bounds, String what) {
        assertTrue(bounds[0] <= v && v <= bounds[1], what + ": " + v + " outside [" + bounds[0] + ", " + bounds[1] + "]");
    }

    @Test
    void everyFaithfulImplementationIsInsideTheEnvelope() {
        qt().withFixedSeed(0x11b_2026L).withExamples(60)
                .forAll(integers().between(2, 2_000_000), integers().between(0, PIPELINES.length * QUANTITIES.length - 1),
                        longs().between(0, 1L << 24), integers().between(1, 3))
                .checkAssert((b, which, p, halfDim) -> checkEveryImplementationIsInside(Rational.of(b), 2 * halfDim,
                        PIPELINES[which / QUANTITIES.length], QUANTITIES[which % QUANTITIES.length], p, 0));
    }

    @Test
    void everyImplementationWithinTwoUlpsIsInsideTheEnvelope() {
        qt().withFixedSeed(0x22b_2026L).withExamples(30)
                .forAll(integers().between(2, 2_000_000), integers().between(0, PIPELINES.length * QUANTITIES.length - 1),
                        longs().between(0, 1L << 22), integers().between(1, 2))
                .checkAssert((b, which, p, halfDim) -> checkEveryImplementationIsInside(Rational.of(b), 2 * halfDim,
                        PIPELINES[which / QUANTITIES.length], QUANTITIES[which % QUANTITIES.length], p, 2));
    }

    @Test
    void mixedModelsToo() {
        // a faithful pow with a correctly rounded cos (the numpy-like case), and a correct pow with a 1-ulp cos
        qt().withFixedSeed(0x33b_2026L).withExamples(40)
                .forAll(integers().between(2, 2_000_000), integers().between(0, PIPELINES.length * QUANTITIES.length - 1),
                        longs().between(0, 1L << 24), integers().between(0, 1))
                .checkAssert((b, which, p, mix) -> checkEveryImplementationIsInside(Rational.of(b), 4,
                        PIPELINES[which / QUANTITIES.length], QUANTITIES[which % QUANTITIES.length], p, mix == 0 ? 0 : -1, mix == 0 ? -1 : 1));
    }

    @Test
    void anAbsoluteBoundHoldsOnlyInItsRange() {
        // b = 10000, d = 2: inv_freq = 1, the phase is p; cos abs:2^-21.41@pi (CUDA's __cosf): bounded at p = 3 <= pi,
        // unbounded at p = 4 > pi
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 2, Pipeline.preset("hf", Format.FP32));
        LibmModels fast = new LibmModels(LibmModel.CORRECT, LibmModel.parse("abs:2^-21.41@pi"), LibmModel.CORRECT);
        PipelineEnvelope env = PipelineEnvelope.of(Quantity.COS, rope, fast, Format.FP32);
        double[] bounds = new double[2];
        assertTrue(env.envelope(0, 3, bounds));
        // cos(3) = -0.98999249660044545727..., 2^-21.41 = 3.58879e-7 (mpmath, 30 digits): cos(3) -+ 2^-21.41 =
        // -0.989992855479236172..., -0.989992137721654742...; the ends are the fp32 values just inside (spacing 2^-24)
        assertTrue(bounds[0] >= -0.989992855479236172 && bounds[0] < -0.989992855479236172 + 0x1p-24, Double.toString(bounds[0]));
        assertTrue(bounds[1] <= -0.989992137721654742 && bounds[1] > -0.989992137721654742 - 0x1p-24, Double.toString(bounds[1]));
        assertFalse(env.envelope(0, 4, bounds));
    }

    @Test
    void aPhaseIntervalAroundAnExtremumReachesIt() {
        // b = 10000, d = 2: one mode, inv_freq = 1 (e = 0): the phase is p; with p = 22 and 355 (near multiples of pi),
        // cos's envelope under faithful pow is a point (pow(b, 0) = 1 exactly), so it must hold RD/RU of cos(p) and no more
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 2, Pipeline.preset("hf", Format.FP32));
        PipelineEnvelope env = PipelineEnvelope.of(Quantity.COS, rope, LibmModels.all(LibmModel.FAITHFUL), Format.FP32);
        double[] bounds = new double[2];
        assertTrue(env.envelope(0, 355, bounds));
        // cos(355) = -0.99999999998..., within 2^-24 of -1: its fp32 neighbours are -1 and the value above it
        assertEquals(-1.0, bounds[0]);
        assertEquals(Math.nextUp(-1.0f), bounds[1]);
    }
}
