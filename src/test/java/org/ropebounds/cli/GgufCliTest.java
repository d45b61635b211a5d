package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code model --config FILE.gguf}: the GGUF fixtures of gen_gguf_fixtures.py (gguf 0.19.0) in text and
 * JSON (validated against the model schema), and the hostile ones refused with exit 2 in one line.
 */
class GgufCliTest {
    private static final Path DIR = Paths.get("src/test/resources/fixtures/gguf");

    private static JsonSchema modelSchema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(SchemaCommand.text("model")));
    }

    private static JsonNode flag(JsonNode o, String key) {
        for (JsonNode f : o.get("gguf").get("llama_cpp_flags")) {
            if (f.get("key").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError("no " + key + " in " + o.get("gguf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.gguf", "plain-v2.gguf", "llama3.gguf", "yarn.gguf"})
    void jsonValidatesAgainstTheModelSchema(String name) throws Exception {
        CliTest.Result r = CliTest.run("model", "--config", DIR.resolve(name).toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = r.json();
        Set<ValidationMessage> errors = modelSchema().validate(o);
        assertTrue(errors.isEmpty(), errors::toString);
        assertEquals(name, o.get("name").asText());
        assertEquals(name.equals("yarn.gguf") ? "qwen2" : "llama", o.get("gguf").get("architecture").asText());
        assertEquals(name.equals("plain-v2.gguf") ? 2 : 3, o.get("gguf").get("version").asInt());
    }

    @Test
    void llama3FileAnalysesItsRopeFreqsAndNamesTheFlags() throws Exception {
        JsonNode o = CliTest.run("model", "--config", DIR.resolve("llama3.gguf").toString(), "--json").json();
        assertEquals("500000", o.get("base").asText());
        assertEquals("131072", o.get("context").asText());
        assertEquals(32, o.get("layers").asInt());
        assertEquals("frequency_factors", o.get("scaling").get("type").asText());
        assertEquals(64, o.get("scaling").get("parameters").get("factors").size());
        assertEquals("8", o.get("scaling").get("parameters").get("factors").get(63).asText()); // as the script's llama3 formula gives
        assertEquals("--rope-freq-base N", flag(o, "llama.rope.freq_base").get("flag").asText());
        assertEquals("500000", flag(o, "llama.rope.freq_base").get("value").asText());
        assertEquals(false, flag(o, "llama.rope.freq_base").get("defaulted").asBoolean());
        assertTrue(flag(o, "rope_freqs.weight").get("flag").asText().startsWith("none"));
        // the same base-equivalent as the registry's llama-3.1-8b (factor 8, low 1, high 4, 8192): slowest mode theta_63 / 8
        JsonNode registry = CliTest.run("model", "llama-3.1-8b", "--json").json();
        assertEquals(registry.get("base_equivalent").asText(), o.get("base_equivalent").asText());
        assertTrue(registry.get("gguf").isNull());

        CliTest.Result text = CliTest.run("model", "--config", DIR.resolve("llama3.gguf").toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("GGUF v3 (llama.cpp)"), text.out());
        assertTrue(text.out().contains("--rope-freq-base N"), text.out());
        assertTrue(text.out().contains("rope_freqs.weight"), text.out());
        assertTrue(text.out().contains("per-mode frequency factors"), text.out());
    }

    @Test
    void yarnFileNamesTheYarnFlags() throws Exception {
        JsonNode o = CliTest.run("model", "--config", DIR.resolve("yarn.gguf").toString(), "--json").json();
        assertEquals("yarn", o.get("scaling").get("type").asText());
        assertEquals("32768", flag(o, "qwen2.rope.scaling.original_context_length").get("value").asText());
        assertEquals("--yarn-orig-ctx N", flag(o, "qwen2.rope.scaling.original_context_length").get("flag").asText());
        assertEquals("--yarn-beta-fast N", flag(o, "qwen2.rope.scaling.yarn_beta_fast").get("flag").asText());
        assertEquals("--yarn-beta-slow N", flag(o, "qwen2.rope.scaling.yarn_beta_slow").get("flag").asText());
        assertEquals("--rope-scaling {none,linear,yarn}", flag(o, "qwen2.rope.scaling.type").get("flag").asText());
        CliTest.Result text = CliTest.run("model", "--config", DIR.resolve("yarn.gguf").toString());
        assertTrue(text.out().contains("--yarn-orig-ctx N"), text.out());
        assertTrue(text.out().contains("--ctx-size N"), text.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad-version.gguf|version 4",
        "version1.gguf|version 1",
        "big-endian.gguf|big-endian",
        "huge-kv-count.gguf|metadata key count",
        "huge-tensor-count.gguf|tensor count",
        "huge-string.gguf|metadata key 0's length",
        "unknown-type.gguf|value type 13",
        "huge-array.gguf|general.tags's array length",
        "truncated-header.gguf|truncated",
        "truncated-kv.gguf|truncated",
        "truncated-tensor-data.gguf|goes past the end of the file",
        "nested-deep.gguf|nested more than 2 deep"})
    void hostileGgufIsExitTwoInOneLine(String name, String problem) {
        CliTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> CliTest.run("model", "--config", DIR.resolve(name).toString()));
        CliTest.assertUsageError(r, name);
        assertTrue(r.err().contains(problem), r.err());
        CliTest.Result json = CliTest.run("model", "--config", DIR.resolve(name).toString(), "--json");
        CliTest.assertUsageError(json, problem);
    }
}
