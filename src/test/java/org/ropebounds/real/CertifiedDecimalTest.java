package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * Certified decimals as values (their number, enclosure and undecided state, with the text one view of
 * them), and the one Ziv loop every evaluation goes through. Expected values are worked by hand in the
 * comments.
 */
class CertifiedDecimalTest {

    private static Rational r(String s) {
        return Rational.parse(s);
    }

    private static Rational fraction(long p, long q) {
        return Rational.of(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    @Test
    void undecidedIsOneTypedState() {
        CertifiedDecimal u = CertifiedDecimal.undecided(5);
        assertFalse(u.isDecided());
        assertFalse(u.complete());
        assertFalse(u.exact());
        assertEquals(0, u.digits());
        assertEquals(5, u.requested());
        assertEquals(Optional.empty(), u.toBigDecimal());
        assertEquals(Optional.empty(), u.enclosure());
        assertEquals("?", u.text());
        assertTrue(u.guarantee().startsWith("undecided"));
        // [-1, 1] does not even decide the sign, so not one digit: best gives the same undecided value
        assertEquals(u, CertifiedDecimal.best(Enclosure.of(r("-1"), r("1")), 5));
        assertThrows(IllegalArgumentException.class, () -> CertifiedDecimal.undecided(0));
        assertThrows(IllegalArgumentException.class, () -> CertifiedDecimal.decide(Enclosure.exact(1), 0));
        assertThrows(IllegalArgumentException.class, () -> CertifiedDecimal.best(Enclosure.exact(1), -3));
    }

    @Test
    void anExactValueIsItsOwnNumber() {
        // 10^30 terminates with 1 significant digit: exact, printed with the digits it has
        CertifiedDecimal e = CertifiedDecimal.decide(Enclosure.exact(r("1e30")), 3).orElseThrow();
        assertTrue(e.isDecided() && e.exact() && e.complete());
        assertEquals(0, e.toBigDecimal().orElseThrow().compareTo(BigDecimal.TEN.pow(30)));
        assertEquals(1, e.digits());
        assertEquals(Enclosure.exact(r("1e30")), e.enclosure().orElseThrow());
        assertEquals("1e+30", e.text());
        // 2^-10 = 0.0009765625 = 9765625e-10 terminates (7 significant digits): exact, more than the 4 asked
        CertifiedDecimal k = CertifiedDecimal.decide(Enclosure.exact(fraction(1, 1024)), 4).orElseThrow();
        assertTrue(k.exact());
        assertEquals(new BigDecimal("0.0009765625"), k.toBigDecimal().orElseThrow());
        assertEquals(7, k.digits());
        assertEquals("0.0009765625", k.text());
    }

    @Test
    void directedValuesRoundTowardTheirInfinity() {
        // 2/3 = 0.6666...: up (toward +inf) 0.6667, down (toward -inf) 0.6666 at 4 digits; -2/3: up -0.6666, down -0.6667
        CertifiedDecimal up = CertifiedDecimal.decideUp(Enclosure.exact(fraction(2, 3)), 4).orElseThrow();
        assertEquals("0.6667", up.text());
        assertEquals(CertifiedDecimal.Direction.UPWARD, up.direction());
        assertEquals("rounded up to 4 significant digits: the exact value is at most this", up.guarantee());
        CertifiedDecimal down = CertifiedDecimal.decideDown(Enclosure.exact(fraction(2, 3)), 4).orElseThrow();
        assertEquals("0.6666", down.text());
        assertEquals("rounded down to 4 significant digits: the exact value is at least this", down.guarantee());
        assertEquals("-0.6666", CertifiedDecimal.decideUp(Enclosure.exact(fraction(-2, 3)), 4).orElseThrow().text());
        assertEquals("-0.6667", CertifiedDecimal.decideDown(Enclosure.exact(fraction(-2, 3)), 4).orElseThrow().text());
        // 1/3 up at 5 digits: 0.33334 (nearest would be 0.33333)
        assertEquals("0.33334", CertifiedDecimal.decide(Enclosure.exact(fraction(1, 3)), 5, CertifiedDecimal.Direction.UPWARD)
                .orElseThrow().text());
        // [19750.41, 19750.42] (around 4096/acos(0.5^(1/32)) = 19750.4135...): up to 6 digits, both ends give 19750.5; down,
        // 19750.4; nearest too gives 19750.4, the infeasible end the directed rounding avoids
        Enclosure bound = Enclosure.of(r("19750.41"), r("19750.42"));
        assertEquals("19750.5", CertifiedDecimal.decideUp(bound, 6).orElseThrow().text());
        assertEquals("19750.4", CertifiedDecimal.decideDown(bound, 6).orElseThrow().text());
        assertEquals("19750.4", CertifiedDecimal.decide(bound, 6).orElseThrow().text());
        // an end exactly on the 6-digit grid: [19750.4, 19750.41] rounds up to 19750.4 and 19750.5, so it is undecided up,
        // decided down; the enclosure [19750.39, 19750.4] the other way round
        assertEquals(Optional.empty(), CertifiedDecimal.decideUp(Enclosure.of(r("19750.4"), r("19750.41")), 6));
        assertEquals("19750.4", CertifiedDecimal.decideDown(Enclosure.of(r("19750.4"), r("19750.41")), 6).orElseThrow().text());
        assertEquals("19750.4", CertifiedDecimal.decideUp(Enclosure.of(r("19750.39"), r("19750.4")), 6).orElseThrow().text());
        // exact values print exactly whatever the direction: 2^23, and 83.88608 = 2^23 / 10^5
        CertifiedDecimal ceiling = CertifiedDecimal.decideDown(Enclosure.exact(8388608), 3).orElseThrow();
        assertTrue(ceiling.exact());
        assertEquals("8388608", ceiling.text());
        assertEquals("exact", ceiling.guarantee());
        assertEquals("83.88608", CertifiedDecimal.decideUp(Enclosure.exact(r("83.88608")), 3).orElseThrow().text());
        // best keeps the direction with fewer digits: [0.12341, 0.12349] rounds up to 0.1235 at 4 digits (not 5)
        CertifiedDecimal fewer = CertifiedDecimal.best(Enclosure.of(r("0.12341"), r("0.12349")), 5, CertifiedDecimal.Direction.UPWARD);
        assertEquals("0.1235", fewer.text());
        assertEquals(4, fewer.digits());
        assertEquals(5, fewer.requested());
        assertEquals("rounded up to 4 significant digits (5 asked; the rest could not be decided): the exact value is at most this",
                fewer.guarantee());
        assertEquals("0.1234", CertifiedDecimal.best(Enclosure.of(r("0.12341"), r("0.12349")), 5, CertifiedDecimal.Direction.DOWNWARD)
                .text());
        // the same digits in two directions are different values
        assertFalse(CertifiedDecimal.decideUp(Enclosure.exact(fraction(1, 3)), 2).orElseThrow()
                .equals(CertifiedDecimal.decideDown(Enclosure.exact(fraction(1, 3)), 2).orElseThrow()));
        // and the default stays nearest
        assertEquals(CertifiedDecimal.Direction.NEAREST, CertifiedDecimal.decide(Enclosure.exact(fraction(1, 3)), 2).orElseThrow().direction());
    }

    @Test
    void aDirectedValueIsTheNearestDecimalOnItsSide() {
        // for random x = p/q (not an integer) and unit the place of the n-th significant digit of the result: rounded up,
        // u satisfies u - unit < x <= u; rounded down, v <= x < v + unit; checked with exact rationals (short
        // terminating x, printed exactly, are skipped)
        Random random = new Random(13);
        int checked = 0;
        for (int k = 0; k < 2000; k++) {
            long p = random.nextLong() % 1_000_000_000_000L;
            long q = 3 * (1 + random.nextInt(1_000_000)) * (random.nextBoolean() ? 7 : 1);
            Rational x = fraction(p, q);
            if (x.isZero() || x.denominator().equals(BigInteger.ONE)) {
                continue;
            }
            int n = 1 + random.nextInt(20);
            for (CertifiedDecimal.Direction d : List.of(CertifiedDecimal.Direction.UPWARD, CertifiedDecimal.Direction.DOWNWARD)) {
                Optional<CertifiedDecimal> c = CertifiedDecimal.decide(Enclosure.exact(x), n, d);
                if (c.orElseThrow().exact()) {
                    continue; // a short terminating x prints exactly
                }
                BigDecimal v = c.orElseThrow().toBigDecimal().orElseThrow();
                Rational value = Rational.of(v);
                assertEquals(n, c.get().digits());
                // v = unscaled 10^-scale with precision() digits: its n-th significant digit has the place 10^-(scale + n - precision)
                Rational unit = Rational.of(BigDecimal.ONE.movePointLeft(v.scale() + n - v.precision()));
                String where = x + " to " + n + " digits " + d + ": " + v;
                if (d == CertifiedDecimal.Direction.UPWARD) {
                    assertTrue(value.compareTo(x) >= 0 && value.subtract(unit).compareTo(x) < 0, where);
                } else {
                    assertTrue(value.compareTo(x) <= 0 && value.add(unit).compareTo(x) > 0, where);
                }
                checked++;
            }
        }
        assertTrue(checked > 3000, "checked " + checked);
    }

    @Test
    void aRoundedValueIsTheCorrectRounding() {
        // 1/3 does not terminate: rounded, 0.33333 to 5 digits; the enclosure kept is the exact point 1/3
        CertifiedDecimal third = CertifiedDecimal.decide(Enclosure.exact(fraction(1, 3)), 5).orElseThrow();
        assertFalse(third.exact());
        assertEquals(0, third.toBigDecimal().orElseThrow().compareTo(new BigDecimal("0.33333")));
        assertEquals(Enclosure.exact(fraction(1, 3)), third.enclosure().orElseThrow());
        // 2/3 = 0.666666...: rounds up to 0.6667 at 4 digits
        assertEquals(0, CertifiedDecimal.decide(Enclosure.exact(fraction(2, 3)), 4).orElseThrow().toBigDecimal().orElseThrow()
                .compareTo(new BigDecimal("0.6667")));
        // [0.99999, 1.00001]: both ends round to 1.00 at 3 digits; the text keeps the zeros, the number is 1
        CertifiedDecimal one = CertifiedDecimal.decide(Enclosure.of(r("0.99999"), r("1.00001")), 3).orElseThrow();
        assertEquals("1.00", one.text());
        assertEquals(0, one.toBigDecimal().orElseThrow().compareTo(BigDecimal.ONE));
        // [0.12499, 0.12501] straddles the tie 0.125 at 2 digits (0.12 vs 0.13): undecided at 2, 0.1 at 1
        Enclosure tie = Enclosure.of(r("0.12499"), r("0.12501"));
        assertTrue(CertifiedDecimal.decide(tie, 2).isEmpty());
        CertifiedDecimal best = CertifiedDecimal.best(tie, 2);
        assertEquals(1, best.digits());
        assertEquals(2, best.requested());
        assertFalse(best.complete());
        assertEquals(0, best.toBigDecimal().orElseThrow().compareTo(new BigDecimal("0.1")));
        assertEquals(tie, best.enclosure().orElseThrow());
    }

    @Test
    void theTextAndTheNumberAreTwoViewsOfOneValue() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            BigInteger p = new BigInteger(1 + random.nextInt(120), random).add(BigInteger.ONE);
            BigInteger q = new BigInteger(1 + random.nextInt(120), random).add(BigInteger.ONE);
            Rational x = Rational.of(random.nextBoolean() ? p : p.negate(), q);
            Rational halfWidth = Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(random.nextInt(200)));
            Enclosure e = random.nextInt(4) == 0 ? Enclosure.exact(x) : Enclosure.of(x.subtract(halfWidth), x.add(halfWidth));
            CertifiedDecimal d = CertifiedDecimal.best(e, 1 + random.nextInt(40));
            if (!d.isDecided()) {
                assertEquals("?", d.text());
                continue;
            }
            BigDecimal v = d.toBigDecimal().orElseThrow();
            assertEquals(0, v.compareTo(new BigDecimal(d.text())), d::text);
            if (d.exact()) {
                assertEquals(x, Rational.of(v));
            } else {
                // the correct rounding lies within half a unit of the last digit of every point of the enclosure
                BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(v.precision() - v.scale() - d.digits());
                Rational half = Rational.of(unit).divide(Rational.of(2));
                assertTrue(Rational.of(v).subtract(e.lo()).abs().compareTo(half.add(e.width())) <= 0, d::text);
            }
        }
    }

    @Test
    void theLoopStopsAtTheFirstDecidingLevel() {
        List<Arithmetic<?>> levels = Ziv.levels(30);
        List<Arithmetic<?>> tried = new ArrayList<>();
        Optional<Arithmetic<?>> first256 = Ziv.refine(30, (a, mostPrecise) -> {
            tried.add(a);
            return a;
        }, a -> bitsOf(a) >= 256);
        Arithmetic<?> chosen = first256.orElseThrow();
        assertTrue(bitsOf(chosen) >= 256);
        assertEquals(levels.subList(0, tried.size()), tried);
        // no earlier level qualified (at 30 digits the first is the double-double level, then balls)
        assertTrue(tried.get(0) instanceof DoubleDoubleIntervalArithmetic);
        assertTrue(tried.subList(1, tried.size() - 1).stream().allMatch(a -> a instanceof BallArithmetic && bitsOf(a) < 256));
    }

    /** The working precision of an enclosure or ball level, 0 for the others. */
    private static int bitsOf(Arithmetic<?> a) {
        return a instanceof EnclosureArithmetic e ? e.bits() : a instanceof BallArithmetic b ? b.bits() : 0;
    }

    @Test
    void withoutADecisionTheMostPreciseEvaluatedLevelAnswers() {
        List<Arithmetic<?>> levels = Ziv.levels(10);
        List<Boolean> mostPrecise = new ArrayList<>();
        Optional<Arithmetic<?>> last = Ziv.refine(10, (a, m) -> {
            mostPrecise.add(m);
            return a;
        }, a -> false);
        assertEquals(levels.get(levels.size() - 1), last.orElseThrow());
        // told "most precise" exactly once, at the end
        assertEquals(levels.size(), mostPrecise.size());
        assertEquals(List.of(true), mostPrecise.subList(levels.size() - 1, levels.size()));
        assertFalse(mostPrecise.subList(0, levels.size() - 1).contains(true));
        // a level that cannot evaluate is skipped: the one before it answers
        Optional<Arithmetic<?>> beforeLast = Ziv.refine(10, (a, m) -> {
            if (m) {
                throw new InsufficientPrecisionException("not here");
            }
            return a;
        }, a -> false);
        assertEquals(levels.get(levels.size() - 2), beforeLast.orElseThrow());
        // no level evaluates: empty, and the decimal is the undecided one
        assertEquals(Optional.empty(), Ziv.refine(10, (a, m) -> {
            throw new InsufficientPrecisionException("never");
        }, a -> true));
        assertEquals(CertifiedDecimal.undecided(10), Ziv.decimal(10, a -> {
            throw new InsufficientPrecisionException("never");
        }));
        assertEquals(Optional.empty(), Ziv.decide(10, a -> Optional.empty()));
    }

    @Test
    void domainErrorsPassThroughTheLoop() {
        assertThrows(ArithmeticException.class, () -> Ziv.decimal(10, CertifiedDecimalTest::logOfMinusOne));
        assertThrows(IllegalArgumentException.class, () -> Ziv.refine(0, (a, m) -> a, a -> true));
        assertThrows(IllegalArgumentException.class, () -> Ziv.refine(Ziv.MAX_DIGITS + 1, (a, m) -> a, a -> true));
    }

    private static <T> Enclosure logOfMinusOne(Arithmetic<T> a) {
        return a.toEnclosure(a.log(a.of(-1)));
    }

    @Test
    void decimalsGiveTheirNumber() {
        // 1/2^-23 = 2^23 exactly, whatever level decides it
        CertifiedDecimal ceiling = Ziv.decimal(15, a -> inverse(a, fraction(1, 1 << 23)));
        assertTrue(ceiling.exact());
        assertEquals(new BigDecimal(1 << 23), ceiling.toBigDecimal().orElseThrow());
        // 0.1 + 0.2 = 0.3: a double interval cannot hold it; the trailing zeros send it to exact arithmetic
        CertifiedDecimal sum = Ziv.decimal(15, CertifiedDecimalTest::sum);
        assertTrue(sum.exact());
        assertEquals(new BigDecimal("0.3"), sum.toBigDecimal().orElseThrow());
        // 355/113 = 3.14159292035398230088... to 12 digits: 3.14159292035
        CertifiedDecimal q = Ziv.decimal(12, a -> inverse(a, fraction(113, 355)));
        assertTrue(q.complete());
        assertEquals(0, q.toBigDecimal().orElseThrow().compareTo(new BigDecimal("3.14159292035")));
    }

    private static <T> Enclosure inverse(Arithmetic<T> a, Rational x) {
        return a.toEnclosure(a.divide(a.of(1), a.of(x)));
    }

    private static <T> Enclosure sum(Arithmetic<T> a) {
        return a.toEnclosure(a.add(a.of(r("0.1")), a.of(r("0.2"))));
    }
}
