package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * The ball level contains every value of its operations over every point of its arguments: the committed
 * fixture (src/test/python/gen_ball_fixtures.py) gives, for argument intervals of widths 0 to 1/2 (and near the
 * domains' boundaries), 640-bit python-flint balls of each operation at the corners and centre of the arguments'
 * box, each checked against mpmath. {@link BallArithmetic} at 128 and 384 bits on balls covering the intervals
 * (untagged, and exact for the points) must return enclosures containing every such ball, no wider than a few
 * units of the working precision for exact point arguments (an untagged point's enclosure is widened on purpose).
 */
class BallContainmentTest {
    private static final int[] BITS = {128, 384};

    /** The untagged ball [lo, hi] exactly: its midpoint and (hi - lo)/2 as the radius bound. */
    static Ball covering(Rational lo, Rational hi) {
        Rational mid = lo.add(hi).multiply(Rational.of(BigInteger.ONE, BigInteger.TWO));
        long exponent = -(mid.denominator().bitLength() - 1);
        Radius r = Radius.above(hi.subtract(lo).multiply(Rational.of(BigInteger.ONE, BigInteger.TWO)));
        return new Ball(mid.numerator(), exponent, r, Optional.empty());
    }

    private static Ball apply(BallArithmetic a, String op, Ball x, Ball y) {
        return switch (op) {
            case "add" -> a.add(x, y);
            case "sub" -> a.subtract(x, y);
            case "mul" -> a.multiply(x, y);
            case "div" -> a.divide(x, y);
            case "pow" -> a.pow(x, y);
            case "sqrt" -> a.sqrt(x);
            case "exp" -> a.exp(x);
            case "expm1" -> a.expm1(x);
            case "log" -> a.log(x);
            case "cos" -> a.cos(x);
            case "sin" -> a.sin(x);
            case "acos" -> a.acos(x);
            case "asin" -> a.asin(x);
            case "atan" -> a.atan(x);
            case "pi" -> a.pi();
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static Rational parse(String s) {
        return Rational.parse(s);
    }

    /** Checks every row at every precision with the arguments made by {@code exact} (points as exact values) or not. */
    private static void check(boolean exactPoints) throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/balls.csv");
        assertEquals(898, rows.size());
        for (int bits : BITS) {
            BallArithmetic a = new BallArithmetic(bits);
            int checked = 0;
            for (String[] row : rows) {
                String op = row[0];
                Ball x = op.equals("pi") ? null : argument(a, parse(row[1]), parse(row[2]), exactPoints);
                Ball y = row[3].isEmpty() ? null : argument(a, parse(row[3]), parse(row[4]), exactPoints);
                Ball r;
                try {
                    r = apply(a, op, x, y);
                } catch (InsufficientPrecisionException e) {
                    continue; // the level declines: nothing claimed
                }
                Enclosure ours = a.toEnclosure(r);
                Rational lo = parse(row[7]);
                Rational hi = parse(row[8]);
                String where = bits + " bits: " + op + "([" + row[1] + ", " + row[2] + "]" + (y == null ? "" : ", [" + row[3] + ", " + row[4] + "]")
                        + ") = " + ours + " misses the value at " + row[5] + (y == null ? "" : ", " + row[6]);
                assertTrue(ours.lo().compareTo(lo) <= 0 && hi.compareTo(ours.hi()) <= 0, where);
                boolean point = row[1].equals(row[2]) && (y == null || row[3].equals(row[4]));
                if (point && exactPoints) {
                    // 2^-(bits - 16) max(|v|, 1): a few units of the working precision (absolute near zero)
                    Rational v = lo.abs().max(Rational.ONE);
                    Rational allowed = v.multiply(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(bits - 16)));
                    assertTrue(ours.width().compareTo(allowed) <= 0, () -> bits + " bits: " + op + "(" + row[5] + ", " + row[6] + ") at a point is too wide: " + ours);
                }
                checked++;
            }
            assertTrue(checked > rows.size() * 9 / 10, bits + " bits: only " + checked + " rows evaluated");
        }
    }

    private static Ball argument(BallArithmetic a, Rational lo, Rational hi, boolean exactPoints) {
        return exactPoints && lo.equals(hi) ? a.of(lo) : covering(lo, hi);
    }

    @Test
    void ballsContainTheValueAtEveryPointOfTheirArguments() throws IOException {
        check(false);
    }

    @Test
    void exactArgumentsGiveEnclosuresOfTheExactResult() throws IOException {
        check(true);
    }

    @Test
    void exactValuesStayExactWhereTheEnclosureLevelKeepsThem() {
        BallArithmetic b = new BallArithmetic(128);
        EnclosureArithmetic e = new EnclosureArithmetic(128);
        Rational hundredth = Rational.of(BigInteger.ONE, BigInteger.valueOf(100));
        // 1/100 + 1/3 = 103/300, and (1/100)^(1/2) = 1/10, exactly (hand derivation), as the enclosure level holds them
        assertEquals(Enclosure.exact(Rational.of(BigInteger.valueOf(103), BigInteger.valueOf(300))),
                b.toEnclosure(b.add(b.of(hundredth), b.of(Rational.of(BigInteger.ONE, BigInteger.valueOf(3))))));
        assertEquals(Enclosure.exact(Rational.of(BigInteger.ONE, BigInteger.TEN)),
                b.toEnclosure(b.pow(b.of(hundredth), b.of(Rational.of(BigInteger.ONE, BigInteger.TWO)))));
        assertEquals(Enclosure.exact(Rational.of(BigInteger.ONE, BigInteger.TEN)), b.toEnclosure(b.sqrt(b.of(hundredth))));
        assertEquals(Enclosure.exact(1), b.toEnclosure(b.exp(b.of(0))));
        assertEquals(Enclosure.exact(0), b.toEnclosure(b.log(b.of(1))));
        assertEquals(Enclosure.exact(0), b.toEnclosure(b.multiply(b.of(0), b.pi())));
        assertEquals(Enclosure.exact(0), b.toEnclosure(b.acos(b.of(1))));
        // and not exact where that level is not: a transcendental value, a sum with pi, an untagged zero-radius ball
        assertFalse(b.toEnclosure(b.log(b.of(2))).isExact());
        assertFalse(e.log(Enclosure.exact(2)).isExact());
        assertFalse(b.toEnclosure(b.add(b.of(hundredth), b.pi())).isExact());
        assertFalse(b.toEnclosure(covering(Rational.ONE, Rational.ONE)).isExact());
        // the exact level's own rule for sizes: a product beyond a few times the precision is rounded by both
        Rational big = Rational.of(BigInteger.ONE, BigInteger.valueOf(3).pow(200));
        assertEquals(e.multiply(Enclosure.exact(big), Enclosure.exact(big)).isExact(), b.toEnclosure(b.multiply(b.of(big), b.of(big))).isExact());
    }

    @Test
    void domainErrorsAreTheEnclosureLevels() {
        BallArithmetic b = new BallArithmetic(128);
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> b.log(b.of(-1)));
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> b.divide(b.of(1), b.of(0)));
        org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> b.acos(b.of(2)));
        // a ball reaching zero is left to a more precise level
        org.junit.jupiter.api.Assertions.assertThrows(InsufficientPrecisionException.class,
                () -> b.log(covering(Rational.of(-1), Rational.ONE)));
        org.junit.jupiter.api.Assertions.assertThrows(InsufficientPrecisionException.class,
                () -> b.divide(b.of(1), covering(Rational.of(-1), Rational.ONE)));
    }

    @Test
    void comparisonsOfApartBallsAgreeWithTheirEnclosures() throws IOException {
        BallArithmetic b = new BallArithmetic(128);
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/balls.csv");
        int decided = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i)[0].equals("pi") || rows.get(i - 1)[0].equals("pi")) {
                continue;
            }
            Ball x = covering(parse(rows.get(i)[1]), parse(rows.get(i)[2]));
            Ball y = covering(parse(rows.get(i - 1)[1]), parse(rows.get(i - 1)[2]));
            java.util.OptionalInt fast = b.compareIfApart(x, y);
            java.util.OptionalInt slow = b.toEnclosure(x).compareTo(b.toEnclosure(y));
            if (fast.isPresent()) {
                assertEquals(slow, fast);
                decided++;
            }
        }
        assertTrue(decided > rows.size() / 5, "only " + decided + " comparisons decided");
    }
}
