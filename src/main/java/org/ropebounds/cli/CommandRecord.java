package org.ropebounds.cli;

/**
 * The text form of the picocli models that {@link CommandRecorder} records at build time, one text per command
 * ({@code ropebounds} for the top level, {@code zone}, ...) in the generated class {@code RecordedCommandText}, and
 * {@link RecordedCommands} rebuilds at run time: one element per line, its fields separated by tabs. A field holds a
 * string ({@code \0} for null) or a list of strings separated by U+001F; in each string, backslash, tab, newline and
 * U+001F are escaped as {@code \\ \t \n \l}, so the separators never occur inside a string.
 */
final class CommandRecord {
    private static final char LIST = '\u001f';
    private static final String NULL = "\\0";

    private CommandRecord() {
    }

    /** The encoded fields joined into one line. */
    static String line(String... encodedFields) {
        return String.join("\t", encodedFields);
    }

    /** The raw (still encoded) fields of a line. */
    static String[] fields(String line) {
        return line.split("\t", -1);
    }

    /** A string (or null) encoded as a field. */
    static String encode(String s) {
        return s == null ? NULL : escape(s);
    }

    /** A list of strings encoded as a field. */
    static String encode(String[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i > 0 ? String.valueOf(LIST) : "").append(escape(values[i]));
        }
        return b.toString();
    }

    /** The string (or null) a field encodes. */
    static String string(String field) {
        return field.equals(NULL) ? null : unescape(field);
    }

    /** The list of strings a field encodes; an empty field is the empty list. */
    static String[] strings(String field) {
        if (field.isEmpty()) {
            return new String[0];
        }
        String[] parts = field.split(String.valueOf(LIST), -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = unescape(parts[i]);
        }
        return parts;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace(String.valueOf(LIST), "\\l");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(++i);
                b.append(switch (e) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'l' -> LIST;
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
