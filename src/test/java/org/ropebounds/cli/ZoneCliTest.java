package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ropebounds zone} as a user runs it: the JSON contract, the text, every bad input. */
class ZoneCliTest {

    @Test
    void jsonContract() throws Exception {
        CliTest.Result r = CliTest.run("zone", "--context", "128k", "--layers", "32", "--tolerance", "0.9", "--head-dim", "128",
                "--format", "fp32,bf16", "--base", "500000", "--digits", "20", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = r.json();
        assertEquals(131072, o.get("context").asLong()); // 128k resolved
        assertEquals(32, o.get("layers").asInt());
        assertEquals("0.9", o.get("tolerance").asText());
        assertEquals(128, o.get("head_dim").asInt());
        assertEquals("approx", o.get("spectrum").asText());
        assertEquals("machine", o.get("epsilon_convention").asText());
        assertEquals(20, o.get("digits").asInt());
        JsonNode lower = o.get("lower_bounds");
        for (String id : new String[] {"aliasing", "dc_stability", "depth_stability"}) {
            assertTrue(lower.get(id).get("value").isTextual(), id);
            assertTrue(lower.get(id).get("strict").isBoolean(), id);
        }
        assertTrue(lower.get("aliasing").get("strict").asBoolean());
        assertFalse(lower.get("depth_stability").get("strict").asBoolean());
        // 131072/acos(0.9^(1/32)) = 1616104.0560432703453|3869... (mpmath, 50 digits), rounded up to 20 digits
        assertEquals("1616104.0560432703454", lower.get("depth_stability").get("value").asText());
        assertEquals("rounded up to 20 significant digits: the exact value is at most this",
                lower.get("depth_stability").get("value_guarantee").asText());
        JsonNode fp32 = o.get("formats").get("fp32");
        assertEquals("8388608", fp32.get("ceiling").asText());
        assertEquals("1616104.0560432703454", fp32.get("zone_lower").asText());
        assertEquals("exact", fp32.get("ceiling_guarantee").asText());
        // acos(0.9^(1/32)) 2^23 = 680347.05046650854279|902 (mpmath), rounded down
        assertEquals("680347.05046650854279", fp32.get("max_context_bound").asText());
        assertEquals("rounded down to 20 significant digits: the exact value is at least this",
                fp32.get("max_context_bound_guarantee").asText());
        assertEquals("8388608", fp32.get("zone_upper").asText());
        assertFalse(fp32.get("empty").asBoolean());
        assertEquals("680347", fp32.get("max_context").asText());
        assertEquals(22, fp32.get("min_precision_bits").asInt());
        assertEquals("below", fp32.get("verdict").asText());
        assertTrue(o.get("formats").get("bf16").get("empty").asBoolean());
        // 500000 is below 1616104.06 and at or above bf16's ceiling 128
        assertEquals("below and above", o.get("formats").get("bf16").get("verdict").asText());
        String note = o.get("ceiling_note").asText();
        assertTrue(note.contains("heuristic") && note.endsWith("see `ropebounds erasure --base 500000 --context 131072`"), note);
    }

    @Test
    void textNamesTheBindingBoundAndVerdict() {
        CliTest.Result r = CliTest.run("zone", "-L", "1M", "-N", "80", "--tolerance", "0.01", "--base", "1e7", "--format", "fp32");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("L = 1048576 (1M)"), r.out());
        // 1048576 / acos(0.01^(1/80)) = 3120193.25163301|40107 (mpmath), rounded up to 15 digits
        assertTrue(r.out().contains("3120193.25163302  <- binding"), r.out());
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("  ceiling: the precision ceiling b < 1/eps_mach is a one-line"
                + " heuristic") && l.endsWith("see `ropebounds erasure --base 10000000 --context 1048576`")).count(), r.out());
        assertTrue(r.out().contains("8388608 (exact)"), r.out());
        assertTrue(r.out().contains("above"), r.out());
    }

    @Test
    void theIssuesExampleIsPrintedInItsSafeDirection() {
        // 4096 / acos(0.5^(1/32)) = 19750.4135148273 (mpmath): correctly rounded to 6 digits 19750.4, an infeasible base;
        // rounded up 19750.5. b = 100 is below it; fp8-e4m3's ceiling is 2^3 = 8 <= 100 (below and above), fp32's 2^23
        // (below). acos(0.5^(1/32)) 8 = 1.659104503 (mpmath) rounded down: 1.65910; 2^23 / 100 = 83886.08, down: 83886.0.
        CliTest.Result r = CliTest.run("zone", "-L", "4096", "-N", "32", "--tolerance", "0.5", "--digits", "6", "--base", "100",
                "--format", "fp8-e4m3,fp32");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[19750.5, 8388608)"), r.out());
        assertTrue(r.out().contains("below and above (b/lower = 0.00506318, ceiling/b = 0.08)"), r.out());
        assertTrue(r.out().contains("below (b/lower = 0.00506318, ceiling/b = 83886.0)"), r.out());
        assertTrue(r.out().contains("fp8-e4m3: 1.65910;"), r.out());
        assertTrue(r.out().contains("bounds are rounded to 6 significant digits in their safe direction"), r.out());
        assertFalse(r.out().contains("19750.4"), r.out());
    }

    @Test
    void texIsABooktabsTable() {
        CliTest.Result r = CliTest.run("zone", "-L", "4096", "-N", "12", "--tolerance", "0.5", "--tex");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\\toprule") && r.out().contains("\\bottomrule") && r.out().contains("\\texttt{fp32}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "zone -L 4096 -N 12 --tolerance 1.5                        | 1.5",
        "zone -L 4096 -N 12 --tolerance 0                          | 0",
        "zone -L 4096 -N 0 --tolerance 0.5                         | layers 0",
        "zone -L 0 -N 12 --tolerance 0.5                           | '0'",
        "zone -L abc -N 12 --tolerance 0.5                         | 'abc'",
        "zone -L 1.5 -N 12 --tolerance 0.5                         | '1.5'",
        "zone -L 2^70 -N 12 --tolerance 0.5                        | '2^70'",
        "zone -L 4096 -N 12 --tolerance 0.5 --head-dim 127         | 127",
        "zone -L 4096 -N 12 --tolerance 0.5 --head-dim 2 --spectrum exact | head dim 2 has the exact spectrum",
        "zone -L 4096 -N 12 --tolerance 0.5 --head-dim 2 --spectrum exact | the exact-spectrum bounds need d >= 4 (use --spectrum approx)",
        "zone -L 4096 -N 12 --tolerance 0.5 --base 1               | base 1",
        "zone -L 4096 -N 12 --tolerance 0.5 --base -5              | -5",
        "zone -L 4096 -N 12 --tolerance 0.5 --digits 0             | --digits 0",
        "zone -L 4096 -N 12 --tolerance 0.5 --digits 10001         | --digits 10001",
        "zone -L 4096 -N 12 --tolerance 0.5 --spectrum fuzzy       | 'fuzzy'",
        "zone -L 4096 -N 12 --tolerance 0.5 --epsilon-convention x | 'x'",
        "zone -L 4096 -N 12 --tolerance 0.5 --format fp99          | 'fp99'",
        "zone -L 4096 -N 12                                        | --tolerance",
        "zone -L 4096 -N 12 --tolerance 0.5 --json --tex           | --tex",
    })
    void badInputIsOneLineWithExitCode2(String commandLine, String named) {
        CliTest.assertUsageError(CliTest.run(commandLine.trim().split("\\s+")), named);
    }
}
