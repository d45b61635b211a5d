package org.ropebounds.symbolic;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The translation between the variable names callers use and the names Symja is given.
 *
 * <p>Callers write closed forms with {@code L} (context), {@code b} (base), {@code N} (depth), {@code eps}
 * (tolerance), {@code d} (rotary dimension) and {@code p} (precision bits). In Symja 3.0's relaxed parser
 * (the one {@code new ExprEvaluator()} uses) single-letter identifiers are case-sensitive user symbols, except
 * those that name built-ins: {@code N} is the numeric-evaluation function, like {@code D}, {@code E},
 * {@code I} and {@code C}. Identifiers longer than one letter are folded to lower case ({@code EPS} and
 * {@code eps} are the same symbol) and matched against built-ins case-insensitively ({@code pi} is
 * {@code Pi}, {@code arccos} is {@code ArcCos}). So {@code L, b, d, p, eps} are safe as they are, and only
 * {@code N} needs an internal name: {@value #INTERNAL_N}. An {@code N} followed by an opening parenthesis
 * is the function call {@code N(expr, digits)} and is left alone; every other {@code N} token is the
 * variable.
 *
 * <p>The internal name is reserved: input that contains it (in any case) is rejected, so the map back is
 * exact. Token boundaries are identifier boundaries ({@code [A-Za-z0-9$]}), so {@code Nmax} or {@code xN}
 * are never touched.
 */
final class VariableNames {

    /** Symja's name for the caller's depth variable {@code N}. */
    static final String INTERNAL_N = "nlayers";

    /** The variables callers use, in the order the documentation lists them. */
    static final Set<String> CALLER_VARIABLES = Set.of("L", "b", "N", "eps", "d", "p");

    /** Alternative spellings callers may use for Symja's functions and constants (token to Symja name). */
    private static final Map<String, String> SPELLINGS = Map.of(
            "acos", "ArcCos",
            "arccos", "ArcCos",
            "ln", "Log",
            "log", "Log",
            "pi", "Pi",
            "\u03c0", "Pi");

    private static final Pattern CALLER_N = Pattern.compile("(?<![A-Za-z0-9$])N(?![A-Za-z0-9$])(?!\\s*[(\\[])");
    private static final Pattern INTERNAL_N_TOKEN =
            Pattern.compile("(?<![A-Za-z0-9$])" + INTERNAL_N + "(?![A-Za-z0-9$])");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9$])[A-Za-z\u03c0][A-Za-z0-9]*(?![A-Za-z0-9$])");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern DECIMAL_LITERAL = Pattern.compile("(?<![A-Za-z0-9$])\\d*\\.\\d");

    private VariableNames() {}

    /**
     * The Symja input for a caller's input: {@code **} becomes {@code ^}, the spellings {@code acos, arccos,
     * ln, log, pi, \u03c0} become Symja's names, and the variable {@code N} becomes {@value #INTERNAL_N}.
     *
     * @throws IllegalArgumentException if the input is blank or contains the reserved name
     */
    static String toInternal(String callerInput) {
        if (callerInput.isBlank()) {
            throw new IllegalArgumentException("empty Symja input");
        }
        if (callerInput.toLowerCase(Locale.ROOT).contains(INTERNAL_N)) {
            throw new IllegalArgumentException("'" + INTERNAL_N + "' is reserved (it is the internal name of N): "
                    + callerInput);
        }
        String s = callerInput.replace("**", "^");
        Matcher m = IDENTIFIER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String spelled = SPELLINGS.get(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(spelled != null ? spelled : m.group()));
        }
        m.appendTail(out);
        return CALLER_N.matcher(out).replaceAll(INTERNAL_N);
    }

    /** The caller's form of Symja output: every {@value #INTERNAL_N} token becomes {@code N}. */
    static String toCaller(String internalOutput) {
        return INTERNAL_N_TOKEN.matcher(internalOutput).replaceAll("N");
    }

    /** The caller's name of a Symja symbol name ({@value #INTERNAL_N} is {@code N}; others are unchanged). */
    static String callerName(String internalSymbol) {
        return internalSymbol.equals(INTERNAL_N) ? "N" : internalSymbol;
    }

    /** The Symja name of a caller's variable name ({@code N} is {@value #INTERNAL_N}; others are unchanged). */
    static String internalName(String callerVariable) {
        return callerVariable.equals("N") ? INTERNAL_N : callerVariable;
    }

    /**
     * The Symja name of a variable a caller asks to solve or differentiate for: a plain identifier
     * ({@code [A-Za-z][A-Za-z0-9]*}), with {@code N} renamed as in {@link #toInternal}.
     *
     * @throws IllegalArgumentException if {@code variable} is not a plain identifier, or as {@link #toInternal}
     */
    static String internalVariable(String variable) {
        if (!VARIABLE_NAME.matcher(variable).matches()) {
            throw new IllegalArgumentException("not a variable name: '" + variable + "'");
        }
        return toInternal(variable);
    }

    /** Whether the text contains a decimal literal such as {@code 0.9} (Symja reads those as doubles). */
    static boolean hasDecimalLiteral(String text) {
        return DECIMAL_LITERAL.matcher(text).find();
    }
}
