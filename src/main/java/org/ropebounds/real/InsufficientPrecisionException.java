package org.ropebounds.real;

/**
 * An operation could not produce a useful enclosure at the working precision: an argument interval
 * straddles a boundary of the function's domain (zero for log or a divisor, 1 for acos) although the
 * value it stands for may lie inside. Raising the precision may help; {@link Ziv} does so.
 */
public final class InsufficientPrecisionException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public InsufficientPrecisionException(String message) {
        super(message);
    }
}
