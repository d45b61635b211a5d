package org.ropebounds.libm;

import java.util.Locale;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * What a library function may return, given the exact value y = f(x), in its result format F:
 * <ul>
 *   <li>{@link Correct}: RN(y), the nearest value (ties to even): today's emulation;</li>
 *   <li>{@link Faithful}: either neighbour of y in F (y itself when it is a value of F): every libm whose
 *       results are the exact value rounded up or down;</li>
 *   <li>{@link Ulps}: any value of F within K ulps of y, {@code |r - y| <= K ulp_F(y)}, the measure of glibc's
 *       and SLEEF's documented bounds (ulp_F(y): the spacing of F in y's binade), optionally only for
 *       arguments in a range (unbounded outside);</li>
 *   <li>{@link Absolute}: any value of F within E of y, {@code |r - y| <= E}, optionally only in a range
 *       (CUDA's {@code __sinf}/{@code __cosf}: 2^-21.41 for |x| <= pi, unbounded outside);</li>
 *   <li>{@link Unbounded}: any value (no documented bound).</li>
 * </ul>
 * Written as {@link #parse} reads it: {@code correct}, {@code faithful}, {@code ulps:K}, {@code abs:E},
 * either with {@code @R} for |x| <= R ({@code abs:2^-21.41@pi}), {@code unbounded}. Immutable.
 */
public sealed interface LibmModel {

    /** The text {@link #parse} reads back. */
    String label();

    /** The range where the bound holds; empty when it holds for every argument. */
    default Optional<ArgumentRange> range() {
        return Optional.empty();
    }

    /** Correctly rounded to nearest, ties to even. */
    record Correct() implements LibmModel {
        @Override
        public String label() {
            return "correct";
        }
    }

    /** Either neighbour of the exact value. */
    record Faithful() implements LibmModel {
        @Override
        public String label() {
            return "faithful";
        }
    }

    /**
     * Within {@code k} ulps of the exact value ({@code 1 <= k <= 2^40}), where {@code range} holds.
     */
    record Ulps(long k, Optional<ArgumentRange> range) implements LibmModel {
        /** Largest K accepted. */
        public static final long MAX_K = 1L << 40;

        public Ulps {
            if (k < 1 || k > MAX_K) {
                throw new InvalidInputException("ulps:" + k + " is out of range; accepted: ulps:K with 1 <= K <= 2^40");
            }
        }

        @Override
        public String label() {
            return "ulps:" + k + range.map(r -> "@" + r.label()).orElse("");
        }
    }

    /**
     * Within {@code error} of the exact value, where {@code range} holds.
     *
     * @param text how the error was written ({@code 2^-21.41}, {@code 1e-6})
     * @param errorUp a double {@code >= error} (the error rounded up, with margin for {@code 2^X})
     */
    record Absolute(String text, double errorUp, Optional<ArgumentRange> range) implements LibmModel {
        public Absolute {
            if (!(errorUp > 0) || Double.isInfinite(errorUp)) {
                throw new InvalidInputException("abs:" + text + " is out of range; accepted: abs:E with 0 < E < 2^1024");
            }
        }

        @Override
        public String label() {
            return "abs:" + text + range.map(r -> "@" + r.label()).orElse("");
        }
    }

    /** Any value at all. */
    record Unbounded() implements LibmModel {
        @Override
        public String label() {
            return "unbounded";
        }
    }

    LibmModel CORRECT = new Correct();
    LibmModel FAITHFUL = new Faithful();
    LibmModel UNBOUNDED = new Unbounded();

    /**
     * A model as {@link #label()} writes it: {@code correct}, {@code faithful}, {@code unbounded},
     * {@code ulps:K} (integer 1..2^40), {@code abs:E} (E > 0: a decimal, or {@code 2^X} with X a decimal),
     * each of the last two optionally followed by {@code @R} ({@code pi} or a number R > 0: the bound holds for |x| <= R).
     *
     * @throws InvalidInputException for anything else, naming the text and what is accepted
     */
    static LibmModel parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "correct" -> {
                return CORRECT;
            }
            case "faithful" -> {
                return FAITHFUL;
            }
            case "unbounded" -> {
                return UNBOUNDED;
            }
            default -> { }
        }
        int at = t.indexOf('@');
        Optional<ArgumentRange> range = at < 0 ? Optional.empty() : Optional.of(ArgumentRange.parse(t.substring(at + 1)));
        String body = at < 0 ? t : t.substring(0, at);
        if (body.startsWith("ulps:")) {
            String k = body.substring(5).strip();
            if (!k.matches("[0-9]{1,15}")) {
                throw refused(text);
            }
            return new Ulps(Long.parseLong(k), range);
        }
        if (body.startsWith("abs:")) {
            String e = body.substring(4).strip();
            return new Absolute(e, errorUp(e, text), range);
        }
        throw refused(text);
    }

    private static double errorUp(String e, String text) {
        if (e.startsWith("2^")) {
            double x;
            try {
                x = Rational.parse(e.substring(2)).toDouble(RoundingMode.TOWARD_POSITIVE);
            } catch (InvalidInputException | ArithmeticException ex) {
                throw refused(text);
            }
            if (!(x > -1000 && x < 1000)) {
                throw refused(text);
            }
            // Math.pow is within 1 ulp and X was rounded up: a relative margin of 2^-40 covers both
            return Math.pow(2, x) * (1 + 0x1p-40);
        }
        Rational r;
        try {
            r = Rational.parse(e);
        } catch (InvalidInputException | ArithmeticException ex) {
            throw refused(text);
        }
        if (r.signum() <= 0) {
            throw refused(text);
        }
        return r.toDouble(RoundingMode.TOWARD_POSITIVE);
    }

    private static InvalidInputException refused(String text) {
        return new InvalidInputException("libm model '" + InvalidInputException.quoted(text.strip()) + "' is not accepted; accepted: correct, "
                + "faithful, ulps:K (1 <= K <= 2^40), abs:E (E > 0: decimal or 2^X), each of the last two with an optional @R "
                + "(|x| <= R; R = pi or a number), or unbounded");
    }

    /**
     * The values of {@code f} this model allows when the exact result lies in {@code [lo, hi]} (rationals; a
     * single-argument function's argument range is not checked here), as {@code [min, max]} of f; empty when
     * unbounded. Exact: faithful [RD(lo), RU(hi)], correct [RN(lo), RN(hi)] (monotone), ulps and abs
     * [RU(lo - w), RD(hi + w)] (an allowed value is a value of f within w of a point of [lo, hi]).
     *
     * @throws InvalidInputException when the allowed values reach 0 or below (a quotient by them would not be
     *         an interval)
     */
    default Optional<FloatValue[]> allowExact(Rational lo, Rational hi, Format f) {
        Rational down;
        Rational up;
        // faithful: [RD(lo), RU(hi)]; ulps and abs: an allowed r >= lo - w is a value of f, so r >= RU(lo - w) (and <= RD(hi + w))
        RoundingMode dm = RoundingMode.TOWARD_POSITIVE;
        RoundingMode um = RoundingMode.TOWARD_NEGATIVE;
        if (this instanceof Unbounded) {
            return Optional.empty();
        }
        if (this instanceof Correct) {
            down = lo;
            up = hi;
            dm = RoundingMode.NEAREST_EVEN;
            um = RoundingMode.NEAREST_EVEN;
        } else if (this instanceof Ulps u) {
            Rational ulp = f.ulp(lo.abs().max(hi.abs())).toRational().multiply(Rational.of(u.k()));
            down = lo.subtract(ulp);
            up = hi.add(ulp);
        } else if (this instanceof Absolute a) {
            Rational e = Rational.of(new java.math.BigDecimal(a.errorUp()));
            down = lo.subtract(e);
            up = hi.add(e);
        } else { // faithful
            down = lo;
            up = hi;
            dm = RoundingMode.TOWARD_NEGATIVE;
            um = RoundingMode.TOWARD_POSITIVE;
        }
        if (lo.signum() > 0 && down.signum() <= 0) {
            throw new InvalidInputException("the libm model " + label() + " allows values down to 0 or below for a result near "
                    + lo.toCompactDecimalStringOrFraction() + "; accepted: a bound that keeps the result positive");
        }
        return Optional.of(new FloatValue[] {f.round(down, dm).value(), f.round(up, um).value()});
    }

    /**
     * This model in format {@code f}, for results known as doubles (the hot path of a cross-check).
     *
     * @throws InvalidInputException unless f's values are doubles
     */
    default Allowance in(Format f) {
        return new Allowance(this, f.doubles());
    }
}
