package org.ropebounds.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.format.Rational;

/** The FullForm reader, enclosures and the sign rules, without Symja; plus a randomized soundness check. */
class SignAnalysisTest {

    /** Symja's FullForm of L/b, the approximate spectrum's L*theta_min. */
    private static final Term L_OVER_B = Term.parseFullForm("Times(Power(b, -1), L)");

    private static Sign sign(String fullForm, Assumptions a) {
        return new SignAnalysis(a, Set.of(L_OVER_B)).sign(Term.parseFullForm(fullForm));
    }

    @Test
    void readsFullForm() {
        Term t = Term.parseFullForm("Times(-1, Power(Plus(-2, d), -1), Rational(-1,2), Log(eps), 1.5`, \"s\")");
        Term.App app = (Term.App) t;
        assertEquals("Times", app.head());
        assertEquals(new Term.Num(Rational.of(-1)), app.args().get(0));
        assertEquals(new Term.App("Power", List.of(
                new Term.App("Plus", List.of(new Term.Num(Rational.of(-2)), new Term.Sym("d"))),
                new Term.Num(Rational.of(-1)))), app.args().get(1));
        assertEquals(new Term.Num(Rational.parse("-0.5")), app.args().get(2));
        assertTrue(app.args().get(4) instanceof Term.Opaque);
        assertTrue(app.args().get(5) instanceof Term.Opaque);
        assertTrue(Term.parseFullForm("3.3333`50*^-1") instanceof Term.Opaque);
        assertEquals(new Term.App("f", List.of()), Term.parseFullForm("f()"));
    }

    @Test
    void rejectsMalformedFullForm() {
        assertThrows(IllegalArgumentException.class, () -> Term.parseFullForm("Times(a, b"));
        assertThrows(IllegalArgumentException.class, () -> Term.parseFullForm("a b"));
        assertThrows(IllegalArgumentException.class, () -> Term.parseFullForm(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // FullForm                                                              | standard     | quarter turn
        "Log(eps)                                                                | negative     | negative",
        "Times(-1, Log(eps))                                                     | positive     | positive",
        "Log(b)                                                                  | positive     | positive",
        "Log(L)                                                                  | unknown      | unknown",
        "Log(Power(eps, Power(nlayers, -1)))                                     | negative     | negative",
        "Plus(-2, d)                                                             | positive     | positive",
        "Plus(-3, d)                                                             | unknown      | unknown",
        "Plus(-1, p)                                                             | nonnegative  | nonnegative",
        "Power(Plus(-1, p), -1)                                                  | unknown      | unknown",
        "Power(Plus(1, Times(-1, Power(eps, Times(2, Power(nlayers, -1))))), Rational(-1,2)) | positive | positive",
        "ArcCos(eps)                                                             | positive     | positive",
        "ArcCos(L)                                                               | unknown      | unknown",
        "Plus(Times(2, Pi), Times(-1, ArcCos(eps)))                              | positive     | positive",
        "Plus(Times(4, ArcCos(eps)), Times(-2, Pi))                              | unknown      | unknown",
        "Cos(Times(Power(b, -1), L))                                             | unknown      | positive",
        "Log(Cos(Times(Power(b, -1), L)))                                        | unknown      | negative",
        "Tan(Times(Power(b, -1), L))                                             | unknown      | positive",
        "Cos(Times(Power(b, -1), L, 2))                                          | unknown      | unknown",
        "Cos(Rational(3,2))                                                      | positive     | positive",
        "Cos(Rational(8,5))                                                      | unknown      | unknown",
        "Sin(eps)                                                                | positive     | positive",
        "Plus(L, Times(-1, b))                                                   | unknown      | unknown",
        "Times(L, Power(L, -1))                                                  | positive     | positive",
        "Plus(1, Times(-1, Power(E, Times(-1, L))))                              | positive     | positive",
        "Power(eps, nlayers)                                                     | positive     | positive",
        "Power(Plus(-1, eps), Rational(1,2))                                     | unknown      | unknown",
        "Power(Plus(-1, eps), 3)                                                 | negative     | negative",
        "Power(Plus(-1, eps), 2)                                                 | positive     | positive",
        "Times(0, x)                                                             | unknown      | unknown",
        "Times(0, L)                                                             | zero         | zero",
        "Gamma(L)                                                                | unknown      | unknown",
        "Plus(L, 1.5`)                                                           | unknown      | unknown",
        "Power(Plus(1, Times(-1, Power(2, Plus(-1, p)))), -1)                    | unknown      | unknown",
    })
    void decidesSignsBySoundRules(String fullForm, String standard, String quarterTurn) {
        assertEquals(standard, sign(fullForm, Assumptions.STANDARD).word(), "standard: " + fullForm);
        assertEquals(quarterTurn, sign(fullForm, Assumptions.WITHIN_QUARTER_TURN).word(), "quarter turn: " + fullForm);
    }

    @Test
    void enclosureArithmetic() {
        Range unit = Range.UNIT_OPEN;
        assertEquals("(0, 2)", unit.plus(unit).toString());
        assertEquals("(-1, 1)", unit.plus(unit.negate()).toString());
        assertEquals("(0, 1)", unit.times(unit).toString());
        assertEquals("(-1, 0)", unit.times(unit.negate()).toString());
        assertEquals("(1, inf)", unit.powInteger(-1).toString());
        assertEquals("(0, 1)", unit.powInteger(3).toString());
        Range atLeastOne = Range.of(Rational.ONE, false, null, true);
        assertEquals("(0, 1]", atLeastOne.powInteger(-2).toString());
        assertEquals("[0, inf)", Range.of(Rational.of(-1), false, Rational.ONE, false).powInteger(2).toString());
        assertEquals("[0, 3]", Range.closed(Rational.ZERO, Rational.ONE).times(Range.closed(Rational.of(2), Rational.of(3))).toString());
        assertEquals(Sign.NONNEGATIVE, Range.closed(Rational.ZERO, Rational.ONE).sign());
        assertEquals(Sign.UNKNOWN, Range.REALS.sign());
        assertEquals("(-inf, 0)", unit.log().toString());
        assertEquals(null, Range.closed(Rational.ZERO, Rational.ONE).log());
        assertThrows(IllegalArgumentException.class, () -> Range.closed(Rational.ONE, Rational.ZERO));
    }

    // ---- soundness: random expressions, evaluated in doubles at random admissible points, stay inside ----

    private static final String[] VARS = {"L", "b", "nlayers", "eps", "d", "p"};

    @Test
    void randomExpressionsStayInsideTheirEnclosures() {
        Random random = new Random(20260211L);
        SignAnalysis analysis = new SignAnalysis(Assumptions.STANDARD, Set.of());
        int decided = 0;
        for (int i = 0; i < 4000; i++) {
            Term t = randomTerm(random, 4);
            Range e = analysis.enclose(t);
            if (e == null) {
                continue;
            }
            double lo = e.lo == null ? Double.NEGATIVE_INFINITY : toDouble(e.lo);
            double hi = e.hi == null ? Double.POSITIVE_INFINITY : toDouble(e.hi);
            for (int k = 0; k < 20; k++) {
                Map<String, Double> point = randomPoint(random);
                double v = evaluate(t, point);
                if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > 1e12) {
                    continue;
                }
                double slack = 1e-9 * (1 + Math.abs(v));
                assertTrue(v >= lo - slack && v <= hi + slack, t + " = " + v + " at " + point + " not in " + e);
                decided++;
            }
        }
        assertTrue(decided > 10_000, "too few decided samples: " + decided);
    }

    private static double toDouble(Rational q) {
        return new java.math.BigDecimal(q.numerator()).divide(new java.math.BigDecimal(q.denominator()),
                java.math.MathContext.DECIMAL64).doubleValue();
    }

    private static Map<String, Double> randomPoint(Random r) {
        double u = r.nextDouble();
        return Map.of(
                "L", Math.exp(-5 + 20 * r.nextDouble()),
                "b", 1 + Math.exp(-8 + 24 * r.nextDouble()),
                "nlayers", 1 + (r.nextBoolean() ? r.nextInt(100) : 200 * r.nextDouble()),
                "eps", u == 0 ? 0.5 : u,
                "d", 2 + Math.exp(-6 + 12 * r.nextDouble()),
                "p", 1 + 60 * r.nextDouble());
    }

    private static Term randomTerm(Random r, int depth) {
        int pick = depth == 0 ? r.nextInt(3) : r.nextInt(11);
        switch (pick) {
            case 0:
            case 1:
                return new Term.Sym(VARS[r.nextInt(VARS.length)]);
            case 2:
                return r.nextInt(5) == 0 ? new Term.Sym("Pi")
                        : new Term.Num(Rational.of(java.math.BigInteger.valueOf(r.nextInt(9) - 4),
                                java.math.BigInteger.valueOf(1 + r.nextInt(3))));
            case 3:
            case 4:
                return app("Plus", randomTerm(r, depth - 1), randomTerm(r, depth - 1));
            case 5:
            case 6:
                return app("Times", randomTerm(r, depth - 1), randomTerm(r, depth - 1));
            case 7:
                return app("Power", randomTerm(r, depth - 1),
                        r.nextBoolean() ? new Term.Num(Rational.of(r.nextInt(7) - 3)) : randomTerm(r, depth - 1));
            case 8:
                return app("Log", randomTerm(r, depth - 1));
            case 9:
                return app("ArcCos", randomTerm(r, depth - 1));
            default:
                return app(r.nextBoolean() ? "Cos" : r.nextBoolean() ? "Sin" : "Tan", randomTerm(r, depth - 1));
        }
    }

    private static Term app(String head, Term... args) {
        return new Term.App(head, List.of(args));
    }

    /** Real-valued evaluation in doubles; NaN where the expression is not real or not defined. */
    private static double evaluate(Term t, Map<String, Double> point) {
        if (t instanceof Term.Num n) {
            return toDouble(n.value());
        }
        if (t instanceof Term.Sym s) {
            return s.name().equals("Pi") ? Math.PI : point.get(s.name());
        }
        Term.App a = (Term.App) t;
        List<Double> v = new ArrayList<>();
        for (Term arg : a.args()) {
            v.add(evaluate(arg, point));
        }
        switch (a.head()) {
            case "Plus":
                return v.get(0) + v.get(1);
            case "Times":
                return v.get(0) * v.get(1);
            case "Power": {
                double x = v.get(0);
                double y = v.get(1);
                boolean integerExponent = a.args().get(1) instanceof Term.Num n
                        && n.value().denominator().equals(java.math.BigInteger.ONE);
                if (x <= 0 && !integerExponent) {
                    return Double.NaN;
                }
                if (x == 0 && y <= 0) {
                    return Double.NaN;
                }
                return Math.pow(x, y);
            }
            case "Log":
                return v.get(0) > 0 ? Math.log(v.get(0)) : Double.NaN;
            case "ArcCos":
                return Math.abs(v.get(0)) <= 1 ? Math.acos(v.get(0)) : Double.NaN;
            case "Cos":
                return Math.cos(v.get(0));
            case "Sin":
                return Math.sin(v.get(0));
            case "Tan":
                return Math.abs(v.get(0)) > 1e8 ? Double.NaN : Math.tan(v.get(0));
            default:
                throw new AssertionError(a.head());
        }
    }

    @Test
    void parsedTermsAreValues() {
        assertNotNull(Term.parseFullForm("Times(Power(b, -1), L)"));
        assertEquals(L_OVER_B, Term.parseFullForm("Times( Power( b , -1 ) , L )"));
    }
}
