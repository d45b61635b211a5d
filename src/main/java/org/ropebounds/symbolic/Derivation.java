package org.ropebounds.symbolic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Derivations#derive} found for one bound on the base b: its closed form, the equation
 * {@code bound == b} solved for each requested variable, and the partial derivatives of the bound with
 * their signs. Immutable; map iteration order is the order of computation.
 *
 * @param name the caller's name for the bound ({@code depth_stability})
 * @param bound the closed form of the bound on b
 * @param solutions variable name to the solution of {@code bound == b} for it (e.g. {@code N} to
 *     {@code Log(eps)/Log(Cos(L/b))})
 * @param partials variable name to the partial derivative of the bound, for those of {@code L, N, eps, p}
 *     it depends on
 */
public record Derivation(String name, Rendering bound, Map<String, Rendering> solutions, Map<String, Partial> partials) {

    /**
     * Copies both maps, keeping their order.
     *
     * @throws NullPointerException if any component is null
     */
    public Derivation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bound, "bound");
        solutions = Collections.unmodifiableMap(new LinkedHashMap<>(solutions));
        partials = Collections.unmodifiableMap(new LinkedHashMap<>(partials));
    }

    /**
     * One expression in four forms.
     *
     * @param symja the canonical Symja output form, with the caller's variable names (re-evaluable)
     * @param text plain one-line text ({@code L/arccos(eps^(1/N))})
     * @param tex TeX (math mode, without delimiters)
     * @param mathml a presentation-MathML {@code <math>} element
     */
    public record Rendering(String symja, String text, String tex, String mathml) {
        /** @throws NullPointerException if any form is null */
        public Rendering {
            Objects.requireNonNull(symja, "symja");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(tex, "tex");
            Objects.requireNonNull(mathml, "mathml");
        }

        /** All four forms of {@code expr} from {@code engine}. */
        public static Rendering of(SymbolicEngine engine, String expr) {
            return new Rendering(engine.eval(expr), engine.text(expr), engine.tex(expr), engine.mathml(expr));
        }
    }

    /**
     * A partial derivative and its sign under {@link Assumptions#STANDARD}, as decided by
     * {@link SymbolicEngine#sign(String, Assumptions)} ({@link Sign#UNKNOWN} when undecided).
     */
    public record Partial(Rendering derivative, Sign sign) {
        /** @throws NullPointerException if {@code derivative} or {@code sign} is null */
        public Partial {
            Objects.requireNonNull(derivative, "derivative");
            Objects.requireNonNull(sign, "sign");
        }
    }
}
