package org.ropebounds.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ropebounds.InvalidInputException;

/**
 * Splitting a table run into shards that run anywhere, and merging them into the same bytes one run
 * writes. Shard i of n computes the rows r with r mod n = i of every table; its file records the tool
 * version and the grid, which the merge checks.
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

    /**
     * Computes shard i of n (the rows r with r mod n = i - 1 of every table) and returns its file content:
     * UTF-8 JSON with the tool, the version, the grid and the rows.
     */
    public static byte[] compute(List<TableSpec> specs, GridSpec grid, String version, int i, int n, Runnable onRow) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("tool", "ropebounds");
        o.put("version", version);
        o.put("shard", i);
        o.put("of", n);
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
        try {
            return (MAPPER.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tables assembled from shard files, which must come from this version and grid and cover every
     * shard 1..n exactly once.
     *
     * @throws GridMismatchException if a file was computed for another grid
     * @throws InvalidInputException if a file is unreadable, not a shard file, from another version, of
     *     another count, given twice, or if a shard is missing
     */
    public static List<Table> merge(List<TableSpec> specs, GridSpec grid, String version, List<Path> files) {
        Map<String, Map<Integer, List<String>>> rows = new HashMap<>();
        Integer of = null;
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        JsonNode expected;
        try {
            // through text, as the shard files were, so that number types compare alike
            expected = MAPPER.readTree(MAPPER.writeValueAsString(new TreeMap<>(grid.describe())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Path f : files) {
            JsonNode o;
            try {
                o = MAPPER.readTree(Files.readString(f));
            } catch (IOException e) {
                throw new InvalidInputException(f + ": not a readable shard file (" + e.getMessage().split("\n")[0] + ")");
            }
            if (o == null || !o.isObject() || !"ropebounds".equals(o.path("tool").asText())) {
                throw new InvalidInputException(f + ": not a ropebounds shard file");
            }
            if (!version.equals(o.path("version").asText())) {
                throw new InvalidInputException(f + ": written by version " + o.path("version").asText() + ", not " + version);
            }
            if (!expected.equals(o.get("parameters"))) {
                throw new GridMismatchException(f);
            }
            int n = o.path("of").asInt();
            if (of != null && of != n) {
                throw new InvalidInputException(f + ": a shard of " + n + ", but others are of " + of);
            }
            of = n;
            if (!seen.add(o.path("shard").asInt())) {
                throw new InvalidInputException(f + ": shard " + o.path("shard").asInt() + " is given twice");
            }
            o.path("tables").fields().forEachRemaining(t -> t.getValue().fields().forEachRemaining(r -> {
                List<String> cells = new ArrayList<>();
                r.getValue().forEach(c -> cells.add(c.asText()));
                rows.computeIfAbsent(t.getKey(), k -> new HashMap<>()).put(Integer.parseInt(r.getKey()), cells);
            }));
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
}
