package org.ropebounds.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.ropebounds.InvalidInputException;

/**
 * The one way the project reads a whole file: only a regular file (a symbolic link is followed), and
 * at most a stated number of bytes. Anything else is refused, quickly, with one line naming the file:
 * a device ({@code /dev/zero}, {@code /dev/urandom}), a FIFO or a socket is refused by its kind before
 * it is opened (opening a FIFO would block), a directory by its kind, and a file that grows past the cap
 * while it is read after {@code maxBytes + 1} bytes, since the length a file reports is not trusted.
 *
 * <p>The kind is checked and the file then opened, so a path swapped for a FIFO between the two can
 * still block; the tool reads files the user names, not files an adversary controls concurrently.
 */
public final class BoundedFiles {
    /** The cap for a JSON input (a config.json, a grid spec): 16 MiB. */
    public static final long JSON_MAX_BYTES = 16L << 20;

    /** The largest cap: the content is held in one array. */
    public static final long MAX_CAP = 1L << 30;

    private static final int S_IFMT = 0170000;

    private BoundedFiles() {
    }

    /**
     * The bytes of {@code file}.
     *
     * @param maxBytes the most bytes accepted, {@code 0 <= maxBytes <= }{@value #MAX_CAP}
     * @param what what the file is, for messages ("grid spec", "shard file")
     * @throws InvalidInputException (one line naming the file) if the path is empty, does not exist, is
     *     not a regular file, cannot be read, or holds more than {@code maxBytes} bytes
     * @throws IllegalArgumentException if {@code maxBytes} is outside 0..{@value #MAX_CAP}
     */
    public static byte[] readAll(Path file, long maxBytes, String what) {
        if (maxBytes < 0 || maxBytes > MAX_CAP) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " is out of range; accepted: 0.." + MAX_CAP);
        }
        requireRegularFile(file, what);
        String shown = shown(file);
        // read one byte past the cap: the reported size of a file is not trusted (procfs says 0, a file may grow)
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + shown + ": " + reason(e));
        }
        if (content.length > maxBytes) {
            throw new InvalidInputException(what + " " + shown + " is too large; accepted: at most " + size(maxBytes));
        }
        return content;
    }

    /**
     * Checks, without opening it, that {@code file} is a regular file that exists: a FIFO, a device, a
     * socket or a directory is refused by its kind, so that reading it can neither block nor run forever.
     * Streaming readers call this before they open a file; {@link #readAll} calls it too.
     *
     * @param what what the file is, for messages ("grid spec", "array file")
     * @throws InvalidInputException (one line naming the file) if the path is empty, does not exist, cannot
     *     be examined, or is not a regular file (the message says what it is)
     */
    public static void requireRegularFile(Path file, String what) {
        String shown = shown(file);
        if (file.toString().isEmpty()) {
            throw new InvalidInputException(what + ": an empty path; accepted: the path of a regular file");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(what + " " + shown + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + shown + ": " + reason(e));
        }
        if (!attributes.isRegularFile()) {
            throw new InvalidInputException(what + " " + shown + " is " + kind(file, attributes) + "; accepted: a regular file");
        }
    }

    /**
     * The text of {@code file}, which must be UTF-8.
     *
     * @throws InvalidInputException as {@link #readAll}, and if the bytes are not UTF-8
     */
    public static String readUtf8(Path file, long maxBytes, String what) {
        byte[] bytes = readAll(file, maxBytes, what);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(what + " " + shown(file) + " is not UTF-8 text");
        }
    }

    /** The cap in words: "16 MiB (16777216 bytes)". */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB (" + bytes + " bytes)";
        }
        return bytes + " bytes";
    }

    private static String shown(Path file) {
        return InvalidInputException.quoted(file.toString());
    }

    /** What a non-regular file is, from its POSIX mode where the platform tells it. */
    private static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & S_IFMT) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "not a regular file";
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : m;
        return reason == null ? e.getClass().getSimpleName() : reason.replaceAll("\\s+", " ");
    }
}
