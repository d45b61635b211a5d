package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ropebounds tables} with shards: the command names its own options when the library refuses a merge. */
class TablesCliTest {

    @Test
    void aShardOfAnotherGridIsRefusedNamingSpec(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("grid.json");
        Files.writeString(spec, "{\"contexts\": [\"2k\"], \"layers\": [1], \"tolerances\": [\"0.5\"], \"spectra\": [\"approx\"],"
                + " \"formats\": [\"bf16\"], \"bases\": [\"10000\"], \"erasure_context\": \"64\", \"case_study\": false}");
        Path shards = dir.resolve("shards");
        CliTest.Result shard = CliTest.run("tables", "--spec", spec.toString(), "--shard", "1/1", "--out", shards.toString(), "-q");
        assertEquals(0, shard.code(), shard.err());
        Path file = shards.resolve("shard-1-of-1.json");
        assertTrue(Files.isRegularFile(file));
        // merged against the default grid: refused, and the command says which of its options to repeat
        CliTest.Result merge = CliTest.run("tables", "--merge", file.toString(), "--out", dir.resolve("out").toString(), "-q");
        assertEquals(2, merge.code());
        assertEquals("ropebounds: " + file + ": computed for another grid than the one given (pass the same --spec)", merge.err().strip());
    }
}
