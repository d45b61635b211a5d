package org.ropebounds.real;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.Rational;

/**
 * A real number known to lie in the ball {@code [m - r, m + r]} with a binary floating-point midpoint
 * {@code m = mid 2^exponent} and a radius bound {@code r} ({@link Radius}), and, when it is known exactly as a
 * rational the way {@link EnclosureArithmetic} would hold it, that rational: {@link BallArithmetic}'s working
 * type. The ball always contains the value; {@code exact}, when present, is the value. Immutable.
 */
public final class Ball {
    private final BigInteger mid;
    private final long exponent;
    private final Radius radius;
    private final Optional<Rational> exact;

    Ball(BigInteger mid, long exponent, Radius radius, Optional<Rational> exact) {
        this.mid = mid;
        this.exponent = exponent;
        this.radius = radius;
        this.exact = exact;
    }

    BigInteger mid() {
        return mid;
    }

    long exponent() {
        return exponent;
    }

    Radius radius() {
        return radius;
    }

    /** The exact value, when the arithmetic keeps it exact (then it lies in the ball). */
    public Optional<Rational> exact() {
        return exact;
    }

    /** The same ball, known to be exactly {@code x} (a point of it). */
    Ball withExact(Rational x) {
        return new Ball(mid, exponent, radius, Optional.of(x));
    }

    /** The same ball, its exact value forgotten. */
    Ball inexact() {
        return exact.isEmpty() ? this : new Ball(mid, exponent, radius, Optional.empty());
    }

    /** Whether the exact value is known and zero. */
    boolean isExactZero() {
        return exact.isPresent() && exact.get().isZero();
    }

    /** t with |m 2^exponent| <= 2^t (bitLength: |mid| <= 2^bitLength, equality only for negative powers of two). */
    long top() {
        return exponent + mid.bitLength();
    }

    /**
     * A double {@code >= |m|}: the top 53 bits of |mid| truncated, plus one unit (exact in a double), scaled;
     * +infinity beyond the double range, 2^-1000 for anything smaller.
     */
    double magnitudeUp() {
        BigInteger a = mid.abs();
        int length = a.bitLength();
        if (length == 0) {
            return 0;
        }
        long scale = exponent + length - 53;
        if (scale + 53 > 1000) {
            return Double.POSITIVE_INFINITY;
        }
        if (scale + 53 < -1000) {
            return 0x1p-1000;
        }
        long top = length <= 53 ? a.longValue() << (53 - length) : a.shiftRight(length - 53).longValue();
        return Math.scalb((double) (top + 1), (int) scale); // top + 1 <= 2^53, a normal double
    }

    /** The midpoint as an exact rational. */
    Rational midpoint() {
        return exponent >= 0 ? Rational.of(mid.shiftLeft((int) exponent), BigInteger.ONE)
                : Rational.of(mid, BigInteger.ONE.shiftLeft((int) -exponent));
    }

    /**
     * The radius the ball's enclosure uses: the radius, except that a ball without an exact value is never
     * a point (the enclosure level would not hold it exactly either), so a zero radius becomes 2^-64 units of
     * the midpoint's last place (any positive radius would do).
     */
    Radius enclosureRadius() {
        if (!radius.isZero() || exact.isPresent()) {
            return exact.isPresent() && radius.isZero() ? Radius.ZERO : radius;
        }
        return Radius.powerOfTwo(exponent - 64);
    }

    /** Every point's sign when the ball decides it (|m| > r), the exact value's sign when there is one; else 0. */
    int strictSign() {
        if (exact.isPresent()) {
            return exact.get().signum();
        }
        return exceedsRadius() ? mid.signum() : 0;
    }

    /** Whether |m| > enclosure radius (so that the enclosure excludes zero). */
    boolean exceedsRadius() {
        return magnitudeExceeds(mid, exponent, enclosureRadius());
    }

    /** Whether |m 2^e| > r. */
    static boolean magnitudeExceeds(BigInteger m, long e, Radius r) {
        if (m.signum() == 0) {
            return false;
        }
        if (r.isZero()) {
            return true;
        }
        long top = e + m.bitLength(); // |m| >= 2^(bitLength - 1), so |m 2^e| >= 2^(top - 1)
        long rTop = r.ceilingLog2Bound(); // r < 2^rTop
        if (top - 1 >= rTop) {
            return true;
        }
        if (top <= rTop - 2) {
            return false; // |m 2^e| <= 2^top <= 2^(rTop - 2) < 2^30 2^r.exponent <= r
        }
        long k = Math.min(e, r.exponent());
        BigInteger a = m.abs().shiftLeft((int) (e - k));
        BigInteger b = BigInteger.valueOf(r.mantissa()).shiftLeft((int) (r.exponent() - k));
        return a.compareTo(b) > 0;
    }

    /** The exact value, or the ball's rational ends [m - r', m + r'] with r' the {@link #enclosureRadius()}. */
    Enclosure toEnclosure() {
        if (exact.isPresent()) {
            return Enclosure.exact(exact.get());
        }
        Radius r = enclosureRadius();
        long k = Math.min(exponent, r.exponent());
        BigInteger m = mid.shiftLeft((int) (exponent - k));
        BigInteger rr = BigInteger.valueOf(r.mantissa()).shiftLeft((int) (r.exponent() - k));
        BigInteger scale = BigInteger.ONE.shiftLeft((int) Math.max(0, -k));
        BigInteger up = BigInteger.ONE.shiftLeft((int) Math.max(0, k));
        return Enclosure.of(Rational.of(m.subtract(rr).multiply(up), scale), Rational.of(m.add(rr).multiply(up), scale));
    }

    @Override
    public String toString() {
        return exact.map(Rational::toString).orElseGet(() -> midpoint() + " +/- " + radius.toRational());
    }
}
