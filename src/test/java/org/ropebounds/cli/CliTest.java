package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line as a user sees it: output, JSON keys, and every error path. */
class CliTest {

    record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void formatsJsonHasTheContractKeys() throws Exception {
        Result r = run("formats", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode arr = r.json();
        assertEquals(7, arr.size());
        JsonNode fp32 = arr.get(1);
        assertEquals("fp32", fp32.get("name").asText());
        assertEquals(24, fp32.get("p").asInt());
        assertEquals(-126, fp32.get("emin").asInt());
        assertEquals(127, fp32.get("emax").asInt());
        assertEquals("0x1p-23", fp32.get("eps_mach").asText());
        assertEquals("0x1p-24", fp32.get("unit_roundoff").asText());
        assertEquals("0x1p-149", fp32.get("min_subnormal").asText());
        assertEquals("0x1p-126", fp32.get("min_normal").asText());
        assertEquals("0x1.fffffep+127", fp32.get("max_finite").asText());
        assertEquals("16777216", fp32.get("max_contiguous_integer").asText());
        JsonNode e4m3 = arr.get(5);
        assertEquals("fp8-e4m3", e4m3.get("name").asText());
        assertEquals("0x1.cp+8", e4m3.get("max_finite").asText()); // 448
        assertEquals("448", e4m3.get("max_finite_decimal").asText());
    }

    @Test
    void formatsTextListsEveryFormat() {
        Result r = run("formats");
        assertEquals(0, r.code());
        for (String name : new String[] {"fp64", "fp32", "tf32", "fp16", "bf16", "fp8-e4m3", "fp8-e5m2"}) {
            assertTrue(r.out().contains("\n" + name + " "), name);
        }
        assertTrue(r.out().contains("0x1.ffcp+15"), "fp16 max 65504");
    }

    @Test
    void ulpOfTheBlogPostsPosition() throws Exception {
        Result r = run("ulp", "--format", "bf16", "15962", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = r.json().get(0);
        assertEquals("15962", o.get("input").asText());
        assertEquals("bf16", o.get("format").asText());
        assertEquals("nearest-even", o.get("mode").asText());
        assertEquals("0x1.f2p+13", o.get("value_hex").asText());
        assertEquals("15936", o.get("value_decimal").asText());
        assertEquals("0x4679", o.get("bits").asText());
        assertEquals("0x1p+6", o.get("ulp_hex").asText());
        assertFalse(o.get("exact").asBoolean());
        assertEquals("-26", o.get("error_decimal").asText());
        assertEquals("-0.40625", o.get("error_ulps").asText()); // -26/64
        Result text = run("ulp", "--format", "bf16", "15962");
        assertTrue(text.out().contains("15962 -> bf16, nearest-even: 15936 (inexact, rounded down)"), text.out());
    }

    @Test
    void ulpCrossesValuesFormatsAndModes() throws Exception {
        Result r = run("ulp", "-f", "p=24,emin=-126,emax=127,bf16", "--mode", "all", "--json", "0.1", "--", "-2.5");
        assertEquals(0, r.code(), r.err());
        assertEquals(2 * 2 * 4, r.json().size());
        JsonNode first = r.json().get(0);
        assertEquals("fp32", first.get("format").asText()); // the custom spelling of fp32 is fp32
        assertEquals("0x1.99999ap-4", first.get("value_hex").asText());
        assertEquals("0.100000001490116119384765625", first.get("value_decimal").asText());
        assertEquals("up", r.json().get(2).get("mode").asText());
    }

    @Test
    void negativeValuesNeedNoSeparator() throws Exception {
        Result r = run("ulp", "-f", "fp16", "-1.5", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("0xbe00", r.json().get(0).get("bits").asText());
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("ropebounds "), v.out());
        assertEquals(v.out(), run("ulp", "--version").out());
        Result h = run("ulp", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("--format"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "ulp --format xyz 1                  | 'xyz'",
        "ulp --format bf16 abc               | 'abc'",
        "ulp --format bf16 1e99999999999     | '1e99999999999'",
        "ulp 15962                           | --format",
        "ulp --format p=-3,emin=-6,emax=8 1  | p=-3",
        "ulp --format bf16 nan               | 'nan'",
        "ulp --format bf16 inf               | 'inf'",
        "ulp --format bf16 --mode sideways 1 | 'sideways'",
        "ulp --format bf16 --overflow wrap 1 | 'wrap'",
        "ulp --format bf16 --bogus 1         | --bogus",
        "ulp --format bf16                   | VALUE",
        "formats --format fp99               | 'fp99'",
        "frobnicate                          | frobnicate",
        "''                                  | command",
    })
    void badInputIsOneLineWithExitCode2(String commandLine, String named) {
        String[] args = commandLine.isBlank() ? new String[0] : commandLine.trim().split("\\s+");
        assertUsageError(run(args), named);
    }

    /** Bad input: exit code 2, nothing on stdout, one line on stderr naming {@code named}, no stack trace. */
    static void assertUsageError(Result r, String named) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("ropebounds: "), err);
        assertTrue(err.contains(named), err + " should name " + named);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }
}
