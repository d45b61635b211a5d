package org.ropebounds;

/**
 * Input that lies outside a documented domain: an unparseable number, an unknown format name, a value
 * beyond the supported range. Its message is one line that names the offending value and says what is
 * accepted, fit to show a user as it is (the command line maps it to exit code 2).
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Longest user text {@link #quoted} echoes whole, in characters; longer text is cut. */
    public static final int MAX_QUOTED = 60;

    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * User text fit to quote in a one-line message: control characters escaped as by {@link #escaped},
     * runs of spaces as one space, and text whose escaped form is over {@value #MAX_QUOTED} characters cut
     * to its first 40 and the original length ("...(10001 characters)"). Never longer than about 70
     * characters, never a control character.
     */
    public static String quoted(String text) {
        String oneLine = escaped(text.replaceAll(" {2,}", " "));
        if (oneLine.length() <= MAX_QUOTED) {
            return oneLine;
        }
        int cut = 40;
        if (Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return oneLine.substring(0, cut) + "...(" + text.length() + " characters)";
    }

    /**
     * {@code text} with every character that could move the cursor, change the terminal's state or break
     * the line written visibly: {@code \n \r \t \e \b \f} for the usual ones, other C0 and C1 controls and DEL as {@code \xNN}, and the Unicode line and paragraph separators, bidi
     * controls and unpaired surrogates as {@code \}{@code uNNNN}. Other text (backslashes included, so that escaping
     * twice changes nothing) is kept as it is; nothing is cut.
     */
    public static String escaped(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String esc = escape(text, i);
            if (esc == null) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            b.append(esc);
        }
        return b == null ? text : b.toString();
    }

    /** The escape of the character at i, or null when it is shown as it is. */
    private static String escape(String text, int i) {
        char c = text.charAt(i);
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            case '\u001b':
                return "\\e";
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            default:
                break;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return String.format("\\x%02X", (int) c);
        }
        boolean lonelySurrogate = Character.isHighSurrogate(c)
                ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
        if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c' || lonelySurrogate) {
            return String.format("\\u%04X", (int) c);
        }
        return null;
    }
}
