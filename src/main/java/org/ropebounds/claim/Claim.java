package org.ropebounds.claim;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.Bound;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.criteria.DecayContext;
import org.ropebounds.criteria.DecayCriterion;
import org.ropebounds.criteria.DistanceRange;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.InsufficientPrecisionException;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;

/**
 * A claim: real expressions joined by comparisons ({@code a <= b < c}), checked with certified
 * enclosures. Built only by {@link ClaimParser}, so every node is one of a fixed list: no user text
 * ever reaches an evaluator that could touch files, threads or the network.
 *
 * @param text the claim as written
 * @param sides the expressions, at least two
 * @param sideTexts each side as written, trimmed
 * @param relations the comparisons between consecutive sides, one fewer than the sides
 */
public record Claim(String text, List<Expr> sides, List<String> sideTexts, List<Relation> relations) {

    /** A comparison operator. */
    public enum Relation {
        /** a &lt; b. */
        LT("<"),
        /** a &lt;= b. */
        LE("<="),
        /** a &gt; b. */
        GT(">"),
        /** a &gt;= b. */
        GE(">="),
        /** a == b. */
        EQ("=="),
        /** a != b. */
        NE("!=");

        private final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in a claim. */
        public String symbol() {
            return symbol;
        }

        /** TRUE or FALSE when the enclosures decide it for every pair of values they contain, else empty. */
        Optional<Boolean> decide(Enclosure a, Enclosure b) {
            return switch (this) {
                case LT -> below(a, b, true);
                case LE -> below(a, b, false);
                case GT -> below(b, a, true);
                case GE -> below(b, a, false);
                case EQ -> equal(a, b);
                case NE -> equal(a, b).map(e -> !e);
            };
        }

        /** a < b (strict) or a <= b. */
        private static Optional<Boolean> below(Enclosure a, Enclosure b, boolean strict) {
            int always = a.hi().compareTo(b.lo());
            int never = a.lo().compareTo(b.hi());
            if (strict ? always < 0 : always <= 0) {
                return Optional.of(true);
            }
            if (strict ? never >= 0 : never > 0) {
                return Optional.of(false);
            }
            return Optional.empty();
        }

        private static Optional<Boolean> equal(Enclosure a, Enclosure b) {
            if (a.isExact() && b.isExact()) {
                return Optional.of(a.lo().equals(b.lo()));
            }
            if (a.hi().compareTo(b.lo()) < 0 || a.lo().compareTo(b.hi()) > 0) {
                return Optional.of(false);
            }
            return Optional.empty();
        }
    }

    /** TRUE, FALSE, or UNDECIDED at the digit limit. */
    public enum Verdict {
        /** Every relation holds for every value the enclosures contain. */
        TRUE,
        /** Some relation fails for every value the enclosures contain. */
        FALSE,
        /** The enclosures at the most precise level tried still overlap. */
        UNDECIDED
    }

    /**
     * The verdict, the enclosure of every side and the working precision in bits, at the level that
     * decided it (or the most precise level tried).
     */
    public record Result(Verdict verdict, List<Enclosure> sides, int precisionBits) {
    }

    /**
     * Checks the claim with enclosures of increasing precision, up to about {@code digits} significant
     * digits (and a few levels beyond, as {@link Ziv#levels} does).
     *
     * @throws InvalidInputException unless digits is within 1..{@value #MAX_DIGITS}; when a function is used
     *         outside its domain (log of a negative number, a non-integer context in zone_lower, ...); and when
     *         an intermediate value is out of reach (a power beyond about 2^(2^{@value #MAX_RESULT_LOG2_BITS}), exp
     *         of |x| &gt; 2^{@value #MAX_RESULT_LOG2_BITS}, cos or sin of |x| &gt; 2^{@value #MAX_PERIODIC_LOG2}): refused
     *         at the first evaluation of that argument, before the costly step
     */
    public Result check(int digits) {
        if (digits < 1 || digits > MAX_DIGITS) {
            throw new InvalidInputException("digits " + digits + " is out of range; accepted: 1.." + MAX_DIGITS);
        }
        // the result reports the deciding level's bits and side enclosures: only levels that report as such
        return Ziv.refineOver(Ziv.reportableLevels(digits), (a, mostPrecise) -> at(a), r -> r.verdict() != Verdict.UNDECIDED)
                .orElseThrow(() -> new InvalidInputException("the claim '" + InvalidInputException.quoted(text)
                        + "' could not be evaluated at any precision up to " + digits + " digits"));
    }

    /**
     * The verdict at one precision: FALSE as soon as one relation is decided false, TRUE when all are
     * decided true, else UNDECIDED.
     *
     * @throws InsufficientPrecisionException when a side cannot be evaluated at this precision
     */
    private Result at(Arithmetic<?> a) {
        List<Enclosure> values = new ArrayList<>();
        try {
            for (Expr e : sides) {
                values.add(e.enclose(a));
            }
        } catch (InsufficientPrecisionException e) {
            throw e;
        } catch (ArithmeticException e) {
            throw new InvalidInputException("the claim '" + InvalidInputException.quoted(text) + "' is outside the functions' domains: "
                    + e.getMessage());
        }
        int bits = a instanceof org.ropebounds.real.EnclosureArithmetic ea ? ea.bits() : 53; // else double intervals
        boolean undecided = false;
        for (int i = 0; i < relations.size(); i++) {
            Optional<Boolean> r = relations.get(i).decide(values.get(i), values.get(i + 1));
            if (r.isPresent() && !r.get()) {
                return new Result(Verdict.FALSE, List.copyOf(values), bits);
            }
            undecided |= r.isEmpty();
        }
        return new Result(undecided ? Verdict.UNDECIDED : Verdict.TRUE, List.copyOf(values), bits);
    }

    /** A node of a claim's expression tree. */
    public sealed interface Expr extends RealExpression {
    }

    record Num(Rational value) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            return a.of(value);
        }
    }

    record Pi() implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            return a.pi();
        }
    }

    record Neg(Expr x) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            return a.subtract(a.of(Rational.ZERO), x.evaluate(a));
        }
    }

    record Binary(char op, Expr left, Expr right) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            T l = left.evaluate(a);
            T r = right.evaluate(a);
            return switch (op) {
                case '+' -> a.add(l, r);
                case '-' -> a.subtract(l, r);
                case '*' -> a.multiply(l, r);
                case '/' -> a.divide(l, r);
                case '^' -> power(a, l, r);
                default -> throw new IllegalStateException("operator " + op);
            };
        }

        /** x^y; an exact integer exponent is repeated multiplication, so negative bases are allowed. */
        private <T> T power(Arithmetic<T> a, T x, T y) {
            Enclosure e = a.toEnclosure(y);
            // x^y has about |y| * log2|x| bits of exponent: refuse what no format and no table needs, before computing it
            if (log2Magnitude(e) + Math.log(Math.max(1, log2Magnitude(a.toEnclosure(x)))) / Math.log(2) > MAX_RESULT_LOG2_BITS) {
                throw new InvalidInputException("a power x^y in the claim is beyond 2^(2^" + MAX_RESULT_LOG2_BITS
                        + ") in magnitude (or below its inverse), so it is refused; accepted: |y| * |log2 x| up to about 2^"
                        + MAX_RESULT_LOG2_BITS);
            }
            if (e.isExact() && e.lo().denominator().equals(BigInteger.ONE) && e.lo().numerator().bitLength() <= 16) {
                int n = e.lo().numerator().intValueExact();
                T result = a.of(Rational.ONE);
                T base = x;
                for (int k = Math.abs(n); k > 0; k >>= 1) {
                    if ((k & 1) == 1) {
                        result = a.multiply(result, base);
                    }
                    if (k > 1) {
                        base = a.multiply(base, base);
                    }
                }
                return n < 0 ? a.divide(a.of(Rational.ONE), result) : result;
            }
            return a.pow(x, y);
        }
    }

    /**
     * Powers beyond about 2^(2^20) in magnitude (or below its inverse) and exp of |x| &gt; 2^20 are refused: they
     * would take minutes and no format or table needs them.
     */
    public static final int MAX_RESULT_LOG2_BITS = 20;

    /**
     * cos and sin of arguments beyond 2^4096 in magnitude are refused: their argument reduction needs pi to
     * as many bits beyond the working precision (sin(2^4096) takes about a second; sin(2^1000000) hours).
     */
    public static final int MAX_PERIODIC_LOG2 = 4096;

    /**
     * Most significant digits {@link #check} aims for: enough for any claim about formats up to fp64 many
     * times over, and few enough that a claim the enclosures cannot decide (pi == pi) gives up within seconds.
     */
    public static final int MAX_DIGITS = 500;

    /** About log2 of the largest magnitude in e (0 for zero); a guard, never printed. */
    static double log2Magnitude(Enclosure e) {
        return Math.max(log2(e.lo()), log2(e.hi()));
    }

    /** Whether the enclosure reaches beyond 2^k in magnitude: max(|lo|, |hi|) &gt; 2^k, exactly. */
    static boolean beyondPowerOfTwo(Enclosure e, int k) {
        Rational limit = Rational.of(BigInteger.ONE.shiftLeft(k), BigInteger.ONE);
        return e.lo().abs().compareTo(limit) > 0 || e.hi().abs().compareTo(limit) > 0;
    }

    private static double log2(Rational r) {
        return r.isZero() ? 0 : Math.abs((double) r.numerator().abs().bitLength() - r.denominator().bitLength());
    }

    /** A one-argument elementary function. */
    record Elementary(String name, Expr x) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            T v = x.evaluate(a);
            if (name.equals("exp") && beyondPowerOfTwo(a.toEnclosure(v), MAX_RESULT_LOG2_BITS)) {
                throw new InvalidInputException("exp(x) with |x| beyond 2^" + MAX_RESULT_LOG2_BITS + " is refused; accepted: |x| <= 2^"
                        + MAX_RESULT_LOG2_BITS);
            }
            if ((name.equals("cos") || name.equals("sin")) && beyondPowerOfTwo(a.toEnclosure(v), MAX_PERIODIC_LOG2)) {
                throw new InvalidInputException(name + "(x) with |x| beyond 2^" + MAX_PERIODIC_LOG2 + " is refused: reducing x"
                        + " modulo pi would need as many bits of pi; accepted: |x| <= 2^" + MAX_PERIODIC_LOG2);
            }
            return switch (name) {
                case "sqrt" -> a.sqrt(v);
                case "exp" -> a.exp(v);
                case "log" -> a.log(v);
                case "cos" -> a.cos(v);
                case "sin" -> a.sin(v);
                case "arccos" -> a.acos(v);
                case "arcsin" -> a.asin(v);
                case "arctan" -> a.atan(v);
                case "abs" -> a.max(v, a.subtract(a.of(Rational.ZERO), v));
                default -> throw new IllegalStateException("function " + name);
            };
        }
    }

    record MinMax(boolean max, Expr x, Expr y) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            T u = x.evaluate(a);
            T v = y.evaluate(a);
            if (max) {
                return a.max(u, v);
            }
            T zero = a.of(Rational.ZERO);
            return a.subtract(zero, a.max(a.subtract(zero, u), a.subtract(zero, v)));
        }
    }

    /** ceiling(F): the precision ceiling 1/eps_mach(F) = 2^(p-1) of the seed paper. */
    record Ceiling(Format format) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            return a.divide(a.of(Rational.ONE), a.of(EpsilonConvention.MACHINE.resolution(format).toRational()));
        }
    }

    /** round(F, x) to nearest, ties to even (IEEE overflow) and ulp(F, x): exact once x's enclosure decides them. */
    record InFormat(boolean ulp, Format format, Expr x) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            Enclosure e = a.toEnclosure(x.evaluate(a));
            if (ulp) {
                Rational lo = format.ulp(e.lo()).toRational();
                if (!lo.equals(format.ulp(e.hi()).toRational())) {
                    throw new InsufficientPrecisionException("ulp(" + format.name() + ", x) not decided");
                }
                return a.of(lo);
            }
            FloatValue v = format.roundIfDecided(e.lo(), e.hi(), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY)
                    .orElseThrow(() -> new InsufficientPrecisionException("round(" + format.name() + ", x) not decided"));
            if (!v.isFinite()) {
                throw new ArithmeticException("round(" + format.name() + ", x) overflows: x is beyond the largest finite "
                        + format.name() + " value " + format.maxFinite().toCompactDecimalString());
            }
            return a.of(v.value().toRational());
        }
    }

    /** theta(b, d, i) = b^(-2i/d), the frequency of mode i. */
    record Theta(Expr base, Expr dim, Expr mode) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            return new Binary('^', base, new Binary('/', new Binary('*', new Num(Rational.of(-2)), mode), dim)).evaluate(a);
        }
    }

    /**
     * zone_lower(L, N, eps, d): the binding lower bound on b (the largest of the aliasing, DC-stability and
     * depth-stability thresholds), approximate spectrum as in the seed paper. L, N, d integers, 0 < eps < 1,
     * all exact.
     */
    record ZoneLower(Expr context, Expr layers, Expr tolerance, Expr dim) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            ZoneQuery q = new ZoneQuery(integer(a, context, "L", ZoneQuery.MAX_CONTEXT), integer(a, layers, "N",
                    BigInteger.valueOf(ZoneQuery.MAX_LAYERS)).intValueExact(), exact(a, tolerance, "eps"),
                    integer(a, dim, "d", BigInteger.valueOf(ZoneQuery.MAX_ROTARY_DIM)).intValueExact(), Spectrum.APPROX,
                    EpsilonConvention.MACHINE);
            T best = null;
            for (Bound b : Bounds.lower()) {
                T t = b.threshold(a, q, Format.FP32);
                best = best == null ? t : a.max(best, t);
            }
            return best;
        }

        private static <T> Rational exact(Arithmetic<T> a, Expr x, String name) {
            Enclosure e = a.toEnclosure(x.evaluate(a));
            if (!e.isExact()) {
                throw new InvalidInputException("zone_lower's " + name + " must be an exact number (a rational written directly)");
            }
            return e.lo();
        }

        private static <T> BigInteger integer(Arithmetic<T> a, Expr x, String name, BigInteger max) {
            Rational r = exact(a, x, name);
            if (!r.denominator().equals(BigInteger.ONE) || r.signum() < 1 || r.numerator().compareTo(max) > 0) {
                throw new InvalidInputException("zone_lower's " + name + " = " + r.toCompactDecimalStringOrFraction()
                        + " is not accepted; need an integer in 1.." + max);
            }
            return r.numerator();
        }
    }

    /** Largest distance m accepted by decay(b, d, m): cos of m theta at every precision level stays cheap. */
    public static final long MAX_DECAY_DISTANCE = 1L << 32;

    /**
     * decay(b, d, m): Men et al.'s B_m(b) = sum_{i=0}^{d/2-1} cos(m b^(-2i/d)); b exact with 1 &lt; b &lt;= 1e100,
     * d an even integer in 2..1024, m an integer in 0..2^32.
     */
    record Decay(Expr base, Expr dim, Expr distance) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            Rational b = decayArgument(a, base, "decay", "b");
            int d = (int) decayInteger(a, dim, "decay", "d", DecayCriterion.MAX_HEAD_DIM);
            long m = decayInteger(a, distance, "decay", "m", MAX_DECAY_DISTANCE);
            return DecayCriterion.of(d, DistanceRange.INCLUSIVE).decaySum(a, b, m);
        }
    }

    /**
     * decay_context(b, d): L_theta(b), the longest context L with B_m(b) &gt;= 0 for every integer m in [0, L]
     * (an integer, at most 2^24); refused when it is beyond that, undecided when a sign on the way is.
     */
    record DecayContextOf(Expr base, Expr dim) implements Expr {
        @Override
        public <T> T evaluate(Arithmetic<T> a) {
            Rational b = decayArgument(a, base, "decay_context", "b");
            int d = (int) decayInteger(a, dim, "decay_context", "d", DecayCriterion.MAX_HEAD_DIM);
            DecayContext c = DecayCriterion.of(d, DistanceRange.INCLUSIVE).maxContext(b);
            if (!c.exact()) {
                throw new InsufficientPrecisionException("decay_context: the sign of B_" + c.firstUndecidedM().getAsLong() + " is undecided");
            }
            return a.of(c.maxContext());
        }
    }

    private static <T> Rational decayArgument(Arithmetic<T> a, Expr x, String function, String name) {
        Enclosure e = a.toEnclosure(x.evaluate(a));
        if (!e.isExact()) {
            throw new InvalidInputException(function + "'s " + name + " must be an exact number (a rational written directly)");
        }
        return e.lo();
    }

    private static <T> long decayInteger(Arithmetic<T> a, Expr x, String function, String name, long max) {
        Rational r = decayArgument(a, x, function, name);
        if (!r.denominator().equals(BigInteger.ONE) || r.signum() < 0 || r.numerator().compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidInputException(function + "'s " + name + " = " + InvalidInputException.quoted(r.toCompactDecimalStringOrFraction())
                    + " is not accepted; need an integer in 0.." + max);
        }
        return r.numerator().longValueExact();
    }
}
