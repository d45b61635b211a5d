package org.ropebounds.symbolic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.ropebounds.format.Rational;

/**
 * An expression tree read from Symja's {@code FullForm} text ({@code Times(-1, Power(b, -1), L)}), so that
 * the sign analysis works on plain Java values and can be tested without Symja. Exact integers and
 * {@code Rational(a,b)} become {@link Num}; symbols become {@link Sym}; {@code head(args...)} becomes
 * {@link App}; anything else (inexact reals, strings, {@code Complex(..)}) becomes {@link Opaque}, which
 * the analysis never claims to know.
 */
sealed interface Term permits Term.Num, Term.Sym, Term.App, Term.Opaque {

    /** An exact rational constant. */
    record Num(Rational value) implements Term {}

    /** A symbol, by its Symja name. */
    record Sym(String name) implements Term {}

    /** A compound expression {@code head(args...)}. */
    record App(String head, List<Term> args) implements Term {
        public App {
            args = List.copyOf(args);
        }
    }

    /** Something the analysis does not interpret, kept as its text. */
    record Opaque(String text) implements Term {}

    /**
     * Reads a {@code FullForm} string.
     *
     * @throws IllegalArgumentException if the text is not a single well-formed FullForm expression
     */
    static Term parseFullForm(String text) {
        Reader r = new Reader(text);
        Term t = r.term();
        r.skipSpace();
        if (r.pos != text.length()) {
            throw new IllegalArgumentException("trailing text in FullForm at " + r.pos + ": " + text);
        }
        return t;
    }

    /** A recursive-descent reader for FullForm text. */
    final class Reader {
        private final String s;
        private int pos;

        private Reader(String s) {
            this.s = s;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        /** The next non-space character, not consumed. */
        private char peek() {
            skipSpace();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end of FullForm: " + s);
            }
            return s.charAt(pos);
        }

        private Term term() {
            skipSpace();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end of FullForm: " + s);
            }
            char c = s.charAt(pos);
            if (c == '"') {
                int end = s.indexOf('"', pos + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated string in FullForm: " + s);
                }
                String str = s.substring(pos, end + 1);
                pos = end + 1;
                return new Opaque(str);
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            if (Character.isLetter(c) || c == '$') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '$')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == '(') {
                    pos++;
                    List<Term> args = new ArrayList<>();
                    if (peek() != ')') {
                        while (true) {
                            args.add(term());
                            char d = peek();
                            pos++;
                            if (d == ')') {
                                break;
                            }
                            if (d != ',') {
                                throw new IllegalArgumentException("expected ',' or ')' at " + (pos - 1) + ": " + s);
                            }
                        }
                    } else {
                        pos++;
                    }
                    return app(name, args);
                }
                return new Sym(name);
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at " + pos + " in FullForm: " + s);
        }

        private Term number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            boolean exact = true;
            // inexact numbers: 1.5`, 3.3`50*^-1, 1.0*^6
            while (pos < s.length() && ".`*^-+0123456789".indexOf(s.charAt(pos)) >= 0
                    && !(s.charAt(pos) == '-' && s.charAt(pos - 1) != '^')
                    && !(s.charAt(pos) == '+' && s.charAt(pos - 1) != '^')) {
                exact = false;
                pos++;
            }
            String text = s.substring(start, pos);
            if (text.equals("-") || text.isEmpty()) {
                throw new IllegalArgumentException("malformed number at " + start + ": " + s);
            }
            return exact ? new Num(Rational.of(new BigInteger(text), BigInteger.ONE)) : new Opaque(text);
        }

        private static Term app(String head, List<Term> args) {
            if (head.equals("Rational") && args.size() == 2
                    && args.get(0) instanceof Num a && args.get(1) instanceof Num b && !b.value().isZero()) {
                return new Num(a.value().divide(b.value()));
            }
            return new App(head, args);
        }
    }
}
