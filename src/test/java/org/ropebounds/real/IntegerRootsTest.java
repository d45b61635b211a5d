package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * IntegerRoots.floorSqrt against the defining property r^2 <= n < (r + 1)^2 (exact integer arithmetic) and
 * against BigInteger.sqrt, on random integers of 0 to 2000 bits, perfect squares and their neighbours.
 */
class IntegerRootsTest {
    private static void check(BigInteger n) {
        BigInteger r = IntegerRoots.floorSqrt(n);
        BigInteger next = r.add(BigInteger.ONE);
        assertEquals(true, r.multiply(r).compareTo(n) <= 0 && next.multiply(next).compareTo(n) > 0, () -> "floorSqrt(" + n + ") = " + r);
        assertEquals(n.sqrt(), r);
    }

    @Test
    void randomIntegersSquaresAndNeighbours() {
        SplittableRandom random = new SplittableRandom(0x5a7_2026L);
        for (int i = 0; i < 2_000; i++) {
            BigInteger n = new BigInteger(random.nextInt(0, 2000), new java.util.Random(random.nextLong()));
            check(n);
            BigInteger s = n.multiply(n);
            check(s);
            check(s.subtract(BigInteger.ONE).max(BigInteger.ZERO));
            check(s.add(BigInteger.ONE));
        }
        for (int k = 0; k < 300; k++) {
            check(BigInteger.ONE.shiftLeft(k));
            check(BigInteger.ONE.shiftLeft(k).subtract(BigInteger.ONE));
        }
    }

    @Test
    void negativeIsRefused() {
        assertThrows(ArithmeticException.class, () -> IntegerRoots.floorSqrt(BigInteger.valueOf(-1)));
    }
}
