package org.ropebounds.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;

/** The bounded reader: regular files up to the cap, everything else refused by its kind and quickly. */
class BoundedFilesTest {
    /** Generous for CI; each refusal takes milliseconds. */
    private static final Duration QUICK = Duration.ofSeconds(20);

    private static String refused(Path file, long cap) {
        return assertTimeoutPreemptively(QUICK, () -> assertThrows(InvalidInputException.class,
                () -> BoundedFiles.readAll(file, cap, "test file")).getMessage());
    }

    static Path fifo(Path dir) throws Exception {
        Path f = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        return f;
    }

    @Test
    void aRegularFileIsReadUpToItsCapExactly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ten.txt");
        Files.write(f, "0123456789".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("0123456789".getBytes(StandardCharsets.US_ASCII), BoundedFiles.readAll(f, 10, "test file"));
        assertEquals("test file " + f + " is too large; accepted: at most 9 bytes", refused(f, 9));
        assertEquals(0, BoundedFiles.readAll(Files.createFile(dir.resolve("empty")), 0, "test file").length);
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, f);
        assertEquals("0123456789", BoundedFiles.readUtf8(link, 10, "test file"));
    }

    @Test
    void theCapIsSaidInMebibytes() {
        assertEquals("16 MiB (16777216 bytes)", BoundedFiles.size(BoundedFiles.JSON_MAX_BYTES));
        assertEquals("1000 bytes", BoundedFiles.size(1000));
        assertThrows(IllegalArgumentException.class, () -> BoundedFiles.readAll(Path.of("x"), -1, "test file"));
        assertThrows(IllegalArgumentException.class, () -> BoundedFiles.readAll(Path.of("x"), BoundedFiles.MAX_CAP + 1, "test file"));
    }

    @Test
    void devicesAreRefusedByKindBeforeAnyRead() {
        for (String device : new String[] {"/dev/zero", "/dev/urandom", "/dev/null"}) {
            Path d = Path.of(device);
            assumeTrue(Files.exists(d), device);
            assertEquals("test file " + device + " is a character device; accepted: a regular file", refused(d, BoundedFiles.JSON_MAX_BYTES));
        }
    }

    @Test
    void aLinkToADeviceIsTheDevice(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        Path link = dir.resolve("zero.json");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        assertEquals("test file " + link + " is a character device; accepted: a regular file", refused(link, 100));
    }

    @Test
    void aFifoIsRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        // opening a FIFO for reading blocks until a writer comes: the timeout fails the test if it is opened
        Path f = fifo(dir);
        assertEquals("test file " + f + " is a FIFO (named pipe); accepted: a regular file", refused(f, 100));
    }

    @Test
    void directoriesMissingAndEmptyPaths(@TempDir Path dir) {
        assertEquals("test file " + dir + " is a directory; accepted: a regular file", refused(dir, 100));
        assertEquals("test file " + dir.resolve("nope") + " does not exist", refused(dir.resolve("nope"), 100));
        assertEquals("test file: an empty path; accepted: the path of a regular file", refused(Path.of(""), 100));
    }

    @Test
    void anUnreadableFileSaysSo(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("secret"), "x");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(f), "running as root: permissions do not stop reading");
        assertEquals("cannot read test file " + f + ": permission denied", refused(f, 100));
    }

    @Test
    void textMustBeUtf8(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("latin1"), new byte[] {'a', (byte) 0xE9, 'b'});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BoundedFiles.readUtf8(f, 100, "test file"));
        assertEquals("test file " + f + " is not UTF-8 text", e.getMessage());
        assertEquals("a\u00e9b", BoundedFiles.readUtf8(Files.write(dir.resolve("utf8"), new byte[] {'a', (byte) 0xC3, (byte) 0xA9, 'b'}),
                100, "test file"));
    }

    @Test
    void aLongPathIsShortenedInTheMessage(@TempDir Path dir) {
        Path deep = dir.resolve("d".repeat(200));
        String m = refused(deep, 100);
        assertTrue(m.length() < 150 && m.endsWith("does not exist"), m);
    }
}
