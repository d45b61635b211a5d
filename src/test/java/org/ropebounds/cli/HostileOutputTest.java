package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.cli.CliTest.Result;

/**
 * Issue 12, "never clobber, never leave debris": every output path of every command ({@code tables --out},
 * {@code tables --shard/--merge --out}, {@code crosscheck --ulps-out}) fed what must not be written to. Each case:
 * exit 2, one line on stderr naming the path, no stack trace, nothing written (the working folder, the current
 * folder and the named system file compared before and after), within a generous time limit.
 */
class HostileOutputTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** A grid of one context, one depth, one format, one base: seconds of work, so a check that came too late would still show. */
    private static final String TINY_SPEC = "{\"contexts\": [\"2k\"], \"layers\": [1], \"tolerances\": [\"0.5\"], \"spectra\": [\"approx\"],"
            + " \"formats\": [\"bf16\"], \"bases\": [\"10000\"], \"erasure_context\": \"64\", \"case_study\": false}";
    private static final String NPY = Path.of("src/test/resources/fixtures/crosscheck/phase_bf16.npy").toString();
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    static Path shared;
    static Path spec;
    static List<String> shards;

    @TempDir
    Path dir;

    @BeforeAll
    static void twoShards() throws IOException {
        spec = Files.writeString(shared.resolve("grid.json"), TINY_SPEC);
        shards = new ArrayList<>();
        for (String s : List.of("1/2", "2/2")) {
            Result r = CliTest.run("tables", "--spec", spec.toString(), "--shard", s, "--out", shared.resolve("shards").toString(), "-q");
            assertEquals(0, r.code(), r.err());
        }
        shards.add(shared.resolve("shards/shard-1-of-2.json").toString());
        shards.add(shared.resolve("shards/shard-2-of-2.json").toString());
    }

    /** A hostile output location: made inside {@code work} (or a system path), and the text the one error line must contain. */
    private record Hostile(String name, Setup setup) {
    }

    private interface Setup {
        /** The path to pass; throws an assumption failure when the case cannot be built here. */
        String make(Path work) throws Exception;
    }

    private static Hostile system(String path) {
        return new Hostile(path, work -> {
            assumeTrue(Files.exists(Path.of(path).getParent()), path + " needs its directory");
            return path;
        });
    }

    /** Cases refused both as a directory (--out) and as a file (--ulps-out). */
    private static List<Hostile> common() {
        return List.of(
                new Hostile("empty path", work -> ""),
                system("/dev/zero"),
                system("/dev/full"),
                new Hostile("fifo", work -> {
                    Path fifo = work.resolve("fifo");
                    assumeTrue(run("mkfifo", fifo.toString()) == 0, "mkfifo");
                    return fifo.toString();
                }),
                new Hostile("device node made by mknod (root only)", work -> {
                    assumeTrue(ROOT, "mknod needs root");
                    Path node = work.resolve("null-device");
                    assumeTrue(run("mknod", node.toString(), "c", "1", "3") == 0, "mknod");
                    return node.toString();
                }),
                new Hostile("missing parent", work -> work.resolve("no/such/place").toString()),
                new Hostile("read-only directory (not as root, who may write anyway)", work -> {
                    assumeTrue(!ROOT, "root bypasses permission bits");
                    Path ro = Files.createDirectory(work.resolve("ro"));
                    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
                    return ro.resolve("out").toString();
                }),
                new Hostile("a symbolic link", work -> Files.createSymbolicLink(work.resolve("link"), work.resolve("elsewhere")).toString()));
    }

    private static List<Hostile> asDirectory() {
        List<Hostile> all = new ArrayList<>(common());
        all.add(system("/proc/x"));
        all.add(system("/dev/null"));
        all.add(new Hostile("an existing regular file", work -> Files.writeString(work.resolve("afile"), "keep").toString()));
        return all;
    }

    private static List<Hostile> asFile() {
        List<Hostile> all = new ArrayList<>(common());
        all.add(system("/proc/self/x"));
        all.add(system("/dev/null"));
        all.add(new Hostile("a directory", work -> Files.createDirectory(work.resolve("adir")).toString()));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> tablesOutRefusesBeforeAnyWork() {
        List<Hostile> cases = new ArrayList<>(asDirectory());
        cases.add(new Hostile("a non-empty folder that is not a previous output", work -> {
            Path mine = Files.createDirectory(work.resolve("mine"));
            Files.writeString(mine.resolve("thesis.tex"), "my own work");
            return mine.toString();
        }));
        return refusals(cases, out -> List.of("tables", "--spec", spec.toString(), "-q", "--out", out));
    }

    @TestFactory
    Stream<DynamicTest> tablesShardOutRefusesBeforeAnyWork() {
        return refusals(asDirectory(), out -> List.of("tables", "--spec", spec.toString(), "-q", "--shard", "1/2", "--out", out));
    }

    @TestFactory
    Stream<DynamicTest> tablesMergeOutRefusesBeforeAnyWork() {
        return refusals(asDirectory(), out -> List.of("tables", "--spec", spec.toString(), "-q", "--merge", shards.get(0), shards.get(1), "--out", out));
    }

    @TestFactory
    Stream<DynamicTest> crosscheckUlpsOutRefusesBeforeAnyWork() {
        return refusals(asFile(), out -> List.of("crosscheck", "-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", NPY, "--ulps-out", out));
    }

    @Test
    void crosscheckOfAnEmptyPathSaysItIsEmpty() {
        Result r = assertTimeoutPreemptively(LIMIT, () -> CliTest.run("crosscheck", "-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", ""));
        CliTest.assertUsageError(r, "''");
        assertTrue(r.err().contains("empty path"), r.err());
        assertFalse(r.err().contains("directory"), r.err());
    }

    /**
     * A rerun into a previous output removes what the old manifest lists and this run does not write, and nothing
     * else: not a file the manifest does not list, not a name the tool could not have written, not a symbolic link.
     */
    @Test
    void aRerunRemovesTheStaleFilesOfThePreviousManifestOnly() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path outside = Files.writeString(dir.resolve("outside.md"), "not in out");
        Files.writeString(out.resolve("old-table.md"), "a table an older grid had");
        Files.writeString(out.resolve("old-table.csv"), "and its csv");
        Files.writeString(out.resolve("README.md"), "the user's notes, listed by hand");
        Files.writeString(out.resolve("notes.txt"), "not listed");
        Path keep = Files.writeString(dir.resolve("keep.md"), "a link's target");
        Files.createSymbolicLink(out.resolve("link.md"), keep);
        Files.createDirectory(out.resolve("sub.json"));
        Files.writeString(out.resolve("manifest.json"), "{\"tool\": \"ropebounds\", \"version\": \"0.0.1\", \"files\": ["
                + "{\"name\": \"old-table.md\"}, {\"name\": \"old-table.csv\"}, {\"name\": \"README.md\"}, {\"name\": \"link.md\"},"
                + " {\"name\": \"../outside.md\"}, {\"name\": \"sub.json\"}, {\"name\": \"min-bits.md\"}]}");
        Result r = assertTimeoutPreemptively(LIMIT, () -> CliTest.run("tables", "--spec", spec.toString(), "-q", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("removed from " + out + " the previous run's files that this run does not write: old-table.csv, old-table.md\n"),
                r.out());
        assertFalse(Files.exists(out.resolve("old-table.md")) || Files.exists(out.resolve("old-table.csv")));
        assertEquals("the user's notes, listed by hand", Files.readString(out.resolve("README.md")));
        assertEquals("not listed", Files.readString(out.resolve("notes.txt")));
        assertEquals("not in out", Files.readString(outside));
        assertTrue(Files.isSymbolicLink(out.resolve("link.md")));
        assertEquals("a link's target", Files.readString(keep));
        assertTrue(Files.isDirectory(out.resolve("sub.json")));
        assertTrue(Files.readString(out.resolve("min-bits.md")).startsWith("## "), "written anew");
        // a second rerun has nothing stale left to remove, and says nothing about it
        Result again = CliTest.run("tables", "--spec", spec.toString(), "-q", "--out", out.toString(), "--json");
        assertEquals(0, again.code(), again.err());
        assertEquals("", again.err());
    }

    /** A folder holding only files named as this tool names them (a run stopped before its manifest) or hidden entries is accepted. */
    @Test
    void aFolderOfAnInterruptedRunOrOnlyHiddenEntriesIsAccepted() throws IOException {
        Path interrupted = Files.createDirectory(dir.resolve("interrupted"));
        Files.writeString(interrupted.resolve("min-base.md"), "half a run");
        Path hidden = Files.createDirectory(dir.resolve("hidden"));
        Files.writeString(hidden.resolve(".gitkeep"), "");
        for (Path out : List.of(interrupted, hidden)) {
            Result r = assertTimeoutPreemptively(LIMIT, () -> CliTest.run("tables", "--spec", spec.toString(), "-q", "--out", out.toString()));
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(out.resolve("manifest.json")), out.toString());
        }
        assertTrue(Files.exists(hidden.resolve(".gitkeep")));
    }

    /** Every writer gives new files the permissions of any new file of this process (rw-r--r-- under umask 022), not rw-------. */
    @Test
    void everyWriterGivesNewFilesTheUsualPermissions() throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        String usual = PosixFilePermissions.toString(Files.getPosixFilePermissions(reference));
        Path tables = dir.resolve("tables");
        assertEquals(0, CliTest.run("tables", "--spec", spec.toString(), "-q", "--out", tables.toString()).code());
        Path shard = dir.resolve("shard");
        assertEquals(0, CliTest.run("tables", "--spec", spec.toString(), "-q", "--shard", "1/2", "--out", shard.toString()).code());
        Path merged = dir.resolve("merged");
        assertEquals(0, CliTest.run("tables", "--spec", spec.toString(), "-q", "--merge", shards.get(0), shards.get(1), "--out", merged.toString()).code());
        Path ulps = dir.resolve("u.npy");
        assertEquals(1, CliTest.run("crosscheck", "-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16", NPY, "--ulps-out", ulps.toString()).code());
        List<Path> written = new ArrayList<>(List.of(ulps));
        for (Path d : List.of(tables, shard, merged)) {
            try (Stream<Path> s = Files.list(d)) {
                written.addAll(s.toList());
            }
        }
        assertTrue(written.size() > 20, written.toString());
        for (Path f : written) {
            assertEquals(usual, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }

    /** The names checked before the work are those the committed manifest (a file of the last release) lists, and the manifest. */
    @Test
    void theNamesCheckedBeforeAnyWorkAreTheNamesWritten() throws IOException {
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Files.readString(Path.of("tables/manifest.json")));
        java.util.TreeSet<String> listed = new java.util.TreeSet<>(List.of("manifest.json"));
        manifest.get("files").forEach(f -> listed.add(f.get("name").asText()));
        var grid = org.ropebounds.table.GridSpec.defaults();
        assertEquals(List.copyOf(listed), org.ropebounds.table.TableFiles.names(org.ropebounds.table.ReferenceTables.specs(grid)));
    }

    private Stream<DynamicTest> refusals(List<Hostile> cases, java.util.function.Function<String, List<String>> command) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path work = Files.createTempDirectory(dir, "case");
            String path = c.setup().make(work);
            Map<String, String> before = snapshot(work);
            Map<String, String> cwdBefore = snapshot(Path.of(""));
            String systemBefore = path.startsWith("/dev/") || path.startsWith("/proc/") ? describe(Path.of(path)) : "";
            List<String> args = command.apply(path);
            Result r = assertTimeoutPreemptively(LIMIT, () -> CliTest.run(args.toArray(String[]::new)), String.join(" ", args));
            CliTest.assertUsageError(r, path.isEmpty() ? "''" : path);
            assertEquals(before, snapshot(work), "nothing written in the working folder");
            assertEquals(cwdBefore, snapshot(Path.of("")), "nothing written in the current folder");
            if (!systemBefore.isEmpty()) {
                assertEquals(systemBefore, describe(Path.of(path)), path + " left as it was");
            }
        }));
    }

    /** Every entry under {@code root} (its top level for the current folder) with its kind, size and modification time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        boolean deep = !root.toString().isEmpty();
        try (Stream<Path> s = deep ? Files.walk(root) : Files.list(root.toAbsolutePath())) {
            for (Path p : (Iterable<Path>) s::iterator) {
                entries.put(p.toString(), describe(p));
            }
        }
        return entries;
    }

    private static String describe(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return "absent";
        }
        var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String kind = a.isRegularFile() ? "file" : a.isDirectory() ? "dir" : a.isSymbolicLink() ? "link" : "other";
        // a directory's own time changes when a temporary is created and removed in it: compare what it holds instead
        return kind + (a.isRegularFile() ? " " + a.size() + " " + a.lastModifiedTime() : "");
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
