package org.ropebounds.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ropebounds.InvalidInputException;
import org.ropebounds.io.BoundedFiles;
import org.ropebounds.io.StrictJson;

/**
 * Splitting a table run into shards that run anywhere, and merging them into the same bytes one run
 * writes. Shard i of n computes the rows r with r mod n = i - 1 of every table; its file records the tool
 * version, the grid and its digest, and a SHA-256 of its own content, which the merge checks.
 */
public final class Shards {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Shards() {
    }

    /** A shard file computed for another grid than the one its merge is given. */
    public static final class GridMismatchException extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        GridMismatchException(Path file) {
            super(file + ": computed for another grid than the one given (merge with the grid the shards were computed for)");
            this.file = file;
        }

        /** The shard file. */
        public Path file() {
            return file;
        }
    }

    /** The largest number of shards. */
    public static final int MAX_SHARDS = 100_000;

    /**
     * Shard {@code index} of {@code count}: the rows r with r mod count = index - 1 of every table.
     *
     * @param index {@code 1 <= index <= count}
     * @param count at least 1, at most {@value #MAX_SHARDS}
     */
    public record Shard(int index, int count) {
        /** @throws InvalidInputException unless {@code 1 <= index <= count} and count is at most {@value #MAX_SHARDS} */
        public Shard {
            if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
                throw new InvalidInputException("shard " + index + " of " + count + " is not accepted; need 1 <= i <= n <= " + MAX_SHARDS);
            }
        }

        /** The file this shard is written to: {@code shard-i-of-n.json}. */
        public String fileName() {
            return Shards.fileName(index, count);
        }
    }

    /**
     * Parses {@code i/n}.
     *
     * @throws InvalidInputException unless the text is two integers i/n with {@code 1 <= i <= n} and n at most {@value #MAX_SHARDS}
     */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            int i = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            if (parts.length != 2 || n < 1 || n > MAX_SHARDS || i < 1 || i > n) {
                throw new NumberFormatException();
            }
            return new Shard(i, n);
        } catch (RuntimeException e) {
            throw new InvalidInputException("shard '" + text + "' is not accepted; need i/n with 1 <= i <= n, e.g. 3/8");
        }
    }

    /** The file name of shard i of n: {@code shard-i-of-n.json}. */
    public static String fileName(int i, int n) {
        return "shard-" + i + "-of-" + n + ".json";
    }

    /** The largest shard file {@link #merge} reads: 256 MiB. */
    public static final long MAX_SHARD_BYTES = 256L << 20;

    /** The last member of every shard file, before its closing brace. */
    private static final String DIGEST_KEY = ",\"sha256\":\"";
    private static final Pattern DIGEST_TAIL = Pattern.compile(",\"sha256\":\"([0-9a-f]{64})\"}\n?");

    /**
     * The SHA-256 (lower-case hex) of a grid: of the UTF-8 bytes of its {@link GridSpec#describe()} as compact
     * JSON with the keys sorted. Two grids have the same digest exactly when they describe the same tables.
     */
    public static String gridSha256(GridSpec grid) {
        try {
            return TableFiles.sha256(MAPPER.writeValueAsString(new TreeMap<>(grid.describe())).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Computes shard i of n (the rows r with r mod n = i - 1 of every table) and returns its file content:
     * UTF-8 compact JSON, one line, with {@code tool}, {@code version}, {@code shard}, {@code of},
     * {@code grid_sha256} ({@link #gridSha256}), {@code parameters} (the grid), {@code tables} (per table id,
     * per row index, the cells) and last {@code sha256}: the SHA-256 of the file's bytes up to the member
     * {@code ,"sha256":...} followed by the closing brace, i.e. of the same JSON without that member.
     */
    public static byte[] compute(List<TableSpec> specs, GridSpec grid, String version, int i, int n, Runnable onRow) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("tool", "ropebounds");
        o.put("version", version);
        o.put("shard", i);
        o.put("of", n);
        o.put("grid_sha256", gridSha256(grid));
        o.set("parameters", MAPPER.valueToTree(new TreeMap<>(grid.describe())));
        ObjectNode tables = o.putObject("tables");
        for (TableSpec t : specs) {
            Map<Integer, List<String>> rows = t.compute(r -> r % n == i - 1, onRow);
            ObjectNode rowsNode = tables.putObject(t.id());
            for (Map.Entry<Integer, List<String>> e : new TreeMap<>(rows).entrySet()) {
                ArrayNode cells = rowsNode.putArray(Integer.toString(e.getKey()));
                e.getValue().forEach(cells::add);
            }
        }
        String body;
        try {
            body = MAPPER.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String digest = TableFiles.sha256(body.getBytes(StandardCharsets.UTF_8));
        return (body.substring(0, body.length() - 1) + DIGEST_KEY + digest + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The tables assembled from shard files, which must come from this version and grid and cover every
     * shard 1..n exactly once. Each file is read through {@link BoundedFiles} (a regular file of at most
     * {@value #MAX_SHARD_BYTES} bytes) as {@link StrictJson}; its {@code sha256} must match its content and its
     * {@code grid_sha256} and {@code parameters} the grid given, and it must hold exactly its own rows
     * (r mod n = i - 1) of exactly these tables, each with one cell per column.
     *
     * @throws GridMismatchException if a file was computed for another grid
     * @throws InvalidInputException if a file is unreadable, not a shard file, from another version, edited
     *     after it was written (its digest does not match), of another count, given twice, holds rows that
     *     are not its own, or if a shard is missing; the message names the file
     */
    public static List<Table> merge(List<TableSpec> specs, GridSpec grid, String version, List<Path> files) {
        Map<String, TableSpec> byId = new LinkedHashMap<>();
        specs.forEach(t -> byId.put(t.id(), t));
        Map<String, Map<Integer, List<String>>> rows = new HashMap<>();
        Integer of = null;
        Set<Integer> seen = new TreeSet<>();
        String gridDigest = gridSha256(grid);
        JsonNode expected;
        try {
            // through text and the same reader as the shard files, so that number types compare alike
            expected = StrictJson.parse(MAPPER.writeValueAsString(new TreeMap<>(grid.describe())), "grid");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Path f : files) {
            String name = InvalidInputException.quoted(f.toString());
            byte[] content = BoundedFiles.readAll(f, MAX_SHARD_BYTES, "shard file");
            JsonNode o = StrictJson.parse(content, name);
            if (!o.isObject() || !"ropebounds".equals(o.path("tool").asText())) {
                throw new InvalidInputException(name + ": not a ropebounds shard file");
            }
            if (!version.equals(o.path("version").asText())) {
                throw new InvalidInputException(name + ": written by version " + InvalidInputException.quoted(o.path("version").asText())
                        + ", not " + version);
            }
            verifyDigest(content, name);
            if (!gridDigest.equals(o.path("grid_sha256").asText()) || !expected.equals(o.get("parameters"))) {
                throw new GridMismatchException(f);
            }
            Shard shard = shardOf(o, name);
            if (of != null && of != shard.count()) {
                throw new InvalidInputException(name + ": a shard of " + shard.count() + ", but others are of " + of);
            }
            of = shard.count();
            if (!seen.add(shard.index())) {
                throw new InvalidInputException(name + ": shard " + shard.index() + " is given twice");
            }
            readRows(o.path("tables"), byId, shard, name, rows);
        }
        if (of == null || seen.size() != of) {
            throw new InvalidInputException("shards " + seen + " given; all of 1.." + (of == null ? "n" : of) + " are needed");
        }
        List<Table> out = new ArrayList<>();
        for (TableSpec t : specs) {
            out.add(t.assemble(rows.getOrDefault(t.id(), Map.of())));
        }
        return out;
    }

    /** Refuses a file whose last member is not a SHA-256 of the rest. */
    private static void verifyDigest(byte[] content, String name) {
        String text = new String(content, StandardCharsets.UTF_8);
        int at = text.lastIndexOf(DIGEST_KEY);
        Matcher tail = at < 0 ? null : DIGEST_TAIL.matcher(text.substring(at));
        if (tail == null || !tail.matches()) {
            throw new InvalidInputException(name + ": has no SHA-256 of its content as its last member (not written by this version,"
                    + " or edited)");
        }
        byte[] body = (text.substring(0, at) + "}").getBytes(StandardCharsets.UTF_8);
        if (!TableFiles.sha256(body).equals(tail.group(1))) {
            throw new InvalidInputException(name + ": its content does not match its SHA-256 " + tail.group(1)
                    + " (edited after it was written?); recompute the shard");
        }
    }

    private static Shard shardOf(JsonNode o, String name) {
        JsonNode i = o.path("shard");
        JsonNode n = o.path("of");
        if (!i.isIntegralNumber() || !n.isIntegralNumber() || !i.canConvertToInt() || !n.canConvertToInt()) {
            throw new InvalidInputException(name + ": shard and of must be integers");
        }
        try {
            return new Shard(i.intValue(), n.intValue());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
    }

    /** Adds the rows of one shard, refusing a table this grid does not have and a row that is not the shard's. */
    private static void readRows(JsonNode tables, Map<String, TableSpec> byId, Shard shard, String name,
                                 Map<String, Map<Integer, List<String>>> rows) {
        if (!tables.isObject()) {
            throw new InvalidInputException(name + ": tables must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tables.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            TableSpec spec = byId.get(table.getKey());
            if (spec == null || !table.getValue().isObject()) {
                throw new InvalidInputException(name + ": table '" + InvalidInputException.quoted(table.getKey())
                        + "' is not one of this grid's: " + String.join(", ", byId.keySet()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> r = table.getValue().fields(); r.hasNext(); ) {
                Map.Entry<String, JsonNode> row = r.next();
                int index = rowIndex(row.getKey(), spec, shard, name);
                JsonNode cells = row.getValue();
                if (!cells.isArray() || cells.size() != spec.columns().size()) {
                    throw new InvalidInputException(name + ": " + spec.id() + " row " + index + " must have " + spec.columns().size()
                            + " cells");
                }
                List<String> list = new ArrayList<>();
                for (JsonNode c : cells) {
                    if (!c.isTextual()) {
                        throw new InvalidInputException(name + ": " + spec.id() + " row " + index + " has a cell that is not a string");
                    }
                    list.add(c.textValue());
                }
                rows.computeIfAbsent(spec.id(), k -> new HashMap<>()).put(index, list);
            }
        }
    }

    private static int rowIndex(String key, TableSpec spec, Shard shard, String name) {
        int index;
        try {
            index = key.matches("\\d{1,9}") ? Integer.parseInt(key) : -1;
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= spec.rowCount() || index % shard.count() != shard.index() - 1) {
            throw new InvalidInputException(name + ": " + spec.id() + " row '" + InvalidInputException.quoted(key) + "' is not a row of shard "
                    + shard.index() + " of " + shard.count() + " (rows r < " + spec.rowCount() + " with r mod " + shard.count() + " = "
                    + (shard.index() - 1) + ")");
        }
        return index;
    }
}
