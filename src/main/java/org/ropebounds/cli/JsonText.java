package org.ropebounds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * The characters {@link Json#print} writes for a tree (the ObjectMapper with the project's pretty printer: two spaces a
 * level, LF, {@code "key" : value}, {@code { }} and {@code [ ]} when empty, Jackson's escapes), for the large trees of
 * {@code erasure --json} (a megabyte for twelve pipelines at d = 256): objects, arrays, strings, int, long and big-integer
 * numbers, booleans and nulls are appended to one buffer by a handful of small methods, which the first tier of the JIT
 * compiles early, where Jackson's generator and pretty printer spread the same work over many more methods that a short
 * run mostly interprets (issue 17). A tree with any other node (a float, double or decimal number, binary, POJO) is
 * written by {@link Json#print} itself.
 */
final class JsonText {
    /** "\n" and two spaces per level, for the levels most trees reach. */
    private static final String[] INDENT = new String[16];

    static {
        for (int level = 0; level < INDENT.length; level++) {
            INDENT[level] = "\n" + "  ".repeat(level);
        }
    }

    private JsonText() {
    }

    /**
     * Writes {@code tree}, then LF, to {@code out} and flushes it: the same characters as {@link Json#print}.
     *
     * @throws java.io.UncheckedIOException as {@link Json#print} does, for a tree with other nodes that the ObjectMapper cannot write
     */
    static void print(PrintWriter out, ObjectNode tree) {
        StringBuilder text = new StringBuilder(1 << 16);
        if (append(text, tree, 0)) {
            text.append('\n');
            out.append(text);
            out.flush();
            return;
        }
        Json.print(out, tree);
    }

    /**
     * Appends n at nesting {@code level} as the pretty printer writes it; false (leaving {@code text} partly written) at the
     * first node that is not an object, array, string, int, long, big integer, boolean or null.
     */
    private static boolean append(StringBuilder text, JsonNode n, int level) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                if (n.isEmpty()) {
                    text.append("{ }");
                    return true;
                }
                text.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!first) {
                        text.append(',');
                    }
                    first = false;
                    indent(text, level + 1);
                    string(text, e.getKey());
                    text.append(" : ");
                    if (!append(text, e.getValue(), level + 1)) {
                        return false;
                    }
                }
                indent(text, level);
                text.append('}');
                return true;
            }
            case ARRAY -> {
                if (n.isEmpty()) {
                    text.append("[ ]");
                    return true;
                }
                text.append('[');
                boolean first = true;
                for (JsonNode c : n) {
                    if (!first) {
                        text.append(',');
                    }
                    first = false;
                    indent(text, level + 1);
                    if (!append(text, c, level + 1)) {
                        return false;
                    }
                }
                indent(text, level);
                text.append(']');
                return true;
            }
            case STRING -> {
                string(text, n.textValue());
                return true;
            }
            case BOOLEAN -> {
                text.append(n.booleanValue() ? "true" : "false");
                return true;
            }
            case NULL -> {
                text.append("null");
                return true;
            }
            case NUMBER -> {
                return number(text, n);
            }
            default -> {
                return false;
            }
        }
    }

    /** An int, long or big-integer number in decimal (Jackson's form); false for any other kind of number. */
    private static boolean number(StringBuilder text, JsonNode n) {
        switch (n.numberType()) {
            case INT -> text.append(n.intValue());
            case LONG -> text.append(n.longValue());
            case BIG_INTEGER -> text.append(n.bigIntegerValue().toString());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** LF and two spaces per level. */
    private static void indent(StringBuilder text, int level) {
        text.append(level < INDENT.length ? INDENT[level] : "\n" + "  ".repeat(level));
    }

    /**
     * s in double quotes with Jackson's default escapes: \" and \\, \b \t \n \f \r, \\u00XX (upper-case hex) for the other
     * characters below U+0020; every other character as it is.
     */
    private static void string(StringBuilder text, String s) {
        text.append('"');
        int n = s.length();
        int from = 0;
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c < 0x20 || c == '"' || c == '\\') {
                text.append(s, from, k);
                escape(text, c);
                from = k + 1;
            }
        }
        text.append(s, from, n);
        text.append('"');
    }

    private static void escape(StringBuilder text, char c) {
        switch (c) {
            case '"' -> text.append("\\\"");
            case '\\' -> text.append("\\\\");
            case '\b' -> text.append("\\b");
            case '\t' -> text.append("\\t");
            case '\n' -> text.append("\\n");
            case '\f' -> text.append("\\f");
            case '\r' -> text.append("\\r");
            default -> text.append("\\u00").append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
        }
    }
}
