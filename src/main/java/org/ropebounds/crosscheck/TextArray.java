package org.ropebounds.crosscheck;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;

/**
 * A text file of numbers, one per line (decimal or hex float, see {@link FormatDoubles#parse}); blank
 * lines and lines starting with {@code #} are skipped. It declares no shape.
 */
public final class TextArray implements ArraySource {
    /** Longest line accepted. */
    static final int MAX_LINE = 1000;

    private final Path path;
    private final Reader in;
    private final FormatDoubles values;
    private final StringBuilder line = new StringBuilder();
    private long lineNumber;
    private boolean ended;

    private TextArray(Path path, Reader in, Format format) {
        this.path = path;
        this.in = in;
        this.values = format.doubles();
    }

    /**
     * Opens a UTF-8 text file whose numbers are values of {@code format} (decimals are rounded into it).
     *
     * @throws InvalidInputException if the format's values are not doubles; malformed lines are refused as they are read
     */
    public static TextArray open(Path path, Format format) throws IOException {
        format.doubles(); // refuses the format before the file is opened
        return new TextArray(path, Files.newBufferedReader(path, StandardCharsets.UTF_8), format);
    }

    @Override
    public Format format() {
        return values.format();
    }

    @Override
    public ArrayShape shape() {
        return new ArrayShape.Undeclared();
    }


    @Override
    public int read(double[] into) throws IOException {
        int n = 0;
        while (n < into.length && nextLine()) {
            String t = line.toString().strip();
            if (lineNumber == 1 && t.startsWith("\uFEFF")) {
                t = t.substring(1).strip(); // a byte-order mark, as some Windows tools write
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            double v = values.parseEntry(t, path.getFileName() + ", line " + lineNumber);
            into[n++] = v;
        }
        return n;
    }

    private boolean nextLine() throws IOException {
        if (ended) {
            return false;
        }
        line.setLength(0);
        lineNumber++;
        int c;
        while ((c = readChar()) >= 0 && c != '\n') {
            if (line.length() == MAX_LINE) {
                throw new InvalidInputException(path.getFileName() + ", line " + lineNumber + " is longer than "
                        + MAX_LINE + " characters; one number per line is accepted");
            }
            line.append((char) c);
        }
        if (c < 0) {
            ended = true;
            return line.length() > 0;
        }
        return true;
    }

    private int readChar() throws IOException {
        try {
            return in.read();
        } catch (java.nio.charset.CharacterCodingException e) {
            // decoding runs ahead of the lines in blocks, so no line number is certain here
            throw new InvalidInputException(path.getFileName() + " is not UTF-8 text; accepted: "
                    + "one number per line (or a .npy file, which is recognised by its magic bytes)");
        }
    }

    @Override
    public String describe() {
        return "text, one number per line";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
