package org.ropebounds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading the committed fixture files (src/test/resources/fixtures), the one way every test does it. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The data rows of a simple CSV (no quoted commas): '#' lines and the header row skipped, cells split on ','. */
    public static List<String[]> rows(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = open(resource)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split(",", -1));
            }
        }
        return rows;
    }

    /** The rows of an RFC 4180 CSV with a header, keyed by column name. */
    public static List<Map<String, String>> records(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            List<Map<String, String>> out = new ArrayList<>();
            var it = new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(in);
            while (it.hasNext()) {
                out.add(it.next());
            }
            return out;
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + resource);
        assertTrue(in != null, "missing fixture " + resource);
        return in;
    }
}
