package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * Real-shaped config.json files written from published values, against what transformers 5.18.0 reads
 * from them (expected.csv, by src/test/python/gen_scaling_fixtures.py; see the README beside them), and
 * hostile files that must be refused with the field named.
 */
class ConfigFixtureTest {

    private static Path file(String name) throws URISyntaxException {
        return Path.of(ConfigFixtureTest.class.getResource("/fixtures/configs/" + name).toURI());
    }

    @Test
    void readsWhatTransformersReads() throws Exception {
        int checked = 0;
        for (Map<String, String> row : org.ropebounds.Fixtures.records("configs/expected.csv")) {
            String name = row.get("file");
            ModelConfig m = ConfigReader.read(file(name));
            String spectrum = row.get("spectrum");
            boolean local = spectrum.equals("sliding_attention");
            Rational theta = Rational.parse(row.get("rope_theta"));
            assertEquals(theta, local ? m.localBase().orElseThrow() : m.base(), name + " rope_theta");
            assertEquals(Integer.parseInt(row.get("rotary_dim")), m.rotaryDim(), name + " rotary dim");
            assertEquals(Optional.of(Long.parseLong(row.get("max_position_embeddings"))), m.context(), name + " context");
            String type = row.get("rope_type");
            if (!local) {
                assertEquals(type.equals("default") ? "none" : type, m.scaling().type(), name + " scaling type");
            }
            ModelConfig judged = local ? new ModelConfig(m.name(), m.localBase().get(), false, m.headDim(), m.rotaryDim(), m.layers(),
                    m.context(), m.dtype(), new RopeScaling.None(), Optional.empty(), m.slidingWindow(), List.of()) : m;
            long seqLen = spectrum.equals("longrope_long") ? m.context().orElseThrow() : 0;
            EffectiveSpectrum s = new EffectiveSpectrum(judged, seqLen);
            assertClose(row.get("theta_max_fp32_hex"), s.fp32(0), name + " mode 0");
            assertClose(row.get("theta_min_fp32_hex"), s.fp32(s.modes() - 1), name + " slowest mode");
            checked++;
        }
        assertTrue(checked >= 20, "configs checked: " + checked);
    }

    /** Bit-exact, or within the few ulps torch's pow (not correctly rounded) may move a value. */
    private static void assertClose(String hex, FloatValue ours, String where) {
        FloatValue theirs = Format.FP32.round(Rational.parse(hex), RoundingMode.NEAREST_EVEN).value();
        long ulps = Math.abs(ours.bits().longValue() - theirs.bits().longValue());
        assertTrue(ulps <= 4, where + ": ours " + ours + ", transformers " + theirs);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "bad-theta-string.json,          rope_theta",
        "bad-negative-layers.json,       num_hidden_layers",
        "bad-huge-number.json,           rope_theta",
        "bad-truncated.json,             not valid JSON",
        "bad-deep-nesting.json,          nesting",
        "bad-wrong-type-scaling.json,    rope_scaling",
        "bad-llama3-missing-factor.json, factor",
        "bad-longrope-wrong-length.json, long_factor",
        "bad-nan-theta.json,             not valid JSON",
        "bad-theta-zero.json,            rope_theta",
        "bad-duplicate-theta.json,       rope_theta",
    })
    void hostileFilesAreRefusedNamingTheField(String name, String named) throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigReader.read(file(name)));
        assertTrue(e.getMessage().contains(named), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void unknownScalingIsReportedNotIgnored() throws Exception {
        ModelConfig m = ConfigReader.read(file("bad-unknown-scaling.json"));
        assertTrue(m.scaling() instanceof RopeScaling.Unknown);
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("quantum")), m.warnings().toString());
    }

}
