package org.ropebounds.symbolic;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ropebounds.format.Rational;

/**
 * Decides the sign of an expression under {@link Assumptions} by computing an {@link Range} of every
 * subexpression, bottom up, from the enclosures of the variables. Sound and incomplete: every rule below
 * holds for all real values allowed by the assumptions, so a decided sign is a proof (given the rules);
 * a rule that does not apply yields "unknown", never a guess. It does not evaluate anything numerically.
 *
 * <p>The rules, for enclosures X, Y of x, y:
 * <ul>
 *   <li>variables: L in (0,inf), b in (1,inf), N in [1,inf), eps in (0,1), d in (2,inf), p in [1,inf);
 *       constants: exact rationals; Pi in [3.141592653, 3.141592654]; E in [2.718281828, 2.718281829];
 *   <li>x + y: X + Y (interval addition); x * y: X * Y, exact for sign-definite factors, all reals when a
 *       factor's interval contains both signs;
 *   <li>x^k, k an integer: monotone image of X (reciprocals need X to exclude 0);
 *   <li>x^y otherwise: needs X strictly positive (so the power is real); then x^y = exp(y ln x) and only the
 *       position of X relative to 1 and the sign of Y are used (e.g. x in (0,1), y > 0 gives (0,1));
 *   <li>Log(x): needs X strictly positive; negative if X lies below 1, positive if above 1;
 *   <li>ArcCos(x): needs X within [-1,1]; in [0, Pi]; positive if x < 1; at most Pi/2 if x >= 0;
 *   <li>Cos(x), Tan(x): in (0,1] resp. [0,inf) when X lies in [0, 1.570796326] (below Pi/2); under
 *       {@link Assumptions#WITHIN_QUARTER_TURN}, Cos(L*theta_min) in (0,1) and Tan(L*theta_min) in (0,inf),
 *       matched structurally against Symja's canonical forms of L*theta_min; Cos(x) in [-1,1] otherwise;
 *       Sin(x) in [0,1] for X in [0, 3.141592653], in [-1,1] otherwise;
 *   <li>anything else (other functions, unknown symbols, inexact numbers): unknown.
 * </ul>
 */
final class SignAnalysis {

    private static final Rational PI_LO = Range.rational(3_141_592_653L, 1_000_000_000L);
    private static final Rational PI_HI = Range.rational(3_141_592_654L, 1_000_000_000L);
    private static final Rational HALF_PI_LO = Range.rational(1_570_796_326L, 1_000_000_000L);
    private static final Rational HALF_PI_HI = Range.rational(1_570_796_327L, 1_000_000_000L);
    private static final Rational E_LO = Range.rational(2_718_281_828L, 1_000_000_000L);
    private static final Rational E_HI = Range.rational(2_718_281_829L, 1_000_000_000L);
    private static final int MAX_INTEGER_EXPONENT = 4096;

    private static final Map<String, Range> VARIABLES = Map.of(
            "L", Range.POSITIVE,
            "b", Range.ABOVE_ONE,
            "N", Range.of(Rational.ONE, false, null, true),
            "eps", Range.UNIT_OPEN,
            "d", Range.of(Rational.of(2), true, null, true),
            "p", Range.of(Rational.ONE, false, null, true));

    private final Assumptions assumptions;
    private final Set<Term> quarterTurnArguments;

    /**
     * @param quarterTurnArguments the terms that denote {@code L*theta_min} (used only under
     *     {@link Assumptions#WITHIN_QUARTER_TURN})
     */
    SignAnalysis(Assumptions assumptions, Set<Term> quarterTurnArguments) {
        this.assumptions = assumptions;
        this.quarterTurnArguments = Set.copyOf(quarterTurnArguments);
    }

    /** The sign of {@code t} for all values allowed by the assumptions, or {@link Sign#UNKNOWN}. */
    Sign sign(Term t) {
        Range e = enclose(t);
        return e == null ? Sign.UNKNOWN : e.sign();
    }

    /** An enclosure of all values of {@code t} under the assumptions, or {@code null} if none is known. */
    Range enclose(Term t) {
        if (t instanceof Term.Num n) {
            return Range.point(n.value());
        }
        if (t instanceof Term.Sym s) {
            return symbol(VariableNames.callerName(s.name()));
        }
        if (t instanceof Term.App a) {
            return application(a.head(), a.args());
        }
        return null;
    }

    private static Range symbol(String name) {
        return switch (name) {
            case "Pi" -> Range.closed(PI_LO, PI_HI);
            case "E" -> Range.closed(E_LO, E_HI);
            default -> VARIABLES.get(name);
        };
    }

    private Range application(String head, List<Term> args) {
        switch (head) {
            case "Plus":
            case "Times": {
                Range acc = null;
                for (Term arg : args) {
                    Range e = enclose(arg);
                    if (e == null) {
                        return null;
                    }
                    acc = acc == null ? e : head.equals("Plus") ? acc.plus(e) : acc.times(e);
                }
                return acc;
            }
            case "Power":
                return args.size() == 2 ? power(args.get(0), args.get(1)) : null;
            case "Log":
                return args.size() == 1 ? logOf(enclose(args.get(0))) : null;
            case "ArcCos":
                return args.size() == 1 ? arcCos(enclose(args.get(0))) : null;
            case "Cos":
                return args.size() == 1 ? cos(args.get(0)) : null;
            case "Tan":
                return args.size() == 1 ? tan(args.get(0)) : null;
            case "Sin":
                return args.size() == 1 ? sin(enclose(args.get(0))) : null;
            default:
                return null;
        }
    }

    private Range power(Term base, Term exponent) {
        Range b = enclose(base);
        if (b == null) {
            return null;
        }
        if (exponent instanceof Term.Num n && n.value().denominator().equals(BigInteger.ONE)
                && n.value().numerator().abs().compareTo(BigInteger.valueOf(MAX_INTEGER_EXPONENT)) <= 0) {
            return b.powInteger(n.value().numerator().intValueExact());
        }
        return b.powReal(enclose(exponent));
    }

    private static Range logOf(Range x) {
        return x == null ? null : x.log();
    }

    private static Range arcCos(Range x) {
        if (x == null || !x.atLeast(Rational.ONE.negate()) || !x.atMost(Rational.ONE)) {
            return null;
        }
        boolean positive = x.belowOne(); // arccos(x) = 0 only at x = 1
        Rational hi = x.atLeast(Rational.ZERO) ? HALF_PI_HI : PI_HI; // arccos(x) <= Pi/2 iff x >= 0
        return Range.of(Rational.ZERO, positive, hi, false);
    }

    private boolean isQuarterTurnArgument(Term t) {
        return assumptions == Assumptions.WITHIN_QUARTER_TURN && quarterTurnArguments.contains(t);
    }

    private Range cos(Term arg) {
        if (isQuarterTurnArgument(arg)) {
            return Range.UNIT_OPEN;
        }
        Range x = enclose(arg);
        if (x == null) {
            return null;
        }
        if (x.atLeast(Rational.ZERO) && x.atMost(HALF_PI_LO)) {
            boolean zeroExcluded = x.strictlyPositive(); // cos(x) = 1 only at x = 0 here
            return Range.of(Rational.ZERO, true, Rational.ONE, zeroExcluded);
        }
        return Range.closed(Rational.ONE.negate(), Rational.ONE);
    }

    private Range tan(Term arg) {
        if (isQuarterTurnArgument(arg)) {
            return Range.POSITIVE;
        }
        Range x = enclose(arg);
        if (x != null && x.atLeast(Rational.ZERO) && x.atMost(HALF_PI_LO)) {
            return Range.of(Rational.ZERO, x.strictlyPositive(), null, true);
        }
        return null;
    }

    private static Range sin(Range x) {
        if (x == null) {
            return null;
        }
        if (x.atLeast(Rational.ZERO) && x.atMost(PI_LO)) {
            return Range.of(Rational.ZERO, x.strictlyPositive(), Rational.ONE, false);
        }
        return Range.closed(Rational.ONE.negate(), Rational.ONE);
    }
}
