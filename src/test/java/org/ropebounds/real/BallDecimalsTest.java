package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.real.CertifiedDecimal.Direction;

/**
 * The decimal decision from a double-double ball ({@link BallDecimals}, proofs/double-double-interval.md
 * section 8) against the rational decision on the ball's enclosure ({@link CertifiedDecimal#decide(Enclosure,
 * int, Direction)}, exact BigDecimal arithmetic): whenever the ball decides, it gives the same BigDecimal, scale
 * included, and it decides nearly every ball the enclosure decides. The hard cases are built on purpose: balls
 * centred on an n-digit decimal and on a rounding midpoint, radius 0, both signs, every direction.
 */
class BallDecimalsTest {
    private static final Direction[] DIRECTIONS = Direction.values();

    /** A ball around the double-double nearest v (as a decimal string), with the given radius. */
    private static DoubleDoubleInterval ballNear(BigDecimal v, double radius) {
        double h = v.doubleValue();
        double l = v.subtract(new BigDecimal(h)).doubleValue();
        double s = h + l;
        return new DoubleDoubleInterval(s, ErrorFreeTransforms.twoSumError(h, l, s), radius, Optional.empty());
    }

    /** Checks one ball in every direction; returns how many of the enclosure's decisions the ball took. */
    private static int[] check(DoubleDoubleInterval x, int n) {
        int decided = 0;
        int enclosureDecided = 0;
        Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(x);
        for (Direction d : DIRECTIONS) {
            Optional<BigDecimal> fast = BallDecimals.rounded(x, n, d);
            Optional<CertifiedDecimal> slow = CertifiedDecimal.decide(e, n, d);
            if (slow.isPresent()) {
                enclosureDecided++;
            }
            if (fast.isPresent()) {
                decided++;
                assertTrue(slow.isPresent(), () -> "ball decided " + fast.get() + " where the enclosure does not: " + x + " n=" + n + " " + d);
                BigDecimal want = slow.get().toBigDecimal().orElseThrow();
                assertEquals(want, fast.get(), () -> x + " n=" + n + " " + d); // equals: value and scale
                // and the public entry point builds the same decimal, enclosure included
                assertEquals(slow.get(), CertifiedDecimal.decide(x, n, d).orElseThrow());
            }
        }
        return new int[] {decided, enclosureDecided};
    }

    @Test
    void randomBallsDecideAsTheirEnclosures() {
        SplittableRandom r = new SplittableRandom(0xba11_2026L);
        int decided = 0;
        int enclosureDecided = 0;
        for (int i = 0; i < 20_000; i++) {
            int n = 1 + r.nextInt(30);
            double h = Math.scalb(1 + r.nextDouble(), r.nextInt(-800, 800)) * (r.nextBoolean() ? 1 : -1);
            double l = Math.scalb(r.nextDouble() - 0.5, Math.getExponent(h) - 53);
            double s = h + l;
            double rad = r.nextInt(8) == 0 ? 0 : Math.abs(s) * Math.scalb(r.nextDouble(), -r.nextInt(40, 110));
            int[] c = check(new DoubleDoubleInterval(s, ErrorFreeTransforms.twoSumError(h, l, s), rad, Optional.empty()), n);
            decided += c[0];
            enclosureDecided += c[1];
        }
        // the ball gives up only within its own rounding slack of a boundary: almost never at random
        assertTrue(decided >= enclosureDecided * 0.99, decided + " of " + enclosureDecided);
    }

    @Test
    void integerDecisionsAreThoseOfTheEnclosure() {
        SplittableRandom r = new SplittableRandom(0x1e6_2026L);
        int decided = 0;
        for (int i = 0; i < 20_000; i++) {
            // midpoints below 1, near integers and binade edges, radii from 0 to wide
            double h = i % 2 == 0 ? Math.scalb(1 + r.nextDouble(), r.nextInt(-10, 100)) : Math.rint(Math.scalb(1 + r.nextDouble(), r.nextInt(0, 60)));
            double l = r.nextInt(4) == 0 ? 0 : Math.scalb(r.nextDouble() - 0.5, Math.getExponent(h) - 53);
            double s = h + l;
            double rad = r.nextInt(4) == 0 ? 0 : Math.scalb(r.nextDouble(), r.nextInt(-120, 4));
            DoubleDoubleInterval x = new DoubleDoubleInterval(s, ErrorFreeTransforms.twoSumError(h, l, s), rad, Optional.empty());
            Enclosure e = DoubleDoubleIntervalArithmetic.enclosureOf(x);
            Optional<java.math.BigInteger> ceiling = x.commonCeiling();
            if (ceiling.isPresent()) {
                decided++;
                assertEquals(e.lo().ceil(), ceiling.get(), x::toString);
                assertEquals(e.hi().ceil(), ceiling.get(), x::toString);
            }
            java.util.OptionalLong log2 = x.commonFloorLog2();
            if (log2.isPresent()) {
                assertEquals(e.lo().floorLog2(), log2.getAsLong(), x::toString);
                assertEquals(e.hi().floorLog2(), log2.getAsLong(), x::toString);
            }
        }
        assertTrue(decided > 5_000, "decided " + decided);
    }

    @Test
    void ballsOnDecimalsAndMidpointsDecideAsTheirEnclosures() {
        SplittableRandom r = new SplittableRandom(0xdec_2026L);
        for (int i = 0; i < 5_000; i++) {
            int n = 1 + r.nextInt(30);
            BigDecimal base = new BigDecimal(1 + r.nextLong(999_999_999_999L)).round(new MathContext(n)).scaleByPowerOfTen(r.nextInt(-60, 60));
            BigDecimal ulp = BigDecimal.ONE.scaleByPowerOfTen(base.precision() - base.scale() - n);
            BigDecimal[] centres = {base, base.add(ulp.divide(BigDecimal.valueOf(2))), base.subtract(ulp.divide(BigDecimal.valueOf(2))),
                BigDecimal.ONE.scaleByPowerOfTen(r.nextInt(-60, 60))};
            for (BigDecimal c : centres) {
                for (double rel : new double[] {0, 0x1p-110, 0x1p-100, 0x1p-60}) {
                    double rad = Math.abs(c.doubleValue()) * rel;
                    check(ballNear(c, rad), n);
                    check(ballNear(c.negate(), rad), n);
                }
            }
        }
    }

    @Test
    void aBallOnADecimalWithRadiusZeroIsNotDecidedUpward() {
        // the enclosure of a non-exact ball of radius 0 is m +/- 2^-1074, which straddles the decimal 1.5
        DoubleDoubleInterval x = new DoubleDoubleInterval(1.5, 0, 0, Optional.empty());
        assertEquals(Optional.empty(), BallDecimals.rounded(x, 2, Direction.UPWARD));
        assertEquals(Optional.empty(), BallDecimals.rounded(x, 2, Direction.DOWNWARD));
        // by hand: 1.5 +/- tiny rounds to 2 at one digit, nearest (ties to even never reached), down to 1, up to 2
        assertEquals(new BigDecimal("2"), BallDecimals.rounded(x, 1, Direction.UPWARD).orElseThrow());
        assertEquals(new BigDecimal("1"), BallDecimals.rounded(x, 1, Direction.DOWNWARD).orElseThrow());
        assertEquals(Optional.empty(), BallDecimals.rounded(x, 1, Direction.NEAREST)); // straddles the tie 1.5
    }

    @Test
    void handDerivedRoundings() {
        // pi to 15 digits: 3.14159265358979 323846...: nearest and down ...979, up ...980
        DoubleDoubleInterval pi = DoubleDoubleKernels.PI;
        assertEquals(new BigDecimal("3.14159265358979"), BallDecimals.rounded(pi, 15, Direction.NEAREST).orElseThrow());
        assertEquals(new BigDecimal("3.14159265358980"), BallDecimals.rounded(pi, 15, Direction.UPWARD).orElseThrow());
        assertEquals(new BigDecimal("3.14159265358979"), BallDecimals.rounded(pi, 15, Direction.DOWNWARD).orElseThrow());
        // 30 digits: 3.14159265358979323846264338327 950288...: nearest ...328, down ...327
        assertEquals(new BigDecimal("3.14159265358979323846264338328"), BallDecimals.rounded(pi, 30, Direction.NEAREST).orElseThrow());
        assertEquals(new BigDecimal("3.14159265358979323846264338327"), BallDecimals.rounded(pi, 30, Direction.DOWNWARD).orElseThrow());
        // 999.96 +/- 0.001 up to 4 digits: 1000 (the next decade), with the scale of a 4-digit rounding (1.000E+3)
        DoubleDoubleInterval x = ballNear(new BigDecimal("999.96"), 0.001);
        assertEquals(new BigDecimal("1.000E+3"), BallDecimals.rounded(x, 4, Direction.UPWARD).orElseThrow());
        assertEquals(new BigDecimal("-1.000E+3"), BallDecimals.rounded(ballNear(new BigDecimal("-999.96"), 0.001), 4,
                Direction.DOWNWARD).orElseThrow());
    }
}
