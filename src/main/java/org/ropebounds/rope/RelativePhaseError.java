package org.ropebounds.rope;

import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;

/**
 * The relative-position error of one mode at one pair of positions: a query at p against a key at p - r is
 * rotated by phase_i(p) - phase_i(p - r) as computed, and by r theta_i exactly; the error is their difference
 * e_i(p, r). The computed turn is a difference of two floating-point values, an exact binary rational; the exact
 * turn and the error are certified decimals.
 *
 * @param i the mode
 * @param position p
 * @param distance r
 * @param computedTurn phase_i(p) - phase_i(p - r), exact; empty when either phase is infinite or NaN
 * @param exactTurn r theta_i
 * @param error e_i(p, r) = computed turn - r theta_i; empty when the computed turn is
 */
public record RelativePhaseError(int i, long position, long distance, Optional<BinaryRational> computedTurn,
                                 CertifiedDecimal exactTurn, Optional<CertifiedDecimal> error) {

    /**
     * e_i(p, r) for {@code rope}'s pipeline, the decimals to {@code digits} certified significant digits.
     *
     * @throws InvalidInputException unless {@code 0 <= p} and {@code 1 <= r <= p}, or for a mode out of range
     * @throws IllegalArgumentException unless digits is within 1..{@link Ziv#MAX_DIGITS}
     */
    public static RelativePhaseError of(RopeEmulator rope, int i, long p, long r, int digits) {
        if (i < 0 || i >= rope.modes()) {
            throw new InvalidInputException("mode " + i + " is out of range; accepted: 0 <= i < " + rope.modes());
        }
        if (p < 0 || r < 1 || r > p) {
            throw new InvalidInputException("distance " + r + " at position " + p + " is out of range; accepted: 1 <= r <= p");
        }
        RealExpression theta = rope.theta(i);
        Rational rr = Rational.of(r);
        CertifiedDecimal exact = Ziv.decimal(digits, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.multiply(a.of(rr), theta.evaluate(a));
            }
        }::enclose);
        Optional<BinaryRational> turn = computedTurn(rope, i, p, r);
        Optional<CertifiedDecimal> error = turn.map(t -> Ziv.decimal(digits, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.subtract(a.of(t.toRational()), a.multiply(a.of(rr), theta.evaluate(a)));
            }
        }::enclose));
        return new RelativePhaseError(i, p, r, turn, exact, error);
    }

    /** phase_i(p) - phase_i(p - r), exact, when both phases are finite. */
    static Optional<BinaryRational> computedTurn(RopeEmulator rope, int i, long p, long r) {
        FloatValue a = rope.phase(i, p);
        FloatValue b = rope.phase(i, p - r);
        return a.isFinite() && b.isFinite() ? Optional.of(a.value().subtract(b.value())) : Optional.empty();
    }

    /**
     * |e_i(p, p - q)| > delta for positions q < p, decided with exact rationals and enclosures of theta_i at
     * rising precision; true when a phase is not finite.
     *
     * @throws ArithmeticException if 20000 bits of theta_i cannot decide (|e| equal to delta, or nearly)
     */
    static boolean exceedsExactly(RopeEmulator rope, int i, long p, long q, Rational delta) {
        Optional<BinaryRational> turn = computedTurn(rope, i, p, p - q);
        if (turn.isEmpty()) {
            return true;
        }
        Rational t = turn.get().toRational();
        Rational r = Rational.of(p - q);
        for (int bits = 200; bits <= 20_000; bits *= 4) {
            Enclosure theta = PhaseScan.theta(rope, i, bits);
            Rational lo = t.subtract(theta.hi().multiply(r));
            Rational hi = t.subtract(theta.lo().multiply(r));
            Rational absLo = lo.signum() >= 0 ? lo : hi.signum() <= 0 ? hi.negate() : Rational.ZERO;
            if (absLo.compareTo(delta) > 0) {
                return true;
            }
            if (lo.abs().max(hi.abs()).compareTo(delta) <= 0) {
                return false;
            }
        }
        throw new ArithmeticException("could not decide whether the relative error at p = " + p + ", r = " + (p - q) + " exceeds " + delta);
    }
}
