package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ropebounds reference} as a user runs it: text, JSON against its schema, the sidecar, and every bad input. */
@Timeout(60)
class ReferenceCliTest {
    @TempDir
    Path dir;

    private static List<String> listing(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void jsonHasTheIssuesKeysValidatesAndMatchesTheSidecarAndTheFile() throws Exception {
        Path out = dir.resolve("cos.npy");
        CliTest.Result r = CliTest.run("reference", "-q", "cos", "-b", "500000", "-d", "16", "--positions", "131056:131088", "--dtype", "bf16",
                "--layout", "concat", "--out", out.toString(), "--emit", "pytest", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        for (String key : new String[] {"file", "sha256", "entries", "envelope_max_ulps", "envelope_max_abs", "assert_close", "nmse_bound"}) {
            assertTrue(j.has(key), key);
        }
        assertEquals(out.toString(), j.get("file").asText());
        assertEquals("512", j.get("entries").asText()); // 32 positions x 16 columns
        assertEquals("0.016", j.get("assert_close").get("rtol").asText());
        assertTrue(j.get("assert_close").get("atol").isTextual());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out)));
        assertEquals(sha, j.get("sha256").asText());
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(SchemaCommand.text("reference")));
        assertTrue(schema.validate(j).isEmpty(), () -> schema.validate(j).toString());
        JsonNode side = new ObjectMapper().readTree(dir.resolve("cos.npy.json").toFile());
        assertTrue(schema.validate(side).isEmpty(), () -> schema.validate(side).toString());
        assertEquals("cos.npy", side.get("file").asText());
        assertEquals(j.get("assert_close"), side.get("assert_close"));
        assertEquals(List.of("cos.npy", "cos.npy.json", "test_cos.py"), listing(dir));
        // the schema can fail: an ulp count as a number is refused
        ((com.fasterxml.jackson.databind.node.ObjectNode) j).put("envelope_max_ulps", 3);
        assertFalse(schema.validate(j).isEmpty());
    }

    @Test
    void textNamesValuesEnvelopeAndEveryBoundWithItsGuarantee() throws Exception {
        CliTest.Result r = CliTest.run("reference", "-q", "inv_freq", "-b", "500000", "-d", "128", "--dtype", "fp32", "--libm", "faithful",
                "--out", dir.resolve("inv.npy").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("values: exact theta_i = b^(-2i/d) correctly rounded (nearest-even) to fp32"), r.out());
        assertTrue(r.out().contains("tolerance over the envelope of hf (inv_freq fp32"), r.out());
        assertTrue(r.out().contains("under libm pow faithful, cos faithful, sin faithful:"), r.out());
        assertTrue(r.out().contains("envelope_max_ulps "), r.out());
        assertTrue(r.out().contains("upper bound, rounded up to 10 significant digits"), r.out());
        assertTrue(r.out().contains("rtol=0.0000013, atol="), r.out());
        assertTrue(r.out().contains("nmse_bound "), r.out());
        assertEquals(List.of("inv.npy", "inv.npy.json"), listing(dir));
    }

    @Test
    void aModelsReferenceInEveryLayoutReadsBackThroughCrosscheckWithoutADiscrepancy() throws Exception {
        // llama-3.1-8b: llama3 scaling, so the exact values are its theta'_i; bf16 uint16 files need --dtype when read back
        for (String layout : new String[] {"modes", "concat", "interleave"}) {
            Path out = dir.resolve("sin-" + layout + ".npy");
            CliTest.Result w = CliTest.run("reference", "-q", "sin", "--model", "llama-3.1-8b", "--positions", "131064:131080", "--dtype", "bf16",
                    "--layout", layout, "--out", out.toString());
            assertEquals(0, w.code(), w.err());
            CliTest.Result c = CliTest.run("crosscheck", "-q", "sin", "--model", "llama-3.1-8b", "--positions", "131064:131080", "--dtype", "bf16",
                    "--layout", layout, "--tolerance-ulps", "0", "--json", out.toString());
            assertEquals(0, c.code(), c.err());
            JsonNode exact = c.json().get("against_exact");
            assertEquals(exact.get("entries").asText(), exact.get("exact_matches").asText(), layout);
            assertEquals("0", exact.get("max_ulps").asText(), layout);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "B below A|--positions 10:5|--positions|10:5",
        "A equal to B|--positions 7:7|--positions|7:7",
        "too many entries|--positions 0:2^40|--positions|2^26",
        "beyond 2^53|--positions 2^53:2^54|--positions|2^53",
        "unknown dtype|--dtype fp12|--dtype|fp12",
        "dtype without a reference|--dtype tf32|--dtype|tf32",
        "no positions for cos|--positions|--positions|needed for cos",
        "unknown emit|--emit junit|--emit|junit",
        "unbounded libm|--libm unbounded|libm|unbounded",
        "unknown pipeline|--pipeline hf2|--pipeline|hf2",
        "unknown layout|--layout rows|--layout|rows"})
    void badInputExitsTwoWithOneLineNamingItAndWritesNothing(String name, String change, String flag, String value) throws Exception {
        List<String> args = new ArrayList<>(List.of("reference", "-q", "cos", "-b", "10000", "-d", "64", "--positions", "1000:1064",
                "--dtype", "bf16", "--out", dir.resolve("x.npy").toString()));
        String[] c = change.split(" ");
        int at = args.indexOf(c[0]);
        if (c.length == 1) { // drop the option and its value
            args.remove(at + 1);
            args.remove(at);
        } else if (at >= 0) {
            args.set(at + 1, c[1]);
        } else {
            args.add(c[0]);
            args.add(c[1]);
        }
        assertRefused(args, flag, value);
    }

    @Test
    void inputsThatDoNotFitTheQuantityAreRefused() throws Exception {
        assertRefused(List.of("reference", "-q", "inv_freq", "-b", "10000", "-d", "64", "--positions", "0:4", "--dtype", "fp32",
                "--out", dir.resolve("x.npy").toString()), "--positions", "inv_freq");
        assertRefused(List.of("reference", "-q", "inv_freq", "-b", "10000", "-d", "64", "--layout", "concat", "--dtype", "fp32",
                "--out", dir.resolve("x.npy").toString()), "--layout", "inv_freq");
        assertRefused(List.of("reference", "-q", "cos", "-b", "10000", "-d", "64", "--positions", "0:4",
                "--out", dir.resolve("x.npy").toString()), "--dtype", "needed");
        // the exact phase 1000 * theta_0 = 1000 overflows fp8-e4m3 (largest 448, no infinity)
        assertRefused(List.of("reference", "-q", "phase", "-b", "10000", "-d", "4", "--positions", "1000:1001", "--dtype", "fp8-e4m3",
                "--out", dir.resolve("x.npy").toString()), "phase", "fp8-e4m3");
    }

    @Test
    void outputsThatAreNotRegularFilesAreRefused() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertRefused(List.of("reference", "-q", "cos", "-b", "10000", "-d", "8", "--positions", "0:4", "--dtype", "fp32",
                "--out", sub.toString()), "--out", "directory");
        assertRefused(List.of("reference", "-q", "cos", "-b", "10000", "-d", "8", "--positions", "0:4", "--dtype", "fp32",
                "--out", "/dev/null"), "--out", "/dev/null");
        Files.createDirectory(dir.resolve("y.npy.json"));
        assertRefused(List.of("reference", "-q", "cos", "-b", "10000", "-d", "8", "--positions", "0:4", "--dtype", "fp32",
                "--out", dir.resolve("y.npy").toString()), "sidecar", "y.npy.json");
        Files.createDirectory(dir.resolve("test_z.py"));
        assertRefused(List.of("reference", "-q", "cos", "-b", "10000", "-d", "8", "--positions", "0:4", "--dtype", "fp32",
                "--out", dir.resolve("z.npy").toString(), "--emit", "pytest"), "--emit pytest", "test_z.py");
        assertEquals(List.of("sub", "test_z.py", "y.npy.json"), listing(dir));
    }

    private void assertRefused(List<String> args, String flag, String value) throws Exception {
        List<String> before = listing(dir);
        long start = System.nanoTime();
        CliTest.Result r = CliTest.run(args.toArray(String[]::new));
        String where = String.join(" ", args) + " -> " + r.err();
        assertEquals(2, r.code(), where);
        assertEquals(1, r.err().strip().lines().count(), where);
        assertTrue(r.err().contains(flag) && r.err().contains(value), where);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), where);
        assertEquals("", r.out(), where);
        assertEquals(before, listing(dir), where);
        assertTrue(System.nanoTime() - start < 10_000_000_000L, where);
    }
}
