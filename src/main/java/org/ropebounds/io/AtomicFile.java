package org.ropebounds.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.ropebounds.InvalidInputException;

/**
 * The one way the project writes a file: the content goes to a temporary file in the target's own
 * directory, is forced to disk, and is renamed over the target only by {@link #commit()}. Until then
 * the target is untouched; closing without committing, an exception, or the JVM shutting down (Ctrl-C,
 * SIGTERM) removes the temporary. A target that exists and is not a regular file (a directory, a device
 * such as {@code /dev/null}, a FIFO, a symbolic link) is never replaced: {@link #checkTarget} and
 * {@link #create} refuse it, and {@link #commit()} checks again just before the rename.
 *
 * <p>Permissions: a replaced file keeps its POSIX permissions; a new file gets those of any file the
 * process creates ({@code rw-rw-rw-} less the umask: {@code rw-r--r--} under the usual umask 022).
 * Positional writes through {@link #channel()} may come from several threads.
 */
public final class AtomicFile implements Closeable {
    /** Guards {@link #pending} and {@link #shuttingDown}: a temporary is created either before the hook runs (and is deleted by it) or not at all. */
    private static final Object LOCK = new Object();
    /** Temporaries (and probes) not yet committed or removed, deleted by a shutdown hook if the JVM exits first. */
    private static final Set<Path> pending = new HashSet<>();
    private static boolean shuttingDown;
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::removePending, "ropebounds-atomic-file-cleanup"));
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
     * Checks, without writing anything that stays, that {@code target} could be written: the path is not
     * empty; it does not exist or is a regular file (not a directory, a symbolic link, a device or a FIFO);
     * its directory exists and a file can be created in it (tried by creating and deleting a temporary
     * file, so that permissions, read-only file systems and {@code /proc} are judged by the system itself).
     *
     * @throws InvalidInputException naming the target when any of these fails
     */
    public static void checkTarget(Path target) {
        if (target.toString().isEmpty()) {
            throw new InvalidInputException("'' is an empty path; accepted: a new file or an existing regular file");
        }
        Path absolute = target.toAbsolutePath();
        refuseIfNotRegular(absolute, target);
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("cannot write " + shown(target) + ": its directory " + (dir == null ? "''" : shown(dir))
                    + " does not exist; accepted: a file in an existing directory");
        }
        probeWritable(dir, "cannot write " + shown(target));
    }

    /**
     * Starts writing {@code target}, after {@link #checkTarget}.
     *
     * @throws InvalidInputException if {@link #checkTarget} refuses the target
     * @throws IOException if the temporary file cannot be created
     */
    public static AtomicFile create(Path target) throws IOException {
        checkTarget(target);
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        FileChannel channel = null;
        try {
            synchronized (LOCK) {
                refuseDuringShutdown();
                // CREATE_NEW without attributes: the system's default mode for new files, the umask applied
                for (int attempt = 0; channel == null; attempt++) {
                    tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".part");
                    try {
                        channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        if (attempt > 100) {
                            throw e;
                        }
                    }
                }
                pending.add(tmp);
            }
            return new AtomicFile(absolute, tmp, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
                discard(tmp);
            }
            throw e;
        }
    }

    /**
     * Writes {@code content} to {@code target} atomically: afterwards the target holds exactly these bytes,
     * or (on any exception) is as it was.
     *
     * @throws InvalidInputException if {@link #checkTarget} refuses the target
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
     * @throws IOException if the JVM is shutting down (the temporary is then already gone) or the rename fails
     * @throws IllegalStateException if already committed or closed
     */
    public void commit() throws IOException {
        if (done) {
            throw new IllegalStateException("already committed or closed: " + target);
        }
        channel.force(true);
        channel.close();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
                Files.setPosixFilePermissions(temporary, perms);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
        }
        refuseIfNotRegular(target, target);
        synchronized (LOCK) {
            refuseDuringShutdown();
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            pending.remove(temporary);
        }
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

    static String shown(Path p) {
        return PathText.quote(p);
    }

    /**
     * Creates and deletes a temporary file in {@code dir}: the only honest test that a file can be created there
     * (the permission bits do not bind root, and say nothing of read-only mounts or {@code /proc}).
     *
     * @throws InvalidInputException starting with {@code what} when the file cannot be created
     */
    static void probeWritable(Path dir, String what) {
        Path probe = null;
        try {
            synchronized (LOCK) {
                refuseDuringShutdown();
                probe = Files.createTempFile(dir, ".ropebounds-probe-", ".part");
                pending.add(probe);
            }
            discard(probe);
        } catch (IOException e) {
            String reason = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof NoSuchFileException ? "its file system does not take new files" : e.getClass().getSimpleName();
            throw new InvalidInputException(what + ": no file can be created in " + shown(dir) + " (" + reason
                    + "); accepted: a writable directory");
        }
    }

    private static void refuseDuringShutdown() throws IOException {
        if (shuttingDown) {
            throw new IOException("the JVM is shutting down; nothing more is written");
        }
    }

    private static void removePending() {
        synchronized (LOCK) {
            shuttingDown = true;
            for (Path p : pending) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // nothing more can be done while the JVM exits
                }
            }
            pending.clear();
        }
    }

    private static void discard(Path tmp) throws IOException {
        synchronized (LOCK) {
            try {
                Files.deleteIfExists(tmp);
            } finally {
                pending.remove(tmp);
            }
        }
    }

    private static void refuseIfNotRegular(Path target, Path given) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("refusing to replace " + shown(given) + ": it is " + kind(target)
                    + "; accepted: a new path or an existing regular file");
        }
    }

    /** What an existing path is, in words: "a directory", "a symbolic link", "a character device", "a FIFO", ... */
    static String kind(Path p) {
        if (Files.isSymbolicLink(p)) {
            return "a symbolic link";
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return "a regular file";
        }
        try {
            int type = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            return switch (type) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file";
        }
    }
}
