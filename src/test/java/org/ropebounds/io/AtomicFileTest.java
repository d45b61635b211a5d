package org.ropebounds.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;

class AtomicFileTest {
    @TempDir
    Path dir;

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void writesNewFileWithTheUmasksPermissionsAndNoTemporaryLeft() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFile.write(f, "hello\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("hello\n", Files.readString(f));
        // the permissions of any file this process creates (rw-r--r-- under umask 022), not those of a temporary file (rw-------)
        Path reference = Files.createFile(dir.resolve("reference"));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(2, entries());
    }

    @Test
    void replacingKeepsTheTargetsPermissions() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        AtomicFile.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void closingWithoutCommitLeavesTargetAsItWas() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        try (AtomicFile w = AtomicFile.create(f)) {
            w.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 0);
        }
        assertEquals("old", Files.readString(f));
        assertEquals(1, entries());
    }

    @Test
    void positionalWritesLandWhereAsked() throws IOException {
        Path f = dir.resolve("b.bin");
        try (AtomicFile w = AtomicFile.create(f)) {
            w.channel().write(ByteBuffer.wrap(new byte[] {7, 8}), 2);
            w.channel().write(ByteBuffer.wrap(new byte[] {5, 6}), 0);
            w.commit();
        }
        assertArrayEquals(new byte[] {5, 6, 7, 8}, Files.readAllBytes(f));
    }

    @Test
    void refusesDirectoriesLinksAndDevices() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AtomicFile.write(sub, new byte[1]));
        assertTrue(e.getMessage().contains("a directory"), e.getMessage());
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        assertThrows(InvalidInputException.class, () -> AtomicFile.write(link, new byte[1]));
        assertEquals("keep", Files.readString(real));
        assertTrue(Files.isSymbolicLink(link));
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            assertThrows(InvalidInputException.class, () -> AtomicFile.create(devNull));
        }
        assertEquals(3, entries());
    }

    @Test
    void refusesMissingDirectory() {
        assertThrows(InvalidInputException.class, () -> AtomicFile.write(dir.resolve("no/such/x.txt"), new byte[1]));
    }

    @Test
    void commitTwiceIsAnError() throws IOException {
        try (AtomicFile w = AtomicFile.create(dir.resolve("c.txt"))) {
            w.commit();
            assertThrows(IllegalStateException.class, w::commit);
        }
        assertFalse(Files.exists(dir.resolve("c.txt")) && entries() != 1);
    }
}
