package org.ropebounds.table;

import java.util.List;

/**
 * A reference table: every cell is already text (certified digits, exact integers, labels), so writing
 * it is pure layout and the same table gives the same bytes everywhere.
 *
 * <p>Column names are distinct (the JSON form keys each row's cells by them).
 *
 * @param id the file stem ({@code min-base})
 * @param title a short title
 * @param caption parameters, conventions, guarantees and sources, in one paragraph
 * @param columns column headers
 * @param rows the cells, one list per row, as many as there are columns
 */
public record Table(String id, String title, String caption, List<String> columns, List<List<String>> rows) {

    /** @throws IllegalArgumentException if two columns share a name or a row has another number of cells */
    public Table {
        columns = List.copyOf(columns);
        if (new java.util.HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException(id + ": column names must be distinct: " + columns);
        }
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException(id + ": a row has " + r.size() + " cells for " + columns.size() + " columns");
            }
        }
    }
}
