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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ropebounds criteria}: both forms, the schema, the ceiling note, and every bad input. */
class CriteriaCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonSchema schema() throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(SchemaCommand.text("criteria")));
    }

    private static JsonNode json(String... args) throws Exception {
        CliTest.Result r = CliTest.run(args);
        assertEquals(0, r.code(), r.err());
        return r.json();
    }

    private static JsonNode criterion(JsonNode out, String id) {
        for (JsonNode c : out.get("criteria")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + id + " in " + out);
    }

    @Test
    void contextFormGivesEveryCriterionWithItsSourceAndValidates() throws Exception {
        // a short context keeps the certified decay search fast
        JsonNode out = json("criteria", "--context", "16", "--layers", "32", "--tolerance", "0.5", "--train-context", "4096", "--digits", "6", "--json");
        assertTrue(schema().validate(out).isEmpty(), schema().validate(out).toString());
        assertEquals("16", out.get("context").asText());
        assertEquals("inclusive", out.get("range").asText());
        assertEquals(List.of("aliasing", "dc_stability", "depth_stability", "decay", "extrapolation"),
                MAPPER.convertValue(out.get("criteria").findValues("id").stream().map(JsonNode::asText).toList(), List.class));
        // aliasing: 16 / (2 pi) = 2.5464790894703...; rounded up to 6 digits: 2.54648
        assertEquals("2.54648", criterion(out, "aliasing").get("min_base").asText());
        // dc stability: L / acos(1/2) = 3 L / pi = 48 / pi = 15.278874536821...; rounded up: 15.2789
        assertEquals("15.2789", criterion(out, "dc_stability").get("min_base").asText());
        // extrapolation, L = 16 <= T_train: the regime's first base (4096/(2 pi))^(128/126) = 722.5195... (mpmath fixture), up: 722.520
        assertEquals("722.520", criterion(out, "extrapolation").get("min_base").asText());
        JsonNode decay = criterion(out, "decay");
        assertTrue(decay.get("source").asText().contains("arXiv:2405.14591"));
        assertTrue(decay.get("min_base").isTextual(), decay.toString());
        assertTrue(decay.get("robust_min_base").isTextual(), decay.toString());
        assertTrue(decay.get("witness_m").isTextual() && decay.get("feasible_intervals").size() >= 1, decay.toString());
        assertTrue(criterion(out, "extrapolation").get("source").asText().contains("arXiv:2310.05209"));
        assertTrue(criterion(out, "aliasing").get("min_base_guarantee").asText().contains("rounded up"));
        assertTrue(out.get("ceiling_note").asText().contains("one-line heuristic") && out.get("ceiling_note").asText().contains("ropebounds erasure"));
        // bf16's ceiling 128 is above the aliasing bound 2.55 and below the extrapolation base 722.5
        assertEquals("[\"extrapolation\"]", out.get("ceilings").get("bf16").get("criteria_at_or_above").toString());
    }

    @Test
    void missingParametersAreNotComputedAndNameTheirOption() throws Exception {
        JsonNode out = json("criteria", "-L", "16", "--digits", "6", "--json");
        assertTrue(schema().validate(out).isEmpty(), schema().validate(out).toString());
        assertTrue(criterion(out, "dc_stability").get("min_base").isNull());
        assertTrue(criterion(out, "dc_stability").get("min_base_guarantee").asText().contains("--tolerance"));
        assertTrue(criterion(out, "extrapolation").get("min_base_guarantee").asText().contains("--train-context"));
        CliTest.Result text = CliTest.run("criteria", "-L", "16", "--digits", "6", "--range", "exclusive");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("decay distance range: exclusive (m in [0, L-1])"), text.out());
        assertTrue(text.out().contains("ceiling: the precision ceiling"), text.out());
    }

    @Test
    void everySourceLineSitsUnderItsOwnCriterionComputedOrNot() {
        // without --tolerance, --layers and --train-context three criteria are not computed; each still gets its heading
        // (naming the option it needs), so the guarantees section reads as one heading and its source per criterion
        CliTest.Result text = CliTest.run("criteria", "-L", "16", "--digits", "6");
        assertEquals(0, text.code(), text.err());
        String section = text.out().substring(text.out().indexOf("Guarantees and sources:"), text.out().indexOf("Precision ceilings"));
        List<String> headings = section.lines().filter(l -> l.matches("  [a-z_]+: .*")).map(l -> l.substring(2, l.indexOf(':'))).toList();
        assertEquals(List.of("aliasing", "dc_stability", "depth_stability", "decay", "extrapolation"), headings, section);
        assertEquals(5, section.lines().filter(l -> l.startsWith("    source: ")).count(), section);
        assertTrue(section.contains("  dc_stability: not computed") && section.contains("(give --tolerance)"), section);
        assertTrue(section.contains("(give --train-context)"), section);
        // each heading is followed, before the next heading, by exactly one source line
        String[] blocks = section.split("\n  (?=[a-z_]+: )");
        for (int i = 1; i < blocks.length; i++) {
            assertEquals(1, blocks[i].lines().filter(l -> l.startsWith("    source: ")).count(), blocks[i]);
        }
    }

    @Test
    void baseFormGivesLongestContextsAndLiusCriticalDimension() throws Exception {
        JsonNode out = json("criteria", "--base", "10000", "--train-context", "4096", "--tolerance", "0.5", "--json");
        assertTrue(schema().validate(out).isEmpty(), schema().validate(out).toString());
        // aliasing: the largest L < 2 pi 10000 = 62831.85...: 62831; dc: L <= 10000 pi/3 = 10471.97...: 10471
        assertEquals("62831", criterion(out, "aliasing").get("max_context").asText());
        assertEquals("10471", criterion(out, "dc_stability").get("max_context").asText());
        // Liu et al.: d_extra = 92 for Llama 2 (b = 10000, d = 128, T = 4096), T_extra = 4711.72...
        JsonNode e = criterion(out, "extrapolation");
        assertEquals(92, e.get("critical_dimension").asInt());
        assertEquals("4711", e.get("max_context").asText());
        assertTrue(e.get("t_extra").asText().startsWith("4711.72"), e.toString());
        // decay, inclusive range: L_theta = first_negative_m - 1 when every sign before it was decided
        JsonNode decay = criterion(out, "decay");
        assertEquals(new java.math.BigInteger(decay.get("first_negative_m").asText()).subtract(java.math.BigInteger.ONE),
                new java.math.BigInteger(decay.get("max_context").asText()), decay.toString());
        assertEquals("below", out.get("ceilings").get("fp32").get("verdict").asText());
        assertEquals("at or above", out.get("ceilings").get("bf16").get("verdict").asText());
        assertTrue(out.get("ceiling_note").asText().contains("--base 10000"));
    }

    @Test
    void theSchemaRejectsWhatTheConventionsForbid() throws Exception {
        ObjectNode out = (ObjectNode) json("criteria", "-L", "16", "--digits", "6", "--json");
        out.put("context", 4096);
        assertFalse(schema().validate(out).isEmpty());
        ObjectNode base = (ObjectNode) json("criteria", "-b", "10000", "--json");
        base.put("surprise", true);
        assertFalse(schema().validate(base).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "criteria -L 4096 --range sideways|'sideways'",
        "criteria -L 0|context",
        "criteria -b 1|base 1",
        "criteria -L 4096 -b 10000|mutually exclusive",
        "criteria|(-L=L | -b=B)",
        "criteria -L 4096 --train-context 6|train context 6",
        "criteria -L 4096 --head-dim 3|head dim 3",
        "criteria -L 4096 --digits 0|--digits",
        "criteria -L 4096 --tolerance 1|tolerance 1",
        "criteria -L 4096 --layers 0|layers 0",
        "criteria -L 4096 --head-dim 2 --train-context 4096|d >= 4",
        "criteria -L 4096 --train-context lots|--train-context",
        "criteria -L 4096 --decay-digits 0|--decay-digits 0",
        "criteria -L 4096 --decay-digits 16|--decay-digits 16"})
    void badInputExitsTwoWithOneLineNamingTheValue(String line, String named) {
        CliTest.Result r = CliTest.run(line.split(" "));
        assertEquals(2, r.code(), line + ": " + r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(named), line + ": " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void zoneWithCriteriaAllKeepsItsOutputAndAddsTheDecayLine() {
        CliTest.Result plain = CliTest.run("zone", "-L", "16", "-N", "2", "--eps", "0.5", "--digits", "6");
        CliTest.Result with = CliTest.run("zone", "-L", "16", "-N", "2", "--eps", "0.5", "--digits", "6", "--criteria", "all");
        assertEquals(0, with.code(), with.err());
        assertTrue(with.out().startsWith(plain.out()), "zone's own output must not change");
        String added = with.out().substring(plain.out().length());
        assertEquals(1, added.lines().count(), added);
        assertTrue(added.contains("decay bound") && added.contains("first feasible base") && added.contains("arXiv:2405.14591"), added);
        CliTest.Result bad = CliTest.run("zone", "-L", "16", "-N", "2", "--eps", "0.5", "--criteria", "some");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--criteria 'some'") && bad.err().contains("accepted: all"), bad.err());
    }

    @Test
    void zoneJsonWithCriteriaValidatesAgainstTheZoneSchema() throws Exception {
        JsonNode out = json("zone", "-L", "16", "-N", "2", "--eps", "0.5", "--digits", "6", "--criteria", "all", "--json");
        JsonSchema zone = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(SchemaCommand.text("zone")));
        assertTrue(zone.validate(out).isEmpty(), zone.validate(out).toString());
        assertTrue(out.get("decay_first_feasible_base").isTextual(), out.toString());
    }

    @Test
    void theDecaySearchStopsAtItsDigitsAndSaysSo() throws Exception {
        // L = 1024, d = 128: python-flint's arb puts the first feasible base between 4287.587085 (infeasible, m = 1009)
        // and 4296.162259 (feasible) (fixtures/decay/brackets.csv); at 6 decay digits it prints 6 significant digits
        JsonNode out = json("criteria", "-L", "1024", "--digits", "8", "--decay-digits", "6", "--json");
        assertEquals(6, out.get("decay_digits").asInt());
        JsonNode decay = null;
        for (JsonNode c : out.get("criteria")) {
            if (c.get("id").asText().equals("decay")) {
                decay = c;
            }
        }
        java.math.BigDecimal v = new java.math.BigDecimal(decay.get("min_base").asText());
        assertEquals(6, v.precision(), v.toString());
        assertTrue(v.compareTo(new java.math.BigDecimal("4287.587085")) > 0 && v.compareTo(new java.math.BigDecimal("4296.162259")) <= 0, v.toString());
        assertTrue(decay.get("min_base_guarantee").asText().contains("6 decay digits asked"), decay.toString());
    }

    @Test
    void helpNamesBothFormsAndTheRange() {
        CliTest.Result help = CliTest.run("criteria", "--help");
        assertEquals(0, help.code());
        for (String s : Set.of("--context", "--base", "--range", "--train-context", "--digits", "arXiv:2405.14591", "arXiv:2310.05209")) {
            assertTrue(help.out().contains(s), s);
        }
    }
}
