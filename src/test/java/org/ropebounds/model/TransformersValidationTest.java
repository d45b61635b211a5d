package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * Configs built from transformers 5.18.0's configuration classes with fields removed or changed, read as transformers
 * reads them: the defaults it supplies, the configs it refuses or warns about, and the inv_freq and attention factor
 * it computes (fixtures/validation/expected.json, by src/test/python/gen_model_defaults.py).
 */
class TransformersValidationTest {

    private static JsonNode expected() throws Exception {
        try (InputStream in = TransformersValidationTest.class.getResourceAsStream("/fixtures/validation/expected.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static String text(String file) throws Exception {
        try (InputStream in = TransformersValidationTest.class.getResourceAsStream("/fixtures/validation/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyCaseIsReadAsTransformersReadsItOrRefusedWhereNoModelRunsIt() throws Exception {
        JsonNode all = expected();
        assertEquals("5.18.0", all.get("transformers").asText());
        assertEquals("5.18.0", TransformersDefaults.version());
        int checked = 0;
        for (JsonNode c : all.get("cases")) {
            String file = c.get("file").asText();
            String ours = c.get("ropebounds").asText();
            String field = c.get("field").asText();
            boolean transformersObjects = c.has("error") || c.has("rotary_error") || c.path("warnings").size() > 0
                    || c.path("spectra").path("init").path("non_finite").asBoolean(false);
            if (ours.equals("refuse")) {
                // refused: transformers raises, warns or computes something no model can use
                assertTrue(transformersObjects, file + ": transformers accepted it silently");
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigReader.parse(text(file), file), file);
                assertTrue(e.getMessage().contains(field), file + ": " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                checked++;
                continue;
            }
            ModelConfig m = ConfigReader.parse(text(file), file);
            if (c.path("warnings").size() > 0) {
                assertEquals("warn", ours, file);
                assertTrue(m.validationWarnings().stream().anyMatch(w -> w.contains(field)), file + ": " + m.validationWarnings());
                assertTrue(m.warnings().containsAll(m.validationWarnings()), file);
            } else {
                assertTrue(m.validationWarnings().isEmpty(), file + ": " + m.validationWarnings());
            }
            assertEquals(Optional.of(c.get("max_position_embeddings").asLong()), m.context(), file + " context");
            if (c.get("sliding_window").isNumber() && m.localBase().isPresent()) {
                assertEquals(Optional.of(c.get("sliding_window").asLong()), m.slidingWindow(), file + " sliding window");
            }
            for (Map.Entry<String, JsonNode> s : (Iterable<Map.Entry<String, JsonNode>>) () -> c.get("spectra").fields()) {
                boolean local = s.getKey().equals("sliding_attention");
                JsonNode sp = s.getValue();
                Rational theta = Rational.parse(sp.get("rope_theta").asText());
                assertEquals(theta, local ? m.localBase().orElseThrow() : m.base(), file + " " + s.getKey() + " rope_theta");
                ModelConfig judged = local ? new ModelConfig(m.name(), m.localBase().get(), false, m.headDim(), m.rotaryDim(), m.layers(),
                        m.context(), m.dtype(), new RopeScaling.None(), Optional.empty(), m.slidingWindow(), List.of()) : m;
                EffectiveSpectrum e = new EffectiveSpectrum(judged, 0);
                assertEquals(sp.get("d").asInt(), judged.rotaryDim(), file + " d");
                assertClose(sp.get("theta_max_fp32_hex").asText(), maxOrMin(e, true), file + " largest inv_freq");
                assertClose(sp.get("theta_min_fp32_hex").asText(), maxOrMin(e, false), file + " smallest inv_freq");
                // the exact column agrees with the fp32 one (within fp32 rounding and pow's few ulps): the same modes are
                // kept, divided and blended in both, as in transformers (llama3 with low > high once disagreed)
                for (int i = 0; i < e.modes(); i++) {
                    Enclosure t = e.theta(i).enclose(new EnclosureArithmetic(120));
                    Rational f = e.fp32(i).value().toRational();
                    assertTrue(t.lo().subtract(f).abs().compareTo(f.abs().multiply(Rational.parse("0x1p-20"))) <= 0,
                            file + " mode " + i + ": exact " + t.lo() + ", fp32 " + f);
                }
                // the attention factor: transformers' double against the exact value, within 2^-50 relative
                Rational theirs = Rational.parse(sp.get("attention_factor_hex").asText());
                Enclosure exact = e.attentionFactor().enclose(new EnclosureArithmetic(120));
                Rational mid = exact.lo().add(exact.hi()).divide(Rational.of(2));
                assertTrue(mid.subtract(theirs).abs().compareTo(theirs.abs().multiply(Rational.parse("0x1p-50"))) <= 0,
                        file + " attention factor: ours " + mid + ", transformers " + theirs);
            }
            checked++;
        }
        assertEquals(23, checked);
    }

    private static FloatValue maxOrMin(EffectiveSpectrum e, boolean max) {
        FloatValue best = e.fp32(0);
        for (int i = 1; i < e.modes(); i++) {
            FloatValue v = e.fp32(i);
            int c = v.value().toRational().compareTo(best.value().toRational());
            if (max ? c > 0 : c < 0) {
                best = v;
            }
        }
        return best;
    }

    /** Bit-exact, or within the few ulps torch's pow (not correctly rounded) may move a value. */
    private static void assertClose(String hex, FloatValue ours, String where) {
        FloatValue theirs = Format.FP32.round(Rational.parse(hex), RoundingMode.NEAREST_EVEN).value();
        long ulps = Math.abs(ours.bits().longValue() - theirs.bits().longValue());
        assertTrue(ulps <= 4 && ours.value().toRational().signum() == theirs.value().toRational().signum(),
                where + ": ours " + ours + ", transformers " + theirs);
    }

    @Test
    void theDefaultsAreTransformersPerArchitecture() throws Exception {
        // written by gen_model_defaults.py from the classes' default_theta (transformers 5.18.0 source:
        // Gemma3TextConfig {"global": 1e6, "local": 1e4}, MixtralConfig 1e6, Llama4TextConfig 500000, LlamaConfig 10000)
        var gemma = TransformersDefaults.of("gemma3_text").orElseThrow();
        assertEquals(Optional.of(Rational.of(1_000_000)), gemma.ropeTheta());
        assertEquals(Optional.of(Rational.of(10_000)), gemma.slidingRopeTheta());
        assertEquals(Optional.of(4096L), gemma.slidingWindow());
        assertEquals(Optional.of(Rational.of(1_000_000)), TransformersDefaults.of("mixtral").orElseThrow().ropeTheta());
        assertEquals(Optional.of(Rational.of(500_000)), TransformersDefaults.of("llama4_text").orElseThrow().ropeTheta());
        assertEquals(Optional.of(2048L), TransformersDefaults.of("llama").orElseThrow().maxPositionEmbeddings());
        assertEquals(Optional.of("gemma3_text"), TransformersDefaults.of("gemma3").orElseThrow().textModelType());
        assertTrue(TransformersDefaults.of("no-such-architecture").isEmpty());
    }

    @Test
    void whichDefaultWasUsedIsRecorded() throws Exception {
        ModelConfig g = ConfigReader.parse(text("gemma3-text-no-theta-no-window.json"), "g");
        assertTrue(g.baseDefaulted());
        List<String> fields = g.defaults().stream().map(ModelConfig.DefaultValue::field).toList();
        assertEquals(List.of("rope_theta", "rope_local_base_freq", "sliding_window"), fields);
        assertTrue(g.defaults().get(0).source().contains("Gemma3TextConfig"), g.defaults().toString());
        assertFalse(g.contextDefaulted());
        ModelConfig l = ConfigReader.parse(text("llama-no-context.json"), "l");
        assertTrue(l.contextDefaulted());
        assertFalse(l.baseDefaulted());
        // a multimodal Gemma 3 config without model_type in text_config: the composite class's text model
        ModelConfig mm = ConfigReader.parse("{\"model_type\": \"gemma3\", \"text_config\": {\"head_dim\": 256, \"num_hidden_layers\": 48,"
                + " \"max_position_embeddings\": 131072}}", "mm");
        assertEquals(Rational.of(1_000_000), mm.base());
        assertEquals(Optional.of(Rational.of(10_000)), mm.localBase());
    }

    private static Path configs(String name) throws Exception {
        return Path.of(TransformersValidationTest.class.getResource("/fixtures/configs/" + name).toURI());
    }

    @Test
    void glmConfigsAreRead() throws Exception {
        // fixtures/configs/README.md: b = 10000 * rope_ratio, d = kv_channels / 2, L = seq_length, N = num_layers
        ModelConfig chat = ConfigReader.read(configs("glm-4-9b-chat.json"));
        assertEquals(Rational.of(5_000_000), chat.base());
        assertEquals(128, chat.headDim());
        assertEquals(64, chat.rotaryDim());
        assertEquals(Optional.of(131072L), chat.context());
        assertEquals(Optional.of(40), chat.layers());
        ModelConfig m1 = ConfigReader.read(configs("glm-4-9b-chat-1m.json"));
        assertEquals(Rational.of(100_000_000), m1.base());
        assertEquals(Optional.of(1048576L), m1.context());
        // the same spectrum as transformers' own GLM format (GlmConfig, partial_rotary_factor 0.5, rope_theta 5e6):
        // the slowest mode of scaling/partial_glm4_hf_f05_hd128.csv
        List<String> rows = java.nio.file.Files.readAllLines(Path.of(TransformersValidationTest.class
                .getResource("/fixtures/scaling/partial_glm4_hf_f05_hd128.csv").toURI())).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("i,")).toList();
        EffectiveSpectrum s = new EffectiveSpectrum(chat, 0);
        assertEquals(rows.size(), s.modes());
        for (int i = 0; i < s.modes(); i++) {
            assertClose(rows.get(i).split(",")[1], s.fp32(i), "GLM mode " + i);
        }
    }

    @Test
    void deepseekR1SaysItsAttentionFactorRestsOnMissingMscales() {
        // R1's row comes from GGUF metadata (no mscale); V3's from its config (mscale = mscale_all_dim = 1.0):
        // transformers' YaRN factor is 0.1 ln 40 + 1 without the pair and 1 with it
        ModelConfig r1 = Registry.byId("deepseek-r1").toConfig();
        assertTrue(r1.warnings().stream().anyMatch(w -> w.contains("lacks this model's mscale")), r1.warnings().toString());
        assertTrue(r1.warnings().stream().anyMatch(w -> w.contains("yarn_log_multiplier")), r1.warnings().toString());
        ModelConfig v3 = Registry.byId("deepseek-v3").toConfig();
        assertFalse(v3.warnings().stream().anyMatch(w -> w.contains("mscale")), v3.warnings().toString());
        // a linear row is not given the original context its scaling does not read
        ModelConfig coder = Registry.byId("deepseek-coder-6.7b-base").toConfig();
        assertTrue(coder.validationWarnings().isEmpty(), coder.validationWarnings().toString());
    }
}
