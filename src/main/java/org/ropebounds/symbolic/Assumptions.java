package org.ropebounds.symbolic;

/**
 * The domains under which {@link SymbolicEngine#sign(String, Assumptions)} decides signs and
 * {@link SymbolicEngine#solve(String, String, String)} picks a solution.
 *
 * <p>{@link #STANDARD}: {@code L > 0}, {@code b > 1}, {@code 0 < eps < 1}, {@code N >= 1}, {@code d > 2},
 * {@code p >= 1}, all real (bounds.md, Notation; {@code L, N, d, p} are integers there, which the analysis
 * does not use, so its conclusions hold for the real relaxation too). Any other symbol is unknown.
 */
public enum Assumptions {
    /** {@code L > 0}, {@code b > 1}, {@code 0 < eps < 1}, {@code N >= 1}, {@code d > 2}, {@code p >= 1}. */
    STANDARD,
    /**
     * {@link #STANDARD} and, in addition, {@code 0 < L*theta_min < Pi/2}: the slowest mode turns less than a
     * quarter turn over the context, with {@code theta_min = 1/b} (approximate spectrum) or
     * {@code b^(-(d-2)/d)} (exact spectrum). This is the domain of the largest-depth formula
     * {@code N <= Log(eps)/Log(Cos(L/b))}; it is used for {@code Cos} and {@code Tan} of exactly those
     * arguments.
     */
    WITHIN_QUARTER_TURN
}
