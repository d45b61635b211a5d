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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ropebounds.cli.CliTest.Result;
import org.ropebounds.crosscheck.PipelineEnvelope;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.model.ConfigReader;
import org.ropebounds.model.ModelRope;
import org.ropebounds.rope.Frequencies;

/**
 * A faithful pow followed through a scaled model's own fp32 steps. transformers' caches (torch 2.13 CPU, whose
 * powf, cosf and sinf are SLEEF's 1-ulp functions) were computed by an implementation with a faithful libm, and
 * the generator recorded its inv_freq (fixtures/crosscheck/models/expected.json, {@code inv_freq_torch_hex}) and
 * where it differs from a correctly rounded pow (YaRN mode 37, LongRoPE mode 20, 1 ulp). So: torch's inv_freq lies
 * in the model's inv_freq envelope under a faithful pow in every mode, and every fp32 cache lies inside the
 * pipeline's envelope under {@code --libm faithful} (while the 1-ulp tolerance check fails for YaRN and LongRoPE).
 */
class ModelLibmCliTest {
    private static final Path DIR = Paths.get("src/test/resources/fixtures/crosscheck/models");

    private static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
    }

    @Test
    void torchsInvFreqIsInsideTheFaithfulPowEnvelopeOfEveryModel() throws IOException {
        JsonNode models = expected().get("models");
        int modelsChecked = 0;
        for (String name : List.of("llama3", "yarn", "longrope")) {
            Frequencies f = ModelRope.of(ConfigReader.read(DIR.resolve(name + ".json")), name + ".json").frequencies();
            FloatValue[][] env = PipelineEnvelope.modelInvFreqInterval(f.powSteps().orElseThrow(), LibmModels.parse("faithful"), Format.FP32);
            JsonNode torch = models.get(name).get("inv_freq_torch_hex");
            assertEquals(env[0].length, torch.size(), name);
            boolean widened = false;
            for (int i = 0; i < torch.size(); i++) {
                double t = Double.parseDouble(torch.get(i).asText());
                double lo = env[0][i].format().toDouble(env[0][i].bits().longValue());
                double hi = env[1][i].format().toDouble(env[1][i].bits().longValue());
                assertTrue(lo <= t && t <= hi, name + " mode " + i + ": torch " + t + " outside [" + lo + ", " + hi + "]");
                widened |= lo < hi;
            }
            assertTrue(widened, name + ": a faithful pow widens some mode's inv_freq");
            modelsChecked++;
        }
        assertEquals(3, modelsChecked);
    }

    @TestFactory
    Stream<DynamicTest> everyFp32CacheIsInsideTheFaithfulEnvelope() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : expected().get("arrays")) {
            if (!c.get("dtype").asText().equals("fp32")) {
                continue;
            }
            String file = c.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                List<String> all = new ArrayList<>(List.of("crosscheck"));
                c.get("args").forEach(a -> all.add(a.asText().endsWith(".json") ? DIR.resolve(a.asText()).toString() : a.asText()));
                all.addAll(List.of("--libm", "faithful", "--json", "--worst", "0", DIR.resolve(file).toString()));
                Result r = run(all.toArray(String[]::new));
                JsonNode p = r.json().get("against_pipeline");
                assertEquals(0, p.get("outside_envelope").asLong(), file);
                assertEquals(c.get("against_pipeline").get("entries").asLong(), p.get("inside_envelope").asLong(), file);
                assertEquals(0, r.code(), file + ": " + r.err());
            }));
        }
        assertEquals(9, tests.size()); // cos at 2^17 and 2^20, sin at 2^20, for each of the three models
        return tests.stream();
    }

    @Test
    void aPowModelWithTooManyValuesPerModeIsRefused() {
        Result r = run("crosscheck", "-q", "cos", "--config", DIR.resolve("yarn.json").toString(), "-p", "hf", "--positions", "1048568:1048584",
                "--libm-pow", "ulps:100", DIR.resolve("yarn_cos_fp32_2p20.npy").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("more than " + PipelineEnvelope.MAX_POW_CANDIDATES), r.err());
    }
}
