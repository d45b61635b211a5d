package org.ropebounds.symbolic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives, from the closed form of a bound on the base b, the forms the calculator prints: the bound
 * itself, the equation {@code bound == b} solved for context, depth, tolerance or precision, and the
 * partial derivatives of the bound with their signs.
 */
public final class Derivations {

    /** The variables {@link #derive} can solve for and differentiate by, in output order. */
    public static final List<String> VARIABLES = List.of("L", "N", "eps", "p");

    private static final String EXACT_EXPONENT = "d/(d-2)";
    private static final String EXACT_BASE_POWER = "b^((d-2)/d)";

    private Derivations() {}

    /**
     * Derives the forms of one bound on b.
     *
     * <p>Each solution is {@link SymbolicEngine#solve} of {@code bound == b}, tidied: of the raw solution,
     * its {@code Simplify} and its {@code Simplify(PowerExpand(..))}, the one with the smallest leaf count
     * among those {@link SymbolicEngine#provablyEqual} to the raw one. A bound written as
     * {@code (X)^(d/(d-2))} (the exact spectrum) is solved as {@code X == b^((d-2)/d)}, which is equivalent
     * for d > 2 because {@code x -> x^(d/(d-2))} is a bijection of the positive reals; Symja solves the
     * reduced equation in a much simpler form. Partial derivatives are taken for each of {@code L, N, eps, p}
     * the bound depends on, tidied the same way, with their signs under {@link Assumptions#STANDARD}.
     *
     * @param name the caller's name for the bound, kept in the result
     * @param closedFormOfBoundOnB Symja input in the variables L, N, eps, d, p (not b), exact numbers only
     * @param solveFor variables among {@link #VARIABLES}, each of which the bound must depend on
     * @throws IllegalArgumentException if the closed form contains b or a decimal literal, or a requested
     *     variable is not in {@link #VARIABLES} or does not occur in the bound
     * @throws SymbolicException if Symja cannot solve for a requested variable
     */
    public static Derivation derive(SymbolicEngine engine, String name, String closedFormOfBoundOnB, List<String> solveFor) {
        String bound = closedFormOfBoundOnB.strip();
        if (VariableNames.hasDecimalLiteral(bound)) {
            throw new IllegalArgumentException(name + ": decimal literals are machine doubles in Symja; write exact "
                    + "rationals: " + bound);
        }
        Set<String> vars = engine.variables(bound);
        if (vars.contains("b")) {
            throw new IllegalArgumentException(name + ": the closed form of a bound on b must not contain b: " + bound);
        }
        for (String v : solveFor) {
            if (!VARIABLES.contains(v)) {
                throw new IllegalArgumentException(name + ": can solve only for " + VARIABLES + ", not '" + v + "'");
            }
            if (!vars.contains(v)) {
                throw new IllegalArgumentException(name + ": the bound " + bound + " does not depend on " + v);
            }
        }
        String exactBase = exactSpectrumBase(engine, bound);
        Map<String, Derivation.Rendering> solutions = new LinkedHashMap<>();
        for (String v : solveFor) {
            String raw = exactBase != null
                    ? engine.solve(exactBase, EXACT_BASE_POWER, v)
                    : engine.solve(bound, "b", v);
            solutions.put(v, Derivation.Rendering.of(engine, tidy(engine, raw)));
        }
        Map<String, Derivation.Partial> partials = new LinkedHashMap<>();
        for (String v : VARIABLES) {
            if (vars.contains(v)) {
                String derivative = tidy(engine, engine.derivative(bound, v));
                partials.put(v, new Derivation.Partial(Derivation.Rendering.of(engine, derivative),
                        engine.sign(derivative, Assumptions.STANDARD)));
            }
        }
        return new Derivation(name, Derivation.Rendering.of(engine, bound), solutions, partials);
    }

    /**
     * The simplest of {@code expr}, {@code Simplify(expr)} and {@code Simplify(PowerExpand(expr))} by leaf
     * count, among those Symja shows equal to {@code expr}; ties keep the earlier one.
     */
    static String tidy(SymbolicEngine engine, String expr) {
        String best = engine.eval(expr);
        long bestSize = leafCount(engine, best);
        for (String candidate : List.of(engine.simplify(best), engine.eval("Simplify(PowerExpand(" + best + "))"))) {
            long size = leafCount(engine, candidate);
            if (size < bestSize && engine.provablyEqual(candidate, best)) {
                best = candidate;
                bestSize = size;
            }
        }
        return best;
    }

    private static long leafCount(SymbolicEngine engine, String expr) {
        return Long.parseLong(engine.eval("LeafCount(" + expr + ")"));
    }

    /**
     * {@code X} if {@code bound} is written {@code (X)^(E)} with {@code E} equal to {@code d/(d-2)}, else
     * {@code null}.
     */
    static String exactSpectrumBase(SymbolicEngine engine, String bound) {
        String s = bound.replaceAll("\\s+", "");
        if (!s.startsWith("(")) {
            return null;
        }
        int close = matchingParen(s, 0);
        if (close < 0 || close + 2 >= s.length() || s.charAt(close + 1) != '^') {
            return null;
        }
        String exponent = s.substring(close + 2);
        if (exponent.startsWith("(") && matchingParen(exponent, 0) != exponent.length() - 1) {
            return null;
        }
        if (!exponent.startsWith("(") && !exponent.matches("[A-Za-z0-9]+")) {
            return null;
        }
        return engine.provablyEqual(exponent, EXACT_EXPONENT) ? s.substring(1, close) : null;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
