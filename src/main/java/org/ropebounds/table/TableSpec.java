package org.ropebounds.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * A table before its rows are computed: the rows are numbered, and any subset of them can be computed
 * on its own (in parallel, or in another process for a shard) and assembled later into the same table.
 *
 * @param rows computes row r ({@code 0 <= r < rowCount}); must be a pure function of r
 */
public record TableSpec(String id, String title, String caption, List<String> columns, int rowCount, IntFunction<List<String>> rows) {

    public TableSpec {
        columns = List.copyOf(columns);
    }

    /** The rows r with {@code include.test(r)}, computed on all cores, keyed by r. */
    public Map<Integer, List<String>> compute(IntPredicate include, Runnable onRow) {
        Map<Integer, List<String>> out = new java.util.concurrent.ConcurrentHashMap<>();
        IntStream.range(0, rowCount).filter(include).parallel().forEach(r -> {
            out.put(r, List.copyOf(rows.apply(r)));
            onRow.run();
        });
        return out;
    }

    /**
     * Every table of {@code specs} with all its rows, computed together on all cores: the rows of every table
     * are one pool of work, so that a table of a few slow rows (the erasure horizons) leaves no core idle while
     * a large one (the minimum-base grid) has rows left. The same tables as computing each spec alone, in the
     * order of {@code specs}.
     *
     * @param onRow run once after each row (from any thread)
     */
    public static List<Table> computeAll(List<TableSpec> specs, Runnable onRow) {
        int[] start = new int[specs.size() + 1];
        for (int t = 0; t < specs.size(); t++) {
            start[t + 1] = Math.addExact(start[t], specs.get(t).rowCount());
        }
        List<Map<Integer, List<String>>> computed = new ArrayList<>();
        for (int t = 0; t < specs.size(); t++) {
            computed.add(new java.util.concurrent.ConcurrentHashMap<>());
        }
        IntStream.range(0, start[specs.size()]).parallel().forEach(k -> {
            int t = java.util.Arrays.binarySearch(start, k);
            t = t >= 0 ? lastStartingAt(start, t) : -t - 2; // the table whose rows start at or before k
            computed.get(t).put(k - start[t], List.copyOf(specs.get(t).rows.apply(k - start[t])));
            onRow.run();
        });
        List<Table> out = new ArrayList<>();
        for (int t = 0; t < specs.size(); t++) {
            out.add(specs.get(t).assemble(computed.get(t)));
        }
        return out;
    }

    /** Among equal starts (tables of no rows), the last: the table that owns the row at that start. */
    private static int lastStartingAt(int[] start, int t) {
        while (t + 1 < start.length - 1 && start[t + 1] == start[t]) {
            t++;
        }
        return t;
    }

    /** The table from all its rows. @throws IllegalArgumentException if a row is missing */
    public Table assemble(Map<Integer, List<String>> computed) {
        List<List<String>> ordered = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            List<String> row = computed.get(r);
            if (row == null) {
                throw new IllegalArgumentException(id + ": row " + r + " of " + rowCount + " is missing");
            }
            ordered.add(row);
        }
        return new Table(id, title, caption, columns, ordered);
    }
}
