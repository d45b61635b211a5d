package org.ropebounds.reference;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.real.ErrorFreeTransforms;

/**
 * Accumulates, entry by entry, what {@link Tolerance} reports: each entry e (a value of the dtype) with the interval
 * [lo, hi] of values an implementation inside the envelope can produce there. Every double sum and product is
 * rounded in the safe direction (nextUp / nextDown), so the results bound the exact ones
 * ({@code proofs/reference-tolerance.md}). Not thread-safe.
 */
final class ToleranceTally {
    private static final MathContext WIDE = new MathContext(40);
    private static final BigDecimal TWO_M24 = new BigDecimal(0x1p-24);
    private static final BigDecimal TWO_M52 = new BigDecimal(0x1p-52);
    private static final BigDecimal TWO_M53 = new BigDecimal(0x1p-53);
    private static final BigDecimal TWO_M149 = new BigDecimal(0x1p-149);

    private final FormatDoubles values;
    private final Format check;
    private final BigDecimal rtol;
    private final double rtolLow; // a double <= rtol
    private final double shrink; // 1 - 3u, u the check format's unit roundoff (exact in double)
    private long entries;
    private long maxUlps;
    private double maxAbsUp;
    private double atolTermUp = Double.NEGATIVE_INFINITY; // max of D - r |e| (1 - 3u), rounded up
    private double numeratorUp; // sum of the largest (a - e)^2 over each envelope
    private double envelopeSquaresDown; // sum of the smallest a^2
    private double referenceSquaresDown; // sum of e^2

    ToleranceTally(Format dtype) {
        this.values = dtype.doubles();
        this.check = TorchDefaults.checkFormat(dtype);
        this.rtol = TorchDefaults.rtol(dtype);
        double r = Double.parseDouble(rtol.toString()); // the nearest double, stepped down when above rtol
        this.rtolLow = new BigDecimal(r).compareTo(rtol) > 0 ? Math.nextDown(r) : r;
        this.shrink = 1 - 3 * Math.scalb(1.0, -check.precision());
    }

    /** Adds entry {@code e} whose envelope is [lo, hi] (values of the dtype, lo <= hi). */
    void add(double e, double lo, double hi) {
        entries++;
        long u = Math.max(values.ulpDistance(lo, e), values.ulpDistance(hi, e));
        maxUlps = Math.max(maxUlps, u);
        double d = Math.max(absDifferenceUp(hi, e), absDifferenceUp(lo, e));
        maxAbsUp = Math.max(maxAbsUp, d);
        double allowedDown = productDown(productDown(rtolLow, Math.abs(e)), shrink);
        atolTermUp = Math.max(atolTermUp, d == 0 && allowedDown == 0 ? 0 : Math.nextUp(d - allowedDown));
        numeratorUp = d == 0 ? numeratorUp : Math.nextUp(numeratorUp + Math.nextUp(d * d));
        double nearZero = lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi));
        envelopeSquaresDown = Math.max(0, Math.nextDown(envelopeSquaresDown + productDown(nearZero, nearZero)));
        referenceSquaresDown = Math.max(0, Math.nextDown(referenceSquaresDown + productDown(e, e)));
    }

    /** The tolerance of every entry added. */
    Tolerance result(Format dtype) {
        int digits = (int) Math.ceil(dtype.precision() * Math.log10(2)) + 2;
        MathContext up = new MathContext(digits, RoundingMode.CEILING);
        BigDecimal maxAbs = new BigDecimal(maxAbsUp).round(up);
        BigDecimal atol;
        if (maxAbsUp == 0) {
            atol = BigDecimal.ZERO; // every value equals its entry: the difference is exactly 0
        } else {
            BigDecimal u = new BigDecimal(Math.scalb(1.0, -check.precision()));
            BigDecimal eps = new BigDecimal(4 * Math.scalb(1.0, check.emin() - check.precision() + 1));
            BigDecimal need = new BigDecimal(atolTermUp).add(eps);
            atol = need.signum() <= 0 ? BigDecimal.ZERO : need.divide(BigDecimal.ONE.subtract(u), up);
        }
        return new Tolerance(maxUlps, maxAbs, rtol, atol.stripTrailingZeros(), nmseBound(), digits, check.name());
    }

    /** numerator / min(denominators), widened by the evaluation's roundings; empty when the denominator may be 0. */
    private Optional<BigDecimal> nmseBound() {
        BigDecimal n = BigDecimal.valueOf(entries);
        BigDecimal sumGrowth = BigDecimal.ONE.add(n.multiply(TWO_M52));
        BigDecimal numerator = new BigDecimal(numeratorUp).multiply(BigDecimal.ONE.add(TWO_M24).pow(3)).multiply(sumGrowth);
        BigDecimal squares = new BigDecimal(Math.min(envelopeSquaresDown, referenceSquaresDown));
        BigDecimal denominator = squares.multiply(BigDecimal.ONE.subtract(TWO_M24)).subtract(n.multiply(TWO_M149))
                .multiply(BigDecimal.ONE.subtract(n.multiply(TWO_M52)));
        if (denominator.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal q = numerator.divide(denominator, new MathContext(WIDE.getPrecision(), RoundingMode.CEILING))
                .multiply(BigDecimal.ONE.add(TWO_M53));
        return Optional.of(q.round(new MathContext(3, RoundingMode.CEILING)).stripTrailingZeros());
    }

    /** An upper bound on |a - b|: the rounded difference, one double up unless it was exact. */
    private static double absDifferenceUp(double a, double b) {
        double s = a - b;
        double err = ErrorFreeTransforms.twoSumError(a, -b, s);
        double m = Math.abs(s);
        return err == 0 ? m : Math.nextUp(m + Math.abs(err));
    }

    /** A lower bound on a * b for a, b >= 0. */
    private static double productDown(double a, double b) {
        double p = Math.abs(a) * Math.abs(b);
        return p == 0 ? 0 : Math.nextDown(p);
    }
}
