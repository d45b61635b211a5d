package org.ropebounds.io;

/**
 * A path as an error message shows it: in single quotes, control characters as {@code \xNN} (so that no raw
 * escape sequence reaches a terminal), and only a path of over 240 characters shortened, to its first 200 and
 * its length, so that the path a user typed is usually shown whole.
 */
public final class PathText {
    private static final int LONG = 240;
    private static final int KEPT = 200;

    private PathText() {
    }

    /** {@code path} quoted for a one-line message; {@code ''} for the empty path. */
    public static String quote(Object path) {
        String text = path.toString();
        StringBuilder b = new StringBuilder("'");
        int shown = text.length() > LONG ? KEPT : text.length();
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('\'');
        if (shown < text.length()) {
            b.append("...(").append(text.length()).append(" characters)");
        }
        return b.toString();
    }
}
