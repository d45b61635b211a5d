package org.ropebounds.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ropebounds.InvalidInputException;

/**
 * The one way the project writes a file: the content goes to a temporary file in the target's own
 * directory, is forced to disk, and is renamed over the target only by {@link #commit()}. Until then
 * the target is untouched; closing without committing, an exception, or the JVM shutting down (Ctrl-C)
 * removes the temporary. A target that exists and is not a regular file (a directory, a device such as
 * {@code /dev/null}, a FIFO, a symbolic link) is never replaced: {@link #create} refuses it, and
 * {@link #commit()} checks again just before the rename.
 *
 * <p>Permissions: a replaced file keeps its POSIX permissions; a new file gets {@code rw-r--r--}.
 * Positional writes through {@link #channel()} may come from several threads.
 */
public final class AtomicFile implements Closeable {
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");
    /** Temporaries not yet committed or removed, deleted by a shutdown hook if the JVM exits first. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // nothing more can be done while the JVM exits
                }
            }
        }, "ropebounds-atomic-file-cleanup"));
    }

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private boolean done;

    private AtomicFile(Path target, Path temporary, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.channel = channel;
    }

    /**
     * Starts writing {@code target}.
     *
     * @throws InvalidInputException if the target exists and is not a regular file, or its directory does not exist
     * @throws IOException if the temporary file cannot be created
     */
    public static AtomicFile create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        refuseIfNotRegular(absolute);
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("cannot write " + target + ": its directory " + dir + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
        PENDING.add(tmp);
        try {
            return new AtomicFile(absolute, tmp, FileChannel.open(tmp, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            discard(tmp);
            throw e;
        }
    }

    /**
     * Writes {@code content} to {@code target} atomically: afterwards the target holds exactly these bytes,
     * or (on any exception) is as it was.
     *
     * @throws InvalidInputException if the target exists and is not a regular file
     */
    public static void write(Path target, byte[] content) throws IOException {
        try (AtomicFile f = create(target)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            long position = 0;
            while (b.hasRemaining()) {
                position += f.channel.write(b, position);
            }
            f.commit();
        }
    }

    /** The temporary file's channel, open for writing; the caller writes at positions, and must not close it. */
    public FileChannel channel() {
        return channel;
    }

    /**
     * Forces the content to disk, gives it its permissions and renames it over the target.
     *
     * @throws InvalidInputException if the target has meanwhile become something other than a regular file
     * @throws IllegalStateException if already committed or closed
     */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or closed: " + target);
        }
        channel.force(true);
        channel.close();
        try {
            Set<PosixFilePermission> perms = Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS) : NEW_FILE;
            Files.setPosixFilePermissions(temporary, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
        refuseIfNotRegular(target);
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        PENDING.remove(temporary);
        done = true;
    }

    /** Removes the temporary unless {@link #commit()} succeeded; the target is left as it was. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            try {
                channel.close();
            } finally {
                discard(temporary);
            }
        }
    }

    private static void discard(Path tmp) throws IOException {
        try {
            Files.deleteIfExists(tmp);
        } finally {
            PENDING.remove(tmp);
        }
    }

    private static void refuseIfNotRegular(Path target) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            String what = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? "a directory"
                    : Files.isSymbolicLink(target) ? "a symbolic link" : "not a regular file";
            throw new InvalidInputException("refusing to replace " + target + ": it is " + what
                    + "; accepted: a new path or an existing regular file");
        }
    }
}
