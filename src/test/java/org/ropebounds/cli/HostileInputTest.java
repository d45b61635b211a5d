package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, input side: every hostile input file, grid spec, shard and model option is refused with exit
 * code 2, exactly one line on stderr naming the value, no stack trace, nothing written, and quickly.
 */
class HostileInputTest {
    /** Generous for CI; each of these takes well under a second. */
    private static final Duration QUICK = Duration.ofSeconds(20);

    /** What a case needs from its temporary directory: the command line, built there. */
    @FunctionalInterface
    interface Args {
        String[] in(Path dir) throws Exception;
    }

    private static Arguments of(String name, Args args, String named) {
        return Arguments.of(name, args, named);
    }

    private static Path file(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String spec(Path dir, String json) throws IOException {
        return file(dir, "grid.json", json).toString();
    }

    private static String fifo(Path dir) throws Exception {
        Path f = dir.resolve("fifo.json");
        Process p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        return f.toString();
    }

    /** A character device like /dev/zero (1, 5) made in dir: only as root, and where the container allows mknod. */
    private static String device(Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "device nodes need root");
        Path d = dir.resolve("zero.json");
        Process p = new ProcessBuilder("mknod", d.toString(), "c", "1", "5").redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0 && Files.exists(d), "mknod is not allowed here");
        return d.toString();
    }

    private static String out(Path dir) {
        return dir.resolve("out").toString();
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        // files read whole: refused by their kind before they are opened, or by the cap while read
        c.add(of("spec /dev/zero", d -> new String[] {"tables", "--spec", "/dev/zero", "--out", out(d)}, "/dev/zero is a character device"));
        c.add(of("spec /dev/urandom", d -> new String[] {"tables", "--spec", "/dev/urandom", "--out", out(d)}, "/dev/urandom is a character device"));
        c.add(of("merge /dev/zero", d -> new String[] {"tables", "--merge", "/dev/zero", "--out", out(d)}, "/dev/zero is a character device"));
        c.add(of("config /dev/zero", d -> new String[] {"model", "--config", "/dev/zero"}, "/dev/zero is a character device"));
        c.add(of("spec FIFO", d -> new String[] {"tables", "--spec", fifo(d), "--out", out(d)}, "fifo.json is a FIFO"));
        c.add(of("merge FIFO", d -> new String[] {"tables", "--merge", fifo(d), "--out", out(d)}, "fifo.json is a FIFO"));
        c.add(of("config FIFO", d -> new String[] {"model", "--config", fifo(d)}, "fifo.json is a FIFO"));
        c.add(of("spec device node", d -> new String[] {"tables", "--spec", device(d), "--out", out(d)}, "zero.json is a character device"));
        c.add(of("config device node", d -> new String[] {"model", "--config", device(d)}, "zero.json is a character device"));
        c.add(of("spec directory", d -> new String[] {"tables", "--spec", Files.createDirectory(d.resolve("dir.json")).toString(), "--out",
            out(d)}, "dir.json is a directory"));
        c.add(of("spec empty path", d -> new String[] {"tables", "--spec", "", "--out", out(d)}, "grid spec: an empty path"));
        c.add(of("config missing", d -> new String[] {"model", "--config", d.resolve("nope.json").toString()}, "nope.json does not exist"));
        c.add(of("spec over 16 MiB", d -> new String[] {"tables", "--spec", file(d, "big.json", " ".repeat((16 << 20) + 1)).toString(),
            "--out", out(d)}, "at most 16 MiB (16777216 bytes)"));
        // the grid spec
        c.add(of("duplicate contexts", d -> new String[] {"tables", "--spec", spec(d, "{\"contexts\": [\"2k\", 2048]}"), "--out", out(d)},
            "contexts: 2048 is listed twice"));
        c.add(of("duplicate layers", d -> new String[] {"tables", "--spec", spec(d, "{\"layers\": [32, 32]}"), "--out", out(d)},
            "layers: 32 is listed twice"));
        c.add(of("case_study yes", d -> new String[] {"tables", "--spec", spec(d, "{\"case_study\": \"yes\"}"), "--out", out(d)},
            "case_study must be true or false (JSON booleans), got \"yes\""));
        c.add(of("duplicate key", d -> new String[] {"tables", "--spec", spec(d, "{\"digits\": 6, \"digits\": 7}"), "--out", out(d)},
            "Duplicate field 'digits'"));
        // 1.00000000000000000001 is the double 1: read exactly, it is refused as the number written
        c.add(of("exact number", d -> new String[] {"tables", "--spec", spec(d, "{\"tolerances\": [0.5, 1.00000000000000000001]}"), "--out",
            out(d)}, "tolerances 1.00000000000000000001 is out of range; accepted: 0 < eps < 1"));
        c.add(of("case_study_tolerance 0", d -> new String[] {"tables", "--spec", spec(d, "{\"case_study_tolerance\": 0}"), "--out", out(d)},
            "case_study_tolerance 0 is out of range; accepted: 0 < eps < 1"));
        c.add(of("case_study_tolerance 1", d -> new String[] {"tables", "--spec", spec(d, "{\"case_study_tolerance\": \"1\"}"), "--out",
            out(d)}, "case_study_tolerance 1 is out of range; accepted: 0 < eps < 1"));
        c.add(of("unknown key", d -> new String[] {"tables", "--spec", spec(d, "{\"colour\": \"blue\"}"), "--out", out(d)},
            "unknown key 'colour'"));
        c.add(of("odd rotary_dim", d -> new String[] {"tables", "--spec", spec(d, "{\"rotary_dim\": 127}"), "--out", out(d)},
            "rotary_dim 127 is not accepted"));
        // models and model
        c.add(of("models --tolerance 0", d -> new String[] {"models", "--table", "md", "--tolerance", "0"}, "--tolerance 0 is out of range"));
        c.add(of("models --tolerance 1", d -> new String[] {"models", "--table", "csv", "--tolerance", "1"}, "--tolerance 1 is out of range"));
        c.add(of("models --tolerance -3", d -> new String[] {"models", "--table", "json", "--tolerance", "-3"}, "--tolerance -3 is out of range"));
        c.add(of("models --tolerance 0 without --table", d -> new String[] {"models", "--tolerance", "0"}, "--tolerance 0 is out of range"));
        c.add(of("model --tolerance 1", d -> new String[] {"model", "llama-3.1-8b", "--tolerance", "1"}, "--tolerance 1 is out of range"));
        c.add(of("model without argument", d -> new String[] {"model"}, "a registry id (see 'ropebounds models') or --config FILE"));
        c.add(of("model with both", d -> new String[] {"model", "llama-3.1-8b", "--config", spec(d, "{}")}, "both given; give one of them"));
        return c.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void refusedInOneLineQuicklyWritingNothing(String name, Args args, String named, @TempDir Path dir) throws Exception {
        String[] line = args.in(dir);
        assertRefused(dir, line, named);
    }

    /** Exit 2, one stderr line containing {@code named}, nothing on stdout, no stack trace, dir unchanged, within {@link #QUICK}. */
    static void assertRefused(Path dir, String[] line, String named) throws IOException {
        Set<String> before = listing(dir);
        CliTest.Result r = assertTimeoutPreemptively(QUICK, () -> CliTest.run(line), String.join(" ", line));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("ropebounds: ") && r.err().contains(named), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"), r.err());
        assertEquals("", r.out());
        assertEquals(before, listing(dir), "nothing written");
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aShardEditedByHandIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        String spec = spec(dir, "{\"contexts\": [\"2k\"], \"layers\": [1], \"tolerances\": [\"0.5\"], \"spectra\": [\"approx\"],"
                + " \"formats\": [\"bf16\"], \"bases\": [\"10000\"], \"erasure_context\": \"64\", \"case_study\": false}");
        Path shards = dir.resolve("shards");
        CliTest.Result shard = CliTest.run("tables", "--spec", spec, "--shard", "1/1", "--out", shards.toString(), "-q");
        assertEquals(0, shard.code(), shard.err());
        Path file = shards.resolve("shard-1-of-1.json");
        String text = Files.readString(file);
        // the certified minimum base of min-base row 0 replaced by a rounder number
        String edited = text.replaceFirst("(\"min-base\":\\{\"0\":\\[\"2048\",\"1\",\")[^\"]+\"", "$1" + "1000\"");
        assertFalse(text.equals(edited), text);
        Files.writeString(file, edited);
        assertRefused(dir, new String[] {"tables", "--spec", spec, "--merge", file.toString(), "--out", dir.resolve("out").toString(), "-q"},
                file + ": its content does not match its SHA-256");
        // the same file unedited merges
        Files.writeString(file, text);
        CliTest.Result merged = CliTest.run("tables", "--spec", spec, "--merge", file.toString(), "--out", dir.resolve("out").toString(), "-q");
        assertEquals(0, merged.code(), merged.err());
        assertTrue(Files.isRegularFile(dir.resolve("out").resolve("manifest.json")));
    }
}
