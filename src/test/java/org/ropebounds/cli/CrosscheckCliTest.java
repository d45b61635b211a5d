package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ropebounds.cli.CliTest.assertUsageError;
import static org.ropebounds.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.cli.CliTest.Result;
import org.ropebounds.format.Rational;

/**
 * {@code ropebounds crosscheck} against arrays made by numpy and ml_dtypes, whose expected reports were
 * computed independently with MPFR ({@code src/test/python/gen_crosscheck_fixtures.py}), and its error paths.
 */
class CrosscheckCliTest {
    private static final Path DIR = Paths.get("src/test/resources/fixtures/crosscheck");

    private static String f(String name) {
        return DIR.resolve(name).toString();
    }

    private static Result crosscheck(List<String> args, String file, String... more) {
        List<String> all = new ArrayList<>(List.of("crosscheck"));
        all.addAll(args);
        all.addAll(List.of(more));
        all.add(file);
        return run(all.toArray(String[]::new));
    }

    @TestFactory
    Stream<DynamicTest> everyFixtureGivesTheReportMpfrPredicts() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("file").asText(), () -> {
                List<String> args = new ArrayList<>();
                c.get("args").forEach(a -> args.add(a.asText()));
                Result r = crosscheck(args, f(c.get("file").asText()), "--json", "--worst", "1000");
                JsonNode out = r.json();
                for (String key : List.of("against_exact", "against_pipeline")) {
                    JsonNode want = c.get(key);
                    JsonNode got = out.get(key);
                    String where = c.get("file").asText() + " " + key;
                    assertEquals(want.get("entries").asLong(), got.get("entries").asLong(), where);
                    assertEquals(want.get("exact_matches").asLong(), got.get("exact_matches").asLong(), where);
                    assertEquals(want.get("one_ulp").asLong(), got.get("one_ulp").asLong(), where);
                    assertEquals(want.get("max_ulps").asLong(), got.get("max_ulps").asLong(), where);
                    Rational mean = Rational.of(BigInteger.valueOf(want.get("sum_ulps").asLong()), BigInteger.valueOf(want.get("entries").asLong()));
                    assertEquals(mean, Rational.parse(got.get("mean_ulps_exact").asText().replaceAll("/.*", ""))
                            .divide(got.get("mean_ulps_exact").asText().contains("/")
                                    ? Rational.parse(got.get("mean_ulps_exact").asText().replaceAll(".*/", "")) : Rational.ONE), where);
                    if (!want.get("differing").isNull()) {
                        TreeMap<Long, Long> expected = new TreeMap<>();
                        want.get("differing").forEach(d -> expected.put(d.get(0).asLong(), d.get(1).asLong()));
                        TreeMap<Long, Long> listed = new TreeMap<>();
                        got.get("worst").forEach(w -> listed.put(w.get("index").asLong(), w.get("ulps").asLong()));
                        assertEquals(expected, listed, where);
                    }
                }
                JsonNode joint = c.get("joint");
                assertEquals(1, joint.get("tolerance_ulps").asLong());
                assertEquals(joint.get("explained_by_pipeline").asLong(), out.get("explained_by_pipeline").asLong(), "explained");
                assertEquals(joint.get("beyond_tolerance_of_pipeline").asLong(), out.get("beyond_tolerance_of_pipeline").asLong(), "beyond");
                long maxPipeline = c.get("against_pipeline").get("max_ulps").asLong();
                assertEquals(maxPipeline <= 1 ? 0 : 1, r.code(), "exit code: the verdict is against the pipeline, tolerance 1");
            }));
        }
        return tests.stream();
    }

    /** The planted errors, written down by hand from the generator: nothing more, nothing less is found. */
    @Test
    void findsExactlyThePlantedErrors() throws Exception {
        List<String> inv = List.of("--quantity", "inv_freq", "--base", "500000", "--head-dim", "128", "--tolerance-ulps", "0");
        Result correct = crosscheck(inv, f("inv_freq_fp32_correct.npy"), "--json");
        assertEquals(0, correct.code(), correct.err());
        assertEquals(64, correct.json().get("against_exact").get("exact_matches").asLong());
        assertEquals(0, correct.json().get("against_exact").get("worst").size());

        for (String file : List.of("inv_freq_fp32_planted.npy", "inv_freq_fp32_planted.txt", "inv_freq_fp32_planted.hex.txt")) {
            Result planted = crosscheck(inv, f(file), "--json", "--dtype", "fp32");
            assertEquals(1, planted.code(), file);
            JsonNode e = planted.json().get("against_exact");
            assertEquals(63, e.get("exact_matches").asLong(), file);
            // entry 37 is 0x1.09fb7ep-11: one fp32 ulp in [2^-11, 2^-10) is 2^(-11-23)
            assertEquals("0x1.0p-34", e.get("max_abs_error_hex").asText(), file);
            assertEquals(1, e.get("worst").size(), file);
            JsonNode w = e.get("worst").get(0);
            assertEquals(37, w.get("index").asLong());
            assertEquals(37, w.get("mode").asInt());
            assertTrue(w.get("position").isNull());
            assertEquals(1, w.get("ulps").asLong());
            // one ulp up: the got bits are the want bits plus one (a positive value)
            assertEquals(Long.decode(w.get("want_bits").asText()) + 1, Long.decode(w.get("got_bits").asText()));
        }

        // bf16 phase table: (row 5, col 3, +1), (row 700, col 0, -2), (row 1023, col 31, +5) with 32 columns
        List<String> phase = List.of("--quantity", "phase", "--base", "10000", "--head-dim", "64", "--dtype", "bf16",
                "--pipeline", "hf-bf16-inv-freq", "--position-dtype", "bf16", "--phase-dtype", "bf16", "--json");
        for (String file : List.of("phase_bf16.npy", "phase_bf16_u2.npy", "phase_bf16_fortran.npy", "phase_bf16.csv")) {
            JsonNode p = crosscheck(phase, f(file)).json().get("against_pipeline");
            assertEquals(3, p.get("worst").size(), file);
            assertEquals(List.of(5L * 32 + 3, 700L * 32, 1023L * 32 + 31),
                    sortedIndices(p), file);
            JsonNode worst = p.get("worst");
            assertEquals(32767, worst.get(0).get("index").asLong());
            assertEquals(5, worst.get(0).get("ulps").asLong());
            assertEquals(1023, worst.get(0).get("position").asLong());
            assertEquals(31, worst.get(0).get("mode").asInt());
            assertEquals(22400, worst.get(1).get("index").asLong());
            assertEquals(2, worst.get(1).get("ulps").asLong());
            assertEquals(163, worst.get(2).get("index").asLong());
            assertEquals(1, worst.get(2).get("ulps").asLong());
        }
    }

    private static List<Long> sortedIndices(JsonNode summary) {
        List<Long> out = new ArrayList<>();
        summary.get("worst").forEach(w -> out.add(w.get("index").asLong()));
        out.sort(null);
        return out;
    }

    @Test
    void jsonHasTheContractKeys() throws Exception {
        Result r = crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "-p", "bf16-all", "--json", "--worst", "2"),
                f("phase_bf16.npy"));
        JsonNode o = r.json();
        for (String key : List.of("against_exact", "against_pipeline")) {
            JsonNode s = o.get(key);
            for (String k : List.of("entries", "exact_matches", "max_ulps", "mean_ulps", "within_tolerance", "worst")) {
                assertTrue(s.has(k), key + "." + k);
            }
            assertEquals(2, s.get("worst").size());
            for (String k : List.of("index", "position", "mode", "got_hex", "want_hex", "ulps")) {
                assertTrue(s.get("worst").get(0).has(k), key + ".worst[0]." + k);
            }
        }
        Result noPipeline = crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "--json"), f("phase_bf16.npy"));
        assertFalse(noPipeline.json().has("against_pipeline"));
    }

    @Test
    void textOutputNamesTheVerdictAndTheWorstEntry() {
        Result r = crosscheck(List.of("-q", "inv_freq", "-b", "500000", "--tolerance-ulps", "0"), f("inv_freq_fp32_planted.npy"));
        assertEquals(1, r.code());
        assertTrue(r.out().contains("entries 64, exact 63, 1 ulp 1, worse 0; max 1 ulps, mean 0.015625 ulps (exact)"), r.out());
        assertTrue(r.out().contains("verdict: BEYOND tolerance of 0 ulps"), r.out());
    }

    @Test
    void badInputAndMalformedFilesAreOneLineWithExitCode2(@TempDir Path tmp) throws IOException {
        List<String> inv = List.of("-q", "inv_freq", "-b", "500000");
        assertUsageError(crosscheck(inv, tmp.resolve("missing.npy").toString()), "does not exist");
        assertUsageError(crosscheck(inv, tmp.toString()), "is a directory");
        assertUsageError(crosscheck(List.of("-q", "sine", "-b", "2"), f("inv_freq_fp32_correct.npy")), "sine");
        assertUsageError(crosscheck(inv, f("inv_freq_fp32_planted.txt")), "--dtype");
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "500000", "-d", "64"), f("inv_freq_fp32_correct.npy")), "has 32 entries");
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "500000", "--positions", "0:4"), f("inv_freq_fp32_correct.npy")), "--positions");
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "500000", "--dtype", "bf16"), f("inv_freq_fp32_correct.npy")), "bf16");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64"), f("phase_bf16.npy")), "--dtype");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "--positions", "0:1000"),
                f("phase_bf16.npy")), "1024 rows");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "--positions", "9:3"),
                f("phase_bf16.npy")), "9:3");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "128", "--dtype", "bf16"), f("phase_bf16.npy")), "32 entries");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "--layout", "concat"),
                f("phase_bf16.npy")), "concat");
        assertUsageError(crosscheck(List.of("-q", "cos", "-b", "1e4", "--phase-dtype", "bf16"), f("cos_fp32_concat.npy")), "--pipeline");
        assertUsageError(crosscheck(List.of("-q", "cos", "-b", "1e4", "--tolerance-ulps", "-1"), f("cos_fp32_concat.npy")), "-1");

        Path nan = tmp.resolve("nan.txt");
        Files.writeString(nan, "0.5\n0.25\nnan\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "4", "-d", "6", "--dtype", "fp32"), nan.toString()), "line 3");
        Path words = tmp.resolve("words.txt");
        Files.writeString(words, "0.5\nhello\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "4", "-d", "4", "--dtype", "fp32"), words.toString()), "hello");
        Path hex = tmp.resolve("hex.txt");
        Files.writeString(hex, "0x1.000001p0\n0x1p-1\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "4", "-d", "4", "--dtype", "bf16"), hex.toString()), "0x1.000001p0");
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "1,2\n3\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), ragged.toString()), "line 2");
        Path headed = tmp.resolve("headed.csv");
        Files.writeString(headed, "a,b\n\n# comment\n1,2\n3\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), headed.toString()), "line 5");
        Path wide = tmp.resolve("wide.csv");
        Files.writeString(wide, "1,".repeat(5000) + "1\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), wide.toString()), "4096 fields");
        Path longField = tmp.resolve("longfield.csv");
        Files.writeString(longField, "1," + "2".repeat(5000) + "\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), longField.toString()), "longfield.csv");
        Path bom = tmp.resolve("bom.txt");
        Files.writeString(bom, "\uFEFF1\r\n0.5\r\n", StandardCharsets.UTF_8); // b = 4, d = 4: theta = 1, 1/2 exactly
        Result fine = crosscheck(List.of("-q", "inv_freq", "-b", "4", "-d", "4", "--dtype", "fp32", "--tolerance-ulps", "0"), bom.toString());
        assertEquals(0, fine.code(), fine.out() + fine.err());
        Path latin = tmp.resolve("latin.txt");
        Files.write(latin, new byte[] {'0', '.', '5', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "4", "-d", "4", "--dtype", "fp32"), latin.toString()), "not UTF-8");
        assertUsageError(crosscheck(List.of("-q", "inv_freq", "-b", "4", "-d", "4", "--dtype", "fp32", "--input-format", "csv"),
                latin.toString()), "not UTF-8");
        assertUsageError(crosscheck(List.of("-q", "cos", "-b", "5e5", "-d", "32", "--dtype", "fp32", "--input-format", "text"),
                f("cos_fp32_concat.npy")), "cos_fp32_concat.npy");
        // fp8-e4m3 has no infinity: 480 overflows (its largest value is 448, and 464 is the midpoint above it)
        Path e4 = Files.writeString(tmp.resolve("e4.txt"), "448\n480\n");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "2", "--dtype", "fp8-e4m3"), e4.toString()), "overflows fp8-e4m3");
        Path e4b = Files.writeString(tmp.resolve("e4b.txt"), "448\n");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "2", "--dtype", "fp8-e4m3", "--positions", "470:471"),
                e4b.toString()), "position 470 overflows");
        Path midRow = tmp.resolve("midrow.txt");
        Files.writeString(midRow, "0\n0\n1\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), midRow.toString()), "inside a row");
        Path empty = tmp.resolve("empty.txt");
        Files.writeString(empty, "# nothing\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), empty.toString()), "no entries");
        Path longLine = tmp.resolve("long.txt");
        Files.writeString(longLine, "1".repeat(5000) + "\n", StandardCharsets.US_ASCII);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), longLine.toString()), "line 1");

        byte[] good = Files.readAllBytes(DIR.resolve("inv_freq_fp32_correct.npy"));
        Path truncated = tmp.resolve("truncated.npy");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 4));
        assertUsageError(crosscheck(inv, truncated.toString()), "truncated");
        Path longer = tmp.resolve("longer.npy");
        Files.write(longer, java.util.Arrays.copyOf(good, good.length + 4));
        assertUsageError(crosscheck(inv, longer.toString()), "longer than its shape");
        Path header = tmp.resolve("header.npy");
        byte[] broken = good.clone();
        broken[12] = '['; // inside the dict literal
        Files.write(header, broken);
        assertUsageError(crosscheck(inv, header.toString()), "header.npy");
    }

    /** The bf16 phase table written with each row's modes repeated: the planted 5-ulp entry shows up where the layout puts mode 31. */
    @Test
    void layoutsMapColumnsToModes(@TempDir Path tmp) throws Exception {
        List<String> rows = Files.readAllLines(DIR.resolve("phase_bf16.csv"));
        StringBuilder interleave = new StringBuilder();
        StringBuilder concat = new StringBuilder();
        for (String row : rows) {
            String[] v = row.split(",");
            for (String x : v) {
                interleave.append(x).append('\n').append(x).append('\n');
            }
            for (int k = 0; k < 2; k++) {
                for (String x : v) {
                    concat.append(x).append('\n');
                }
            }
        }
        Path i = Files.writeString(tmp.resolve("interleave.txt"), interleave);
        Path c = Files.writeString(tmp.resolve("concat.txt"), concat);
        List<String> args = List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "-p", "hf-bf16-inv-freq",
                "--position-dtype", "bf16", "--phase-dtype", "bf16", "--json", "--worst", "2");
        JsonNode inter = crosscheck(args, i.toString(), "--layout", "interleave").json().get("against_pipeline");
        assertEquals(65536, inter.get("entries").asLong());
        assertEquals(65530, inter.get("exact_matches").asLong());
        assertEquals(1023L * 64 + 62, inter.get("worst").get(0).get("index").asLong());
        assertEquals(1023L * 64 + 63, inter.get("worst").get(1).get("index").asLong());
        assertEquals(31, inter.get("worst").get(1).get("mode").asInt());
        JsonNode cat = crosscheck(args, c.toString(), "--layout", "concat").json().get("against_pipeline");
        assertEquals(65530, cat.get("exact_matches").asLong());
        assertEquals(1023L * 64 + 31, cat.get("worst").get(0).get("index").asLong());
        assertEquals(1023L * 64 + 63, cat.get("worst").get(1).get("index").asLong());
        // read with the wrong layout, the modes are scrambled and most entries are off
        JsonNode wrong = crosscheck(args, i.toString(), "--layout", "concat").json().get("against_pipeline");
        assertTrue(wrong.get("exact_matches").asLong() < 40000, wrong.toString());
    }

    /** --ulps-out: a uint64 .npy in the input's order; the planted entries hold 1, 2 and 5, every other entry 0. */
    @Test
    void ulpsOutWritesEveryDistanceOrNothing(@TempDir Path tmp) throws IOException {
        List<String> args = List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "-p", "hf-bf16-inv-freq",
                "--position-dtype", "bf16", "--phase-dtype", "bf16");
        for (String name : List.of("phase_bf16.npy", "phase_bf16_fortran.npy")) {
            boolean fortran = name.contains("fortran");
            Path out = tmp.resolve(name + ".ulps.npy");
            assertEquals(1, crosscheck(args, f(name), "--ulps-out", out.toString()).code());
            byte[] bytes = Files.readAllBytes(out);
            int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
            assertTrue(header.contains("'descr': '<u8'") && header.contains("'shape': (1024, 32)")
                    && header.contains("'fortran_order': " + (fortran ? "True" : "False")), header);
            java.nio.ByteBuffer data = java.nio.ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength)
                    .slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(1024 * 32 * 8, data.remaining());
            TreeMap<Long, Long> nonzero = new TreeMap<>();
            for (long k = 0; k < 1024 * 32; k++) {
                long u = data.getLong((int) (8 * k));
                if (u != 0) {
                    long row = fortran ? k % 1024 : k / 32;
                    long col = fortran ? k / 1024 : k % 32;
                    nonzero.put(row * 32 + col, u);
                }
            }
            assertEquals(java.util.Map.of(163L, 1L, 22400L, 2L, 32767L, 5L), nonzero, name);
        }
        // a run that fails leaves neither the output nor a temporary file
        Path nothing = tmp.resolve("fail");
        Files.createDirectory(nothing);
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "--positions", "0:7"),
                f("phase_bf16.npy"), "--ulps-out", nothing.resolve("u.npy").toString()), "1024 rows");
        Path midRow = Files.writeString(tmp.resolve("midrow.txt"), "0\n0\n1\n");
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "4", "-d", "4", "--dtype", "fp32"), midRow.toString(),
                "--ulps-out", nothing.resolve("u.npy").toString()), "inside a row");
        try (Stream<Path> left = Files.list(nothing)) {
            assertEquals(List.of(), left.toList());
        }
        assertUsageError(crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16"), f("phase_bf16.npy"),
                "--ulps-out", f("phase_bf16.npy")), "the input file");
    }

    @Test
    void withinToleranceExitsZeroAndPositionsShiftTheRows() {
        // the bf16 phase table without its planted errors in the first 5 rows agrees with the pipeline exactly
        Result r = crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "-p", "hf-bf16-inv-freq",
                "--position-dtype", "bf16", "--phase-dtype", "bf16", "--tolerance-ulps", "5"), f("phase_bf16.npy"));
        assertEquals(0, r.code(), r.out() + r.err());
        // read as positions 1..1024 the same table is far off
        Result shifted = crosscheck(List.of("-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", "-p", "hf-bf16-inv-freq",
                "--position-dtype", "bf16", "--phase-dtype", "bf16", "--tolerance-ulps", "5", "--positions", "1:1025"), f("phase_bf16.npy"));
        assertEquals(1, shifted.code(), shifted.out() + shifted.err());
    }
}
