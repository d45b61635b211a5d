package org.ropebounds.symbolic;

/**
 * Symja could not do what was asked: an equation it cannot solve, no solution valid under the assumptions,
 * an evaluation that aborted, or an internal error. The message names the input.
 */
public class SymbolicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message, which names the input. */
    public SymbolicException(String message) {
        super(message);
    }

    /** An exception with the given message, which names the input, caused by Symja's {@code cause}. */
    public SymbolicException(String message, Throwable cause) {
        super(message, cause);
    }
}
