package org.ropebounds.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;

/**
 * The per-level constants ZoneCalculator keeps (proofs/double-double-interval.md section 12) are kept per spectrum,
 * rotary dimension and convention: queries that differ only there, asked one after another in one JVM, each get
 * their own ceiling. Expected values: 2^23 and 2^24 exactly; 2^(23 * 128/126) = 2^(1472/63) =
 * 10804128.4772805125399... and 2^(23 * 64/62) = 2^(736/31) = 14029259.0896890744453... (mpmath 1.4.1 at 50 digits,
 * {@code mpmath.mpf(2) ** (mpmath.mpf(1472) / 63)}), rounded down to 15 digits by hand.
 */
class ZoneConstantsTest {
    private static CertifiedDecimal ceiling(Spectrum s, int d, EpsilonConvention c) {
        ZoneQuery q = new ZoneQuery(BigInteger.valueOf(131072), 32, Rational.parse("0.9"), d, s, c);
        return ZoneCalculator.compute(q, List.of(Format.FP32), Optional.of(Rational.of(500000)), 15).zone(Format.FP32).ceiling();
    }

    @Test
    void eachSpectrumDimensionAndConventionHasItsOwnCeiling() {
        for (int round = 0; round < 2; round++) { // the second round reads what the first kept
            CertifiedDecimal machine = ceiling(Spectrum.APPROX, 128, EpsilonConvention.MACHINE);
            assertTrue(machine.exact());
            assertEquals("8388608", machine.text());
            CertifiedDecimal unit = ceiling(Spectrum.APPROX, 128, EpsilonConvention.UNIT);
            assertTrue(unit.exact());
            assertEquals("16777216", unit.text());
            CertifiedDecimal exact128 = ceiling(Spectrum.EXACT, 128, EpsilonConvention.MACHINE);
            assertFalse(exact128.exact());
            assertEquals("10804128.4772805", exact128.text());
            assertEquals("14029259.0896890", ceiling(Spectrum.EXACT, 64, EpsilonConvention.MACHINE).text());
        }
    }
}
