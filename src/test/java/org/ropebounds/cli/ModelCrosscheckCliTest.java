package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ropebounds.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ropebounds.cli.CliTest.Result;

/**
 * {@code crosscheck --config} on cos/sin caches of scaled models made by transformers' rotary embeddings
 * (llama3, YaRN, LongRoPE; fp32 and bf16; positions near 2^17 and 2^20), against the counts an MPFR
 * emulation predicted ({@code src/test/python/gen_model_crosscheck_fixtures.py}, committed in
 * {@code fixtures/crosscheck/models/expected.json}).
 */
class ModelCrosscheckCliTest {
    private static final Path DIR = Paths.get("src/test/resources/fixtures/crosscheck/models");

    private static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
    }

    private static Result crosscheck(JsonNode c, String... more) {
        List<String> all = new ArrayList<>(List.of("crosscheck"));
        c.get("args").forEach(a -> all.add(a.asText().endsWith(".json") ? DIR.resolve(a.asText()).toString() : a.asText()));
        all.addAll(List.of(more));
        all.add(DIR.resolve(c.get("file").asText()).toString());
        return run(all.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> everyModelCacheGivesTheCountsMpfrPredicts() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : expected().get("arrays")) {
            String file = c.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                // no --dtype: bf16 files are raw uint16 bits, whose format is the model's weights' dtype (bf16)
                Result r = crosscheck(c, "--json", "--worst", "0");
                JsonNode out = r.json();
                for (String key : List.of("against_exact", "against_pipeline")) {
                    JsonNode want = c.get(key);
                    JsonNode got = out.get(key);
                    String where = file + " " + key;
                    assertEquals(want.get("entries").asLong(), got.get("entries").asLong(), where);
                    assertEquals(want.get("exact_matches").asLong(), got.get("exact_matches").asLong(), where);
                    assertEquals(want.get("one_ulp").asLong(), got.get("one_ulp").asLong(), where);
                    assertEquals(want.get("max_ulps").asLong(), got.get("max_ulps").asLong(), where);
                }
                JsonNode joint = c.get("joint");
                assertEquals(joint.get("explained_by_pipeline").asLong(), out.get("explained_by_pipeline").asLong(), file + " explained");
                assertEquals(joint.get("beyond_tolerance_of_pipeline").asLong(), out.get("beyond_tolerance_of_pipeline").asLong(),
                        file + " beyond");
                boolean within = c.get("within_tolerance").asBoolean();
                assertEquals(within, out.get("within_tolerance").asBoolean(), file);
                assertEquals(within ? 0 : 1, r.code(), r.err());
                assertEquals(c.get("dtype").asText(), out.get("dtype").asText(), file);
                assertTrue(out.get("spectrum_source").asText().startsWith("config " + c.get("model").asText() + ".json: "), file);
            }));
        }
        return tests.stream();
    }

    /**
     * The attention factors, derived by hand: YaRN's 0.1 ln(4) + 1 = 1.138629436111989...; LongRoPE's
     * sqrt(1 + ln(32)/ln(4096)) = sqrt(1 + 5/12) = sqrt(17/12) = 1.190238071423808...; llama3 has none (1, exact).
     */
    @Test
    void attentionFactorsAreStatedWithTheirGuarantee() throws Exception {
        Map<String, String> want = Map.of("yarn", "1.13862943611", "longrope", "1.19023807142", "llama3", "1");
        for (JsonNode c : expected().get("arrays")) {
            if (!c.get("file").asText().contains("_cos_fp32_2p17")) {
                continue;
            }
            String model = c.get("model").asText();
            JsonNode out = crosscheck(c, "--json", "--worst", "0").json();
            assertEquals(want.get(model), out.get("attention_factor").asText(), model);
            assertEquals(model.equals("llama3") ? "exact" : "correctly rounded to 12 significant digits",
                    out.get("attention_factor_guarantee").asText(), model);
        }
    }

    /** Where torch's fp32 pow is 1 ulp off (recorded by the generator from MPFR), -p hf cannot explain the modes it feeds. */
    @Test
    void torchsInvFreqDeviationsAreRecordedAndExplainTheRest() throws IOException {
        JsonNode e = expected();
        assertEquals(0, e.get("models").get("llama3").get("inv_freq_torch_vs_emulated").size());
        for (JsonNode c : e.get("arrays")) {
            boolean powOff = e.get("models").get(c.get("model").asText()).get("inv_freq_torch_vs_emulated").size() > 0;
            long beyond = c.get("joint").get("beyond_tolerance_of_pipeline").asLong();
            // without a pow deviation, every entry is within 1 ulp of the pipeline: what is left is torch's cos/sin
            assertTrue(powOff || beyond == 0, c.get("file").asText());
        }
    }
}
