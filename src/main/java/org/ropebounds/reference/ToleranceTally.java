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
    private static final BigDecimal TWO_M24 = new BigDecimal(0x1p-24);
    private static final BigDecimal TWO_M52 = new BigDecimal(0x1p-52);
    private static final BigDecimal TWO_M53 = new BigDecimal(0x1p-53);
    private static final BigDecimal TWO_M149 = new BigDecimal(0x1p-149);

    private final FormatDoubles values;
    private final FormatDoubles check;
    private final boolean opmathFp32; // isclose's arithmetic: in float, then rounded to the check dtype (else in double)
    private final BigDecimal rtol;
    private final double rtolOp; // rtol as isclose's arithmetic holds it: RN_op(RN_64(rtol))
    private final double rtolLow; // a double <= rtol, for the exact inequality
    private long entries;
    private long nonzero; // entries whose envelope reaches beyond the entry: their float squares may round up
    private long maxUlps;
    private double maxAbsUp;
    private double atolTermUp = Double.NEGATIVE_INFINITY; // max of D - allowed (see add), rounded up
    private double numeratorUp; // sum of the largest (a - e)^2 over each envelope
    private double envelopeSquaresDown; // sum of the smallest a^2
    private double referenceSquaresDown; // sum of e^2

    ToleranceTally(Format dtype) {
        this.values = dtype.doubles();
        this.check = TorchDefaults.checkFormat(dtype).doubles();
        this.opmathFp32 = !check.format().equals(Format.FP64);
        this.rtol = TorchDefaults.rtol(dtype);
        double r = Double.parseDouble(rtol.toString()); // Java's parse rounds correctly, as Python's float() does
        this.rtolOp = op(r);
        this.rtolLow = new BigDecimal(r).compareTo(rtol) > 0 ? Math.nextDown(r) : r;
    }

    /** Adds entry {@code e} whose envelope is [lo, hi] (values of the dtype, lo <= hi). */
    void add(double e, double lo, double hi) {
        entries++;
        for (long u : new long[] {values.ulpDistance(lo, e), values.ulpDistance(hi, e)}) {
            maxUlps = Long.compareUnsigned(u, maxUlps) > 0 ? u : maxUlps; // unsigned: fp64's widest distance needs 64 bits
        }
        double d = Math.max(absDifferenceUp(hi, e), absDifferenceUp(lo, e));
        maxAbsUp = Math.max(maxAbsUp, d);
        // isclose's |rtol * e| exactly as torch computes it (the product of a float and a value of the dtype is exact in
        // double), and a lower bound on the exact rtol |e|: the atol serves torch's rounded check and the exact inequality
        double allowed = Math.min(rounded(rtolOp * Math.abs(e)), productDown(rtolLow, Math.abs(e)));
        atolTermUp = Math.max(atolTermUp, differenceUp(d, allowed));
        if (d != 0) {
            nonzero++;
            numeratorUp = Math.nextUp(numeratorUp + Math.nextUp(d * d));
        }
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
        if (atolTermUp <= 0) {
            atol = BigDecimal.ZERO; // |a - e| <= R(rtol |e|) everywhere: atol 0 passes (and rtol = atol = 0 means equality)
        } else {
            // the least value of isclose's arithmetic at or above the need, then the decimal at or above it: it converts back
            // to at least that value (conversions are monotone)
            double least = op(atolTermUp);
            least = least < atolTermUp ? nextUpOp(least) : least;
            atol = new BigDecimal(least).round(up);
        }
        return new Tolerance(maxUlps, maxAbs, rtol, atol.stripTrailingZeros(), nmseBound(), digits, check.format().name());
    }

    /** numerator / min(denominators), widened by the evaluation's roundings; empty when the denominator may be 0. */
    private Optional<BigDecimal> nmseBound() {
        BigDecimal n = BigDecimal.valueOf(entries);
        BigDecimal sumGrowth = BigDecimal.ONE.add(n.multiply(TWO_M52));
        // a float square of a nonzero difference may round up into the subnormals: at most 2^-149 more each
        BigDecimal numerator = new BigDecimal(numeratorUp).multiply(BigDecimal.ONE.add(TWO_M24).pow(3)).multiply(sumGrowth)
                .add(BigDecimal.valueOf(nonzero).multiply(TWO_M149));
        BigDecimal squares = new BigDecimal(Math.min(envelopeSquaresDown, referenceSquaresDown));
        BigDecimal denominator = squares.multiply(BigDecimal.ONE.subtract(TWO_M24)).subtract(n.multiply(TWO_M149))
                .multiply(BigDecimal.ONE.subtract(n.multiply(TWO_M52)));
        if (denominator.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal q = numerator.divide(denominator, new MathContext(40, RoundingMode.CEILING))
                .multiply(BigDecimal.ONE.add(TWO_M53));
        return Optional.of(q.round(new MathContext(3, RoundingMode.CEILING)).stripTrailingZeros());
    }

    /** x rounded as isclose's arithmetic holds a scalar: to float (or double for fp64). */
    private double op(double x) {
        return opmathFp32 ? (double) (float) x : x; // Java narrows to nearest-even
    }

    private double nextUpOp(double x) {
        return opmathFp32 ? Math.nextUp((float) x) : Math.nextUp(x);
    }

    /** R(x) for x >= 0: rounded in isclose's arithmetic, then to the dtype it compares in. */
    private double rounded(double x) {
        return check.round(op(x));
    }

    /** An upper bound on a - b. */
    private static double differenceUp(double a, double b) {
        double s = a - b;
        return ErrorFreeTransforms.twoSumError(a, -b, s) > 0 ? Math.nextUp(s) : s;
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
