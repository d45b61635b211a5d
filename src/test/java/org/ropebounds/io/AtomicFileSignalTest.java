package org.ropebounds.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real process shows: Ctrl-C (SIGINT) in the middle of a write leaves neither the target nor its
 * temporary, and new files get {@code rw-rw-rw-} less the umask of the shell that started the tool.
 */
class AtomicFileSignalTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static List<String> java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private List<String> entries(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sigintDuringAWriteLeavesNoFile() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Path target = dir.resolve("ulps.npy");
            Process child = new ProcessBuilder(java(SlowAtomicWriter.class.getName(), target.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("writing", out.readLine());
                // the temporary is there and holds data: the state that a signal used to leave behind
                List<String> during = entries(dir);
                assertEquals(1, during.size(), during.toString());
                assertTrue(during.get(0).startsWith(".ulps.npy.") && during.get(0).endsWith(".part"), during.toString());
                assertTrue(Files.size(dir.resolve(during.get(0))) >= 4096);
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor());
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child ends on SIGINT");
                assertNotEquals(3, child.exitValue(), "ended by the signal, not by running out of work");
                assertEquals(List.of(), entries(dir), "neither the target nor its temporary remains");
            } finally {
                child.destroyForcibly();
            }
        });
    }

    /** The whole tool, in a shell whose umask is 022 and then 077: rw-r--r-- (0666 & ~022) and rw------- (0666 & ~077). */
    @Test
    void newFilesFollowTheUmask() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Path npy = Path.of("src/test/resources/fixtures/crosscheck/phase_bf16.npy").toAbsolutePath();
            for (String[] umask : new String[][] {{"022", "rw-r--r--"}, {"077", "rw-------"}}) {
                Path out = dir.resolve("umask" + umask[0] + ".npy");
                List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umask[0] + " && exec \"$@\"", "sh"));
                command.addAll(java("org.ropebounds.cli.Main", "crosscheck", "-q", "phase", "-b", "1e4", "-d", "64", "--dtype", "bf16",
                        npy.toString(), "--ulps-out", out.toString()));
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(1, p.waitFor(), printed); // the fixture has planted errors: beyond tolerance, and written
                assertEquals(umask[1], PosixFilePermissions.toString(Files.getPosixFilePermissions(out)), "umask " + umask[0]);
            }
            assertEquals(List.of("umask022.npy", "umask077.npy"), entries(dir));
        });
    }
}
