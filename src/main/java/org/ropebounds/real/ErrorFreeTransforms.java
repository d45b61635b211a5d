package org.ropebounds.real;

/**
 * Error-free transformations of double arithmetic: the exact rounding error of a sum or a product,
 * itself a double, so that {@code a + b = sum + error} and {@code a * b = product + error} hold exactly.
 * Round-to-nearest (Java's only mode) is assumed throughout. Stateless.
 *
 * <p>Guarantees (Knuth, Dekker; Muller et al., Handbook of Floating-Point Arithmetic, 2nd ed., 4.3):
 * exact for finite operands whose rounded result is finite; with an infinite or NaN operand or an
 * overflowed result the error term is NaN or meaningless, and callers test finiteness first.
 */
public final class ErrorFreeTransforms {
    private ErrorFreeTransforms() {
    }

    /**
     * The exact error {@code (a + b) - sum} of {@code sum = RN(a + b)} (Knuth's TwoSum: six operations,
     * no condition on the magnitudes). Zero exactly when the sum is exact.
     *
     * @param sum {@code a + b} as Java computes it
     */
    public static double twoSumError(double a, double b, double sum) {
        double bVirtual = sum - a;
        double aVirtual = sum - bVirtual;
        return (a - aVirtual) + (b - bVirtual);
    }

    /**
     * The exact error {@code (a + b) - sum} of {@code sum = RN(a + b)} when {@code |a| >= |b|} (or a == 0)
     * (Dekker's Fast2Sum: three operations). Not exact when the condition fails.
     *
     * @param sum {@code a + b} as Java computes it
     */
    public static double fastTwoSumError(double a, double b, double sum) {
        return b - (sum - a);
    }

    /**
     * The exact error {@code a * b - product} of {@code product = RN(a * b)}, by one fused multiply-add.
     * Exact unless the error underflows (it is then rounded to a subnormal): guaranteed when
     * {@code |product| >= 2^-969} (the error is a multiple of 2^-1074 there; Boldo and Muller).
     *
     * @param product {@code a * b} as Java computes it
     */
    public static double twoProductError(double a, double b, double product) {
        return Math.fma(a, b, -product);
    }
}
