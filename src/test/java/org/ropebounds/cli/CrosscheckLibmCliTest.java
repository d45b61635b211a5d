package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ropebounds.cli.CliTest.assertUsageError;
import static org.ropebounds.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ropebounds.cli.CliTest.Result;

/**
 * {@code crosscheck --libm} and {@code --inv-freq} against the numpy, poor-polynomial and planted fixtures, whose
 * envelope counts src/test/python/gen_libm_fixtures.py predicts with MPFR (fixtures/libm/expected.json).
 */
class CrosscheckLibmCliTest {
    private static final Path DIR = Paths.get("src/test/resources/fixtures/libm");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> COS = List.of("crosscheck", "-q", "cos", "-b", "500000", "-d", "128", "-p", "hf", "--threads", "2");

    private static Result crosscheck(List<String> args, String file, boolean json) {
        List<String> all = new ArrayList<>(COS);
        for (String a : args) {
            all.add(a.endsWith(".npy") ? DIR.resolve(a).toString() : a);
        }
        if (json) {
            all.add("--json");
        }
        all.add(DIR.resolve(file).toString());
        return run(all.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> envelopeCountsAreMpfrs() throws Exception {
        JsonNode cases = MAPPER.readTree(DIR.resolve("expected.json").toFile()).get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                List<String> args = new ArrayList<>();
                c.get("args").forEach(a -> args.add(a.asText()));
                Result r = crosscheck(args, c.get("file").asText(), true);
                long outside = c.get("outside").asLong();
                assertEquals(outside == 0 ? 0 : 1, r.code(), r.err());
                JsonNode p = r.json().get("against_pipeline");
                assertEquals(c.get("inside").asLong(), p.get("inside_envelope").asLong(), "inside");
                assertEquals(outside, p.get("outside_envelope").asLong(), "outside");
                assertEquals("envelope", r.json().get("verdict_rule").asText());
                assertEquals(outside == 0, r.json().get("passes").asBoolean());
                JsonNode schema = MAPPER.readTree(SchemaCommand.text("crosscheck"));
                var problems = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(r.json());
                assertTrue(problems.isEmpty(), problems::toString);
            }));
        }
        return tests.stream();
    }

    @Test
    void numpysCacheFailsWithoutLibmAndTheOutputSaysAFaithfulPowExplainsIt() throws Exception {
        // today's verdict (tolerance 1 ulp against the correctly rounded pipeline) fails on numpy's 1-ulp-off pow ...
        Result plain = crosscheck(List.of("--positions", "131072:131136"), "cos_numpy_p17.npy", false);
        assertEquals(1, plain.code(), plain.err());
        assertTrue(plain.out().contains("not explained by this pipeline"), plain.out());
        // ... and the output names the allowance instead of implying a bug
        assertTrue(plain.out().contains("inside it when pow, cos and sin are only faithful"), plain.out());
        assertTrue(plain.out().contains("--inv-freq"), plain.out());
        Result faithful = crosscheck(List.of("--positions", "131072:131136", "--libm", "faithful"), "cos_numpy_p17.npy", false);
        assertEquals(0, faithful.code(), faithful.out());
        assertTrue(faithful.out().contains("verdict: INSIDE the envelope"), faithful.out());
    }

    @Test
    void theStoredInvFreqIsCheckedOnItsOwnAndAgainstThePowEnvelope() throws Exception {
        JsonNode expected = MAPPER.readTree(DIR.resolve("expected.json").toFile());
        long off = expected.get("pow_modes_off_in_numpy").asLong(); // 13: numpy's float32 pow
        Result r = crosscheck(List.of("--positions", "131072:131136", "--libm", "ulps:2", "--inv-freq", "inv_freq_numpy.npy"),
                "cos_numpy_p17.npy", true);
        assertEquals(0, r.code(), r.err());
        JsonNode inv = r.json().get("stored_inv_freq");
        // against the hf pipeline's correctly rounded pow: the 13 modes differ (by 1 or 2 ulps after 1 / pow), the others equal
        assertEquals(64 - off, inv.get("against_pipeline").get("exact_matches").asLong());
        // ulps:2 for pow: numpy's 1-ulp-off pow values are inside; with a correctly rounded pow they are not
        assertEquals(0, inv.get("against_pipeline").get("outside_envelope").asLong());
        Result correct = crosscheck(List.of("--positions", "131072:131136", "--libm-cos", "ulps:2", "--inv-freq", "inv_freq_numpy.npy"),
                "cos_numpy_p17.npy", true);
        assertEquals(0, correct.code(), correct.err()); // the cache is judged on its own phases ...
        JsonNode inv2 = correct.json().get("stored_inv_freq");
        assertEquals(off, inv2.get("against_pipeline").get("outside_envelope").asLong()); // ... its inv_freq separately
        assertFalse(inv2.get("passes").asBoolean());
        Result text = crosscheck(List.of("--positions", "131072:131136", "--libm-cos", "ulps:2", "--inv-freq", "inv_freq_numpy.npy"),
                "cos_numpy_p17.npy", false);
        assertTrue(text.out().contains("stored inv_freq") && text.out().contains(off + " outside the pipeline's pow envelope"), text.out());
    }

    @Test
    void plantedErrorsAreListedWithTheirEnvelope() throws Exception {
        Result r = crosscheck(List.of("--positions", "131072:131136", "--libm", "faithful", "--inv-freq", "inv_freq_numpy.npy"),
                "cos_planted_p17.npy", true);
        assertEquals(1, r.code());
        List<String> where = new ArrayList<>();
        for (JsonNode m : r.json().get("against_pipeline").get("envelope_worst")) {
            where.add(m.get("position").asText() + "/" + m.get("mode").asInt());
            assertTrue(m.get("ulps").asLong() >= 1);
        }
        // the planted entries (rows 5 and 9 of mode 0, row 20 of mode 10; position = 131072 + row)
        assertTrue(where.containsAll(List.of("131077/0", "131081/0", "131092/10")), where.toString());
        // the sign flip is the worst: its distance is about twice the value's, far beyond 3 ulps
        assertEquals("131092/10", where.get(0));
    }

    @Test
    void aStoredInvFreqMustBeValuesOfThePipelinesInvFreqFormat(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // 0.1 in fp64 is not an fp32 value: the hf pipeline could not have stored it
        Path inv = dir.resolve("inv.txt");
        java.nio.file.Files.writeString(inv, "0.1\n".repeat(64));
        Result r = run("crosscheck", "-q", "cos", "-b", "500000", "-d", "128", "-p", "hf", "--positions", "131072:131136", "--inv-freq",
                inv.toString(), "--inv-freq-file-dtype", "fp64", DIR.resolve("cos_numpy_p17.npy").toString());
        assertUsageError(r, "--inv-freq entry 0");
        assertTrue(r.err().contains("fp32"), r.err());
        // an inv_freq array does not take a stored inv_freq
        assertUsageError(run("crosscheck", "-q", "inv_freq", "-b", "500000", "-d", "128", "-p", "hf", "--inv-freq",
                DIR.resolve("inv_freq_numpy.npy").toString(), DIR.resolve("inv_freq_numpy.npy").toString()), "--inv-freq");
    }

    @Test
    void badLibmInputIsOneLineNamingTheFlag() {
        assertUsageError(crosscheck(List.of("--libm", "ulps:0"), "cos_numpy_p17.npy", false), "ulps:0");
        assertUsageError(crosscheck(List.of("--libm", "sloppy"), "cos_numpy_p17.npy", false), "sloppy");
        assertUsageError(crosscheck(List.of("--libm-pow", "abs:1e-6@pi"), "cos_numpy_p17.npy", false), "--libm-pow: libm model abs:1e-6@pi for pow");
        assertUsageError(crosscheck(List.of("--libm-cos", "abs:-1"), "cos_numpy_p17.npy", false), "abs:-1");
        assertUsageError(run("crosscheck", "-q", "cos", "-b", "500000", "-d", "128", "--libm", "faithful",
                DIR.resolve("cos_numpy_p17.npy").toString()), "--libm");
        assertUsageError(run("crosscheck", "-q", "cos", "-b", "500000", "-d", "128", "--inv-freq", DIR.resolve("inv_freq_numpy.npy").toString(),
                DIR.resolve("cos_numpy_p17.npy").toString()), "--inv-freq");
        assertUsageError(crosscheck(List.of("--inv-freq", "cos_numpy_p17.npy"), "cos_numpy_p17.npy", false), "inv_freq");
        assertUsageError(crosscheck(List.of("--inv-freq", "missing.npy"), "cos_numpy_p17.npy", false), "--inv-freq");
    }
}
