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

    @Test
    void theGuessIsWithinFourUnits() {
        // settle would repair any guess (falling back to BigInteger.sqrt past 64 units): the guess must stay close
        java.util.Random random = new java.util.Random(1717);
        for (int bits = 105; bits <= 4000; bits += 7) {
            for (int i = 0; i < 5; i++) {
                BigInteger n = new BigInteger(bits, random).setBit(bits - 1);
                BigInteger d = IntegerRoots.guess(n).subtract(n.sqrt()).abs();
                assertEquals(true, d.compareTo(BigInteger.valueOf(4)) <= 0, () -> "guess of sqrt(" + n + ") off by " + d);
            }
        }
        BigInteger square = BigInteger.ONE.shiftLeft(300).subtract(BigInteger.ONE).pow(2); // (2^300 - 1)^2, and one below
        assertEquals(true, IntegerRoots.guess(square).subtract(square.sqrt()).abs().compareTo(BigInteger.valueOf(4)) <= 0);
        BigInteger below = square.subtract(BigInteger.ONE);
        assertEquals(true, IntegerRoots.guess(below).subtract(below.sqrt()).abs().compareTo(BigInteger.valueOf(4)) <= 0);
    }
}
