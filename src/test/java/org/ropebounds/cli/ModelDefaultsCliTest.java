package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model} on configs transformers reads with its defaults or warns about (fixtures/validation, by
 * gen_model_defaults.py), GLM configs, the context notes, and {@code --plot}.
 */
class ModelDefaultsCliTest {
    private static final Path VALIDATION = Paths.get("src/test/resources/fixtures/validation");
    private static final Path CONFIGS = Paths.get("src/test/resources/fixtures/configs");

    private static String config(String name) {
        return VALIDATION.resolve(name).toString();
    }

    private static void assertSchemaValid(JsonNode o) throws Exception {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(SchemaCommand.text("model")));
        var errors = schema.validate(o);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void gemma3WithoutThetaTakesTransformersDefaultsAndJudgesItsSlidingLayers() throws Exception {
        CliTest.Result r = CliTest.run("model", "--config", config("gemma3-text-no-theta.json"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("default used: rope_theta 1000000 (transformers 5.18.0's Gemma3TextConfig (model_type gemma3_text))"), r.out());
        assertTrue(r.out().contains("default used: rope_local_base_freq 10000"), r.out());
        assertTrue(r.out().contains("- sliding-window layers (base 10000, window 1024)"), r.out());
        assertFalse(r.out().contains("transformers' default 10000 is used"), r.out());
        JsonNode o = CliTest.run("model", "--config", config("gemma3-text-no-theta.json"), "--json").json();
        assertSchemaValid(o);
        assertEquals("1000000", o.get("base").asText());
        assertTrue(o.get("base_defaulted").asBoolean());
        assertEquals("rope_theta", o.get("defaults_used").get(0).get("field").asText());
        assertEquals("1000000", o.get("defaults_used").get(0).get("value").asText());
        assertFalse(o.get("context_defaulted").asBoolean());
    }

    @Test
    void mixtralAndLlama4TakeTheirOwnDefaults() {
        assertTrue(CliTest.run("model", "--config", config("mixtral-no-theta.json")).out().contains("base 1000000 (a default"));
        assertTrue(CliTest.run("model", "--config", config("llama4-text-no-theta.json")).out().contains("base 500000 (a default"));
    }

    @Test
    void aDefaultedContextIsSaid() throws Exception {
        JsonNode o = CliTest.run("model", "--config", config("llama-no-context.json"), "--json").json();
        assertSchemaValid(o);
        assertTrue(o.get("context_defaulted").asBoolean());
        assertEquals(2048, o.get("context").asLong());
        assertTrue(o.get("warnings").toString().contains("LlamaConfig"), o.get("warnings").toString());
    }

    @Test
    void whatNoModelCanRunIsRefusedNamingTheField() {
        // llama3 factor -8 gave a base-equivalent of -3.25847e+6 before; transformers only warns
        CliTest.assertUsageError(CliTest.run("model", "--config", config("llama3-factor-negative.json")), "rope_scaling.factor -8");
        CliTest.assertUsageError(CliTest.run("model", "--config", config("linear-factor-zero.json")), "accepted: factor > 0");
        CliTest.assertUsageError(CliTest.run("model", "--config", config("llama3-no-low-freq-factor.json")), "low_freq_factor is missing");
        CliTest.assertUsageError(CliTest.run("model", "--config", config("llama3-low-freq-factor-zero.json")), "low_freq_factor 0");
        CliTest.assertUsageError(CliTest.run("model", "--config", config("yarn-no-factor.json")), "rope_scaling.factor is missing");
        CliTest.assertUsageError(CliTest.run("model", "--config", config("yarn-beta-fast-negative.json")), "beta_fast -32");
    }

    @Test
    void whereTransformersWarnsTheToolWarnsOnStderrAndInJson() throws Exception {
        CliTest.Result r = CliTest.run("model", "--config", config("llama3-low-above-high.json"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("warning: rope_scaling.high_freq_factor 1 is not above low_freq_factor 4"), r.err());
        CliTest.Result j = CliTest.run("model", "--config", config("llama3-factor-half.json"), "--json");
        assertEquals(0, j.code(), j.err());
        assertTrue(j.err().contains("warning: rope_scaling.factor 0.5 is below 1"), j.err());
        JsonNode o = j.json();
        assertSchemaValid(o);
        assertEquals(1, o.get("validation_warnings").size());
        assertTrue(o.get("warnings").toString().contains("factor 0.5 is below 1"));
        // the original context equal to the context: accepted silently before
        assertTrue(CliTest.run("model", "--config", config("llama3-original-equals-context.json")).err()
                .contains("original_max_position_embeddings 8192 is not below max_position_embeddings 8192"));
        // nothing to warn about: stderr stays empty
        assertEquals("", CliTest.run("model", "--config", config("llama-no-theta.json")).err());
    }

    @Test
    void glmConfigsAreAnalysed() {
        CliTest.Result r = CliTest.run("model", "--config", CONFIGS.resolve("glm-4-9b-chat.json").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("glm-4-9b-chat.json: base 5000000, rotary dim 64 of head dim 128, 40 layers, context 131072"), r.out());
    }

    @Test
    void theAnalysisContextIsExplained() {
        // Qwen2.5 with the YaRN block of its README: max_position_embeddings 32768 = original, factor 4
        CliTest.Result q = CliTest.run("model", "--config", CONFIGS.resolve("qwen2.5-7b-instruct-yarn.json").toString());
        assertTrue(q.out().contains("YaRN targets factor x original_max_position_embeddings = 4 x 32768 = 131072 positions, but this"
                + " analysis is at 32768"), q.out());
        CliTest.Result m = CliTest.run("model", "--config", CONFIGS.resolve("mistral-7b-v0.1.json").toString());
        assertTrue(m.out().contains("sliding_window 4096 is below the context 32768"), m.out());
    }

    @Test
    void plotWritesTheSpectrumFigure(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("llama.svg");
        CliTest.Result r = CliTest.run("model", "llama-3.1-8b", "--plot", svg.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), text.substring(0, 40));
        for (String label : new String[] {"original context 8192", "analysed context 131072", "kept: modes 0-", "interpolated: modes "}) {
            assertTrue(text.contains(label), label);
        }
        Path png = dir.resolve("glm.png");
        assertEquals(0, CliTest.run("model", "--config", CONFIGS.resolve("glm-4-9b-chat.json").toString(), "--plot", png.toString()).code());
        byte[] bytes = Files.readAllBytes(png);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        // a name that is neither .svg nor .png: refused before anything is read or written
        Path other = dir.resolve("figure.pdf");
        CliTest.assertUsageError(CliTest.run("model", "llama-3.1-8b", "--plot", other.toString()), "--plot");
        assertFalse(Files.exists(other));
        // a refused config writes no figure
        Path none = dir.resolve("none.svg");
        CliTest.assertUsageError(CliTest.run("model", "--config", config("llama3-factor-negative.json"), "--plot", none.toString()), "factor");
        assertFalse(Files.exists(none));
        // a directory as the target
        CliTest.assertUsageError(CliTest.run("model", "llama-3.1-8b", "--plot", dir.resolve("sub.svg").resolve("..").toString()), "--plot");
    }
}
