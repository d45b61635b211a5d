package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;

/** Shard names and ranges, and the merge's refusal of a shard computed for another grid, in the library's terms. */
class ShardsTest {

    @Test
    void parseAcceptsOneToN() {
        assertEquals(new Shards.Shard(3, 8), Shards.parse(" 3/8 "));
        assertEquals(new Shards.Shard(1, 1), Shards.parse("1/1"));
        assertEquals("shard-3-of-8.json", Shards.parse("3/8").fileName());
        assertThrows(InvalidInputException.class, () -> new Shards.Shard(0, 3));
        assertThrows(InvalidInputException.class, () -> new Shards.Shard(2, Shards.MAX_SHARDS + 1));
        for (String bad : List.of("0/3", "4/3", "1/0", "1/100001", "a/b", "3", "1/2/3")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Shards.parse(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("1 <= i <= n"), e.getMessage());
        }
        assertEquals("shard-2-of-5.json", Shards.fileName(2, 5));
    }

    @Test
    void aShardOfAnotherGridIsTyped(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("grid.json");
        Files.writeString(spec, "{\"contexts\": [\"2k\"], \"layers\": [1], \"tolerances\": [\"0.5\"], \"spectra\": [\"approx\"],"
                + " \"formats\": [\"bf16\"], \"bases\": [\"10000\"], \"erasure_context\": \"64\", \"case_study\": false}");
        GridSpec small = GridSpec.read(spec);
        Path file = dir.resolve(Shards.fileName(1, 1));
        Files.write(file, Shards.compute(ReferenceTables.specs(small), small, "test", 1, 1, () -> { }));
        GridSpec other = GridSpec.defaults();
        Shards.GridMismatchException e = assertThrows(Shards.GridMismatchException.class,
                () -> Shards.merge(ReferenceTables.specs(other), other, "test", List.of(file)));
        assertEquals(file, e.file());
        assertEquals(file + ": computed for another grid than the one given (merge with the grid the shards were computed for)",
                e.getMessage());
        assertFalse(e.getMessage().contains("--"), e.getMessage());
    }

    private static GridSpec small(Path dir) throws IOException {
        Path spec = dir.resolve("small.json");
        Files.writeString(spec, "{\"contexts\": [\"2k\", \"4k\"], \"layers\": [1, 32], \"tolerances\": [\"0.5\"], \"spectra\": [\"approx\"],"
                + " \"formats\": [\"bf16\"], \"bases\": [\"10000\"], \"erasure_context\": \"64\", \"case_study\": false}");
        return GridSpec.read(spec);
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aShardCarriesTheDigestsOfItsContentAndGrid(@TempDir Path dir) throws Exception {
        GridSpec g = small(dir);
        String text = new String(Shards.compute(ReferenceTables.specs(g), g, "test", 1, 2, () -> { }), StandardCharsets.UTF_8);
        // the last member is the SHA-256 of the same JSON without it (the text before it, then the closing brace)
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*),\"sha256\":\"([0-9a-f]{64})\"}\n", java.util.regex.Pattern.DOTALL)
                .matcher(text);
        assertTrue(m.matches(), text);
        assertEquals(sha256((m.group(1) + "}").getBytes(StandardCharsets.UTF_8)), m.group(2));
        // the grid digest: of the manifest's parameters as compact JSON with sorted keys, written out here by hand
        String grid = "{\"bases\":[\"10000\"],\"case_study\":false,\"case_study_tolerance\":\"0.5\",\"contexts\":[\"2048\",\"4096\"],"
                + "\"criteria_contexts\":[\"1024\",\"2048\",\"4096\",\"8192\",\"16384\",\"32768\",\"65536\",\"131072\",\"262144\",\"524288\",\"1048576\"],"
                + "\"criteria_decay_max_context\":\"none\",\"criteria_layers\":32,\"criteria_tolerance\":\"0.5\",\"criteria_train_context\":\"4096\","
                + "\"delta\":\"0.1\",\"digits\":6,\"erasure_context\":\"64\",\"formats\":[\"bf16\"],\"layers\":[1,32],\"rotary_dim\":128,"
                + "\"spectra\":[\"approx\"],\"tolerances\":[\"0.5\"]}";
        assertEquals(sha256(grid.getBytes(StandardCharsets.UTF_8)), Shards.gridSha256(g));
        assertTrue(text.contains("\"grid_sha256\":\"" + sha256(grid.getBytes(StandardCharsets.UTF_8)) + "\""), text);
    }

    /** Shards 1 and 2 of 2 of the small grid, written to dir. */
    private static List<Path> twoShards(Path dir, GridSpec g) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            files.add(Files.write(dir.resolve(Shards.fileName(i, 2)), Shards.compute(ReferenceTables.specs(g), g, "test", i, 2, () -> { })));
        }
        return files;
    }

    private static String refusedMerge(GridSpec g, List<Path> files) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Shards.merge(ReferenceTables.specs(g), g, "test", files));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void anEditedShardIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        GridSpec g = small(dir);
        List<Path> files = twoShards(dir, g);
        assertEquals(ReferenceTables.all(g).get(0).rows(), Shards.merge(ReferenceTables.specs(g), g, "test", files).get(0).rows());
        Path first = files.get(0);
        String text = Files.readString(first);
        // a certified value changed by hand: the first value cell of min-base row 0 (L = 2048, N = 1)
        String edited = text.replaceFirst("(\"min-base\":\\{\"0\":\\[\"2048\",\"1\",\")[^\"]+\"", "$1" + "1.00000e+3\"");
        assertNotEquals(text, edited);
        Files.writeString(first, edited);
        assertEquals(first + ": its content does not match its SHA-256 " + text.substring(text.length() - 67, text.length() - 3)
                + " (edited after it was written?); recompute the shard", refusedMerge(g, files));
        // the digest removed
        Files.writeString(first, text.replaceFirst(",\"sha256\":\"[0-9a-f]{64}\"}\n$", "}\n"));
        assertTrue(refusedMerge(g, files).startsWith(first + ": has no SHA-256 of its content"), refusedMerge(g, files));
        // the grid digest edited, and the content digest recomputed to match: still refused as another grid
        String regrid = text.replaceFirst("\"grid_sha256\":\"[0-9a-f]{64}\"", "\"grid_sha256\":\"" + "0".repeat(64) + "\"");
        Files.writeString(first, resealed(regrid));
        assertThrows(Shards.GridMismatchException.class, () -> Shards.merge(ReferenceTables.specs(g), g, "test", files));
        // a row that belongs to shard 2 (row 1 of min-base: r mod 2 = 1) added to shard 1, resealed
        String foreign = text.replaceFirst("\"min-base\":\\{", "\"min-base\":{\"1\":[\"2048\",\"32\",\"9\"],");
        Files.writeString(first, resealed(foreign));
        assertTrue(refusedMerge(g, files).startsWith(first + ": min-base row '1' is not a row of shard 1 of 2"), refusedMerge(g, files));
        // a table this grid does not have
        Files.writeString(first, resealed(text.replaceFirst("\"tables\":\\{", "\"tables\":{\"extra\":{},")));
        assertTrue(refusedMerge(g, files).startsWith(first + ": table 'extra' is not one of this grid's"), refusedMerge(g, files));
        // a key given twice
        Files.writeString(first, resealed(text.replaceFirst("\"tool\":\"ropebounds\",", "\"tool\":\"ropebounds\",\"tool\":\"ropebounds\",")));
        assertTrue(refusedMerge(g, files).contains("Duplicate field 'tool'"), refusedMerge(g, files));
    }

    /** The shard text with its content digest recomputed, as an editor that knows the format would. */
    private static String resealed(String text) throws Exception {
        int at = text.lastIndexOf(",\"sha256\":\"");
        String body = text.substring(0, at) + "}";
        return text.substring(0, at) + ",\"sha256\":\"" + sha256(body.getBytes(StandardCharsets.UTF_8)) + "\"}\n";
    }

    @Test
    void aShardFileMustBeARegularFile(@TempDir Path dir) throws Exception {
        GridSpec g = small(dir);
        assertEquals("shard file " + dir + " is a directory; accepted: a regular file", refusedMerge(g, List.of(dir)));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertEquals("shard file /dev/zero is a character device; accepted: a regular file", refusedMerge(g, List.of(Path.of("/dev/zero"))));
    }
}
