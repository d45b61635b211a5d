package org.ropebounds.real;

/**
 * A real-valued formula written once against {@link Arithmetic}, so that it can be evaluated in any
 * arithmetic (doubles, or enclosures at any precision). Implement it with an anonymous class: Java
 * lambdas cannot be generic.
 */
public interface RealExpression {

    /** The formula's value, enclosed in {@code a}'s type. */
    <T> T evaluate(Arithmetic<T> a);

    /** {@link #evaluate} as exact rational endpoints. */
    default Enclosure enclose(Arithmetic<?> a) {
        return capture(a);
    }

    private <T> Enclosure capture(Arithmetic<T> a) {
        return a.toEnclosure(evaluate(a));
    }
}
