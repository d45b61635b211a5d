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
 * @param prepare run once before the rows of a {@link #compute} (work the rows share, done up front on all cores so
 *     that no row waits for it); idempotent, and it must not change what the rows compute
 */
public record TableSpec(String id, String title, String caption, List<String> columns, int rowCount, IntFunction<List<String>> rows,
        Runnable prepare) {

    public TableSpec {
        columns = List.copyOf(columns);
    }

    /** A table whose rows share no work to prepare. */
    public TableSpec(String id, String title, String caption, List<String> columns, int rowCount, IntFunction<List<String>> rows) {
        this(id, title, caption, columns, rowCount, rows, () -> { });
    }

    /** The rows r with {@code include.test(r)}, computed on all cores, keyed by r. */
    public Map<Integer, List<String>> compute(IntPredicate include, Runnable onRow) {
        prepare.run();
        Map<Integer, List<String>> out = new java.util.concurrent.ConcurrentHashMap<>(rowCount); // sized once: no resizing while the rows arrive
        IntStream.range(0, rowCount).filter(include).parallel().forEach(r -> {
            out.put(r, List.copyOf(rows.apply(r)));
            onRow.run();
        });
        return out;
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
