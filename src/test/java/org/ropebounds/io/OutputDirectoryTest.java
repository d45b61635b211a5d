package org.ropebounds.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The library's output checks speak of paths, never of command-line options, and create nothing. */
class OutputDirectoryTest {
    @TempDir
    Path dir;

    private static String refusal(Runnable check) {
        String m = assertThrows(InvalidInputException.class, check::run).getMessage();
        assertFalse(m.contains("--"), "library words, no option names: " + m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void refusesWhatCannotHoldFilesNamingThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertTrue(refusal(() -> OutputDirectory.check(file)).startsWith("'" + file + "' is a regular file, not a directory"));
        assertTrue(refusal(() -> OutputDirectory.check(Path.of(""))).startsWith("'' is an empty path"));
        assertTrue(refusal(() -> OutputDirectory.check(dir.resolve("a/b"))).contains("its parent '" + dir.resolve("a") + "' does not exist"));
        assertTrue(refusal(() -> OutputDirectory.check(Path.of("/dev/zero"))).contains("a character device"));
        assertEquals(List.of("f"), List.of(dir.toFile().list()));
    }

    @Test
    void createsOnlyTheLastComponentAndOnlyOnWrite() throws IOException {
        Path out = dir.resolve("out");
        OutputDirectory d = OutputDirectory.check(out);
        assertFalse(Files.exists(out), "checking creates nothing");
        assertEquals(List.of(), d.entries());
        d.checkTarget("a.txt");
        d.write("a.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals("hello", Files.readString(out.resolve("a.txt")));
        assertEquals(List.of("a.txt"), d.entries());
    }

    @Test
    void aTargetThatIsNotARegularFileIsRefusedBeforeWriting() throws IOException {
        Files.createDirectories(dir.resolve("out/sub.md"));
        OutputDirectory d = OutputDirectory.check(dir.resolve("out"));
        assertTrue(refusal(() -> d.checkTarget("sub.md")).contains("it is a directory"));
    }

    @Test
    void deletesRegularFilesOnlyAndNamesStayInside() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path target = Files.writeString(dir.resolve("target.md"), "keep");
        Files.createSymbolicLink(out.resolve("link.md"), target);
        Files.writeString(out.resolve("old.md"), "stale");
        OutputDirectory d = OutputDirectory.check(out);
        assertFalse(d.deleteRegularFile("link.md"));
        assertTrue(Files.isSymbolicLink(out.resolve("link.md")));
        assertTrue(d.deleteRegularFile("old.md"));
        assertFalse(d.deleteRegularFile("old.md"));
        for (String bad : new String[] {"", ".", "..", "../target.md", "a/b", "a\\b"}) {
            assertFalse(OutputDirectory.isPlainFileName(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> d.deleteRegularFile(bad), bad);
        }
        assertEquals("keep", Files.readString(target));
    }

    @Test
    void checkTargetCreatesNothingAndRefusesAMissingDirectory() {
        AtomicFile.checkTarget(dir.resolve("new.bin"));
        assertEquals(0, dir.toFile().list().length, "the probe is gone");
        assertTrue(refusal(() -> AtomicFile.checkTarget(dir.resolve("no/x.bin"))).contains("its directory '" + dir.resolve("no") + "' does not exist"));
        assertTrue(refusal(() -> AtomicFile.checkTarget(Path.of(""))).startsWith("'' is an empty path"));
        assertTrue(refusal(() -> AtomicFile.checkTarget(Path.of("/proc/self/x"))).contains("no file can be created in '/proc/self'"));
    }

    @Test
    void pathTextEscapesControlCharactersAndShortensOnlyLongPaths() {
        assertEquals("'a\\e[31mb'", PathText.quote("a\u001b[31mb"));
        assertEquals("'a\\x01\\nb'", PathText.quote("a\u0001\nb"));
        String path = "/d".repeat(100); // 200 characters: shown whole
        assertEquals("'" + path + "'", PathText.quote(path));
        String longer = "/d".repeat(121); // 242 characters: its first 200
        assertEquals("'" + longer.substring(0, 200) + "'...(242 characters)", PathText.quote(longer));
    }
}
