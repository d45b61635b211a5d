package org.ropebounds.real;

import org.ropebounds.format.Rational;

/**
 * Outward-rounded real arithmetic on enclosures of type {@code T}: every result contains the exact
 * result of the operation applied to every point of its arguments. Formulas are written once against
 * this interface and evaluated either in doubles ({@link DoubleIntervalArithmetic}, fast) or at any
 * precision ({@link EnclosureArithmetic}).
 *
 * <p>Domain errors that the arguments decide (log of a non-positive interval, acos of an interval
 * outside [-1, 1]) throw {@link ArithmeticException}; arguments that straddle a domain boundary throw
 * {@link InsufficientPrecisionException}.
 */
public interface Arithmetic<T> {

    /** An enclosure of the exact rational x (x itself where the arithmetic can hold it). */
    T of(Rational x);

    /** An enclosure of the integer x. */
    default T of(long x) {
        return of(Rational.of(x));
    }

    T add(T a, T b);

    T subtract(T a, T b);

    T multiply(T a, T b);

    /** max(a, b): an enclosure of the larger value. */
    T max(T a, T b);

    /** @throws InsufficientPrecisionException if b's interval contains zero (ArithmeticException if b is exactly 0) */
    T divide(T a, T b);

    /** Square root; domain x >= 0. */
    T sqrt(T x);

    T exp(T x);

    /** exp(x) - 1, with the relative precision of the result kept for small |x|. */
    T expm1(T x);

    /** Natural logarithm; domain x > 0. */
    T log(T x);

    /** x^y = exp(y log x) for x > 0; exact where x and y are exact and the power is rational. */
    T pow(T x, T y);

    T cos(T x);

    T sin(T x);

    /** Arc cosine in [0, pi]; domain [-1, 1]. */
    T acos(T x);

    /** Arc sine in [-pi/2, pi/2]; domain [-1, 1]; keeps its relative precision for small |x|. */
    T asin(T x);

    /** Arc tangent in (-pi/2, pi/2). */
    T atan(T x);

    T pi();

    /** The enclosure as exact rational endpoints. */
    Enclosure toEnclosure(T x);

    /**
     * -1 or +1 when the level's own representation proves every point of a's enclosure below, or above, every
     * point of b's ({@link Enclosure#compareTo(Enclosure)} on {@link #toEnclosure} then answers the same); empty
     * when it cannot tell cheaply (the enclosures may still decide). Never 0.
     */
    default java.util.OptionalInt compareIfApart(T a, T b) {
        return java.util.OptionalInt.empty();
    }
}
