package org.ropebounds;

/**
 * Input that lies outside a documented domain: an unparseable number, an unknown format name, a value
 * beyond the supported range. Its message is one line that names the offending value and says what is
 * accepted, fit to show a user as it is (the command line maps it to exit code 2).
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * User text fit to quote in a one-line message: whitespace runs as one space, and text over 60
     * characters cut to its first 40 and its length.
     */
    public static String quoted(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 40) + "...(" + text.length() + " characters)";
    }
}
