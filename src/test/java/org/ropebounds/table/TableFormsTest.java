package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TableWriters#forms}, the four forms in one pass, against the writers one by one ({@link TableWriters#markdown},
 * {@link TableWriters#csv}, {@link TableWriters#latex}, {@link TableWriters#json}; their own layouts are worked by hand
 * in {@code TableWritersTest}) on tables of every kind of cell: decimals with and without exponents, integers, text
 * with each character some form escapes, long cells (a wrapped column), narrow and wide tables, no rows, no columns.
 */
class TableFormsTest {
    private static final String[] CELLS = {"1234.5", "-0.25", "1.5e+6", "2.5e-7", "12", "", "fp32", "a|b", "x,y", "say \"hi\"",
        "two\nlines", "cr\r", "back\\slash", "tab\there", ">= 3", "a_b%c&d#e$f{g}h~i^j", "café", "1e5", "-", ".", "1.2.3",
        "3e+", "e+5", "this cell is longer than forty characters, so it wraps"};

    private static void assertSameForms(Table t) {
        List<String> one = List.of(TableWriters.markdown(t), TableWriters.csv(t), TableWriters.latex(t), TableWriters.json(t));
        List<String> all = TableWriters.forms(t);
        for (int k = 0; k < one.size(); k++) {
            assertEquals(one.get(k), all.get(k), t.id() + "." + TableWriters.ALL.get(k).getKey());
        }
        assertEquals(TableWriters.ALL.size(), all.size());
    }

    private static Table random(Random random, int columns, int rows, boolean decimalsOnly) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < columns; k++) {
            names.add("col " + k + (random.nextInt(4) == 0 ? " <= \"q\"" : ""));
        }
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int k = 0; k < columns; k++) {
                row.add(decimalsOnly ? CELLS[random.nextInt(5)] : CELLS[random.nextInt(CELLS.length)]);
            }
            cells.add(row);
        }
        return new Table("t-" + columns + "-" + rows, "A title", "A caption with 50% & more", names, cells);
    }

    @Test
    void oneByOneAndAllAtOnceGiveTheSameTexts() {
        Random random = new Random(1717);
        for (int i = 0; i < 400; i++) {
            int columns = 1 + random.nextInt(i % 2 == 0 ? 3 : 30); // narrow and wide (landscape) tables
            assertSameForms(random(random, columns, random.nextInt(12), i % 3 == 0));
        }
    }

    @Test
    void edgeTablesGiveTheSameTexts() {
        assertSameForms(new Table("empty", "No rows", "caption", List.of("a", "b"), List.of()));
        assertSameForms(new Table("none", "No columns", "caption", List.of(), List.of(List.of(), List.of())));
        assertSameForms(new Table("quoted", "A \"title\"", "caption\\", List.of("a"), List.of(List.of("1"))));
        assertSameForms(new Table("plain-then-not", "t", "c", List.of("a", "b"), List.of(List.of("1", "2"), List.of("3", "say \"x\""))));
    }

    @Test
    void theGridTablesGiveTheSameTexts() {
        GridSpec d = GridSpec.defaults();
        GridSpec g = new GridSpec(d.contexts().subList(0, 4), d.layers().subList(0, 3), d.tolerances(), d.spectra(), d.rotaryDim(),
                d.formats(), 15, d.bases(), d.erasureContext(), d.delta(), false, d.caseStudyTolerance());
        for (TableSpec s : ReferenceTables.specs(g).subList(0, 3)) {
            assertSameForms(s.assemble(s.compute(r -> true, () -> { })));
        }
    }
}
