package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ropebounds.cli.CliTest.assertUsageError;
import static org.ropebounds.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.cli.CliTest.Result;

/** {@code --config FILE} and {@code --model ID} for phase, erasure and crosscheck: the model's own frequencies, and bad input. */
class ModelInputCliTest {
    private static final Path MODELS = Paths.get("src/test/resources/fixtures/crosscheck/models");
    private static final String LLAMA3 = MODELS.resolve("llama3.json").toString();
    private static final String YARN = MODELS.resolve("yarn.json").toString();
    private static final String CACHE = MODELS.resolve("llama3_cos_fp32_2p17.npy").toString();

    /**
     * phase --config stores transformers' own inv_freq: for the llama3 config, the generator recorded torch's fp32
     * inv_freq (equal to the correctly rounded emulation in every mode), so each stored value must be torch's.
     */
    @Test
    void phaseWithAConfigStoresTransformersInvFreq() throws Exception {
        JsonNode torch = new ObjectMapper().readTree(MODELS.resolve("expected.json").toFile()).get("models").get("llama3").get("inv_freq_torch_hex");
        Result r = run("phase", "--config", LLAMA3, "-p", "hf", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode out = r.json();
        assertEquals("config llama3.json: llama3 scaling, base 500000, rotary dim 128", out.get("spectrum_source").asText());
        assertEquals("1", out.get("attention_factor").asText());
        assertEquals("exact", out.get("attention_factor_guarantee").asText());
        JsonNode modes = out.get("results").get(0).get("modes");
        assertEquals(64, modes.size());
        for (int i = 0; i < 64; i++) {
            assertEquals(Double.parseDouble(torch.get(i).asText()), Double.parseDouble(modes.get(i).get("theta_stored_hex").asText()),
                    "mode " + i);
        }
        // the hf output format is the model's weights' dtype (bf16) by default
        assertTrue(out.get("results").get(0).get("stages").asText().endsWith("output bf16)"), out.get("results").get(0).get("stages").asText());
    }

    @Test
    void erasureWithAConfigUsesItsFrequenciesAndDtype() throws Exception {
        Result r = run("erasure", "--config", YARN, "-L", "128k", "-p", "hf", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode out = r.json();
        assertEquals("bf16", out.get("dtype").asText());
        assertTrue(out.get("spectrum_source").asText().startsWith("config yarn.json: yarn scaling"), out.get("spectrum_source").asText());
        assertEquals("1.13862943611", out.get("attention_factor").asText()); // 0.1 ln 4 + 1 = 1.138629436111989...
        assertEquals(64, out.get("results").get(0).get("modes").size());
        Result text = run("erasure", "--config", YARN, "-L", "128k", "-p", "hf");
        assertTrue(text.out().startsWith("Positional erasure for config yarn.json: yarn scaling, base 1000000, rotary dim 128, L = 131072"),
                text.out());
        assertTrue(text.out().contains("attention factor a = 1.13862943611 (correctly rounded to 12 significant digits)"), text.out());
    }

    /** A model's inv_freq is transformers' fp32 computation in every pipeline, stored in the pipeline's format; the stages say so. */
    @Test
    void everyPipelineStartsFromTheModelsFp32InvFreq() throws Exception {
        JsonNode out = run("erasure", "--config", YARN, "-L", "4096", "-p", "bf16-all,fp64", "--json").json();
        assertEquals("bf16-all (inv_freq fp32 -> bf16, position bf16, phase bf16, cos/sin bf16, output bf16)",
                out.get("results").get(0).get("stages").asText());
        assertEquals("fp64 (inv_freq fp32 -> fp64, position fp64, phase fp64, cos/sin fp64, output fp64)",
                out.get("results").get(1).get("stages").asText());
    }

    /** Phi-3's context 131072 exceeds its original 4096, so transformers (and the spectrum) use the long factors. */
    @Test
    void longRopeSaysWhichFactors() throws Exception {
        JsonNode out = run("phase", "--config", MODELS.resolve("longrope.json").toString(), "--json").json();
        assertEquals("config longrope.json: longrope scaling (long factors), base 10000, rotary dim 96", out.get("spectrum_source").asText());
        assertEquals("1.19023807142", out.get("attention_factor").asText()); // sqrt(1 + ln 32 / ln 4096) = sqrt(17/12)
    }

    @Test
    void dtypeGivenOverridesTheModels() throws Exception {
        Result r = run("phase", "--config", LLAMA3, "-p", "hf", "--dtype", "fp16", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().get("results").get(0).get("stages").asText().endsWith("output fp16)"));
    }

    @Test
    void plainInputSaysSo() throws Exception {
        Result r = run("phase", "--base", "500000", "--head-dim", "8", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("plain base 500000", r.json().get("spectrum_source").asText());
        assertEquals("1", r.json().get("attention_factor").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "phase --config CFG --base 500000|--base",
        "phase --config CFG --head-dim 64|--head-dim",
        "erasure -L 4096 --model llama-3.1-8b --base 10000|--model",
        "phase --config CFG --model llama-3.1-8b|--model",
        "phase|--config FILE",
        "erasure -L 4096|--base B",
        "phase --model no-such-model|no-such-model",
        "phase --config src/test/resources/fixtures/crosscheck/models/missing.json|missing.json",
        "phase --config src/test/resources/fixtures/configs/bad-truncated.json|bad-truncated.json",
        "crosscheck -q cos --config CFG --base 500000 CACHE|--base",
        "crosscheck -q cos CACHE|--config FILE",
        "crosscheck -q cos --model nope CACHE|nope",
        "phase --config /dev/null|character device",
        "erasure -L 4096 --config src|directory",
        "phase --config src/test/resources/fixtures/gguf/truncated-header.gguf|truncated",
        "phase --config src/test/resources/fixtures/gguf/huge-kv-count.gguf|out of range",
        "crosscheck -q cos --config src/test/resources/fixtures/configs/bad-nan-theta.json CACHE|--config",
    })
    void badModelInputIsOneLineWithExitCode2(String commandLine, String named) {
        String[] args = commandLine.replace("CFG", LLAMA3).replace("CACHE", CACHE).trim().split("\\s+");
        assertUsageError(run(args), named);
    }

    /** A GGUF file is read as `model` reads it: llama.cpp's per-mode frequency factors become the spectrum. */
    @Test
    void aGgufFileIsAModelToo() throws Exception {
        Result r = run("phase", "--config", "src/test/resources/fixtures/gguf/llama3.gguf", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("GGUF llama3.gguf: frequency_factors scaling, base 500000, rotary dim 128", r.json().get("spectrum_source").asText());
    }

    @Test
    void anEmptyConfigPathIsRefused() {
        assertUsageError(run("phase", "--config", ""), "--config");
    }
}
