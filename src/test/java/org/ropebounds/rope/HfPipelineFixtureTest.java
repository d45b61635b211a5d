package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Ieee;

/**
 * The hf pipeline against transformers' own LlamaRotaryEmbedding (torch, CPU) and MPFR: see
 * src/test/python/gen_rope_fixtures.py. Correctly rounded steps (division, product, casts) must agree
 * bit for bit; torch's pow, cos and sin come from libm and may differ from the correctly rounded values
 * this project models: the test requires those differences to be at most 1 ulp and counts them.
 */
class HfPipelineFixtureTest {

    private static FloatValue fp32(String hex) {
        return Format.FP32.round(Rational.parse(hex), org.ropebounds.format.RoundingMode.NEAREST_EVEN).value();
    }

    /** Signed distance in ulps between two fp32 values of the same sign (difference of encodings). */
    private static long ulpsApart(FloatValue a, FloatValue b) {
        return Math.abs(a.bits().longValue() - b.bits().longValue());
    }

    @Test
    void invFreqStepByStep() throws IOException {
        Map<String, RopeEmulator> emulators = new HashMap<>();
        int rows = 0;
        int powOff = 0;
        for (String[] r : org.ropebounds.Fixtures.rows("rope/hf-inv-freq.csv")) {
            String key = r[0] + "/" + r[1];
            RopeEmulator rope = emulators.computeIfAbsent(key, k -> new RopeEmulator(Rational.parse(r[0]), Integer.parseInt(r[1]),
                    Pipeline.preset("hf", Format.BF16)));
            int i = Integer.parseInt(r[2]);
            String where = key + " mode " + i;
            assertEquals(r[5], rope.exponent(i).toHexString(), where + " exponent (a correctly rounded division)");
            assertEquals(r[8], rope.pow(i).toHexString(), where + " pow, correctly rounded (MPFR)");
            assertEquals(r[6], rope.invFreq(i).toHexString(), where + " inv_freq from the correctly rounded pow");
            FloatValue torchPow = fp32(r[4]);
            long off = ulpsApart(torchPow, rope.pow(i));
            assertTrue(off <= 1, where + ": torch's powf is " + off + " ulps off");
            powOff += off > 0 ? 1 : 0;
            // 1/pow is correctly rounded in torch too: from torch's own pow it gives torch's inv_freq
            assertEquals(r[3], Ieee.divide(fp32("0x1p+0"), torchPow, Format.FP32).toHexString(), where + " 1/pow");
            rows++;
        }
        assertTrue(rows > 300, "rows " + rows);
        assertTrue(powOff < rows / 4, "torch's pow differs from correct rounding in " + powOff + " of " + rows);
    }

    @Test
    void phasesCosSinAndTheBf16Cast() throws IOException {
        Map<String, RopeEmulator> emulators = new HashMap<>();
        Map<String, FloatValue> torchInvFreq = new HashMap<>();
        for (String[] r : org.ropebounds.Fixtures.rows("rope/hf-inv-freq.csv")) {
            torchInvFreq.put(r[0] + "/" + r[1] + "/" + r[2], fp32(r[3]));
        }
        int rows = 0;
        int trigOff = 0;
        for (String[] r : org.ropebounds.Fixtures.rows("rope/hf-phases.csv")) {
            String key = r[0] + "/" + r[1];
            RopeEmulator rope = emulators.computeIfAbsent(key, k -> new RopeEmulator(Rational.parse(r[0]), Integer.parseInt(r[1]),
                    Pipeline.preset("hf", Format.BF16)));
            int i = Integer.parseInt(r[2]);
            long p = Long.parseLong(r[3]);
            String where = key + " mode " + i + " position " + p;
            FloatValue torchInv = torchInvFreq.get(key + "/" + i);
            // the product of fl32(p) and inv_freq, rounded once: bit-exact
            FloatValue phase = Ieee.multiply(rope.position(p), torchInv, Format.FP32);
            assertEquals(r[4], phase.toHexString(), where + " phase");
            if (torchInv.equals(rope.invFreq(i))) {
                assertEquals(r[4], rope.phase(i, p).toHexString(), where + " the emulated phase");
            }
            FloatValue cos = Ieee.cosSin(phase, Format.FP32, 0);
            FloatValue sin = Ieee.cosSin(phase, Format.FP32, 1);
            assertEquals(r[9], cos.toHexString(), where + " cos, correctly rounded (MPFR)");
            assertEquals(r[10], sin.toHexString(), where + " sin, correctly rounded (MPFR)");
            long cosOff = ulpsApart(fp32(r[5]), cos);
            long sinOff = ulpsApart(fp32(r[6]), sin);
            assertTrue(cosOff <= 1 && sinOff <= 1, where + ": torch's cos/sin " + cosOff + "/" + sinOff + " ulps off");
            trigOff += (cosOff > 0 ? 1 : 0) + (sinOff > 0 ? 1 : 0);
            // the cast of torch's fp32 values to bf16 is a correctly rounded conversion: bit-exact
            assertEquals(r[7], Ieee.convert(fp32(r[5]), Format.BF16).toHexString(), where + " cos in bf16");
            assertEquals(r[8], Ieee.convert(fp32(r[6]), Format.BF16).toHexString(), where + " sin in bf16");
            rows++;
        }
        assertTrue(rows > 2000, "rows " + rows);
        assertTrue(trigOff < rows / 4, "torch's cos/sin differ from correct rounding in " + trigOff + " of " + 2 * rows);
    }

}
