package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.Rational;

/** Exact powers and roots of rationals, where they exist: what keeps exact inputs exact. */
final class Roots {
    private Roots() {
    }

    /** The rational r >= 0 with r^q = x, if there is one (x >= 0, q >= 1). */
    static Optional<Rational> exactRoot(Rational x, int q) {
        if (x.signum() < 0 || q < 1) {
            return Optional.empty();
        }
        Optional<BigInteger> d = integerRoot(x.denominator(), q); // first: often a power of two, settled at once
        if (d.isEmpty()) {
            return Optional.empty();
        }
        Optional<BigInteger> n = integerRoot(x.numerator(), q);
        return n.isPresent() ? Optional.of(Rational.of(n.get(), d.get())) : Optional.empty();
    }

    /** The integer r >= 0 with r^q = n exactly, if there is one. */
    static Optional<BigInteger> integerRoot(BigInteger n, int q) {
        if (n.signum() < 0) {
            return Optional.empty();
        }
        if (q == 1 || n.signum() == 0 || n.equals(BigInteger.ONE)) {
            return Optional.of(n);
        }
        if (q == 2) {
            if (n.bitCount() == 1) { // 2^k: a square iff k is even
                int k = n.bitLength() - 1;
                return k % 2 == 0 ? Optional.of(BigInteger.ONE.shiftLeft(k / 2)) : Optional.empty();
            }
            if (!mayBeSquare(n)) {
                return Optional.empty();
            }
            BigInteger r = n.sqrt();
            return r.multiply(r).equals(n) ? Optional.of(r) : Optional.empty();
        }
        // Newton's iteration from above for floor(n^(1/q))
        BigInteger qq = BigInteger.valueOf(q);
        BigInteger r = BigInteger.ONE.shiftLeft(n.bitLength() / q + 1);
        while (true) {
            BigInteger next = r.multiply(qq.subtract(BigInteger.ONE)).add(n.divide(r.pow(q - 1))).divide(qq);
            if (next.compareTo(r) >= 0) {
                break;
            }
            r = next;
        }
        return r.pow(q).equals(n) ? Optional.of(r) : Optional.empty();
    }

    /**
     * Squares mod 64, 63, 5, 13 and 11, as bit masks (bit r set when r is a square mod m). 45045 = 63 * 5 * 13 * 11 with
     * the factors pairwise coprime, so by the Chinese remainder theorem r is a square mod 45045 exactly when r mod m is
     * one for every factor m: the four small masks replace a 45045-entry table whose 45045 multiplications, run in the
     * interpreter at class initialisation, took milliseconds of a short command's start (issue 17).
     */
    private static final long SQUARES_MOD_64 = squaresMod(64);
    private static final long SQUARES_MOD_63 = squaresMod(63);
    private static final long SQUARES_MOD_5 = squaresMod(5);
    private static final long SQUARES_MOD_13 = squaresMod(13);
    private static final long SQUARES_MOD_11 = squaresMod(11);

    /** The squares mod m (1 <= m <= 64) as a mask: bit r set when r = i^2 mod m for some i. */
    private static long squaresMod(int m) {
        long mask = 0;
        for (int i = 0; i < m; i++) {
            mask |= 1L << (i * i % m);
        }
        return mask;
    }

    /** Whether r (0 <= r < 45045) is a square mod 45045: a square mod each of its coprime factors 63, 5, 13 and 11. */
    static boolean isSquareMod45045(int r) {
        return (SQUARES_MOD_63 >>> (r % 63) & 1) != 0 && (SQUARES_MOD_5 >>> (r % 5) & 1) != 0
                && (SQUARES_MOD_13 >>> (r % 13) & 1) != 0 && (SQUARES_MOD_11 >>> (r % 11) & 1) != 0;
    }

    /**
     * False only when n >= 0 is certainly not a perfect square: a square is a square residue modulo every
     * modulus (here 64 and 45045), so a non-residue proves n is none; true says nothing.
     */
    static boolean mayBeSquare(BigInteger n) {
        if ((SQUARES_MOD_64 >>> (n.intValue() & 63) & 1) == 0) { // the low 32 bits of n, in two's complement: n mod 64
            return false;
        }
        return n.bitLength() < 20 || isSquareMod45045(n.mod(BigInteger.valueOf(45045)).intValue());
    }

    /**
     * x^y exactly, when x >= 0 (x > 0 for y <= 0) and y = a/b with b <= 64 and the b-th root of x rational,
     * and the result's numerator and denominator together take at most {@code maxBits} bits.
     */
    static Optional<Rational> exactPower(Rational x, Rational y, long maxBits) {
        if (y.isZero()) {
            return Optional.of(Rational.ONE);
        }
        if (x.equals(Rational.ONE)) {
            return Optional.of(Rational.ONE);
        }
        if (x.signum() < 0 || (x.isZero() && y.signum() <= 0)) {
            return Optional.empty();
        }
        if (x.isZero()) {
            return Optional.of(Rational.ZERO);
        }
        if (y.denominator().bitLength() > 7 || y.denominator().intValue() > 64 || y.numerator().bitLength() > 31) {
            return Optional.empty();
        }
        int a = y.numerator().intValue();
        int b = y.denominator().intValue();
        long size = (long) Math.abs(a) * (x.numerator().bitLength() + x.denominator().bitLength()) / b;
        if (size > maxBits) {
            return Optional.empty();
        }
        return exactRoot(x, b).map(r -> r.pow(a));
    }
}
