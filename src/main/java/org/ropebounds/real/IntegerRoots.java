package org.ropebounds.real;

import java.math.BigInteger;

/**
 * floor(sqrt(n)) for big integers, by precision-doubling Newton: the root of n's top half (recursively) is
 * a first guess with about a quarter of n's bits right; one Newton step x' = floor((x + floor(n/x))/2)
 * doubles them; the last few units are settled by the defining test r^2 <= n < (r + 1)^2. The same result as
 * {@link BigInteger#sqrt()} (the test makes it exact whatever the guess), at about two full-size
 * divisions instead of one per Newton step from a 64-bit guess. Stateless; thread-safe.
 */
final class IntegerRoots {
    /** Unit corrections allowed before the guess is declared bad and BigInteger.sqrt decides (never seen). */
    private static final int MAX_CORRECTIONS = 64;

    private IntegerRoots() {
    }

    /**
     * floor(sqrt(n)).
     *
     * @throws ArithmeticException if n is negative
     */
    static BigInteger floorSqrt(BigInteger n) {
        if (n.signum() < 0) {
            throw new ArithmeticException("square root of a negative integer");
        }
        int bits = n.bitLength();
        if (bits <= 104) {
            return BigInteger.valueOf(floorSqrtSmall(n));
        }
        int k = bits / 4; // the top n >> 2k has about half of n's bits
        BigInteger x = floorSqrt(n.shiftRight(2 * k)).add(BigInteger.ONE).shiftLeft(k); // >= sqrt(n)
        x = x.add(n.divide(x)).shiftRight(1); // Newton from above stays at or above floor(sqrt(n))
        return settle(n, x);
    }

    /** floor(sqrt(n)) for 0 <= n < 2^104: a double's root (within a few units), settled exactly. */
    private static long floorSqrtSmall(BigInteger n) {
        long r = (long) Math.sqrt(n.doubleValue());
        return settle(n, BigInteger.valueOf(r)).longValueExact();
    }

    /** The r with r^2 <= n < (r + 1)^2, from a guess x within a few units of it. */
    private static BigInteger settle(BigInteger n, BigInteger x) {
        BigInteger r = x;
        for (int i = 0; i < MAX_CORRECTIONS && r.multiply(r).compareTo(n) > 0; i++) {
            r = r.subtract(BigInteger.ONE);
        }
        for (int i = 0; i < MAX_CORRECTIONS; i++) {
            BigInteger next = r.add(BigInteger.ONE);
            if (next.multiply(next).compareTo(n) > 0) {
                if (r.multiply(r).compareTo(n) <= 0) {
                    return r;
                }
                break;
            }
            r = next;
        }
        return n.sqrt(); // the guess was far off: the library decides
    }
}
