package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ropebounds models} and {@code model}: the registry, the JSON contract, config files, bad input. */
class ModelCliTest {

    @Test
    void registryListsEveryModelWithItsSource() throws Exception {
        CliTest.Result r = CliTest.run("models", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode arr = r.json();
        assertEquals(61, arr.size()); // the rows of shared/reference/model-configs.csv
        JsonNode llama31 = null;
        for (JsonNode e : arr) {
            if (e.get("id").asText().equals("llama-3.1-8b")) {
                llama31 = e;
            }
        }
        assertTrue(llama31 != null);
        assertEquals("500000", llama31.get("rope_theta").asText());
        assertEquals("llama3", llama31.get("scaling_type").asText());
        assertFalse(llama31.get("source").asText().isBlank());
    }

    @Test
    void modelJsonContract() throws Exception {
        CliTest.Result r = CliTest.run("model", "llama-3.1-8b", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = r.json();
        assertEquals("500000", o.get("base").asText());
        assertEquals(128, o.get("rotary_dim").asInt());
        assertEquals(32, o.get("layers").asInt());
        assertEquals(131072, o.get("context").asLong());
        assertEquals("llama3", o.get("scaling").get("type").asText());
        assertEquals("1", o.get("attention_factor").asText());
        JsonNode modes = o.get("modes");
        assertEquals(64, modes.size());
        assertEquals("1", modes.get(0).get("theta").asText()); // b^0, kept by llama3 (fast mode)
        assertEquals("0x1p+0", modes.get(0).get("theta_fp32_hex").asText());
        assertTrue(o.get("zone").get("formats").has("fp32"));
        assertTrue(o.get("erasure").has("collision_horizon"));
    }

    @Test
    void aBaseBelowTheBoundAndAboveTheCeilingIsBothWithTheCeilingExplained() throws Exception {
        // llama-1-7b: base 10000, d = 128, 32 layers, context 2048, fp16 weights, no scaling. Its base-equivalent is
        // 10000^(126/128) = 10^3.9375 < 8660 (10^0.9375 < 8.66: 8.66^16 > 10^15), below the depth bound
        // 2048 / acos(0.5^(1/32)) > 2048 / 0.2075 > 9869 (acos(0.5^(1/32)) = 0.2073880628841..., mpmath) at eps = 0.5;
        // and it is at or above fp16's ceiling 2^10 = 1024, below fp32's 2^23.
        JsonNode o = CliTest.run("model", "llama-1-7b", "--json").json();
        assertEquals("below and above", o.get("verdicts").get("fp16").asText());
        assertEquals("below", o.get("verdicts").get("fp32").asText());
        assertEquals("below and above", o.get("zone").get("formats").get("fp16").get("verdict").asText());
        String note = o.get("ceiling_note").asText();
        assertTrue(note.contains("one-line heuristic") && note.endsWith("see `ropebounds erasure --base 10000 --context 2048`"), note);
        assertEquals(note, o.get("zone").get("ceiling_note").asText());
        CliTest.Result text = CliTest.run("model", "llama-1-7b");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("is below and above in fp16 (ceiling 1024"), text.out());
        assertEquals(1, text.out().lines().filter(l -> l.equals("- " + note)).count(), text.out());
        // the lower bound printed is rounded up, and says so: 2048 / acos(0.5^(1/32)) = 9875.2067574136707 (mpmath)
        assertTrue(text.out().contains("the binding lower bound is 9875.21 (rounded up)"), text.out());
    }

    @Test
    void configFileWithoutThetaIsWarnedAbout(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"hidden_size\": 4096, \"num_attention_heads\": 32, \"num_hidden_layers\": 32,"
                + " \"max_position_embeddings\": 131072, \"torch_dtype\": \"bfloat16\"}");
        CliTest.Result r = CliTest.run("model", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("default 10000"), r.out());
    }

    @Test
    void badInput(@TempDir Path dir) throws Exception {
        CliTest.Result unknown = CliTest.run("model", "gpt-17");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'gpt-17'"), unknown.err());
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, "{\"head_dim\": 128, \"rope_theta\": \"ten thousand\"}");
        CliTest.Result r = CliTest.run("model", "--config", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("rope_theta must be a number") && !r.err().strip().contains("\n"), r.err());
        assertEquals(2, CliTest.run("model").code());
        // 17 MB of white space: refused by its size before any parsing
        Path huge = dir.resolve("huge.json");
        Files.writeString(huge, " ".repeat(17 << 20) + "{}");
        CliTest.Result big = CliTest.run("model", "--config", huge.toString());
        assertEquals(2, big.code());
        assertTrue(big.err().contains("too large"), big.err());
        assertEquals(2, CliTest.run("models", "--table", "xlsx").code());
    }

    @Test
    void registryGapsAreReportedWithThisCommandsOption() {
        // the library says what the registry lacks; the command adds its own way to read a config.json
        CliTest.Result theta = CliTest.run("model", "gemma-3-1b-it");
        assertEquals(2, theta.code());
        assertEquals("ropebounds: gemma-3-1b-it: the registry has no verified rope_theta for this model (see its source;"
                + " analyse the model's config.json with --config)", theta.err().strip());
        CliTest.Result longrope = CliTest.run("model", "phi-3-mini-128k-instruct");
        assertEquals("ropebounds: phi-3-mini-128k-instruct: the registry does not carry this model's LongRoPE factor lists"
                + " (they are in its source); analyse its config.json with --config", longrope.err().strip());
        CliTest.Result unknown = CliTest.run("model", "gpt-17");
        assertEquals("ropebounds: unknown model 'gpt-17'; see 'ropebounds models' for the 61 ids (e.g. llama-1-7b)", unknown.err().strip());
    }
}
