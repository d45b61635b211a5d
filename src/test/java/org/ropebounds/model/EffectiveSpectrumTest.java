package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.Ieee;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/** Effective spectra against classifications and values derived by hand in the comments. */
class EffectiveSpectrumTest {

    private static final EnclosureArithmetic A = new EnclosureArithmetic(160);

    private static ModelConfig config(String scaling) {
        return ConfigReader.parse("{\"head_dim\": 128, \"num_hidden_layers\": 32, \"max_position_embeddings\": 131072,"
                + " \"rope_theta\": 500000, \"rope_scaling\": " + scaling + "}", "test");
    }

    @Test
    void linearDividesEveryModeByTheFactor() {
        EffectiveSpectrum s = new EffectiveSpectrum(config("{\"rope_type\": \"linear\", \"factor\": 4}"), 131072);
        RopeEmulator plain = new RopeEmulator(Rational.of(500000), 128, Pipeline.preset("hf", Format.BF16));
        for (int i = 0; i < 64; i++) {
            // dividing an fp32 value by 4 is exact (no subnormals here): transformers' inv_freq / 4
            assertEquals(Ieee.divide(plain.invFreq(i), Ieee.round(Rational.of(4), Format.FP32), Format.FP32), s.fp32(i));
            Enclosure exact = s.theta(i).enclose(A);
            Enclosure plainTheta = plain.theta(i).enclose(A);
            Rational four = Rational.of(4);
            assertTrue(exact.contains(plainTheta.midpoint().divide(four)) || exact.compareTo(plainTheta.midpoint().divide(four)).isEmpty(),
                    "mode " + i);
        }
    }

    @Test
    void llama3KeepsFastModesAndDividesSlowOnes() {
        // b = 500000, d = 128, L_orig = 8192, low/high frequency factors 1/4: the wavelength
        // 2 pi 500000^(i/64) is below 8192/4 = 2048 for i <= 28 (i/64 < ln(2048/2pi)/ln 500000 = 0.44099),
        // above 8192/1 for i >= 35 (i/64 > ln(8192/2pi)/ln 500000 = 0.54662), in between for 29..34
        EffectiveSpectrum s = new EffectiveSpectrum(config("{\"rope_type\": \"llama3\", \"factor\": 8, \"low_freq_factor\": 1,"
                + " \"high_freq_factor\": 4, \"original_max_position_embeddings\": 8192}"), 131072);
        RopeEmulator plain = new RopeEmulator(Rational.of(500000), 128, Pipeline.preset("hf", Format.BF16));
        for (int i = 0; i < 64; i++) {
            Enclosure scaled = s.theta(i).enclose(A);
            Enclosure theta = plain.theta(i).enclose(A);
            Rational ratio = theta.midpoint().divide(scaled.midpoint());
            assertEquals(i <= 28 ? "kept" : i >= 35 ? "interpolated" : "blended", s.role(i), "mode " + i);
            if (i <= 28) {
                assertTrue(ratio.subtract(Rational.ONE).abs().compareTo(Rational.parse("1e-40")) < 0, "mode " + i + " kept");
                assertEquals(plain.invFreq(i), s.fp32(i), "mode " + i + " stored as is");
            } else if (i >= 35) {
                assertTrue(ratio.subtract(Rational.of(8)).abs().compareTo(Rational.parse("1e-40")) < 0, "mode " + i + " divided by 8");
            } else {
                assertTrue(ratio.compareTo(Rational.ONE) > 0 && ratio.compareTo(Rational.of(8)) < 0, "mode " + i + " blended");
            }
        }
    }

    @Test
    void yarnWithoutTruncationUsesTheRangeUnrounded() {
        // b = 1e6, d = 128, L_orig = 32768: dim(32) = 128 ln(32768/(64 pi)) / (2 ln 1e6) = 128 * 5.0936 / 27.631 = 23.596...,
        // dim(1) = 128 ln(32768/(2 pi)) / (2 ln 1e6) = 128 * 8.5593 / 27.631 = 39.651...
        EffectiveSpectrum s = new EffectiveSpectrum(ConfigReader.parse("{\"head_dim\": 128, \"max_position_embeddings\": 131072,"
                + " \"rope_theta\": 1000000, \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4, \"truncate\": false,"
                + " \"original_max_position_embeddings\": 32768}}", "test"), 131072);
        Rational[] range = s.yarnRange((RopeScaling.Yarn) ConfigReader.parse("{\"head_dim\": 128, \"rope_theta\": 1000000,"
                + " \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4, \"truncate\": false, \"original_max_position_embeddings\": 32768}}",
                "test").scaling());
        assertTrue(range[0].compareTo(Rational.parse("23.59")) > 0 && range[0].compareTo(Rational.parse("23.60")) < 0, range[0].toString());
        assertTrue(range[1].compareTo(Rational.parse("39.65")) > 0 && range[1].compareTo(Rational.parse("39.66")) < 0, range[1].toString());
        assertEquals("kept", s.role(23));
        assertEquals("blended", s.role(24));
        assertEquals("blended", s.role(39));
        assertEquals("interpolated", s.role(40));
    }

    @Test
    void yarnAttentionFactorAndDeepSeeksRatio() {
        // 0.1 ln(4) + 1 = 1.13862943611198906188 (ln 4 = 1.38629436111989061883)
        EffectiveSpectrum qwen = new EffectiveSpectrum(config("{\"rope_type\": \"yarn\", \"factor\": 4,"
                + " \"original_max_position_embeddings\": 32768}"), 131072);
        Enclosure f = qwen.attentionFactor().enclose(A);
        assertTrue(f.contains(Rational.parse("1.138629436111989061883446424291635313615")) || f.width().compareTo(Rational.parse("1e-30")) < 0
                && f.lo().subtract(Rational.parse("1.13862943611198906188")).abs().compareTo(Rational.parse("1e-20")) < 0, f.toString());
        // mscale = mscale_all_dim: the attention factor is exactly 1
        EffectiveSpectrum ds = new EffectiveSpectrum(config("{\"rope_type\": \"yarn\", \"factor\": 40, \"mscale\": 1.0,"
                + " \"mscale_all_dim\": 1.0, \"original_max_position_embeddings\": 4096}"), 131072);
        Enclosure one = ds.attentionFactor().enclose(A);
        assertTrue(one.contains(Rational.ONE) && one.width().compareTo(Rational.parse("1e-40")) < 0, one.toString());
    }
}
