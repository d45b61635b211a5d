package org.ropebounds.bounds;

import java.math.BigInteger;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;

/**
 * The parameters every bound is a function of.
 *
 * @param context L, the number of positions ({@code 1 <= L <= 2^62})
 * @param layers N, the layers that apply RoPE ({@code 1 <= N <= 10^9})
 * @param tolerance eps, exact, {@code 0 < eps < 1}
 * @param rotaryDim d, even, {@code 2 <= d <= 2^20} ({@code d > 2} for the exact spectrum)
 * @param spectrum approx (the paper) or exact
 * @param convention machine epsilon or unit roundoff for the precision ceiling
 */
public record ZoneQuery(BigInteger context, int layers, Rational tolerance, int rotaryDim, Spectrum spectrum,
                        EpsilonConvention convention) {

    /** Largest context L accepted, 2^62. */
    public static final BigInteger MAX_CONTEXT = BigInteger.ONE.shiftLeft(62);
    /** Most layers N accepted. */
    public static final int MAX_LAYERS = 1_000_000_000;
    /** Largest rotary dimension d accepted. */
    public static final int MAX_ROTARY_DIM = 1 << 20;

    /**
     * Why d = 2 is refused with the exact spectrum; the exception adds "(or the approx spectrum)", and a
     * caller with its own name for that choice may say it instead.
     */
    public static final String EXACT_SPECTRUM_NEEDS_D4 = "head dim 2 has the exact spectrum's only mode theta_0 = 1 for every base;"
            + " the exact-spectrum bounds need d >= 4";

    /** @throws InvalidInputException naming the first parameter outside its domain */
    public ZoneQuery {
        if (context.signum() < 1 || context.compareTo(MAX_CONTEXT) > 0) {
            throw new InvalidInputException("context " + context + " is out of range; accepted: 1 <= L <= 2^62");
        }
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new InvalidInputException("layers " + layers + " is out of range; accepted: 1 <= N <= " + MAX_LAYERS);
        }
        if (tolerance.signum() <= 0 || tolerance.compareTo(Rational.ONE) >= 0) {
            throw new InvalidInputException("tolerance " + tolerance.toCompactDecimalStringOrFraction()
                    + " is out of range; accepted: 0 < eps < 1");
        }
        if (rotaryDim < 2 || rotaryDim % 2 != 0 || rotaryDim > MAX_ROTARY_DIM) {
            throw new InvalidInputException("head dim " + rotaryDim + " is not accepted; need an even d with 2 <= d <= " + MAX_ROTARY_DIM);
        }
        if (rotaryDim == 2 && spectrum == Spectrum.EXACT) {
            throw new InvalidInputException(EXACT_SPECTRUM_NEEDS_D4 + " (or the approx spectrum)");
        }
    }

    /** d/(d-2), the exponent that turns an approx-spectrum bound into the exact-spectrum one. */
    public Rational exactSpectrumExponent() {
        return Rational.of(BigInteger.valueOf(rotaryDim), BigInteger.valueOf(rotaryDim - 2L));
    }
}
