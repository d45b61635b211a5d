package org.ropebounds.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ropebounds.InvalidInputException;

/**
 * A directory that files are about to be written into, checked before any work: {@link #check} refuses
 * what could not hold them, and nothing is created until the first {@link #write}. Files go in through
 * {@link AtomicFile}, one by one.
 */
public final class OutputDirectory {
    private final Path path;

    private OutputDirectory(Path path) {
        this.path = path;
    }

    /**
     * Checks {@code dir} as a place to write into, creating nothing that stays: the path is not empty; if it
     * exists it is a directory (a symbolic link to one counts) in which a file can be created; if it does not,
     * its parent exists and a directory can be created in it (only the last component is ever created).
     * Writability is tried by creating and deleting a temporary file, so permissions, read-only mounts and
     * {@code /proc} are judged by the system, also for root.
     *
     * @throws InvalidInputException naming {@code dir} when any of these fails
     */
    public static OutputDirectory check(Path dir) {
        if (dir.toString().isEmpty()) {
            throw new InvalidInputException("'' is an empty path; accepted: a new or existing directory");
        }
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            AtomicFile.probeWritable(absolute, "cannot write into " + AtomicFile.shown(dir));
        } else if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(AtomicFile.shown(dir) + " is " + AtomicFile.kind(absolute)
                    + ", not a directory; accepted: a new or existing directory");
        } else {
            Path parent = absolute.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new InvalidInputException("cannot create directory " + AtomicFile.shown(dir) + ": its parent "
                        + (parent == null ? "''" : AtomicFile.shown(parent)) + " does not exist; accepted: a directory whose parent exists");
            }
            AtomicFile.probeWritable(parent, "cannot create directory " + AtomicFile.shown(dir));
        }
        return new OutputDirectory(absolute);
    }

    /** The directory, absolute. */
    public Path path() {
        return path;
    }

    /**
     * Checks, as {@link AtomicFile#checkTarget} does, that the file {@code name} could be written here.
     *
     * @throws IllegalArgumentException if {@code name} is not a plain file name (empty, {@code .}, {@code ..}, or with a separator)
     * @throws InvalidInputException if the file exists and is not a regular file
     */
    public void checkTarget(String name) {
        Path file = resolve(name);
        if (Files.isDirectory(path)) {
            AtomicFile.checkTarget(file);
        }
    }

    /** The names of the entries in the directory, sorted (none if it does not exist yet). */
    public List<String> entries() throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Writes the file {@code name} through {@link AtomicFile}, creating the directory first if it does not exist.
     *
     * @throws IllegalArgumentException if {@code name} is not a plain file name
     * @throws InvalidInputException if the file exists and is not a regular file, or the directory has become something else
     */
    public void write(String name, byte[] content) throws IOException {
        Path file = resolve(name);
        try {
            Files.createDirectory(path);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(path)) {
                throw new InvalidInputException(AtomicFile.shown(path) + " is " + AtomicFile.kind(path)
                        + ", not a directory; accepted: a new or existing directory");
            }
        }
        AtomicFile.write(file, content);
    }

    /**
     * Deletes the file {@code name} if it is a regular file (a symbolic link, a directory or a device is left alone).
     *
     * @return whether a file was deleted
     * @throws IllegalArgumentException if {@code name} is not a plain file name
     */
    public boolean deleteRegularFile(String name) throws IOException {
        Path file = resolve(name);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(file);
    }

    private Path resolve(String name) {
        if (!isPlainFileName(name)) {
            throw new IllegalArgumentException("not a plain file name: '" + InvalidInputException.quoted(name) + "'");
        }
        return path.resolve(name);
    }

    /** Whether {@code name} names a file directly inside a directory: not empty, not {@code .} or {@code ..}, no separator or NUL. */
    public static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }
}
