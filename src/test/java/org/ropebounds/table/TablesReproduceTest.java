package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;

/** The committed tables/ must equal a fresh run, byte for byte, and a spec file must be checked. */
class TablesReproduceTest {

    private static String version() throws IOException {
        Properties p = new Properties();
        try (InputStream in = TablesReproduceTest.class.getResourceAsStream("/org/ropebounds/version.properties")) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    @Test
    void committedTablesEqualAFreshRun(@TempDir Path dir) throws IOException {
        GridSpec spec = GridSpec.defaults();
        Map<String, byte[]> fresh = TableFiles.render(ReferenceTables.all(spec), spec, version());
        TableFiles.write(dir, fresh);
        Path committed = Path.of("tables");
        Set<String> names;
        try (Stream<Path> s = Files.list(committed)) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(fresh.keySet()), names, "the files in tables/ (regenerate with: java -jar target/ropebounds.jar tables)");
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(name)), Files.readAllBytes(committed.resolve(name)),
                    name + " differs from a fresh run (regenerate with: java -jar target/ropebounds.jar tables)");
        }
        String manifest = Files.readString(committed.resolve("manifest.json"));
        assertTrue(manifest.contains("\"sha256\" : \"" + TableFiles.sha256(Files.readAllBytes(committed.resolve("min-base.csv"))) + "\""));
    }

    @Test
    void shardsMergeIntoTheSameBytes(@TempDir Path dir) throws IOException {
        Path specFile = dir.resolve("grid.json");
        Files.writeString(specFile, "{\"contexts\": [\"2k\", \"4k\", \"128k\"], \"layers\": [1, 32], \"formats\": [\"fp32\", \"bf16\"],"
                + " \"bases\": [\"500000\"], \"erasure_context\": \"4096\", \"case_study\": false}");
        GridSpec grid = GridSpec.read(specFile);
        var specs = ReferenceTables.specs(grid);
        Map<String, byte[]> whole = TableFiles.render(ReferenceTables.all(grid), grid, "test");
        java.util.List<Path> shardFiles = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path f = dir.resolve(Shards.fileName(i, 3));
            Files.write(f, Shards.compute(specs, grid, "test", i, 3, () -> { }));
            shardFiles.add(f);
        }
        Map<String, byte[]> merged = TableFiles.render(Shards.merge(specs, grid, "test", shardFiles), grid, "test");
        assertEquals(whole.keySet(), merged.keySet());
        for (String name : whole.keySet()) {
            assertArrayEquals(whole.get(name), merged.get(name), name);
        }
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Shards.merge(specs, grid, "test", shardFiles.subList(0, 2)));
        assertTrue(missing.getMessage().contains("needed"), missing.getMessage());
        assertThrows(InvalidInputException.class, () -> Shards.merge(specs, grid, "other-version", shardFiles));
        assertThrows(InvalidInputException.class, () -> Shards.parse("4/3"));
    }

    @Test
    void aSpecFileReplacesTheGrid(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("grid.json");
        Files.writeString(spec, "{\"contexts\": [\"4k\", \"128k\"], \"layers\": [32], \"tolerances\": [\"0.9\"], \"spectra\": [\"approx\"],"
                + " \"formats\": [\"fp32\"], \"bases\": [\"500000\"], \"erasure_context\": \"4096\", \"case_study\": false}");
        GridSpec g = GridSpec.read(spec);
        Table t = ReferenceTables.minimumBase(g);
        assertEquals(2, t.rows().size());
        // 131072 / acos(0.9^(1/32)) = 1616104.05604327... (mpmath), rounded up to 6 digits (a minimum): 1.61611e+6
        assertEquals("1.61611e+6", t.rows().get(1).get(2));
        Files.writeString(spec, "{\"colour\": \"blue\"}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GridSpec.read(spec));
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
    }
}
