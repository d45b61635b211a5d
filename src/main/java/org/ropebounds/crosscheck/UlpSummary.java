package org.ropebounds.crosscheck;

import java.math.BigInteger;
import java.util.List;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;

/**
 * How far the entries of an array are from the values they should have, in ulps of its format (the
 * number of format values between the two; see {@link FormatDoubles#ulpDistance}).
 *
 * @param entries entries compared
 * @param exactMatches entries equal to the value they should have (0 ulps)
 * @param oneUlp entries 1 ulp away
 * @param maxUlps the largest distance
 * @param maxAbsError the largest |entry - expected value|, correctly rounded to fp64 (nearest-even): the
 *                    largest of the rounded differences, which is the rounded largest since rounding is monotone;
 *                    0 when every entry matches, +inf when an entry is infinite and its expected value is not
 * @param sumUlps the sum of the distances
 * @param worst the worst entries, worst first (more ulps, then the earlier index)
 * @param decidedExactly entries the double filter could not decide, settled by certified arithmetic
 */
public record UlpSummary(long entries, long exactMatches, long oneUlp, BigInteger maxUlps, double maxAbsError, BigInteger sumUlps,
                         List<Discrepancy> worst, long decidedExactly) {
    /** Significant digits of {@link #meanUlpsDecimal()}. */
    public static final int MEAN_DIGITS = 6;

    public UlpSummary {
        worst = List.copyOf(worst);
    }

    /** Entries more than 1 ulp away. */
    public long worse() {
        return entries - exactMatches - oneUlp;
    }

    /** The mean distance, exactly (0 for no entries). */
    public Rational meanUlps() {
        return entries == 0 ? Rational.ZERO : Rational.of(sumUlps, BigInteger.valueOf(entries));
    }

    /**
     * The mean distance as printed: exact when it has at most 6 significant digits, else correctly
     * rounded to 6 (the mean is a rational with a power-of-two-free denominator in general, so it is decided
     * from its exact value).
     */
    public CertifiedDecimal meanUlpsDecimal() {
        return CertifiedDecimal.decide(Enclosure.exact(meanUlps()), MEAN_DIGITS).orElseThrow();
    }

    /** Whether every entry is within {@code toleranceUlps} (>= 0). */
    public boolean withinTolerance(long toleranceUlps) {
        return maxUlps.compareTo(BigInteger.valueOf(toleranceUlps)) <= 0;
    }
}
