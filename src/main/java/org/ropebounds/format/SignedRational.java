package org.ropebounds.format;

import org.ropebounds.InvalidInputException;

/**
 * An exact rational that keeps the sign it was written with, so that {@code -0} (which IEEE formats hold
 * as a value of its own, bits 0x8000 in bf16) stays apart from {@code 0} until it is rounded into a
 * format. For every non-zero value the sign is the value's; only a zero can be negative on its own.
 *
 * @param value the exact value
 * @param negative whether the number is negative: {@code value < 0}, or a zero written as {@code -0}
 */
public record SignedRational(Rational value, boolean negative) {

    /**
     * @throws IllegalArgumentException if {@code negative} disagrees with the sign of a non-zero value
     */
    public SignedRational {
        if (!value.isZero() && negative != (value.signum() < 0)) {
            throw new IllegalArgumentException("sign " + (negative ? "-" : "+") + " of non-zero " + value);
        }
    }

    /** x with its own sign (a zero is +0). */
    public static SignedRational of(Rational x) {
        return new SignedRational(x, x.signum() < 0);
    }

    /**
     * What {@link Rational#parse} reads, with the sign of zero kept: {@code -0}, {@code -0.0e5},
     * {@code -0x0p+0} and {@code -0/3} are the negative zero.
     *
     * @throws InvalidInputException as {@link Rational#parse} does
     */
    public static SignedRational parse(String text) {
        Rational x = Rational.parse(text);
        return new SignedRational(x, x.isZero() ? text.strip().startsWith("-") : x.signum() < 0);
    }

    /** Whether this is the zero written with a minus sign. */
    public boolean isNegativeZero() {
        return negative && value.isZero();
    }

    /** The value as {@link Rational#toString} writes it, {@code -0} for the negative zero; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return isNegativeZero() ? "-0" : value.toString();
    }
}
