package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;

/**
 * {@link CollisionHorizons#ceilDiv}'s division in longs (both sides below 2^62 after the shift) against exact rational
 * division rounded up and saturated, at the edges of that path: shifts that reach 62 bits exactly and one past, 62-bit
 * significands, exact and inexact quotients, quotients at the saturation point.
 */
class CeilDivInLongsTest {

    private static long exact(BinaryRational x, BinaryRational f) {
        return x.toRational().divide(f.toRational()).ceil().min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValueExact();
    }

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
        // powers of two over a binade's frequency, as the horizons divide them; 2^61 / 1 and 2^62 / 1 (saturated)
        BinaryRational f = BinaryRational.of(BigInteger.valueOf(0xa11583), -24);
        for (int k = -30; k <= 40; k++) {
            assertEquals(exact(BinaryRational.powerOfTwo(k), f), CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(k), f), "2^" + k);
        }
        assertEquals(1L << 61, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(61), BinaryRational.ONE));
        assertEquals(Long.MAX_VALUE / 2, CollisionHorizons.ceilDiv(BinaryRational.powerOfTwo(62), BinaryRational.ONE));
        assertEquals(3, CollisionHorizons.ceilDiv(BinaryRational.of(BigInteger.valueOf(5), 0), BinaryRational.of(BigInteger.valueOf(1), 1)));
    }
}
