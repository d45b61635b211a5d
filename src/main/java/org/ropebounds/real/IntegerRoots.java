package org.ropebounds.real;

import java.math.BigInteger;

/**
 * floor(sqrt(n)) for big integers: a guess from Newton's iteration for 1/sqrt at doubling precision (only
 * multiplications: a division costs about six multiplications of the same size), the last few units settled
 * by the defining test r^2 <= n < (r + 1)^2. The same result as {@link BigInteger#sqrt()} (the test makes it
 * exact whatever the guess). Stateless; thread-safe.
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
        return settle(n, guess(n));
    }

    /**
     * A guess of sqrt(n) for n >= 2^104, within a few units (the callers settle it exactly), by multiplications
     * alone: Newton's iteration y' = y (3 - a y^2)/2 for 1/sqrt(a), a = n/4^E in [1, 4), from a double's 50 bits
     * and nearly doubling its bits each step, then sqrt(n) = n y 2^-E. Its accuracy is not part of any proof:
     * {@link #settle} makes the result exact whatever the guess (IntegerRootsTest checks it stays within 4 units).
     */
    static BigInteger guess(BigInteger n) {
        int length = n.bitLength();
        int e = (length - 1) / 2; // 2e in {length - 2, length - 1}: a = n / 4^e in [1, 4)
        int q = 50;
        double a = Math.scalb((double) n.shiftRight(length - 62).longValue(), length - 62 - 2 * e);
        BigInteger y = BigInteger.valueOf((long) Math.scalb(1 / Math.sqrt(a), q)); // 1/sqrt(a) at 2^-q
        int target = e + 12;
        while (q < target) {
            int next = Math.min(2 * q - 4, target);
            y = y.shiftLeft(next - q);
            BigInteger scaled = 2 * e >= next ? n.shiftRight(2 * e - next) : n.shiftLeft(next - 2 * e); // a 2^next
            BigInteger ay2 = y.multiply(y).shiftRight(next).multiply(scaled).shiftRight(next); // a y^2 2^next
            y = y.multiply(BigInteger.valueOf(3).shiftLeft(next).subtract(ay2)).shiftRight(next + 1);
            q = next;
        }
        return n.multiply(y).shiftRight(q + e);
    }

    /** floor(sqrt(n)) for 0 <= n < 2^104: a double's root (within a few units), settled exactly. */
    private static long floorSqrtSmall(BigInteger n) {
        long r = (long) Math.sqrt(n.doubleValue());
        return settle(n, BigInteger.valueOf(r)).longValueExact();
    }

    /**
     * The r with r^2 <= n < (r + 1)^2, from a guess x within a few units of it: one squaring, then the
     * neighbours' squares by (r -+ 1)^2 = r^2 -+ 2r + 1.
     */
    private static BigInteger settle(BigInteger n, BigInteger x) {
        BigInteger r = x.signum() < 0 ? BigInteger.ZERO : x;
        BigInteger square = r.multiply(r);
        int i = 0;
        for (; i < MAX_CORRECTIONS && square.compareTo(n) > 0; i++) {
            square = square.subtract(r.shiftLeft(1)).add(BigInteger.ONE);
            r = r.subtract(BigInteger.ONE);
        }
        if (square.compareTo(n) <= 0) {
            for (; i < MAX_CORRECTIONS; i++) {
                BigInteger next = square.add(r.shiftLeft(1)).add(BigInteger.ONE); // (r + 1)^2
                if (next.compareTo(n) > 0) {
                    return r;
                }
                square = next;
                r = r.add(BigInteger.ONE);
            }
        }
        return n.sqrt(); // the guess was far off: the library decides
    }
}
