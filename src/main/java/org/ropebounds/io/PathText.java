package org.ropebounds.io;

import org.ropebounds.InvalidInputException;

/**
 * A path as an error message shows it: in single quotes, with control characters escaped as every message
 * escapes them ({@link InvalidInputException#escaped}, so that no raw escape sequence reaches a terminal),
 * and only a path of over 240 characters shortened, to its first 200 and its length, so that the path a
 * user typed is usually shown whole (unlike {@link InvalidInputException#quoted}, which cuts at 60).
 */
public final class PathText {
    private static final int LONG = 240;
    private static final int KEPT = 200;

    private PathText() {
    }

    /** {@code path} quoted for a one-line message; {@code ''} for the empty path. */
    public static String quote(Object path) {
        String text = path.toString();
        int shown = text.length() > LONG ? KEPT : text.length();
        if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
            shown--; // never split a surrogate pair
        }
        String quoted = "'" + InvalidInputException.escaped(text.substring(0, shown)) + "'";
        return shown < text.length() ? quoted + "...(" + text.length() + " characters)" : quoted;
    }
}
