package org.ropebounds.table;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Markdown, CSV (RFC 4180), LaTeX (booktabs) and JSON forms of a {@link Table}; LF line ends, no timestamps.
 * Each writer is a pure function of the table: the same table gives the same text everywhere.
 */
public final class TableWriters {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter JSON = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

    /** File extension to its writer, in the order files are written. */
    public static final List<Map.Entry<String, java.util.function.Function<Table, String>>> ALL = List.of(
            Map.entry("md", TableWriters::markdown), Map.entry("csv", TableWriters::csv),
            Map.entry("tex", TableWriters::latex), Map.entry("json", TableWriters::json));

    private TableWriters() {
    }

    /**
     * The four forms of {@link #ALL}, in its order (Markdown, CSV, LaTeX, JSON), from one pass over the cells: the same
     * texts as {@link #markdown}, {@link #csv}, {@link #latex} and {@link #json} give one by one. A cell that is a decimal
     * ({@link #isDecimal}) needs no escaping in any form, so it is classified once and copied; any other cell goes through
     * each form's own escaping. The JSON form falls back to {@link #json} when a text needs an escape there.
     *
     * @param t any table
     * @return four texts, in the order of {@link #ALL}
     */
    public static List<String> forms(Table t) {
        int[] longest = longestCells(t);
        boolean wide = printedWidth(t.columns(), longest) > PORTRAIT_CHARACTERS;
        int cells = cellCharacters(t);
        StringBuilder md = new StringBuilder(64 + t.title().length() + t.caption().length() + 4 * cells);
        StringBuilder csv = new StringBuilder(64 + 2 * cells);
        StringBuilder tex = new StringBuilder(512 + 2 * t.caption().length() + 4 * cells);
        markdownHead(md, t);
        csvHead(csv, t);
        latexHead(tex, t, wide, longest);
        boolean plainJson = !t.rows().isEmpty() && !t.columns().isEmpty() && plainHead(t);
        String[] keys = plainJson ? jsonKeys(t.columns()) : null;
        StringBuilder json = plainJson ? new StringBuilder(jsonSize(t, keys, cells)) : null;
        if (plainJson) {
            plainJsonHead(json, t);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            if (plainJson) {
                json.append(r == 0 ? "    {\n" : "    },\n    {\n");
            }
            plainJson = formsRow(md, csv, tex, plainJson ? json : null, keys, t.rows().get(r)) && plainJson;
        }
        latexFoot(tex, wide);
        String jsonText = plainJson ? json.append("    }\n  ]\n}\n").toString() : json(t);
        return List.of(md.toString(), csv.toString(), tex.toString(), jsonText);
    }

    /**
     * One row of each form ({@code json} null: not written); returns false when a cell of the row is not {@link #plain}
     * (the JSON form then falls back to the writer, and the rest of {@code json} is not to be used).
     */
    private static boolean formsRow(StringBuilder md, StringBuilder csv, StringBuilder tex, StringBuilder json, String[] keys, List<String> row) {
        boolean plainJson = json != null;
        md.append("| ");
        int last = row.size() - 1;
        for (int k = 0; k <= last; k++) {
            String c = row.get(k);
            if (k > 0) {
                md.append(" | ");
                csv.append(',');
                tex.append(" & ");
            }
            boolean decimal = isDecimal(c);
            if (decimal) {
                md.append(c);
                csv.append(c);
                texDecimal(tex, c);
            } else {
                md.append(md(c));
                csv.append(csvCell(c));
                tex.append(texText(c));
            }
            if (plainJson && (decimal || plain(c))) {
                json.append(keys[k]).append(c).append(k < last ? "\",\n" : "\"\n");
            } else {
                plainJson = false;
            }
        }
        md.append(" |\n");
        csv.append('\n');
        tex.append(" \\\\\n");
        return plainJson;
    }

    /**
     * A GitHub-flavoured Markdown section: {@code ## title}, the caption, then a pipe table; a {@code |} in a
     * cell is escaped as {@code \|} and a line break becomes {@code <br>}, so every row stays on one line.
     */
    public static String markdown(Table t) {
        StringBuilder sb = new StringBuilder(64 + t.title().length() + t.caption().length() + 4 * cellCharacters(t));
        markdownHead(sb, t);
        for (List<String> r : t.rows()) {
            markdownRow(sb, r);
        }
        return sb.toString();
    }

    private static void markdownHead(StringBuilder sb, Table t) {
        sb.append("## ").append(t.title()).append("\n\n").append(t.caption()).append("\n\n");
        sb.append("| ").append(t.columns().stream().map(TableWriters::md).collect(Collectors.joining(" | "))).append(" |\n|");
        sb.append(" --- |".repeat(t.columns().size())).append('\n');
    }

    /** One row of the pipe table (a method of its own, so that it is compiled after a few hundred rows). */
    private static void markdownRow(StringBuilder sb, List<String> r) {
        sb.append("| ");
        for (int k = 0; k < r.size(); k++) {
            if (k > 0) {
                sb.append(" | ");
            }
            sb.append(md(r.get(k)));
        }
        sb.append(" |\n");
    }

    /** The characters of the table's cells, plus one per cell: a size hint for the writers' buffers. */
    private static int cellCharacters(Table t) {
        long n = 0;
        for (List<String> r : t.rows()) {
            for (String c : r) {
                n += c.length() + 1;
            }
        }
        return (int) Math.min(n, Integer.MAX_VALUE / 8);
    }

    private static String md(String s) {
        if (!needsEscape(s, '|')) {
            return s; // the common case: a number
        }
        return s.replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>");
    }

    /**
     * RFC 4180 CSV: a header line, then one line per row; a cell with a comma, a double quote or a line break
     * is quoted, its quotes doubled. Lines end in LF.
     */
    public static String csv(Table t) {
        StringBuilder sb = new StringBuilder(64 + 2 * cellCharacters(t));
        csvHead(sb, t);
        for (List<String> r : t.rows()) {
            csvRow(sb, r);
        }
        return sb.toString();
    }

    private static void csvHead(StringBuilder sb, Table t) {
        sb.append(t.columns().stream().map(TableWriters::csvCell).collect(Collectors.joining(","))).append('\n');
    }

    private static void csvRow(StringBuilder sb, List<String> r) {
        for (int k = 0; k < r.size(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append(csvCell(r.get(k)));
        }
        sb.append('\n');
    }

    /** Whether s holds a line break or {@code special}. */
    private static boolean needsEscape(String s, char special) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == special || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static String csvCell(String c) {
        if (!needsEscape(c, ',') && c.indexOf('"') < 0) {
            return c;
        }
        return c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r") ? "\"" + c.replace("\"", "\"\"") + "\"" : c;
    }

    /**
     * A booktabs table, caption above ("title. caption"), label {@code tab:id}, the first column left-aligned and
     * the others right-aligned. A cell that is a plain decimal number ({@code -0.25}, {@code 1.5e+6}) is set in
     * math mode, with an exponent as {@code \times 10^{6}}; other text (headers and caption too) goes through
     * {@link #texText}, so relations are in math mode.
     *
     * <p>Fitting a page: a table whose estimated printed width exceeds {@value #PORTRAIT_CHARACTERS} characters
     * (the case study, the minimum-base table) is set landscape in a {@code sidewaystable} (package
     * {@code rotating}), a column with a cell longer than {@value #WRAPPED_CHARACTERS} characters is wrapped in a
     * {@code p{6cm}} column, and the tabular is scaled down ({@code \resizebox}, package {@code graphicx}) only
     * when it is still wider than the line. The first comment line names the packages the file needs.
     */
    public static String latex(Table t) {
        int[] longest = longestCells(t);
        boolean wide = printedWidth(t.columns(), longest) > PORTRAIT_CHARACTERS;
        StringBuilder sb = new StringBuilder(512 + 2 * t.caption().length() + 4 * cellCharacters(t));
        latexHead(sb, t, wide, longest);
        for (List<String> r : t.rows()) {
            latexRow(sb, r);
        }
        latexFoot(sb, wide);
        return sb.toString();
    }

    /** Everything before the first row: the comment, the environment, caption, label, column types, header. */
    private static void latexHead(StringBuilder sb, Table t, boolean wide, int[] longest) {
        sb.append("% ").append(t.id()).append(": generated by ropebounds tables; do not edit; needs \\usepackage{booktabs}")
                .append(wide ? ", \\usepackage{rotating} (sidewaystable: set landscape) and \\usepackage{graphicx} (scaled down to fit)" : "")
                .append('\n');
        String environment = wide ? "sidewaystable" : "table";
        sb.append("\\begin{").append(environment).append("}\n\\centering\n\\caption{").append(texText(t.title())).append(". ")
                .append(texText(t.caption())).append("}\n");
        sb.append("\\label{tab:").append(t.id()).append("}\n");
        if (wide) {
            sb.append("\\small\n\\sbox0{%\n");
        }
        sb.append("\\begin{tabular}{");
        for (int k = 0; k < t.columns().size(); k++) {
            sb.append(wide && longest[k] > WRAPPED_CHARACTERS ? "p{6cm}" : k == 0 ? "l" : "r");
        }
        sb.append("}\n\\toprule\n");
        sb.append(t.columns().stream().map(TableWriters::texText).collect(Collectors.joining(" & "))).append(" \\\\\n\\midrule\n");
    }

    private static void latexFoot(StringBuilder sb, boolean wide) {
        sb.append("\\bottomrule\n\\end{tabular}");
        if (wide) {
            sb.append("}\n\\ifdim\\wd0>\\linewidth\\resizebox{\\linewidth}{!}{\\usebox0}\\else\\usebox0\\fi");
        }
        sb.append("\n\\end{").append(wide ? "sidewaystable" : "table").append("}\n");
    }

    private static void latexRow(StringBuilder sb, List<String> r) {
        for (int k = 0; k < r.size(); k++) {
            if (k > 0) {
                sb.append(" & ");
            }
            texCell(sb, r.get(k));
        }
        sb.append(" \\\\\n");
    }

    /** Characters of 10pt text a portrait article line holds (345pt), less a margin: wider tables are set landscape. */
    static final int PORTRAIT_CHARACTERS = 80;
    /** Cells longer than this are wrapped in a wide table. */
    static final int WRAPPED_CHARACTERS = 40;

    /** Estimated printed width in characters: per column its longest cell or header as typed (at most 40: longer ones are wrapped), plus 2 of spacing; a number 1.5e+6 prints as 1.5x10^6, about as wide. */
    static int printedWidth(Table t) {
        return printedWidth(t.columns(), longestCells(t));
    }

    /** {@link #printedWidth(Table)} from the columns and their longest cells. */
    private static int printedWidth(List<String> columns, int[] longest) {
        int width = 0;
        for (int k = 0; k < columns.size(); k++) {
            width += Math.min(Math.max(columns.get(k).length(), longest[k]), WRAPPED_CHARACTERS) + 2;
        }
        return width;
    }

    /** Per column the length of its longest cell (0 when there are no rows). */
    private static int[] longestCells(Table t) {
        int[] longest = new int[t.columns().size()];
        for (List<String> r : t.rows()) {
            for (int k = 0; k < longest.length; k++) {
                longest[k] = Math.max(longest[k], r.get(k).length());
            }
        }
        return longest;
    }

    /** A decimal cell as the tables print them: {@code -?[0-9.]+(e[+-][0-9]+)?}. */
    static boolean isDecimal(String c) {
        int k = c.startsWith("-") ? 1 : 0;
        int mantissa = k;
        while (k < c.length() && (c.charAt(k) >= '0' && c.charAt(k) <= '9' || c.charAt(k) == '.')) {
            k++;
        }
        if (k == mantissa) {
            return false;
        }
        if (k == c.length()) {
            return true;
        }
        if (c.charAt(k) != 'e' || k + 2 >= c.length() || c.charAt(k + 1) != '+' && c.charAt(k + 1) != '-') {
            return false;
        }
        for (k += 2; k < c.length(); k++) {
            if (c.charAt(k) < '0' || c.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void texCell(StringBuilder sb, String c) {
        if (isDecimal(c)) {
            texDecimal(sb, c);
            return;
        }
        sb.append(texText(c));
    }

    /** A cell that {@link #isDecimal is a decimal}, in math mode. */
    private static void texDecimal(StringBuilder sb, String c) {
        int e = c.indexOf('e');
        if (e < 0) {
            sb.append('$').append(c).append('$');
            return;
        }
        int exponent = c.charAt(e + 1) == '+' ? e + 2 : e + 1; // isDecimal: a sign follows the e
        sb.append('$').append(c, 0, e).append("\\times 10^{").append(c, exponent, c.length()).append("}$");
    }

    /**
     * Text for LaTeX's text mode, escaped in one pass (so no escape is escaped again): the ten specials
     * of the LaTeX book, and {@code |} as {@code \textbar{}}; the relations {@code >=}, {@code <=}, {@code >},
     * {@code <} are set in math mode ({@code $\ge$}, {@code $\le$}, {@code $>$}, {@code $<$}), since text-mode
     * {@code >} and {@code <} print as other glyphs under OT1 ({@code >=} as "¿=").
     *
     * @param s any text (no domain restriction)
     * @return LaTeX source that prints {@code s} in text mode under OT1 and T1 font encodings
     */
    public static String texText(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean orEqual = k + 1 < s.length() && s.charAt(k + 1) == '=';
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '~' -> out.append("\\textasciitilde{}");
                case '<' -> out.append(orEqual ? "$\\le$" : "$<$");
                case '>' -> out.append(orEqual ? "$\\ge$" : "$>$");
                case '|' -> out.append("\\textbar{}");
                case '_', '%', '&', '#', '$', '{', '}' -> out.append('\\').append(c);
                default -> out.append(c);
            }
            if ((c == '<' || c == '>') && orEqual) {
                k++;
            }
        }
        return out.toString();
    }

    /**
     * A JSON object {@code {id, title, caption, columns: [...], rows: [{column: cell, ...}, ...]}}, cells as
     * strings in column order, indented by two spaces, with a final LF.
     */
    public static String json(Table t) {
        if (!t.rows().isEmpty() && !t.columns().isEmpty() && plain(t)) { // empty arrays and objects print as [ ] and { }: left to the writer
            return plainJson(t);
        }
        // streamed (no node per cell) through the pretty printer a tree of nodes was written with: the same bytes;
        // a row's keys are distinct, since a Table's columns are
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", t.id());
            g.writeStringField("title", t.title());
            g.writeStringField("caption", t.caption());
            g.writeArrayFieldStart("columns");
            for (String c : t.columns()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (List<String> r : t.rows()) {
                g.writeStartObject();
                for (int k = 0; k < r.size(); k++) {
                    g.writeStringField(t.columns().get(k), r.get(k));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    /** Whether every text of the table is one the JSON writer copies as it is: no control character, double quote or backslash. */
    private static boolean plain(Table t) {
        if (!plainHead(t)) {
            return false;
        }
        for (List<String> r : t.rows()) {
            for (String c : r) {
                if (!plain(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the id, title, caption and columns are all {@link #plain}. */
    private static boolean plainHead(Table t) {
        if (!plain(t.id()) || !plain(t.title()) || !plain(t.caption())) {
            return false;
        }
        for (String c : t.columns()) {
            if (!plain(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(String s) {
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #json} of a table with rows and columns whose texts are all {@link #plain}: the layout of the pretty
     * printer ({@code "key" : value}, two spaces per level, LF) written directly, no text needing an escape.
     */
    private static String plainJson(Table t) {
        String[] before = jsonKeys(t.columns());
        StringBuilder sb = new StringBuilder(jsonSize(t, before, cellCharacters(t)));
        plainJsonHead(sb, t);
        for (int r = 0; r < t.rows().size(); r++) {
            sb.append(r == 0 ? "    {\n" : "    },\n    {\n");
            jsonRow(sb, before, t.rows().get(r));
        }
        return sb.append("    }\n  ]\n}\n").toString();
    }

    /** Per column the text before its cell in a row of {@link #plainJson}: the key and the separator. */
    private static String[] jsonKeys(List<String> columns) {
        String[] before = new String[columns.size()];
        for (int k = 0; k < columns.size(); k++) {
            before[k] = "      \"" + columns.get(k) + "\" : \"";
        }
        return before;
    }

    private static int jsonSize(Table t, String[] keys, int cellCharacters) {
        long perRow = 16;
        for (String k : keys) {
            perRow += k.length() + 3;
        }
        return (int) Math.min(256 + t.caption().length() + cellCharacters + t.rows().size() * perRow, Integer.MAX_VALUE / 8);
    }

    private static void plainJsonHead(StringBuilder sb, Table t) {
        List<String> columns = t.columns();
        sb.append("{\n  \"id\" : \"").append(t.id()).append("\",\n  \"title\" : \"").append(t.title())
                .append("\",\n  \"caption\" : \"").append(t.caption()).append("\",\n  \"columns\" : [\n");
        for (int k = 0; k < columns.size(); k++) {
            sb.append("    \"").append(columns.get(k)).append(k + 1 < columns.size() ? "\",\n" : "\"\n");
        }
        sb.append("  ],\n  \"rows\" : [\n");
    }

    private static void jsonRow(StringBuilder sb, String[] before, List<String> row) {
        int last = row.size() - 1;
        for (int k = 0; k < last; k++) {
            sb.append(before[k]).append(row.get(k)).append("\",\n");
        }
        sb.append(before[last]).append(row.get(last)).append("\"\n");
    }
}
