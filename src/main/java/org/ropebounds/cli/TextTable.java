package org.ropebounds.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns padded to their widest cell; numbers right-aligned. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    TextTable(boolean[] rightAligned, String... header) {
        this.rightAligned = rightAligned.clone();
        rows.add(header);
    }

    void add(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + rows.get(0).length);
        }
        rows.add(cells);
    }

    void print(PrintWriter out) {
        int n = rows.get(0).length;
        int[] width = new int[n];
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String pad = " ".repeat(width[i] - r[i].length());
                sb.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + r[i] : r[i] + (i == n - 1 ? "" : pad));
            }
            out.print(sb.toString().stripTrailing());
            out.print('\n');
        }
        out.flush();
    }
}
