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
}
