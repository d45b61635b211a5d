package org.ropebounds.crosscheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;

/**
 * A CSV file with one row per position (or one row of inv_freq): every field is a number (see
 * {@link FormatDoubles#parse}) and every row has as many fields as the first. A first row in which no
 * field is a number is a header and is skipped; blank lines and lines starting with {@code #} are too.
 */
public final class CsvArray implements ArraySource {
    /** Widest row accepted: a cos/sin cache row has d <= 1024 entries. */
    static final int MAX_FIELDS = 4096;
    private static final CsvMapper MAPPER = new CsvMapper(CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(TextArray.MAX_LINE).build())
            .build());

    private final Path path;
    private final Reader reader;
    private final CsvParser rows;
    private final List<String> fields = new ArrayList<>();
    private final FormatDoubles values;
    private String[] pending;
    private int pendingField;
    private long rowNumber;
    private int columns = -1;

    private CsvArray(Path path, Reader reader, Format format) throws IOException {
        this.path = path;
        this.reader = reader;
        this.values = format.doubles();
        this.rows = (CsvParser) MAPPER.getFactory().createParser(reader); // without a schema, each row is an array
        this.rows.enable(CsvParser.Feature.TRIM_SPACES);
    }

    /**
     * Opens a UTF-8 CSV file whose numbers are values of {@code format}, and reads its first row.
     *
     * @throws InvalidInputException if the format's values are not doubles, or the file is not readable CSV
     *         (later rows are refused as they are read)
     */
    public static CsvArray open(Path path, Format format) throws IOException {
        Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        try {
            CsvArray a = new CsvArray(path, r, format);
            a.first();
            return a;
        } catch (RuntimeException | IOException e) {
            r.close();
            throw e;
        }
    }

    private void first() throws IOException {
        if (!advance()) {
            return;
        }
        boolean anyNumber = false;
        for (String f : pending) {
            try {
                values.parse(f);
                anyNumber = true;
            } catch (InvalidInputException e) {
                // a header field
            }
        }
        if (!anyNumber) {
            advance();
        }
        if (pending != null) {
            columns = pending.length;
        }
    }

    private boolean advance() throws IOException {
        try {
            while (nextRow()) {
                rowNumber++; // one row per line: numbers never hold quoted line breaks
                pending = fields.toArray(String[]::new);
                pendingField = 0;
                boolean blank = pending.length == 0 || (pending.length == 1 && pending[0].isBlank());
                if (!blank && !pending[0].startsWith("#")) {
                    return true;
                }
            }
            pending = null;
            return false;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(path.getFileName() + " is not readable as CSV after line " + rowNumber
                    + ": " + InvalidInputException.quoted(e.getOriginalMessage().lines().findFirst().orElse("malformed")));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(path.getFileName() + " is not UTF-8 text; accepted: CSV of numbers "
                    + "(or a .npy file, which is recognised by its magic bytes)");
        }
    }

    /** Reads the next row's fields, refusing rows wider than {@link #MAX_FIELDS} before holding them. */
    private boolean nextRow() throws IOException {
        fields.clear();
        JsonToken t = rows.nextToken();
        if (t == null) {
            return false;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new InvalidInputException(path.getFileName() + " is not readable as CSV after line " + rowNumber);
        }
        while ((t = rows.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                return true;
            }
            if (fields.size() == MAX_FIELDS) {
                throw new InvalidInputException(path.getFileName() + ", line " + (rowNumber + 1) + " has more than " + MAX_FIELDS
                        + " fields; rows hold at most d = 1024 entries");
            }
            fields.add(rows.getText());
        }
        return true;
    }

    @Override
    public Format format() {
        return values.format();
    }

    /** Rows of the first row's width, counted as they are read (undeclared for a file without rows). */
    @Override
    public ArrayShape shape() {
        return columns < 0 ? new ArrayShape.Undeclared() : new ArrayShape.Table(java.util.OptionalLong.empty(), columns);
    }


    @Override
    public int read(double[] into) throws IOException {
        int n = 0;
        while (n < into.length && pending != null) {
            if (pendingField == 0 && pending.length != columns) {
                throw new InvalidInputException(path.getFileName() + ", line " + rowNumber + " has " + pending.length
                        + " fields; the first row has " + columns + " and every row must have as many");
            }
            while (n < into.length && pendingField < pending.length) {
                double v = values.parseEntry(pending[pendingField], path.getFileName() + ", line " + rowNumber + ", field "
                        + (pendingField + 1));
                into[n++] = v;
                pendingField++;
            }
            if (pendingField == pending.length) {
                advance();
            }
        }
        return n;
    }

    @Override
    public String describe() {
        return "CSV, one row per position";
    }

    @Override
    public void close() throws IOException {
        rows.close();
        reader.close();
    }
}
