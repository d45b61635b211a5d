package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ropebounds.cli.CliTest.assertUsageError;
import static org.ropebounds.cli.CliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.cli.CliTest.Result;
import org.ropebounds.crosscheck.NpyHeader;

/**
 * {@code ropebounds crosscheck FILE.safetensors --tensor NAME} on files the official {@code safetensors}
 * package wrote ({@code src/test/python/gen_safetensors_fixtures.py}): each copies an array of the .npy
 * fixtures, whose reports MPFR predicted ({@code expected.json}), so it must give the same report; and the
 * hostile files, refused with exit 2 and one line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SafetensorsCliTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CROSSCHECK = Paths.get("src/test/resources/fixtures/crosscheck");
    private static final Path DIR = CROSSCHECK.resolve("safetensors");
    private static final List<String> INV_FREQ = List.of("crosscheck", "--quantity", "inv_freq", "--base", "500000", "--head-dim", "128");

    private static String st(String name) {
        return DIR.resolve(name).toString();
    }

    private static Result crosscheck(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return run(all.toArray(String[]::new));
    }

    private static JsonNode npyCase(String npy) throws Exception {
        for (JsonNode c : MAPPER.readTree(CROSSCHECK.resolve("expected.json").toFile()).get("cases")) {
            if (c.get("file").asText().equals(npy)) {
                return c;
            }
        }
        throw new AssertionError("no case for " + npy + " in expected.json");
    }

    /** Each copy gives, in --json, the .npy run's report field for field (but the file and its description), and MPFR's counts. */
    @TestFactory
    Stream<DynamicTest> theSameArrayAsSafetensorsGivesTheSameReport() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(SchemaCommand.text("crosscheck")));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : MAPPER.readTree(DIR.resolve("cases.json").toFile()).get("cases")) {
            String tensor = c.get("tensor").asText();
            tests.add(DynamicTest.dynamicTest(c.get("file").asText() + " " + tensor, () -> {
                JsonNode want = npyCase(c.get("copy_of").asText());
                List<String> args = new ArrayList<>(List.of("crosscheck", "--json", "--worst", "1000"));
                want.get("args").forEach(a -> args.add(a.asText()));
                Result npy = crosscheck(args, CROSSCHECK.resolve(c.get("copy_of").asText()).toString());
                Result safetensors = crosscheck(args, st(c.get("file").asText()), "--tensor", tensor);
                assertEquals(npy.code(), safetensors.code(), safetensors.err());
                ObjectNode got = (ObjectNode) safetensors.json();
                assertTrue(schema.validate(got).isEmpty(), () -> schema.validate(got).toString());
                assertTrue(got.get("source").asText().startsWith("safetensors '" + tensor + "' "), got.get("source").asText());
                for (String key : List.of("against_exact", "against_pipeline")) {
                    assertEquals(want.get(key).get("exact_matches").asLong(), got.get(key).get("exact_matches").asLong(), key);
                    assertEquals(want.get(key).get("max_ulps").asLong(), got.get(key).get("max_ulps").asLong(), key);
                }
                ObjectNode fromNpy = (ObjectNode) npy.json();
                for (ObjectNode o : List.of(got, fromNpy)) {
                    o.remove("file");
                    o.remove("source");
                }
                assertEquals(fromNpy, got);
            }));
        }
        return tests.stream();
    }

    /** One F32 tensor: --tensor may be omitted; entry 37 is the planted 1-ulp error (gen_crosscheck_fixtures.py). */
    @Test
    void theOnlyTensorNeedsNoName() throws Exception {
        Result r = crosscheck(INV_FREQ, "--tolerance-ulps", "0", "--json", st("inv_freq_fp32.safetensors"));
        assertEquals(1, r.code(), r.err());
        JsonNode e = r.json().get("against_exact");
        assertEquals(63, e.get("exact_matches").asLong());
        assertEquals(37, e.get("worst").get(0).get("index").asLong());
        assertEquals("safetensors 'model.rotary_emb.inv_freq' F32 [64]", r.json().get("source").asText());
        Result explicit = crosscheck(INV_FREQ, "--input-format", "safetensors", "--tensor", "model.rotary_emb.inv_freq",
                st("inv_freq_fp32.safetensors"));
        assertEquals(0, explicit.code(), explicit.err()); // 1 ulp is within the default tolerance
    }

    /** A safetensors file under another name is recognised by its header. */
    @Test
    void recognisedByItsHeader(@TempDir Path dir) throws Exception {
        Path renamed = dir.resolve("inv_freq.bin");
        Files.copy(DIR.resolve("inv_freq_fp32.safetensors"), renamed);
        Result r = crosscheck(INV_FREQ, "--json", renamed.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().get("source").asText().startsWith("safetensors "));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "rope_cache.safetensors|--dtype fp32|--tensor is needed: rope_cache.safetensors holds 4 tensors; accepted: 'position_ids', 'sin', 'cos', 'cos_fp16'",
        "many_tensors.safetensors|--dtype fp32|and 4 more",
        "rope_cache.safetensors|--tensor rotary|--tensor 'rotary' is not in rope_cache.safetensors; accepted: 'position_ids'",
        "rope_cache.safetensors|--tensor position_ids|has dtype 'I64'; accepted: F16, BF16, F32, F64",
        "unknown_dtype.safetensors|--dtype fp32|has dtype 'I64'; accepted: F16, BF16, F32, F64",
        "rope_cache.safetensors|--tensor sin --dtype fp32|--dtype fp32 was asked for but rope_cache.safetensors tensor 'sin' holds fp64",
        "header_beyond_file.safetensors|--dtype fp32|declares a header of 376 bytes, beyond the file's 368 bytes",
        "truncated.safetensors|--dtype fp32|has data_offsets [0, 256]; accepted: 0 <= begin <= end <= 156",
        "offsets_beyond_file.safetensors|--dtype fp32|has data_offsets [4, 260]; accepted: 0 <= begin <= end <= 256",
        "shape_mismatch.safetensors|--dtype fp32|has shape [65] of F32, which needs 260 bytes, but its data_offsets [0, 256] hold 256",
        "duplicate_key.safetensors|--dtype fp32|Duplicate field 'inv_freq'",
        "overlap.safetensors|--tensor a|overlaps tensor 'b'",
        "../inv_freq_fp32_correct.npy|--tensor inv_freq|--tensor 'inv_freq' applies only to a .safetensors file",
    })
    void hostileFilesAreRefusedInOneLine(String file, String options, String named, @TempDir Path dir) {
        List<String> args = new ArrayList<>(INV_FREQ);
        args.addAll(List.of(options.split(" ")));
        Path out = dir.resolve("ulps.npy");
        args.addAll(List.of("--ulps-out", out.toString(), st(file)));
        assertUsageError(run(args.toArray(String[]::new)), named);
        assertFalse(Files.exists(out), "nothing written");
    }

    /** A FIFO, a directory, an empty file or text named .safetensors: refused by kind or as not a safetensors file, nothing written. */
    @Test
    void notARegularSafetensorsFile(@TempDir Path dir) throws Exception {
        String out = dir.resolve("out.npy").toString();
        Path fifo = dir.resolve("fifo.safetensors");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        if (p.waitFor() == 0) { // mkfifo is a POSIX tool; without it the other cases still run
            assertUsageError(crosscheck(INV_FREQ, "--ulps-out", out, fifo.toString()), "fifo.safetensors is a FIFO");
        }
        Path empty = Files.createFile(dir.resolve("empty.safetensors"));
        assertUsageError(crosscheck(INV_FREQ, "--ulps-out", out, empty.toString()), "empty.safetensors is 0 bytes long");
        Path folder = Files.createDirectory(dir.resolve("d.safetensors"));
        assertUsageError(crosscheck(INV_FREQ, "--ulps-out", out, folder.toString()), "is a directory");
        Path text = Files.writeString(dir.resolve("x.safetensors"), "0.5\n0.25\n");
        assertUsageError(crosscheck(INV_FREQ, "--ulps-out", out, text.toString()), "x.safetensors declares a header of");
        assertFalse(Files.exists(Path.of(out)), "nothing written");
    }

    /** A file name with a line break in it still gives a one-line error. */
    @Test
    void aLineBreakInTheNameStaysOnOneLine(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("a\nb.safetensors");
        Files.copy(DIR.resolve("shape_mismatch.safetensors"), odd);
        assertUsageError(crosscheck(INV_FREQ, odd.toString()), "has shape [65] of F32");
    }

    /** --ulps-out from a tensor is the file the same array as .npy gives, byte for byte (shape, order, distances). */
    @Test
    void ulpsOutIsTheSameAsFromTheNpy(@TempDir Path dir) throws Exception {
        List<String> cos = List.of("crosscheck", "--quantity", "cos", "--base", "500000", "--head-dim", "32", "--positions", "100000:100256",
                "--pipeline", "hf");
        Path fromNpy = dir.resolve("npy.npy");
        Path fromSafetensors = dir.resolve("st.npy");
        assertEquals(1, crosscheck(cos, "--ulps-out", fromNpy.toString(), CROSSCHECK.resolve("cos_fp32_concat.npy").toString()).code());
        assertEquals(1, crosscheck(cos, "--ulps-out", fromSafetensors.toString(), "--tensor", "cos", st("rope_cache.safetensors")).code());
        try (FileChannel ch = FileChannel.open(fromSafetensors)) {
            assertEquals(new NpyHeader("<u8", false, new long[] {256, 32}), NpyHeader.read(ch, "st.npy"));
            assertEquals(8L * 256 * 32, ch.size() - ch.position(), "256 x 32 uint64 entries");
        }
        assertEquals(-1, Files.mismatch(fromNpy, fromSafetensors));
    }
}
