package org.ropebounds.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ropebounds.InvalidInputException;
import org.ropebounds.claim.Claim.Binary;
import org.ropebounds.claim.Claim.Ceiling;
import org.ropebounds.claim.Claim.Decay;
import org.ropebounds.claim.Claim.DecayContextOf;
import org.ropebounds.claim.Claim.Elementary;
import org.ropebounds.claim.Claim.Expr;
import org.ropebounds.claim.Claim.InFormat;
import org.ropebounds.claim.Claim.MinMax;
import org.ropebounds.claim.Claim.Neg;
import org.ropebounds.claim.Claim.Num;
import org.ropebounds.claim.Claim.Pi;
import org.ropebounds.claim.Claim.Relation;
import org.ropebounds.claim.Claim.Theta;
import org.ropebounds.claim.Claim.ZoneLower;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The claim language, a whitelist parsed by recursive descent: numbers (decimal or hex float),
 * parameters, {@code + - * / ^} (^ right-associative, binding tighter than unary minus), parentheses,
 * the comparisons {@code < <= > >= == !=} and the functions in {@link #FUNCTIONS}. Nothing else is
 * accepted, and nothing is evaluated while parsing.
 */
public final class ClaimParser {
    /** Longest claim accepted, in characters. */
    public static final int MAX_LENGTH = 2000;
    /** Deepest nesting of parentheses, calls and operators accepted. */
    public static final int MAX_DEPTH = 64;
    /** Largest number accepted, in bits of numerator or denominator (about 1200 decimal digits). */
    public static final int MAX_NUMBER_BITS = 4000;

    /** Every function name and its arguments, for help and errors. */
    public static final Map<String, String> FUNCTIONS = new java.util.LinkedHashMap<>();

    static {
        FUNCTIONS.put("sqrt", "sqrt(x)");
        FUNCTIONS.put("exp", "exp(x)");
        FUNCTIONS.put("log", "log(x), natural");
        FUNCTIONS.put("cos", "cos(x)");
        FUNCTIONS.put("sin", "sin(x)");
        FUNCTIONS.put("arccos", "arccos(x) (also acos)");
        FUNCTIONS.put("arcsin", "arcsin(x) (also asin)");
        FUNCTIONS.put("arctan", "arctan(x) (also atan)");
        FUNCTIONS.put("abs", "abs(x)");
        FUNCTIONS.put("min", "min(x, y)");
        FUNCTIONS.put("max", "max(x, y)");
        FUNCTIONS.put("ceiling", "ceiling(F): 1/eps_mach(F) = 2^(p-1), the seed paper's precision ceiling");
        FUNCTIONS.put("ulp", "ulp(F, x): the spacing of format F at x");
        FUNCTIONS.put("round", "round(F, x): x rounded to F, nearest, ties to even");
        FUNCTIONS.put("theta", "theta(b, d, i) = b^(-2i/d)");
        FUNCTIONS.put("zone_lower", "zone_lower(L, N, eps, d): the binding lower bound on b (approx spectrum)");
        FUNCTIONS.put("decay", "decay(b, d, m): Men et al.'s B_m(b) = sum_i cos(m b^(-2i/d))");
        FUNCTIONS.put("decay_context", "decay_context(b, d): L_theta(b), the longest context with B_m(b) >= 0 for all m in [0, L]");
    }

    private static final Map<String, String> ALIASES = Map.of("acos", "arccos", "asin", "arcsin", "atan", "arctan");

    private final String text;
    private final Map<String, Rational> parameters;
    private int pos;
    private int depth;

    private ClaimParser(String text, Map<String, Rational> parameters) {
        this.text = text;
        this.parameters = parameters;
    }

    /**
     * Parses a claim: at least one comparison between real expressions.
     *
     * @param parameters values for the names the claim uses (exact); names must not be function names or pi
     * @throws InvalidInputException naming the first thing not accepted, and where it is
     */
    public static Claim parse(String text, Map<String, Rational> parameters) {
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("claim of " + text.length() + " characters is too long; at most " + MAX_LENGTH + " are accepted");
        }
        for (String name : parameters.keySet()) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}") || FUNCTIONS.containsKey(name) || ALIASES.containsKey(name) || name.equals("pi")) {
                throw new InvalidInputException("parameter name '" + InvalidInputException.quoted(name) + "' is not accepted; need a letter then letters, digits or _,"
                        + " other than pi and the function names");
            }
        }
        ClaimParser p = new ClaimParser(text, parameters);
        List<Expr> sides = new ArrayList<>();
        List<String> sideTexts = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        while (true) {
            int start = p.pos;
            sides.add(p.sum());
            sideTexts.add(text.substring(start, p.pos).strip());
            p.skipSpaces();
            if (p.pos == text.length()) {
                break;
            }
            relations.add(p.relation());
        }
        if (relations.isEmpty()) {
            throw new InvalidInputException("claim '" + InvalidInputException.quoted(text) + "' has no comparison; accepted: <, <=, >, >=, ==, != between expressions");
        }
        return new Claim(text, List.copyOf(sides), List.copyOf(sideTexts), List.copyOf(relations));
    }

    private Relation relation() {
        String two = text.startsWith("<=", pos) || text.startsWith(">=", pos) || text.startsWith("==", pos) || text.startsWith("!=", pos)
                ? text.substring(pos, pos + 2) : "";
        Relation r = switch (two) {
            case "<=" -> Relation.LE;
            case ">=" -> Relation.GE;
            case "==" -> Relation.EQ;
            case "!=" -> Relation.NE;
            default -> null;
        };
        if (r != null) {
            pos += 2;
            return r;
        }
        char c = text.charAt(pos);
        if (c == '<' || c == '>') {
            pos++;
            return c == '<' ? Relation.LT : Relation.GT;
        }
        if (c == '=') {
            throw error("'=' is not accepted (no assignments); write == to compare");
        }
        throw error("expected a comparison (<, <=, >, >=, ==, !=) or the end");
    }

    private Expr sum() {
        enter();
        Expr e = product();
        while (true) {
            skipSpaces();
            if (peek('+') || peek('-')) {
                char op = text.charAt(pos++);
                e = new Binary(op, e, product());
            } else {
                break;
            }
        }
        depth--;
        return e;
    }

    private Expr product() {
        Expr e = unary();
        while (true) {
            skipSpaces();
            if (peek('*') || peek('/')) {
                char op = text.charAt(pos++);
                e = new Binary(op, e, unary());
            } else {
                return e;
            }
        }
    }

    private Expr unary() {
        skipSpaces();
        if (peek('-') || peek('+')) {
            boolean minus = text.charAt(pos++) == '-';
            enter();
            Expr x = unary();
            depth--;
            return minus ? new Neg(x) : x;
        }
        return power();
    }

    private Expr power() {
        Expr base = atom();
        skipSpaces();
        if (peek('^')) {
            pos++;
            enter();
            Expr exponent = unary(); // right-associative: 2^3^2 = 2^9, and 2^-1 allowed
            depth--;
            return new Binary('^', base, exponent);
        }
        return base;
    }

    private Expr atom() {
        skipSpaces();
        if (pos == text.length()) {
            throw error("expected a number, a name or '('");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            enter();
            Expr e = sum();
            depth--;
            expect(')');
            return e;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpaces();
            if (peek('(')) {
                return call(ALIASES.getOrDefault(name, name), start);
            }
            if (peek('[')) {
                throw error("'[' is not accepted: functions are called with ( ); accepted functions: " + String.join(", ", FUNCTIONS.keySet()));
            }
            if (name.equals("pi")) {
                return new Pi();
            }
            Rational v = parameters.get(name);
            if (v == null) {
                pos = start;
                throw error("unknown name '" + InvalidInputException.quoted(name) + "'; accepted: pi, the parameters given " + new TreeSet<>(parameters.keySet())
                        + ", and functions called with ( )");
            }
            return new Num(v);
        }
        throw error("unexpected '" + InvalidInputException.quoted(String.valueOf(c)) + "'");
    }

    private Expr number() {
        int start = pos;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            while (pos < text.length() && (Character.digit(text.charAt(pos), 16) >= 0 || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'p' || text.charAt(pos) == 'P')) {
                pos++;
                exponentDigits();
            }
        } else {
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                pos++;
                exponentDigits();
            }
        }
        String token = text.substring(start, pos);
        Rational r;
        try {
            r = Rational.parse(token);
        } catch (InvalidInputException e) {
            pos = start;
            throw error("'" + InvalidInputException.quoted(token) + "' is not a number (" + e.getMessage() + ")");
        }
        if (r.numerator().bitLength() > MAX_NUMBER_BITS || r.denominator().bitLength() > MAX_NUMBER_BITS) {
            pos = start;
            throw error("the number '" + InvalidInputException.quoted(token) + "' is too large; at most " + MAX_NUMBER_BITS
                    + " bits of numerator and denominator (about 1200 digits) are accepted");
        }
        return new Num(r);
    }

    private void exponentDigits() {
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
            pos++;
        }
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private Expr call(String name, int start) {
        if (!FUNCTIONS.containsKey(name)) {
            pos = start;
            throw error("unknown function '" + InvalidInputException.quoted(name) + "'; accepted: " + String.join(", ", FUNCTIONS.keySet())
                    + " (and acos, asin, atan)");
        }
        expect('(');
        enter();
        Expr result = switch (name) {
            case "ceiling" -> {
                Format f = formatArgument();
                yield new Ceiling(f);
            }
            case "ulp", "round" -> {
                Format f = formatArgument();
                expect(',');
                yield new InFormat(name.equals("ulp"), f, sum());
            }
            case "min", "max" -> {
                Expr x = sum();
                expect(',');
                yield new MinMax(name.equals("max"), x, sum());
            }
            case "theta" -> {
                Expr b = sum();
                expect(',');
                Expr d = sum();
                expect(',');
                yield new Theta(b, d, sum());
            }
            case "decay" -> {
                Expr b = sum();
                expect(',');
                Expr d = sum();
                expect(',');
                yield new Decay(b, d, sum());
            }
            case "decay_context" -> {
                Expr b = sum();
                expect(',');
                yield new DecayContextOf(b, sum());
            }
            case "zone_lower" -> {
                Expr l = sum();
                expect(',');
                Expr n = sum();
                expect(',');
                Expr eps = sum();
                expect(',');
                yield new ZoneLower(l, n, eps, sum());
            }
            default -> new Elementary(name, sum());
        };
        depth--;
        expect(')');
        return result;
    }

    /** What follows a comma inside a custom format, which is part of the format: {@code p=11,emin=-14,emax=15}. */
    private static final java.util.regex.Pattern FORMAT_CONTINUES = java.util.regex.Pattern.compile(",\\s*(?:emin|emax|specials)\\s*=");

    /**
     * A format as {@link Format#parse} reads it, up to the ',' or ')' that ends the argument: fp32, bf16,
     * fp8-e4m3, an alias, or a custom {@code p=11,emin=-14,emax=15[,specials=fn]} (whose own commas are kept).
     */
    private Format formatArgument() {
        skipSpaces();
        int start = pos;
        java.util.regex.Matcher continues = FORMAT_CONTINUES.matcher(text);
        while (pos < text.length() && text.charAt(pos) != ')'
                && (text.charAt(pos) != ',' || continues.region(pos, text.length()).lookingAt())) {
            pos++;
        }
        String name = text.substring(start, pos).strip();
        try {
            return Format.parse(name);
        } catch (InvalidInputException e) {
            pos = start;
            throw error(e.getMessage());
        }
    }

    private void expect(char c) {
        skipSpaces();
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("the claim nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private InvalidInputException error(String what) {
        return new InvalidInputException("claim '" + InvalidInputException.quoted(text) + "', at character " + (pos + 1) + ": " + what);
    }
}
