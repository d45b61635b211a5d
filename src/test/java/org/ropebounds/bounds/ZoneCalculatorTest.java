package org.ropebounds.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ZoneReport.FormatZone;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The zone against values derived by hand (in the comments) or computed independently with mpmath 1.3
 * at 50 digits (python3 -c "import mpmath as m; m.mp.dps = 50; ...", the expression in each comment).
 */
class ZoneCalculatorTest {

    private static ZoneQuery query(long context, int layers, String eps, int d, Spectrum s, EpsilonConvention c) {
        return new ZoneQuery(BigInteger.valueOf(context), layers, Rational.parse(eps), d, s, c);
    }

    private static ZoneQuery query(long context, int layers, String eps) {
        return query(context, layers, eps, 128, Spectrum.APPROX, EpsilonConvention.MACHINE);
    }

    private static ZoneReport zone(ZoneQuery q, String base, int digits, Format... formats) {
        return ZoneCalculator.compute(q, List.of(formats), Optional.ofNullable(base).map(Rational::parse), digits);
    }

    private static String lower(ZoneReport r, String id) {
        return r.lowerBounds().stream().filter(b -> b.bound().id().equals(id)).findFirst().orElseThrow().value().text();
    }

    @Test
    void theIssuesDepthBoundTo20Digits() {
        // L = 1048576, eps = 0.01, N = 80: L / acos(0.01^(1/80)) = 3120193.2516330140107 (20 digits, from the issue)
        ZoneReport r = zone(query(1048576, 80, "0.01"), null, 20, Format.FP32);
        assertEquals("3120193.2516330140107", lower(r, "depth_stability"));
        assertEquals("depth_stability", r.binding().orElseThrow().id());
    }

    @Test
    void closedFormsAtHandDerivedPoints() {
        // L = 1: aliasing 1/(2 pi) = 0.159154943091895335768883763372514362034 (OEIS A086201)
        // eps = 1/2: acos(1/2) = pi/3, so dc = 3/pi = 0.954929658551372014613302580235086172207 (OEIS A089491)
        ZoneReport r = zone(query(1, 1, "0.5"), null, 39, Format.FP32);
        assertEquals("0.159154943091895335768883763372514362034", lower(r, "aliasing"));
        assertEquals("0.954929658551372014613302580235086172207", lower(r, "dc_stability"));
        // N = 1: depth stability is DC stability
        assertEquals(lower(r, "dc_stability"), lower(r, "depth_stability"));
        // exact spectrum, d = 4: the exponent d/(d-2) is 2, so aliasing is 1/(4 pi^2) = 0.0253302959105844428609698658024
        ZoneReport e = zone(query(1, 1, "0.5", 4, Spectrum.EXACT, EpsilonConvention.MACHINE), null, 30, Format.FP32);
        assertEquals("0.0253302959105844428609698658024", lower(e, "aliasing"));
    }

    @Test
    void ceilingsAreExactPowersOfTwo() {
        ZoneReport r = zone(query(131072, 32, "0.9"), null, 15, Format.FP32, Format.BF16, Format.FP16, Format.FP64);
        assertEquals("8388608", r.formats().get(0).ceiling().text()); // 1 / 2^-23
        assertTrue(r.formats().get(0).ceiling().exact());
        assertEquals("128", r.formats().get(1).ceiling().text()); // 2^7
        assertEquals("1024", r.formats().get(2).ceiling().text()); // 2^10
        assertEquals("4503599627370496", r.formats().get(3).ceiling().text()); // 2^52
        ZoneReport u = zone(query(131072, 32, "0.9", 128, Spectrum.APPROX, EpsilonConvention.UNIT), null, 15, Format.FP32);
        assertEquals("16777216", u.formats().get(0).ceiling().text()); // 2^24
        // exact spectrum: (2^23)^(128/126) = 2^(23*64/63) = 10804128.4772805125400 (mpmath: mpf(2)**(mpf(23)*128/126))
        ZoneReport x = zone(query(131072, 32, "0.9", 128, Spectrum.EXACT, EpsilonConvention.MACHINE), null, 21, Format.FP32);
        assertEquals("10804128.4772805125400", x.formats().get(0).ceiling().text());
        assertFalse(x.formats().get(0).ceiling().exact());
    }

    @Test
    void zoneVerdictsAndLimitsAt128k() {
        // depth bound 131072 / acos(0.9^(1/32)) = 1616104.05604327 (mpmath); fp32 ceiling 8388608; bf16 128
        ZoneQuery q = query(131072, 32, "0.9");
        FormatZone below = zone(q, "500000", 15, Format.FP32).formats().get(0);
        assertEquals(Verdict.BELOW, below.verdict().orElseThrow());
        assertEquals(Verdict.INSIDE, zone(q, "2e6", 15, Format.FP32).formats().get(0).verdict().orElseThrow());
        assertEquals(Verdict.ABOVE, zone(q, "8388608", 15, Format.FP32).formats().get(0).verdict().orElseThrow()); // strict ceiling
        assertEquals(Verdict.INSIDE, zone(q, "8388607.999", 15, Format.FP32).formats().get(0).verdict().orElseThrow());
        ZoneReport r = zone(q, "500000", 15, Format.FP32, Format.BF16);
        FormatZone fp32 = r.formats().get(0);
        FormatZone bf16 = r.formats().get(1);
        assertFalse(fp32.empty().orElseThrow());
        assertTrue(bf16.empty().orElseThrow());
        // L_max = acos(0.9^(1/32)) * 2^23 = 680347.050466508542799 (mpmath): largest context 680347
        assertEquals("680347.050466509", fp32.maxContextBound().text());
        assertEquals(BigInteger.valueOf(680347), fp32.maxContext().orElseThrow());
        // 2^20 <= 1616104.06 < 2^21: the fewest bits p with 2^(p-1) > it is 22
        assertEquals(22, fp32.minPrecisionBits().orElseThrow());
        // N <= log(0.9) / log(cos(131072/500000)) = 3.03102971986315254 (mpmath): 3 layers
        assertEquals(BigInteger.valueOf(3), r.maxDepth().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"2048, 4096", "4096, 131072", "131072, 1048576"})
    void lowerBoundsGrowWithContext(long shorter, long longer) {
        assertTrue(depth(query(shorter, 32, "0.9")).compareTo(depth(query(longer, 32, "0.9"))) < 0);
    }

    @ParameterizedTest
    @CsvSource({"1, 12", "12, 61", "61, 126"})
    void lowerBoundsGrowWithDepth(int shallow, int deep) {
        assertTrue(depth(query(131072, shallow, "0.9")).compareTo(depth(query(131072, deep, "0.9"))) < 0);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.9", "0.9, 0.99", "0.01, 0.5"})
    void lowerBoundsGrowWithTolerance(String loose, String tight) {
        // a larger eps demands more coherence, hence a larger base
        assertTrue(depth(query(131072, 32, loose)).compareTo(depth(query(131072, 32, tight))) < 0);
    }

    @Test
    void zoneShrinksAsTheFormatNarrows() {
        ZoneReport r = zone(query(4096, 12, "0.5"), null, 15, Format.FP64, Format.FP32, Format.TF32, Format.BF16, Format.FP8_E4M3);
        for (int i = 1; i < r.formats().size(); i++) {
            assertTrue(ratio(r.formats().get(i - 1)).compareTo(ratio(r.formats().get(i))) > 0, "format " + i);
            assertTrue(r.formats().get(i - 1).maxContext().orElseThrow().compareTo(r.formats().get(i).maxContext().orElseThrow()) >= 0);
        }
    }

    @Test
    void exactSpectrumApproachesTheApproximationAsDGrows() {
        // exact / approx = x^(2/(d-2)) -> 1
        Rational approx = depth(query(131072, 32, "0.9"));
        Rational previousGap = null;
        for (int d : new int[] {8, 64, 512, 4096}) {
            Rational exact = depth(query(131072, 32, "0.9", d, Spectrum.EXACT, EpsilonConvention.MACHINE));
            Rational gap = exact.divide(approx).subtract(Rational.ONE);
            assertTrue(gap.signum() > 0);
            if (previousGap != null) {
                assertTrue(gap.compareTo(previousGap) < 0, "d = " + d);
            }
            previousGap = gap;
        }
        assertTrue(previousGap.compareTo(Rational.parse("0.01")) < 0);
    }

    @Test
    void badQueriesAreRefused() {
        assertThrows(InvalidInputException.class, () -> query(0, 32, "0.9"));
        assertThrows(InvalidInputException.class, () -> query(131072, 0, "0.9"));
        assertThrows(InvalidInputException.class, () -> query(131072, 32, "1"));
        assertThrows(InvalidInputException.class, () -> query(131072, 32, "0"));
        assertThrows(InvalidInputException.class, () -> query(131072, 32, "0.9", 127, Spectrum.APPROX, EpsilonConvention.MACHINE));
        assertThrows(InvalidInputException.class, () -> query(131072, 32, "0.9", 2, Spectrum.EXACT, EpsilonConvention.MACHINE));
        assertThrows(InvalidInputException.class, () -> zone(query(131072, 32, "0.9"), "1", 15, Format.FP32));
        assertEquals(BigInteger.valueOf(131072), ContextLength.parse("128k"));
        assertEquals(BigInteger.valueOf(1048576), ContextLength.parse("1M"));
        assertEquals(BigInteger.valueOf(131072), ContextLength.parse("2^17"));
        assertEquals(BigInteger.valueOf(1000000), ContextLength.parse("1e6"));
        assertEquals(BigInteger.valueOf(1536), ContextLength.parse("1.5k"));
        assertThrows(InvalidInputException.class, () -> ContextLength.parse("1.5"));
        assertThrows(InvalidInputException.class, () -> ContextLength.parse("2^63"));
    }

    private static Rational depth(ZoneQuery q) {
        return Rational.parse(lower(zone(q, null, 15, Format.FP32), "depth_stability"));
    }

    private static Rational ratio(FormatZone z) {
        return Rational.parse(z.ratio().text());
    }
}
