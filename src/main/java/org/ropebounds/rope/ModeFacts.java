package org.ropebounds.rope;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;

/**
 * One mode of a pipeline: its exact frequency and wavelength (certified decimals), what the pipeline
 * stores for it and how far that is from exact (in ulps of the stored value), and, at a position, the
 * exact and the computed phase and their difference.
 *
 * @param i the mode
 * @param theta b^(-2i/d)
 * @param wavelength 2 pi / theta
 * @param stored inv_freq_i as the pipeline stores it
 * @param storedErrorUlps (stored - theta) / ulp(stored), when stored is finite
 * @param position the position, if one was asked for
 * @param phaseExact p theta
 * @param phaseComputed the phase as the pipeline computes it
 * @param phaseError computed - exact, radians
 * @param phaseUlp ulp of the computed phase in the phase format
 */
public record ModeFacts(int i, CertifiedDecimal theta, CertifiedDecimal wavelength, FloatValue stored,
                        Optional<CertifiedDecimal> storedErrorUlps, Optional<Long> position, Optional<CertifiedDecimal> phaseExact,
                        Optional<FloatValue> phaseComputed, Optional<CertifiedDecimal> phaseError,
                        Optional<BinaryRational> phaseUlp) {

    /** The facts of mode i, every decimal to {@code digits} certified digits. */
    public static ModeFacts of(RopeEmulator rope, int i, Optional<Long> position, int digits) {
        FloatValue stored = rope.invFreq(i);
        RealExpression exact = rope.theta(i);
        CertifiedDecimal theta = Ziv.decimal(digits, exact::enclose);
        CertifiedDecimal wavelength = Ziv.decimal(digits, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.divide(a.multiply(a.of(2), a.pi()), exact.evaluate(a));
            }
        }::enclose);
        Optional<CertifiedDecimal> storedUlps = stored.isFinite() ? Optional.of(Ziv.decimal(digits, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                Rational s = stored.value().toRational();
                return a.divide(a.subtract(a.of(s), exact.evaluate(a)), a.of(stored.ulp().toRational()));
            }
        }::enclose)) : Optional.empty();
        if (position.isEmpty()) {
            return new ModeFacts(i, theta, wavelength, stored, storedUlps, position, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        long p = position.get();
        FloatValue computed = rope.phase(i, p);
        CertifiedDecimal phaseExact = Ziv.decimal(digits, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.multiply(a.of(p), exact.evaluate(a));
            }
        }::enclose);
        Optional<CertifiedDecimal> error = computed.isFinite() ? Optional.of(Ziv.decimal(digits, new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.subtract(a.of(computed.value().toRational()), a.multiply(a.of(p), exact.evaluate(a)));
            }
        }::enclose)) : Optional.empty();
        return new ModeFacts(i, theta, wavelength, stored, storedUlps, position, Optional.of(phaseExact), Optional.of(computed),
                error, computed.isFinite() ? Optional.of(computed.ulp()) : Optional.empty());
    }
}
