package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.libm.LibmModel;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.model.ConfigReader;
import org.ropebounds.model.ModelRope;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.Ieee;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * The envelope of a scaled model's pipeline (YaRN, attention factor 0.1 ln 4 + 1): every implementation whose cos
 * and sin are faithful, followed by transformers' multiplication by fl32(a) (correctly rounded), lies inside it.
 * The implementations are enumerated: both faithful neighbours of the exact cos/sin of each fp32 phase (200-bit
 * enclosures), each times fl32(a) by {@link Ieee#multiply}.
 */
class ScaledEnvelopeTest {
    private static final EnclosureArithmetic A = new EnclosureArithmetic(200);
    private static final Path YARN = Path.of("src/test/resources/fixtures/crosscheck/models/yarn.json");

    private static double d(FloatValue v) {
        return v.format().toDouble(v.bits().longValue());
    }

    @Test
    void everyFaithfulCosTimesTheAttentionFactorIsInside() {
        Pipeline hf = Pipeline.preset("hf", Format.FP32);
        RopeEmulator rope = ModelRope.of(ConfigReader.read(YARN), "yarn.json").frequencies().emulator(hf);
        FloatValue a = rope.attentionFactorInTrig().orElseThrow();
        // fl32(0.1 ln 4 + 1) = 1.13862943..., by hand: not 1, so the stage matters
        assertTrue(d(a) > 1.138 && d(a) < 1.139, "attention factor " + a);
        LibmModels faithfulTrig = new LibmModels(LibmModel.CORRECT, LibmModel.FAITHFUL, LibmModel.FAITHFUL);
        double[] bounds = new double[2];
        int checked = 0;
        for (Quantity q : new Quantity[] {Quantity.COS, Quantity.SIN}) {
            PipelineEnvelope env = PipelineEnvelope.ofStoredInvFreq(q, rope, faithfulTrig, Format.FP32);
            for (long p : new long[] {0, 1, 4095, 131071, 1048575, 1048583}) {
                for (int i = 0; i < rope.modes(); i += 5) {
                    assertTrue(env.envelope(i, p, bounds), "bounded at mode " + i + " p " + p);
                    FloatValue x = Ieee.convert(rope.phase(i, p), hf.trig());
                    Enclosure e = q == Quantity.COS ? A.cos(A.of(x.value().toRational())) : A.sin(A.of(x.value().toRational()));
                    FloatValue down = Format.FP32.neighbours(e.lo())[0];
                    FloatValue up = Format.FP32.neighbours(e.hi())[1];
                    for (FloatValue y : new FloatValue[] {down, up}) {
                        double v = d(Ieee.convert(Ieee.multiply(y, a, hf.trig()), hf.output()));
                        assertTrue(bounds[0] <= v && v <= bounds[1], q + " mode " + i + " p " + p + ": " + v + " outside ["
                                + bounds[0] + ", " + bounds[1] + "]");
                        checked++;
                    }
                    double pipelineValue = d(rope.output(i, p, q == Quantity.COS ? 0 : 1));
                    assertTrue(bounds[0] <= pipelineValue && pipelineValue <= bounds[1], "the pipeline's own value, mode " + i + " p " + p);
                }
            }
        }
        assertEquals(2 * 6 * 13 * 2, checked); // 2 quantities, 6 positions, modes 0, 5, ..., 60 of 64, 2 neighbours
    }

    @Test
    void aNonCorrectPowWithAScaledSpectrumGoesThroughTheModelsSteps() {
        CrosscheckRequest r = CrosscheckRequest.builder(Quantity.COS, ModelRope.of(ConfigReader.read(YARN), "yarn.json").frequencies())
                .pipeline("hf").libm(LibmModels.parse("faithful")).build();
        EnvelopeChecks.Envelopes e = EnvelopeChecks.Envelopes.of(r, r.emulator(Format.FP32), Format.FP32, false);
        PipelineEnvelope env = e.main().orElseThrow();
        // mode 37, where torch's powf is 1 ulp from the correctly rounded pow (expected.json): the envelope holds both
        assertTrue(env.invFreqLow(37).value().compareTo(env.invFreqHigh(37).value()) < 0, "mode 37 widened");
    }
}
