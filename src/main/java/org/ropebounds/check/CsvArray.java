package org.ropebounds.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/**
 * A CSV file with one row per position (or one row of inv_freq): every field is a number (see
 * {@link FormatDoubles#parse}) and every row has as many fields as the first. A first row in which no
 * field is a number is a header and is skipped; blank lines and lines starting with {@code #} are too.
 */
public final class CsvArray implements ArraySource {
    private static final CsvMapper MAPPER = new CsvMapper(CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(TextArray.MAX_LINE).build())
            .build());

    private final Path path;
    private final Reader reader;
    private final MappingIterator<String[]> rows;
    private final FormatDoubles values;
    private String[] pending;
    private int pendingField;
    private long rowNumber;
    private int columns = -1;

    private CsvArray(Path path, Reader reader, Format format) throws IOException {
        this.path = path;
        this.reader = reader;
        this.values = new FormatDoubles(format);
        this.rows = MAPPER.readerFor(String[].class)
                .withFeatures(CsvParser.Feature.WRAP_AS_ARRAY, CsvParser.Feature.TRIM_SPACES)
                .readValues(reader);
    }

    /** Opens a CSV file whose numbers are values of {@code format}, and reads its first row. */
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
            while (rows.hasNextValue()) {
                pending = rows.nextValue();
                rowNumber++; // one row per line: numbers never hold quoted line breaks
                pendingField = 0;
                boolean blank = pending.length == 0 || (pending.length == 1 && pending[0].isBlank());
                if (!blank && !pending[0].startsWith("#")) {
                    return true;
                }
            }
            pending = null;
            return false;
        } catch (JsonProcessingException | RuntimeJsonMappingException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInputException(path.getFileName() + " is not readable as CSV after line " + rowNumber
                    + ": " + InvalidInputException.quoted(why.lines().findFirst().orElse("malformed")));
        }
    }

    @Override
    public Format format() {
        return values.format();
    }

    /** {@code {-1, columns}}: the rows are counted as they are read. */
    @Override
    public long[] shape() {
        return columns < 0 ? new long[0] : new long[] {-1, columns};
    }

    @Override
    public boolean fortranOrder() {
        return false;
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
                double v;
                try {
                    v = values.parse(pending[pendingField]);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(path.getFileName() + ", line " + rowNumber + ", field " + (pendingField + 1)
                            + ": " + e.getMessage());
                }
                if (Double.isNaN(v)) {
                    throw new InvalidInputException(path.getFileName() + ", line " + rowNumber + ", field " + (pendingField + 1)
                            + " holds NaN; crosscheck compares numbers, and NaN is never a correct entry");
                }
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
