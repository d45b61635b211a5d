package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.real.CertifiedDecimal.Direction;

/**
 * The integer decision of a midpoint-radius ball's decimal ({@link CertifiedDecimal#decide(Ball, int, Direction)},
 * BallDecimals) against the rational decision of the same ball's enclosure ({@link Ball#toEnclosure()}, exact
 * rational ends rounded by BigDecimal division): the same decimal, scale included, or the same "undecided".
 */
class BallDecisionTest {
    private static Ball ball(long mid, long exponent, long radiusMantissa, long radiusExponent) {
        return new Ball(BigInteger.valueOf(mid), exponent, new Radius(radiusMantissa, radiusExponent), Optional.empty());
    }

    private static void assertSameDecision(Ball b, int n, Direction d) {
        Optional<CertifiedDecimal> byEnclosure = CertifiedDecimal.decide(b.toEnclosure(), n, d);
        Optional<CertifiedDecimal> byBall = CertifiedDecimal.decide(b, n, d);
        assertEquals(byEnclosure, byBall, () -> b + " at " + n + " digits " + d);
        assertEquals(byEnclosure.map(c -> c.toBigDecimal().orElseThrow().scale()), byBall.map(c -> c.toBigDecimal().orElseThrow().scale()));
    }

    @Test
    void randomBallsDecideAsTheirEnclosures() {
        SplittableRandom random = new SplittableRandom(17);
        int shortcut = 0;
        int decided = 0;
        int total = 0;
        for (int i = 0; i < 20000; i++) {
            int bits = random.nextInt(1, 420);
            BigInteger mid = new BigInteger(bits, new java.util.Random(random.nextLong()));
            if (random.nextBoolean()) {
                mid = mid.negate();
            }
            long exponent = random.nextInt(-520, 60);
            long radiusMantissa = random.nextLong(1, 1L << 30);
            long radiusExponent = exponent + random.nextInt(-60, 20);
            Ball b = new Ball(mid, exponent, new Radius(radiusMantissa, radiusExponent), Optional.empty());
            int n = random.nextInt(1, 130);
            Direction d = Direction.values()[random.nextInt(3)];
            assertSameDecision(b, n, d);
            total++;
            if (BallDecimals.rounded(b, n, d).isPresent()) {
                shortcut++;
            }
            if (CertifiedDecimal.decide(b.toEnclosure(), n, d).isPresent()) {
                decided++;
            }
        }
        // the shortcut must do the work, not only fall back: it decides nearly every ball the enclosure decides
        assertTrue(decided > total / 4, "decided " + decided + " of " + total);
        assertTrue(shortcut > decided * 9 / 10, "shortcut " + shortcut + " of " + decided);
    }

    @Test
    void handCases() {
        for (Direction d : Direction.values()) {
            for (int n = 1; n <= 6; n++) {
                // [1.5, 1.5 + 2^-9]: the lower end an exact tie at one digit (nearest: 2, ties to even)
                assertSameDecision(ball(1536 + 1, -10, 1, -10), n, d);
                // [2.5, 2.5 + 2^-9]: a tie that rounds down to even
                assertSameDecision(ball(2560 + 1, -10, 1, -10), n, d);
                // [1, 1 + 2^-9]: the lower end is itself a decimal (the rational path keeps its short scale)
                assertSameDecision(ball(1024 + 1, -10, 1, -10), n, d);
                // [1 - 2^-9, 1]: the upper end a decimal
                assertSameDecision(ball(1024 - 1, -10, 1, -10), n, d);
                // [9.99609375, 9.998046875]: rounding carries into the next decade
                assertSameDecision(ball(10236 + 1, -10, 1, -10), n, d);
                // the same, negative, and a ball around 0
                assertSameDecision(ball(-(10236 + 1), -10, 1, -10), n, d);
                assertSameDecision(ball(1, -10, 1, -9), n, d);
                assertSameDecision(ball(1, -10, 1, -10), n, d);
                // large: 123456789 * 2^40 +- 2^20 (the scale is negative)
                assertSameDecision(ball(123456789, 40, 1, 20), n, d);
                // a zero radius (the enclosure widens it by 2^-64 units of the last place)
                assertSameDecision(ball(3, -2, 0, 0), n, d);
            }
        }
        // [9.99609375, 9.998046875] to 3 digits, nearest: 9.996... and 9.998... both round to 10.0 (carry, scale 1)
        assertEquals(new BigDecimal("10.0"), BallDecimals.rounded(ball(10237, -10, 1, -10), 3, Direction.NEAREST).orElseThrow());
        // [1.5, 1.501953125] to 1 digit nearest: the tie 1.5 goes to the even 2, as does every other point
        assertEquals(new BigDecimal("2"), BallDecimals.rounded(ball(1537, -10, 1, -10), 1, Direction.NEAREST).orElseThrow());
        // [2.5, 2.501953125] to 1 digit nearest: the tie 2.5 goes to 2, the rest to 3: undecided
        assertEquals(Optional.empty(), CertifiedDecimal.decide(ball(2561, -10, 1, -10), 1, Direction.NEAREST));
        // [1 - 2^-20, 1] to 3 digits up: the lower end carries to 1.00 and the upper end is 1 exactly, its own ceiling
        assertEquals(new BigDecimal("1.00"), BallDecimals.rounded(ball((1L << 21) - 1, -21, 1, -21), 3, Direction.UPWARD).orElseThrow());
        assertSameDecision(ball((1L << 21) - 1, -21, 1, -21), 3, Direction.UPWARD);
        // an exact ball is left to the enclosure
        assertEquals(Optional.empty(), BallDecimals.rounded(ball(3, 0, 0, 0).withExact(org.ropebounds.format.Rational.of(3)), 1, Direction.UPWARD));
    }
}
