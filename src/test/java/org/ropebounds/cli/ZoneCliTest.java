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
        // 131072/acos(0.9^(1/32)) = 1616104.0560432703453 (mpmath, 50 digits: 1616104.05604327034533869...)
        assertEquals("1616104.0560432703453", lower.get("depth_stability").get("value").asText());
        JsonNode fp32 = o.get("formats").get("fp32");
        assertEquals("8388608", fp32.get("ceiling").asText());
        assertEquals("1616104.0560432703453", fp32.get("zone_lower").asText());
        assertEquals("8388608", fp32.get("zone_upper").asText());
        assertFalse(fp32.get("empty").asBoolean());
        assertEquals("680347", fp32.get("max_context").asText());
        assertEquals(22, fp32.get("min_precision_bits").asInt());
        assertEquals("below", fp32.get("verdict").asText());
        assertTrue(o.get("formats").get("bf16").get("empty").asBoolean());
    }

    @Test
    void textNamesTheBindingBoundAndVerdict() {
        CliTest.Result r = CliTest.run("zone", "-L", "1M", "-N", "80", "--tolerance", "0.01", "--base", "1e7", "--format", "fp32");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("L = 1048576 (1M)"), r.out());
        assertTrue(r.out().contains("3120193.25163301  <- binding"), r.out());
        assertTrue(r.out().contains("8388608 (exact)"), r.out());
        assertTrue(r.out().contains("above"), r.out());
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
