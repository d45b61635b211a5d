package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/** config.json reading: the keys of transformers v4 and v5, the conventions of several families, hostile files. */
class ConfigReaderTest {

    private static ModelConfig read(String json) {
        return ConfigReader.parse(json, "config.json");
    }

    @Test
    void llama31() {
        ModelConfig m = read("""
                {"hidden_size": 4096, "num_attention_heads": 32, "num_hidden_layers": 32, "max_position_embeddings": 131072,
                 "rope_theta": 500000.0, "torch_dtype": "bfloat16",
                 "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"}}""");
        assertEquals(Rational.of(500000), m.base());
        assertFalse(m.baseDefaulted());
        assertEquals(128, m.headDim()); // 4096 / 32
        assertEquals(128, m.rotaryDim());
        assertEquals(Optional.of(32), m.layers());
        assertEquals(Optional.of(131072L), m.context());
        assertEquals(Optional.of(Format.BF16), m.dtype());
        RopeScaling.Llama3 s = assertInstanceOf(RopeScaling.Llama3.class, m.scaling());
        assertEquals(Rational.of(8), s.factor());
        assertEquals(8192, s.originalContext());
    }

    @Test
    void missingThetaUsesTheDefaultAndSaysSo() {
        ModelConfig m = read("{\"hidden_size\": 4096, \"num_attention_heads\": 32, \"num_hidden_layers\": 32, \"max_position_embeddings\": 2048}");
        assertEquals(Rational.of(10000), m.base());
        assertTrue(m.baseDefaulted());
        assertTrue(m.warnings().get(0).contains("default 10000"), m.warnings().toString());
    }

    @Test
    void transformersV5RopeParameters() {
        ModelConfig m = read("""
                {"head_dim": 128, "num_hidden_layers": 28, "max_position_embeddings": 32768,
                 "rope_parameters": {"rope_type": "yarn", "rope_theta": 1000000.0, "factor": 4.0,
                                     "original_max_position_embeddings": 32768}}""");
        assertEquals(Rational.of(1000000), m.base());
        RopeScaling.Yarn y = assertInstanceOf(RopeScaling.Yarn.class, m.scaling());
        assertEquals(Optional.of(Rational.of(4)), y.factor());
        assertEquals(Rational.of(32), y.betaFast()); // transformers' defaults
        assertEquals(Rational.ONE, y.betaSlow());
    }

    @Test
    void familyConventions() {
        // DeepSeek MLA: only qk_rope_head_dim dimensions rotate
        ModelConfig mla = read("{\"hidden_size\": 7168, \"num_attention_heads\": 128, \"qk_rope_head_dim\": 64, \"num_hidden_layers\": 61,"
                + " \"rope_theta\": 10000, \"max_position_embeddings\": 163840}");
        assertEquals(64, mla.rotaryDim());
        // GLM: no rope_theta, rope_ratio multiplies 10000; half the head rotates
        ModelConfig glm = read("{\"hidden_size\": 4096, \"num_attention_heads\": 32, \"rope_ratio\": 500, \"partial_rotary_factor\": 0.5}");
        assertEquals(Rational.of(5000000), glm.base());
        assertEquals(64, glm.rotaryDim());
        // GPT-NeoX: rotary_pct 0.25 of head_dim 96 = 24
        ModelConfig neox = read("{\"hidden_size\": 6144, \"num_attention_heads\": 64, \"rotary_pct\": 0.25, \"rotary_emb_base\": 10000}");
        assertEquals(24, neox.rotaryDim());
        assertEquals(Rational.of(10000), neox.base());
        assertFalse(neox.baseDefaulted()); // GPT-NeoX names it rotary_emb_base
        // Gemma 3: two bases
        ModelConfig gemma = read("{\"head_dim\": 128, \"rope_theta\": 1000000, \"rope_local_base_freq\": 10000, \"sliding_window\": 1024}");
        assertEquals(Optional.of(Rational.of(10000)), gemma.localBase());
        assertEquals(Optional.of(1024L), gemma.slidingWindow());
        // Phi-3 LongRoPE under its old name
        ModelConfig phi = read("{\"head_dim\": 4, \"rope_theta\": 10000, \"max_position_embeddings\": 131072, \"original_max_position_embeddings\": 4096,"
                + " \"rope_scaling\": {\"type\": \"su\", \"short_factor\": [1.0, 1.5], \"long_factor\": [2.0, 3.25]}}");
        RopeScaling.LongRope lr = assertInstanceOf(RopeScaling.LongRope.class, phi.scaling());
        assertEquals("su", lr.declaredType());
        assertEquals(Rational.parse("3.25"), lr.longFactor().get(1));
        assertEquals(4096, lr.originalContext());
    }

    @Test
    void nopeLayersDoNotCountTowardTheDepth() {
        // Llama 4: every 4th layer has no RoPE; with 48 layers, 12 are NoPE and 36 count
        ModelConfig interval = read("{\"head_dim\": 128, \"rope_theta\": 500000, \"num_hidden_layers\": 48, \"no_rope_layer_interval\": 4}");
        assertEquals(Optional.of(36), interval.layers());
        ModelConfig flags = read("{\"head_dim\": 128, \"rope_theta\": 500000, \"num_hidden_layers\": 4, \"no_rope_layers\": [1, 1, 1, 0]}");
        assertEquals(Optional.of(3), flags.layers());
        assertTrue(flags.warnings().get(0).contains("NoPE"), flags.warnings().toString());
    }

    @Test
    void unknownScalingIsReportedNotIgnored() {
        ModelConfig m = read("{\"head_dim\": 128, \"rope_theta\": 10000, \"rope_scaling\": {\"rope_type\": \"quantum\", \"factor\": 2}}");
        assertInstanceOf(RopeScaling.Unknown.class, m.scaling());
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("'quantum'")), m.warnings().toString());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"head_dim\": 128, \"rope_theta\": \"ten thousand\"}                    | rope_theta must be a number",
        "{\"head_dim\": 128, \"num_hidden_layers\": -3}                          | num_hidden_layers -3",
        "{\"head_dim\": 128, \"rope_theta\": 1e400}                              | rope_theta",
        "{\"head_dim\": 128, \"rope_theta\": 10000                               | not valid JSON",
        "{\"head_dim\": 128, \"rope_scaling\": [1, 2]}                           | rope_scaling must be an object",
        "{\"rope_theta\": 10000}                                                 | head_dim",
        "[1, 2, 3]                                                               | must be a JSON object",
        "{\"head_dim\": 128, \"partial_rotary_factor\": 1.5}                     | partial rotary fraction 1.5",
        "{\"head_dim\": 128, \"rope_scaling\": {\"rope_type\": \"linear\"}}      | rope_scaling.factor is missing",
    })
    void badConfigsNameTheField(String json, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void hostileFilesAreRefusedQuickly() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String whitespace = " ".repeat(20_000_000) + "{}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertTrue(assertThrows(InvalidInputException.class, () -> read(deep)).getMessage().contains("nesting"));
            assertThrows(InvalidInputException.class, () -> read(whitespace)); // no head_dim, after reading quickly
        });
    }
}
