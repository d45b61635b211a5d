package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
}
