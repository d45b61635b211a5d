package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, hostile arguments: work out of reach refused before it starts, --digits maxima, the sign of
 * zero, and error texts that are one printable line naming the value.
 */
class HostileArgumentsTest {
    /** Generous for CI: the point is "refused at once", not a benchmark. */
    private static final Duration QUICKLY = Duration.ofSeconds(20);

    private static final String ESC = "\u001b";
    private static final String LONG_CONTEXT = "1".repeat(10_001);

    static Stream<Arguments> refusals() {
        return Stream.of(
            // work whose cost is out of reach
            refusal("sin(x) with |x| beyond 2^4096", "check", "sin(10^300000) < 2"),
            refusal("cos(x) with |x| beyond 2^4096", "check", "cos(2^1000000) <= 1"),
            refusal("sin(x) with |x| beyond 2^4096", "check", "sin(10^300000) < 2", "--digits", "10"),
            refusal("sin(x) with |x| beyond 2^4096", "check", "sin(2^4097) < 2"),
            refusal("cos(x) with |x| beyond 2^4096", "check", "cos(exp(3000)) <= 1"),
            refusal("a power x^y in the claim is beyond 2^(2^20)", "check", "theta(10^1000, 1, 10^1000) > 0"),
            refusal("a power x^y in the claim is beyond 2^(2^20)", "check", "(2^4000)^65535 > 1"),
            refusal("a power x^y in the claim is beyond 2^(2^20)", "check", "round(fp32, 3^(2^30)) > 0"),
            refusal("a power x^y in the claim is beyond 2^(2^20)", "check", "ulp(bf16, 10^(10^7)) > 0"),
            refusal("exp(x) with |x| beyond 2^20", "check", "exp(10^10) > 1"),
            // --digits maxima, with the accepted range
            refusal("--digits 501 is out of range; accepted: 1..500", "check", "1 < 2", "--digits", "501"),
            refusal("--digits 10000 is out of range; accepted: 1..500", "check", "1 < 2", "--digits", "10000"),
            refusal("--digits 3001 is out of range; accepted: 1..3000", "zone", "--context", "1M", "--layers", "48", "--tolerance", "0.9",
                    "--format", "all", "--digits", "3001"),
            refusal("--digits 10000 is out of range; accepted: 1..3000", "zone", "--context", "1M", "--layers", "48", "--tolerance", "0.9",
                    "--digits", "10000"),
            refusal("--digits 1001 is out of range; accepted: 1..1000", "phase", "--base", "500000", "--head-dim", "128", "--digits", "1001"),
            refusal("--digits 10000 is out of range; accepted: 1..1000", "phase", "--base", "500000", "--head-dim", "128", "--digits", "10000"),
            // the real range of a position
            refusal("position '-1' is not accepted; accepted: an integer 0 <= p <= 2^62", "phase", "-P=-1", "--base", "10000", "--head-dim", "8"),
            refusal("position '2^63'", "phase", "-P", "2^63", "--base", "10000", "--head-dim", "8"),
            // the command list comes from the registered commands
            refusal("a command is required: formats, ulp, zone, criteria, derive, phase, erasure, models, model, tables, check, crosscheck"),
            // echoed input: cut, and control characters escaped
            refusal("context '" + "1".repeat(40) + "...(10001 characters)'", "zone", "--context", LONG_CONTEXT, "--layers", "4", "--tolerance", "0.9"),
            refusal("context '1\\e[31mred'", "zone", "--context", "1" + ESC + "[31mred", "--layers", "4", "--tolerance", "0.9"),
            refusal("claim '1 <\\n 2 \\e[2J\\x07'", "check", "1 <\n 2 " + ESC + "[2J\u0007"),
            refusal("'bf\\e]0;owned\\x07'", "ulp", "--format", "bf" + ESC + "]0;owned\u0007", "1"),
            refusal("--bo\\e[1mgus", "ulp", "--format", "bf16", "--bo" + ESC + "[1mgus", "1"),
            refusal("'1\\r2'", "ulp", "--format", "bf16", "1\r2"),
            refusal("(10002 characters)", "ulp", "--format", "bf16", "x" + LONG_CONTEXT),
            // repeated parameter names
            refusal("--set names 'x' twice (1 and 2)", "check", "--set", "x=1,x=2", "x < 3"),
            refusal("--set names 'x' twice", "check", "--set", "x=1", "--set", "x=1", "x < 3"),
            refusal("--set 'x' is not NAME=VALUE", "check", "--set", "x", "x < 3"),
            // claims take what is not an option, but a misspelt option is still named as one
            refusal("unknown option '--digit'; accepted: ", "check", "--digit", "5", "1 < 2"),
            refusal("unknown option '--jsn'", "check", "--jsn", "1 < 2"),
            refusal("the claim must be one argument (quote it); got 3: '1' '<' '2'", "check", "1", "<", "2"),
            refusal("'CLAIM'", "check"));
    }

    private static Arguments refusal(String named, String... args) {
        return Arguments.of(String.join(" ", args).replace(ESC, "ESC"), named, args);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusals")
    void refusedQuicklyInOnePrintableLine(String shown, String named, String[] args) {
        CliTest.Result r = assertTimeoutPreemptively(QUICKLY, () -> CliTest.run(args));
        assertRefused(r, named);
    }

    @Test
    void npyNamedFilesWithoutMagicSayWhatTheyAre(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("cos.npy"));
        Path sparse = dir.resolve("sin.npy");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(1L << 30); // a 1 GiB hole: reads as zeros, takes no space
        }
        for (Path p : List.of(empty, sparse)) {
            String named = p.equals(empty) ? "'" + empty + "' is empty (0 bytes)" : "'" + sparse + "' is not a .npy file";
            CliTest.Result r = assertTimeoutPreemptively(QUICKLY, () -> CliTest.run("crosscheck", "-q", "cos", "-b", "10000", "-d", "8", p.toString()));
            assertRefused(r, named);
            assertTrue(r.err().contains("accepted: a .npy file"), r.err());
        }
    }

    @Test
    void negativeZeroKeepsItsSign() throws Exception {
        // IEEE 754: -0 is the sign bit alone; bf16 is the top half of fp32, so 0x8000 (as torch and ml_dtypes give)
        String[][] cases = {{"bf16", "0x8000"}, {"fp32", "0x80000000"}, {"fp8-e4m3", "0x80"}, {"fp64", "0x8000000000000000"}};
        for (String[] c : cases) {
            for (String zero : List.of("-0", "-0.0", "-0e7", "-0x0p+0")) {
                CliTest.Result r = CliTest.run("ulp", "--json", "--format", c[0], "--", zero);
                assertEquals(0, r.code(), r.err());
                JsonNode o = r.json().get(0);
                assertEquals(c[1], o.get("bits").asText(), c[0] + " " + zero);
                assertEquals("-0", o.get("value_decimal").asText());
                assertEquals("-0x0p+0", o.get("value_hex").asText());
                assertEquals("-0", o.get("input_exact").asText());
                assertTrue(o.get("exact").asBoolean());
            }
        }
        CliTest.Result plus = CliTest.run("ulp", "--json", "--format", "bf16", "0");
        assertEquals("0x0000", plus.json().get(0).get("bits").asText());
        CliTest.Result text = CliTest.run("ulp", "--format", "bf16", "--", "-0");
        assertTrue(text.out().contains("-0 -> bf16, nearest-even: -0 (exact)"), text.out());
        assertTrue(text.out().contains("-0x0p+0   bits 0x8000"), text.out());
    }

    @Test
    void claimsMayStartWithMinusAndUseCustomFormats() {
        CliTest.Result minus = CliTest.run("check", "-1 < 0");
        assertEquals(0, minus.code(), minus.err());
        assertTrue(minus.out().startsWith("TRUE  -1 < 0"), minus.out());
        CliTest.Result minusX = CliTest.run("check", "-x < 0", "--set", "x=2");
        assertEquals(0, minusX.code(), minusX.err());
        // p=11, emin=-14, emax=15 is fp16: 15962 = 0x3E5A needs 14 bits, so both round it to 15960 (spacing 8)
        CliTest.Result custom = CliTest.run("check", "round(p=11,emin=-14,emax=15, 15962) == 15960");
        assertEquals(0, custom.code(), custom.err() + custom.out());
        CliTest.Result customUlp = CliTest.run("check", "ulp(p=11, emin=-14, emax=15, 15962) == ulp(fp16, 15962)");
        assertEquals(0, customUlp.code(), customUlp.err() + customUlp.out());
        // known options keep working next to a leading '-'
        CliTest.Result json = CliTest.run("check", "--json", "-2 < -1", "--digits", "5");
        assertEquals(0, json.code(), json.err());
    }

    @Test
    void periodicArgumentAtTheLimitIsStillChecked() {
        CliTest.Result r = assertTimeoutPreemptively(QUICKLY, () -> CliTest.run("check", "-1 <= sin(2^4096) <= 1"));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void theErrorPrinterKeepsAnyMessageToOnePrintableLine() {
        // a message that did not quote its input: line breaks become "; ", controls are escaped, the length is cut
        String line = Main.oneLine("  bad\n\r\n  value \u001b[31m" + "7".repeat(5000) + "\u2028end ");
        assertTrue(line.startsWith("bad; value \\e[31m777"), line);
        // "bad; value " (11) + "\\e[31m" (6) + 5000 sevens + "; end" (5) = 5022 characters once on one line
        assertTrue(line.endsWith("...(message of 5022 characters cut)"), line);
        assertTrue(line.length() <= Main.MAX_MESSAGE, line);
        assertEquals("a; b \\x07", Main.oneLine("a\nb \u0007"));
        assertEquals("", Main.oneLine(null));
    }

    /** Exit 2, nothing on stdout, exactly one line on stderr naming the value, no control character, no stack trace. */
    static void assertRefused(CliTest.Result r, String named) {
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals("", r.out());
        List<String> lines = new ArrayList<>(r.err().lines().toList());
        assertEquals(1, lines.size(), "exactly one line: " + r.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("ropebounds: "), line);
        assertTrue(line.contains(named), line + "\n should name: " + named);
        assertTrue(line.length() <= Main.MAX_MESSAGE + 100, "cut: " + line.length() + " characters");
        assertFalse(line.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), "no control characters: " + line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), "no stack trace: " + line);
        assertTrue(r.err().endsWith("\n") && !r.err().endsWith("\n\n"), "one line, ended");
    }
}
