package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/**
 * The conventions a script relies on (issue 12): every command's --json output validates against the schema
 * the jar ships ({@code ropebounds schema NAME}); integers that can exceed 2^53 are strings and the numbers
 * left are small; per-format results are objects keyed by format; echoed inputs are short and exact; a
 * horizon is the first position that fails.
 */
@Timeout(value = 120)
class JsonConventionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Path CROSSCHECK = Paths.get("src/test/resources/fixtures/crosscheck");
    private static final Path CONFIGS = Paths.get("src/test/resources/fixtures/configs");

    private static JsonSchema schema(String name) throws IOException {
        return FACTORY.getSchema(MAPPER.readTree(SchemaCommand.text(name)));
    }

    private static JsonNode json(String... args) throws Exception {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r.err());
        return r.json();
    }

    private static void assertValid(JsonSchema schema, JsonNode node, String where) {
        Set<ValidationMessage> errors = schema.validate(node);
        assertTrue(errors.isEmpty(), () -> where + ": " + errors);
    }

    /** Every JSON number in the tree is an integer of magnitude below 2^31 or a non-integral decimal. */
    private static void assertNumbersAreSmall(JsonNode node, String path, List<String> bad) {
        if (node.isIntegralNumber() && node.bigIntegerValue().abs().compareTo(BigInteger.ONE.shiftLeft(31)) >= 0) {
            bad.add(path + " = " + node);
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                assertNumbersAreSmall(e.getValue(), path + "." + e.getKey(), bad);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertNumbersAreSmall(node.get(i), path + "[" + i + "]", bad);
            }
        }
    }

    private static final List<List<String>> RUNS = List.of(
            List.of("formats", "formats", "--json"),
            List.of("ulp", "ulp", "--format", "bf16,fp32,fp8-e4m3", "--mode", "all", "--json", "--", "0.1", "-0", "1e10", "0x1p-140"),
            List.of("ulp", "ulp", "--format", "fp8-e4m3", "--overflow", "saturate", "--json", "1e10"),
            List.of("zone", "zone", "--base", "500000", "-L", "128k", "-N", "32", "--tolerance", "0.01", "--json"),
            List.of("zone", "zone", "-L", "128k", "-N", "32", "--tolerance", "0.01", "--json"),
            List.of("zone", "zone", "--base", "0x1p630", "-L", "2^40", "-N", "126", "--tolerance", "0.5", "--spectrum", "exact", "--json"),
            List.of("derive", "derive", "depth_stability", "--json"),
            List.of("phase", "phase", "--base", "500000", "--head-dim", "8", "--json"),
            List.of("phase", "phase", "--base", "500000", "--head-dim", "8", "-P", "131071", "--pipeline", "hf,bf16-all", "--json"),
            List.of("erasure", "erasure", "--base", "500000", "--head-dim", "8", "-L", "1M", "--json"),
            List.of("erasure", "erasure", "--base", "500000", "--head-dim", "128", "-L", "2^40", "--pipeline", "hf", "--json"),
            List.of("models", "models", "--json"),
            List.of("table", "models", "--table", "json"),
            List.of("model", "model", "llama-3.1-8b", "--json"),
            List.of("model", "model", "--config", CONFIGS.resolve("llama-1-7b-no-rope-theta.json").toString(), "--json"),
            List.of("check", "check", "--json", "pi < 22/7"),
            List.of("check", "check", "--json", "--set", "x=3", "x^2 < 10 < 11"),
            List.of("crosscheck", "crosscheck", "--quantity", "inv_freq", "--base", "500000", "--head-dim", "128", "--pipeline", "hf", "--json",
                    CROSSCHECK.resolve("inv_freq_fp32_planted.npy").toString()),
            List.of("crosscheck", "crosscheck", "--quantity", "inv_freq", "--base", "500000", "--head-dim", "128", "--json",
                    CROSSCHECK.resolve("inv_freq_fp32_correct.npy").toString()),
            List.of("reference", "reference", "--quantity", "cos", "--base", "10000", "--head-dim", "8", "--positions", "0:16", "--dtype", "bf16",
                    "--out", "target/json-conventions-reference.npy", "--json"));

    @TestFactory
    Stream<DynamicTest> everyCommandsJsonValidatesAgainstItsSchemaAndKeepsNumbersSmall() {
        return RUNS.stream().map(run -> DynamicTest.dynamicTest(String.join(" ", run.subList(1, run.size())), () -> {
            JsonNode out = json(run.subList(1, run.size()).toArray(String[]::new));
            assertValid(schema(run.get(0)), out, run.toString());
            List<String> bad = new ArrayList<>();
            assertNumbersAreSmall(out, "$", bad);
            assertTrue(bad.isEmpty(), () -> "integers that may exceed 2^53 must be strings: " + bad);
        }));
    }

    @Test
    void modelsNestedZoneAndErasureValidateAgainstTheirCommandsSchemas() throws Exception {
        JsonNode out = json("model", "llama-3.1-8b", "--json");
        assertValid(schema("zone"), out.get("zone"), "model.zone");
        JsonNode result = MAPPER.readTree(SchemaCommand.text("erasure")).get("$defs").get("result").deepCopy();
        ((ObjectNode) result).put("$schema", "https://json-schema.org/draft/2020-12/schema");
        assertValid(FACTORY.getSchema(result), out.get("erasure"), "model.erasure");
    }

    @Test
    void theValidatorRejectsWhatTheConventionsForbid() throws Exception {
        // the test above could fail: a context as a JSON number, a verdicts array, an unknown key
        ObjectNode zone = (ObjectNode) json("zone", "-L", "128k", "-N", "32", "--tolerance", "0.01", "--json");
        zone.put("context", 131072);
        assertFalse(schema("zone").validate(zone).isEmpty());
        ObjectNode model = (ObjectNode) json("model", "llama-3.1-8b", "--json");
        model.putArray("verdicts").add("above").add("inside");
        assertFalse(schema("model").validate(model).isEmpty());
        ObjectNode erasure = (ObjectNode) json("erasure", "--base", "500000", "--head-dim", "8", "-L", "1M", "--json");
        erasure.put("surprise", true);
        assertFalse(schema("erasure").validate(erasure).isEmpty());
    }

    @Test
    void theCommittedTablesAndTheManifestSpecValidate() throws IOException {
        JsonSchema table = schema("table");
        try (Stream<Path> files = Files.list(Paths.get("tables"))) {
            List<Path> tables = files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("manifest.json")).sorted().toList();
            assertEquals(6, tables.size(), tables.toString());
            for (Path p : tables) {
                assertValid(table, MAPPER.readTree(p.toFile()), p.toString());
            }
        }
        // the grid the manifest records is itself a spec the schema accepts
        JsonNode grid = MAPPER.readTree(Paths.get("tables/manifest.json").toFile()).get("parameters");
        // erasure_context can reach 2^62: a string, like every such integer
        assertEquals("1048576", grid.get("erasure_context").textValue());
        assertTrue(grid.isObject(), "manifest.json records its grid");
        assertValid(schema("tables-spec"), grid, "manifest grid");
    }

    @Test
    void tablesJsonListsTheFilesItWrote(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("grid.json");
        Files.writeString(spec, "{\"contexts\": [\"128k\"], \"layers\": [32], \"tolerances\": [\"0.5\"], \"spectra\": [\"approx\"],"
                + " \"formats\": [\"fp32\"], \"bases\": [\"10000\"], \"erasure_context\": 4096, \"case_study\": false}");
        assertValid(schema("tables-spec"), MAPPER.readTree(spec.toFile()), "grid.json");
        JsonNode out = json("tables", "--spec", spec.toString(), "--out", dir.resolve("out").toString(), "--quiet", "--json");
        assertValid(schema("tables"), out, "tables --json");
        for (JsonNode name : out) {
            assertTrue(Files.isRegularFile(dir.resolve("out").resolve(name.asText())), name.asText());
        }
    }

    @Test
    void schemaListsEveryNameAndRefusesAnUnknownOneInOneLine() throws Exception {
        CliTest.Result list = CliTest.run("schema");
        assertEquals(0, list.code(), list.err());
        for (String name : SchemaCommand.NAMES) {
            assertTrue(list.out().contains("\n  " + name + " "), name);
            JsonNode s = MAPPER.readTree(CliTest.run("schema", name).out());
            assertEquals("https://json-schema.org/draft/2020-12/schema", s.get("$schema").asText(), name);
        }
        CliTest.Result bad = CliTest.run("schema", "erasures");
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("'erasures'") && bad.err().contains("erasure,"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }

    @Test
    void tablesHelpPrintsEveryKeyOfTheGridSpec() throws Exception {
        CliTest.Result help = CliTest.run("tables", "--help");
        assertEquals(0, help.code());
        JsonNode keys = MAPPER.readTree(SchemaCommand.text("tables-spec")).get("properties");
        for (Iterator<String> it = keys.fieldNames(); it.hasNext();) {
            String key = it.next();
            assertTrue(help.out().contains("\n  " + key + " "), key);
        }
        assertTrue(help.out().contains("ropebounds schema tables-spec"));
    }

    @Test
    void verdictsAreKeyedByFormatName() throws Exception {
        // llama-3.1-8b: weights in bf16 (registry), so the verdicts are for bf16 and fp32, as in the zone
        JsonNode out = json("model", "llama-3.1-8b", "--json");
        JsonNode verdicts = out.get("verdicts");
        assertTrue(verdicts.isObject(), verdicts.toString());
        assertEquals(List.of("bf16", "fp32"), iterate(verdicts.fieldNames()));
        assertEquals(iterate(out.get("zone").get("formats").fieldNames()), iterate(verdicts.fieldNames()));
    }

    private static List<String> iterate(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void echoedBasesAreShortAndExact() throws Exception {
        // 2^630 has 190 decimal digits; its short exact form is the hex float
        assertEquals("0x1p+630", json("zone", "--base", "0x1p630", "-L", "128k", "-N", "32", "--tolerance", "0.01", "--json").get("base").asText());
        assertEquals("1e+190", json("zone", "--base", "1e190", "-L", "128k", "-N", "32", "--tolerance", "0.01", "--json").get("base").asText());
        assertEquals("500000", json("erasure", "--base", "500000", "--head-dim", "4", "-L", "100", "--json").get("base").asText());
        // Json.exact: short forms as they are; long ones the shortest exact form, read back to the same value
        BigInteger twoTo630 = BigInteger.ONE.shiftLeft(630);
        for (Rational r : new Rational[] {Rational.of(500000), Rational.parse("0.1"), Rational.parse("1/3"), Rational.of(twoTo630, BigInteger.ONE),
                Rational.of(twoTo630.add(BigInteger.ONE), BigInteger.ONE), Rational.of(BinaryRational.of(BigInteger.valueOf(3), -200)),
                Rational.of(BigInteger.TEN.pow(60).add(BigInteger.ONE), BigInteger.valueOf(3))}) {
            String s = Json.exact(r);
            assertEquals(r, Rational.parse(s), s);
            assertTrue(s.length() <= Math.max(Json.SHORT_DECIMAL, Math.min(r.toString().length(), r.toCompactDecimalStringOrFraction().length())), s);
        }
        assertEquals("1/3", Json.exact(Rational.parse("1/3")));
        assertEquals("0x1.8p-199", Json.exact(Rational.of(BinaryRational.of(BigInteger.valueOf(3), -200)))); // 3 * 2^-200
    }

    @Test
    @Timeout(value = 120)
    void horizonsNameTheFirstPositionThatFails() throws Exception {
        // fp32 holds every integer up to 2^24; 2^24 + 1 rounds to 2^24 (a tie, to even). So position 2^24 + 1 is
        // the first one not representable and the first equal to the one before it: position horizon, mode 0's
        // collision (inv_freq_0 = 1, phase_0(p) = fl32(p)) and the output collision are all 16777217
        JsonNode hf = json("erasure", "--base", "500000", "--head-dim", "4", "-L", "16777218", "--pipeline", "hf", "--json")
                .get("results").get(0);
        assertEquals("16777217", hf.get("position_horizon").textValue());
        assertEquals("16777217", hf.get("output_collision_horizon").textValue());
        assertEquals("16777217", hf.get("modes").get(0).get("collision_horizon").textValue());
        // with L = 2^24 + 1 the last position is 2^24: nothing has failed yet
        JsonNode shorter = json("erasure", "--base", "500000", "--head-dim", "4", "-L", "16777217", "--pipeline", "hf", "--json")
                .get("results").get(0);
        assertTrue(shorter.get("position_horizon").isNull());
        assertTrue(shorter.get("output_collision_horizon").isNull());
        assertTrue(shorter.get("modes").get(0).get("collision_horizon").isNull());
        // the convention is stated in the output itself
        JsonNode top = json("erasure", "--base", "500000", "--head-dim", "4", "-L", "100", "--json");
        assertTrue(top.get("horizon_convention").asText().contains("first position that fails"));
        CliTest.Result text = CliTest.run("erasure", "--base", "500000", "--head-dim", "4", "-L", "100");
        assertTrue(text.out().contains("the first position that fails, i.e. the first p not distinguishable from p-1"), text.out());
    }
}
