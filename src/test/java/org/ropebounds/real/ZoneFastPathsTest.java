package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal.Direction;

/**
 * The fast paths the zone takes at the double and double-double levels (proofs/double-double-interval.md section
 * 11) against their rational definitions: small rationals as balls contain the rational (exact arithmetic); a
 * double interval's ball decision is {@code decide(Enclosure)}'s on [lo, hi], the same BigDecimal and scale and
 * the same CertifiedDecimal, and its quick reject never drops a decision; ball and double-interval comparisons
 * answer only as the enclosures do.
 */
class ZoneFastPathsTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(0x2017);

    @Test
    void smallRationalsBecomeBallsContainingThem() {
        for (int i = 0; i < 20000; i++) {
            long q = i % 3 == 0 ? BigInteger.TEN.pow(RANDOM.nextInt(16)).longValueExact() : RANDOM.nextLong(1, 1L << 53);
            long p = RANDOM.nextLong(-(1L << 53) + 1, 1L << 53);
            Rational x = Rational.of(BigInteger.valueOf(p), BigInteger.valueOf(q));
            DoubleDoubleInterval b = DoubleDoubleBalls.ratio(p, q);
            Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(b);
            assertTrue(e.contains(x), () -> p + "/" + q + " outside " + b);
            // tight: the radius is at most 2^-100 of the value
            Rational r = DoubleDoubleBalls.exact(b.radius());
            assertTrue(x.isZero() ? r.isZero() : r.compareTo(x.abs().multiply(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(100)))) <= 0,
                    () -> p + "/" + q + ": radius " + b.radius());
        }
        DoubleDoubleInterval tenth = DoubleDoubleBalls.ratio(9, 10); // 0.9, no double-double: a non-zero radius
        assertTrue(tenth.radius() > 0 && DoubleDoubleIntervalArithmetic.enclosureOf(tenth).contains(Rational.parse("0.9")));
        assertEquals(0.0, DoubleDoubleBalls.ratio(3, 8).radius()); // 3/8 is a double: exact
        // the level attaches the exact value, and its ball is the fma one
        DoubleDoubleInterval nine = new DoubleDoubleIntervalArithmetic(132).of(Rational.parse("0.9"));
        assertEquals(Optional.of(Rational.parse("0.9")), nine.exact());
        assertEquals(tenth.hi(), nine.hi());
    }

    @Test
    void doubleIntervalsDecideAsTheirEnclosures() {
        int decided = 0;
        for (int i = 0; i < 30000; i++) {
            int n = 1 + RANDOM.nextInt(16);
            double m = Math.scalb(1 + RANDOM.nextDouble(), RANDOM.nextInt(-60, 60)) * (RANDOM.nextBoolean() ? 1 : -1);
            if (i % 4 == 0) {
                // centred on an n-digit decimal, where the cells' edges are
                m = new BigDecimal(m).round(new java.math.MathContext(n)).doubleValue();
            }
            int ulps = RANDOM.nextInt(0, 1 << RANDOM.nextInt(1, 30));
            double lo = m;
            double hi = m;
            for (int k = 0; k < ulps && k < 64; k++) {
                lo = Math.nextDown(lo);
                hi = Math.nextUp(hi);
            }
            if (ulps >= 64) {
                lo = m - Math.ulp(m) * ulps;
                hi = m + Math.ulp(m) * ulps;
            }
            DoubleInterval x = new DoubleInterval(lo, hi);
            Enclosure e = DoubleIntervalArithmetic.INSTANCE.toEnclosure(x);
            for (Direction d : Direction.values()) {
                Optional<CertifiedDecimal> slow = CertifiedDecimal.decide(e, n, d);
                assertEquals(slow, CertifiedDecimal.decide(x, n, d), () -> x + " n=" + n + " " + d);
                Optional<CertifiedDecimal> quick = CertifiedDecimal.decideByBall(x, n, d);
                if (quick.isPresent()) {
                    decided++;
                    assertEquals(slow, quick, () -> "ball: " + x + " n=" + n + " " + d);
                    assertEquals(slow.get().toBigDecimal().orElseThrow(), quick.get().toBigDecimal().orElseThrow()); // scale too
                    assertEquals(slow.get().text(), quick.get().text());
                }
            }
        }
        assertTrue(decided > 10000, "ball decisions: " + decided);
    }

    @Test
    void comparisonsAnswerOnlyAsTheEnclosuresDo() {
        DoubleDoubleIntervalArithmetic dd = new DoubleDoubleIntervalArithmetic(132);
        int answered = 0;
        for (int i = 0; i < 20000; i++) {
            double h = Math.scalb(1 + RANDOM.nextDouble(), RANDOM.nextInt(-20, 20));
            double other = RANDOM.nextInt(3) == 0 ? h : h + h * Math.scalb(1.0, -RANDOM.nextInt(40, 56)) * RANDOM.nextInt(1, 8);
            DoubleDoubleInterval a = new DoubleDoubleInterval(h, 0, RANDOM.nextBoolean() ? 0 : Math.ulp(h) * 16 * RANDOM.nextDouble(), Optional.empty());
            DoubleDoubleInterval b = new DoubleDoubleInterval(other, 0, RANDOM.nextBoolean() ? 0 : Math.ulp(h) * 16 * RANDOM.nextDouble(), Optional.empty());
            OptionalInt fast = dd.compareIfApart(a, b);
            if (fast.isPresent()) {
                answered++;
                assertEquals(dd.toEnclosure(a).compareTo(dd.toEnclosure(b)), fast, () -> a + " vs " + b);
            }
            DoubleInterval x = new DoubleInterval(Math.min(h, other), Math.max(h, other));
            DoubleInterval y = new DoubleInterval(Math.nextUp(Math.max(h, other)), Math.nextUp(Math.nextUp(Math.max(h, other))));
            Enclosure ex = DoubleIntervalArithmetic.INSTANCE.toEnclosure(x);
            Enclosure ey = DoubleIntervalArithmetic.INSTANCE.toEnclosure(y);
            assertEquals(ex.compareTo(ey), x.compareTo(y));
            assertEquals(ex.compareTo(ex), x.compareTo(x));
            assertEquals(OptionalInt.of(-1), DoubleIntervalArithmetic.INSTANCE.compareIfApart(x, y));
        }
        assertTrue(answered > 1000, "answered: " + answered);
        // balls one ulp apart with no radius cannot be told apart by directed double bounds: left to the enclosures
        DoubleDoubleInterval one = new DoubleDoubleInterval(1, 0, 0, Optional.empty());
        DoubleDoubleInterval next = new DoubleDoubleInterval(Math.nextUp(1.0), 0, 0, Optional.empty());
        assertTrue(dd.compareIfApart(one, next).isEmpty());
        assertEquals(OptionalInt.of(1), dd.compareIfApart(new DoubleDoubleInterval(2, 0, 0, Optional.empty()), one));
    }
}
