package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;

/**
 * The horizons' ceil(x / f) on significands and exponents ({@link CollisionHorizons#ceilDiv}, its BigInteger and its long
 * path) against exact rational division, rounded up and saturated.
 */
class CeilDivTest {

    private static long exact(BinaryRational x, BinaryRational f) {
        return x.toRational().divide(f.toRational()).ceil().min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValueExact();
    }

    @Test
    void agreesWithExactDivision() {
        SplittableRandom random = new SplittableRandom(11);
        for (int k = 0; k < 20_000; k++) {
            BinaryRational x = k % 97 == 0 ? BinaryRational.ZERO
                    : BinaryRational.of(BigInteger.valueOf(1 + random.nextLong(1L << random.nextInt(1, 60))), random.nextInt(-200, 200));
            BinaryRational f = BinaryRational.of(BigInteger.valueOf(1 + random.nextLong(1L << random.nextInt(1, 60))), random.nextInt(-200, 200));
            assertEquals(exact(x, f), CollisionHorizons.ceilDiv(x, f), () -> "ceil(" + x + " / " + f + ")");
        }
        // exact quotients, quotients just above an integer, and the saturation point
        assertEquals(3, CollisionHorizons.ceilDiv(BinaryRational.of(12), BinaryRational.of(4)));
        assertEquals(4, CollisionHorizons.ceilDiv(BinaryRational.of(13), BinaryRational.of(4)));
        assertEquals(Long.MAX_VALUE / 2, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(62), BinaryRational.powerOfTwo(-10)));
        assertEquals(Long.MAX_VALUE / 2, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(62), BinaryRational.ONE));
        assertEquals(1L << 61, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(61), BinaryRational.ONE));
    }

    /**
     * The division in longs (both sides below 2^62 after the shift) at the edges of that path: shifts that reach 62 bits
     * exactly and one past, 62-bit significands, exact and inexact quotients, quotients at the saturation point.
     */
    @Test
    void theLongPathAgreesWithExactDivisionAtItsEdges() {
        SplittableRandom random = new SplittableRandom(17);
        int cases = 0;
        for (int aBits = 1; aBits <= 63; aBits++) {
            for (int bBits = 1; bBits <= 63; bBits += 3) {
                for (int k = -64; k <= 64; k += 1) {
                    BigInteger a = BigInteger.ONE.shiftLeft(aBits - 1).or(BigInteger.valueOf(random.nextLong(1L << Math.min(62, aBits - 1) | 1)))
                            .setBit(0);
                    BigInteger b = BigInteger.ONE.shiftLeft(bBits - 1).or(BigInteger.valueOf(random.nextLong(1L << Math.min(62, bBits - 1) | 1)))
                            .setBit(0);
                    int e = random.nextInt(-100, 100);
                    BinaryRational x = BinaryRational.of(a, e + k);
                    BinaryRational f = BinaryRational.of(b, e);
                    assertEquals(exact(x, f), CollisionHorizons.ceilDiv(x, f), () -> "ceil(" + x + " / " + f + ")");
                    cases++;
                }
            }
        }
        assertEquals(63 * 21 * 129, cases);
        // powers of two over a binade's frequency, as the horizons divide them (2^61 / 1 and 2^62 / 1: agreesWithExactDivision)
        BinaryRational f = BinaryRational.of(BigInteger.valueOf(0xa11583), -24);
        for (int k = -30; k <= 40; k++) {
            assertEquals(exact(BinaryRational.powerOfTwo(k), f), CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(k), f), "2^" + k);
        }
        assertEquals(3, CollisionHorizons.ceilDiv(BinaryRational.of(BigInteger.valueOf(5), 0), BinaryRational.of(BigInteger.valueOf(1), 1)));
    }
}
