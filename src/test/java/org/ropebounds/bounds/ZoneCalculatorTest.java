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
import org.ropebounds.real.CertifiedDecimal;

/**
 * The zone against values derived by hand (in the comments) or computed independently with mpmath 1.3
 * at 50 digits (python3 -c "import mpmath as m; m.mp.dps = 50; ...", the expression in each comment).
 * Bounds are printed in their safe direction: lower bounds rounded up, ceilings, maxima, ratios and
 * margins rounded down; each expected value below is the mpmath value rounded so by hand.
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
        return r.lower(Bounds.byId(id)).value().text();
    }

    /** The decided value of a certified decimal, through the value API (never by parsing its text). */
    private static Rational value(CertifiedDecimal d) {
        return Rational.of(d.toBigDecimal().orElseThrow(() -> new AssertionError("undecided: " + d.guarantee())));
    }

    @Test
    void theIssuesDepthBoundTo20Digits() {
        // L = 1048576, eps = 0.01, N = 80: L / acos(0.01^(1/80)) = 3120193.25163301401069589538 (mpmath; the issue's 20
        // correctly rounded digits are 3120193.2516330140107); rounded up to 20 digits: 3120193.2516330140107
        ZoneReport r = zone(query(1048576, 80, "0.01"), null, 20, Format.FP32);
        assertEquals("3120193.2516330140107", lower(r, "depth_stability"));
        assertEquals("depth_stability", r.binding().orElseThrow().id());
    }

    @Test
    void closedFormsAtHandDerivedPoints() {
        // L = 1: aliasing 1/(2 pi) = 0.159154943091895335768883763372514362034|4596 (OEIS A086201), rounded up at 39 digits
        // eps = 1/2: acos(1/2) = pi/3, so dc = 3/pi = 0.954929658551372014613302580235086172206|7578 (OEIS A089491), up
        ZoneReport r = zone(query(1, 1, "0.5"), null, 39, Format.FP32);
        assertEquals("0.159154943091895335768883763372514362035", lower(r, "aliasing"));
        assertEquals("0.954929658551372014613302580235086172207", lower(r, "dc_stability"));
        // N = 1: depth stability is DC stability
        assertEquals(lower(r, "dc_stability"), lower(r, "depth_stability"));
        // exact spectrum, d = 4: the exponent d/(d-2) is 2, so aliasing is 1/(4 pi^2) = 0.0253302959105844428609698658024|319,
        // rounded up at 30 digits
        ZoneReport e = zone(query(1, 1, "0.5", 4, Spectrum.EXACT, EpsilonConvention.MACHINE), null, 30, Format.FP32);
        assertEquals("0.0253302959105844428609698658025", lower(e, "aliasing"));
    }

    @Test
    void ceilingsAreExactPowersOfTwo() {
        ZoneReport r = zone(query(131072, 32, "0.9"), null, 15, Format.FP32, Format.BF16, Format.FP16, Format.FP64);
        assertEquals("8388608", r.zone(Format.FP32).ceiling().text()); // 1 / 2^-23
        assertTrue(r.zone(Format.FP32).ceiling().exact());
        assertEquals("128", r.zone(Format.BF16).ceiling().text()); // 2^7
        assertEquals("1024", r.zone(Format.FP16).ceiling().text()); // 2^10
        assertEquals("4503599627370496", r.zone(Format.FP64).ceiling().text()); // 2^52
        assertEquals(Rational.of(BigInteger.ONE.shiftLeft(52), BigInteger.ONE), value(r.zone(Format.FP64).ceiling()));
        ZoneReport u = zone(query(131072, 32, "0.9", 128, Spectrum.APPROX, EpsilonConvention.UNIT), null, 15, Format.FP32);
        assertEquals("16777216", u.zone(Format.FP32).ceiling().text()); // 2^24
        // exact spectrum: (2^23)^(128/126) = 2^(23*64/63) = 10804128.4772805125399|7329 (mpmath: mpf(2)**(mpf(23)*128/126)),
        // rounded down at 21 digits (correctly rounded it would be ...5125400)
        ZoneReport x = zone(query(131072, 32, "0.9", 128, Spectrum.EXACT, EpsilonConvention.MACHINE), null, 21, Format.FP32);
        assertEquals("10804128.4772805125399", x.zone(Format.FP32).ceiling().text());
        assertFalse(x.zone(Format.FP32).ceiling().exact());
    }

    @Test
    void zoneVerdictsAndLimitsAt128k() {
        // depth bound 131072 / acos(0.9^(1/32)) = 1616104.05604327 (mpmath); fp32 ceiling 8388608; bf16 128
        ZoneQuery q = query(131072, 32, "0.9");
        FormatZone below = zone(q, "500000", 15, Format.FP32).zone(Format.FP32);
        assertEquals(Verdict.BELOW, below.verdict().orElseThrow());
        assertEquals(Verdict.INSIDE, zone(q, "2e6", 15, Format.FP32).zone(Format.FP32).verdict().orElseThrow());
        assertEquals(Verdict.ABOVE, zone(q, "8388608", 15, Format.FP32).zone(Format.FP32).verdict().orElseThrow()); // strict ceiling
        assertEquals(Verdict.INSIDE, zone(q, "8388607.999", 15, Format.FP32).zone(Format.FP32).verdict().orElseThrow());
        ZoneReport r = zone(q, "500000", 15, Format.FP32, Format.BF16);
        FormatZone fp32 = r.zone(Format.FP32);
        FormatZone bf16 = r.zone(Format.BF16);
        assertFalse(fp32.empty().orElseThrow());
        assertTrue(bf16.empty().orElseThrow());
        // 500000 < 1616104.06 (below the lower bound) and 500000 >= 128, bf16's ceiling: both at once
        assertEquals(Verdict.BELOW, fp32.verdict().orElseThrow());
        assertEquals(Verdict.BELOW_AND_ABOVE, bf16.verdict().orElseThrow());
        assertEquals("below and above", bf16.verdict().orElseThrow().label());
        // L_max = acos(0.9^(1/32)) * 2^23 = 680347.050466508|542799 (mpmath), rounded down: largest context 680347
        assertEquals("680347.050466508", fp32.maxContextBound().text());
        assertEquals(BigInteger.valueOf(680347), fp32.maxContext().orElseThrow());
        // 2^20 <= 1616104.06 < 2^21: the fewest bits p with 2^(p-1) > it is 22
        assertEquals(22, fp32.minPrecisionBits().orElseThrow());
        // N <= log(0.9) / log(cos(131072/500000)) = 3.03102971986315254 (mpmath): 3 layers
        assertEquals(BigInteger.valueOf(3), r.maxDepth().orElseThrow());
    }

    @Test
    void boundsArePrintedInTheirSafeDirection() {
        // L = 4096, N = 32, eps = 0.5 (the issue's example): 4096 / acos(0.5^(1/32)) = 19750.4135148273414429833535
        // (mpmath). Correctly rounded to 6 digits it is 19750.4, below the bound: an infeasible base. Rounded up:
        // 19750.5 at 6 digits, 19750.4135148274 at 15.
        ZoneQuery q = query(4096, 32, "0.5");
        ZoneReport six = zone(q, "100000", 6, Format.FP32, Format.FP8_E4M3);
        CertifiedDecimal depth = six.lower(Bounds.DEPTH_STABILITY).value();
        assertEquals("19750.5", depth.text());
        assertEquals(CertifiedDecimal.Direction.UPWARD, depth.direction());
        assertEquals("rounded up to 6 significant digits: the exact value is at most this", depth.guarantee());
        FormatZone fp32 = six.zone(Format.FP32);
        assertEquals("19750.5", fp32.zoneLower().text());
        // the ceiling 2^23 is exact, so no rounding
        assertEquals("8388608", fp32.ceiling().text());
        assertEquals("exact", fp32.ceiling().guarantee());
        // acos(0.5^(1/32)) 2^23 = 1739697.16341406807258 (mpmath), rounded down: 1.73969e+6 (nearest: 1.73970e+6)
        assertEquals("1.73969e+6", fp32.maxContextBound().text());
        assertEquals("rounded down to 6 significant digits: the exact value is at least this", fp32.maxContextBound().guarantee());
        // ceiling/lower = 2^23 / 19750.4135... = 424.73075278663771 (mpmath), down: 424.730 (nearest: 424.731)
        assertEquals("424.730", fp32.ratio().text());
        // b/lower = 100000 / 19750.4135... = 5.06318512900635854 (mpmath), down: 5.06318 (nearest: 5.06319);
        // ceiling/b = 2^23 / 10^5 = 83.88608, a decimal the binary interval arithmetic encloses but does not hit: 6 digits
        // down, 83.8860 (nearest: 83.8861)
        assertEquals("5.06318", fp32.marginLower().orElseThrow().text());
        assertEquals("83.8860", fp32.marginUpper().orElseThrow().text());
        // 15 digits: the bound up, the maximum down (1739697.16341406|807)
        ZoneReport fifteen = zone(q, null, 15, Format.FP32);
        assertEquals("19750.4135148274", fifteen.lower(Bounds.DEPTH_STABILITY).value().text());
        assertEquals("1739697.16341406", fifteen.zone(Format.FP32).maxContextBound().text());
        // b = 100000 is above the lower bound and below 2^23 (inside), and at or above fp8-e4m3's ceiling 2^3 (above)
        assertEquals(Verdict.INSIDE, fp32.verdict().orElseThrow());
        assertEquals(Verdict.ABOVE, six.zone(Format.FP8_E4M3).verdict().orElseThrow());
    }

    @Test
    void aBaseBelowTheLowerBoundAndAboveTheCeilingIsBoth() {
        // L = 4096, N = 32, eps = 0.5: the lower bound is 19750.41... (above); b = 100 is below it. fp8-e4m3 (p = 4) has
        // the ceiling 2^3 = 8 <= 100: below and above; fp32's ceiling 2^23 > 100: only below. b = 8 exactly is at
        // fp8-e4m3's (strict) ceiling, so also both; b = 7.5 is below every ceiling here.
        ZoneQuery q = query(4096, 32, "0.5");
        ZoneReport r = zone(q, "100", 6, Format.FP8_E4M3, Format.FP32);
        assertEquals(Verdict.BELOW_AND_ABOVE, r.zone(Format.FP8_E4M3).verdict().orElseThrow());
        assertEquals(Verdict.BELOW, r.zone(Format.FP32).verdict().orElseThrow());
        assertEquals(Verdict.BELOW_AND_ABOVE, zone(q, "8", 6, Format.FP8_E4M3).zone(Format.FP8_E4M3).verdict().orElseThrow());
        assertEquals(Verdict.BELOW, zone(q, "7.5", 6, Format.FP8_E4M3).zone(Format.FP8_E4M3).verdict().orElseThrow());
        // the margins say the same: b/lower = 100 / 19750.41... < 1, ceiling/b = 8/100 = 0.08 exactly < 1
        assertTrue(value(r.zone(Format.FP8_E4M3).marginLower().orElseThrow()).compareTo(Rational.ONE) < 0);
        assertEquals("0.08", r.zone(Format.FP8_E4M3).marginUpper().orElseThrow().text());
        // Verdict.of, the four cases
        assertEquals(Verdict.INSIDE, Verdict.of(false, false));
        assertEquals(Verdict.ABOVE, Verdict.of(false, true));
        assertEquals(Verdict.BELOW, Verdict.of(true, false));
        assertEquals(Verdict.BELOW_AND_ABOVE, Verdict.of(true, true));
    }

    /** lo < x < hi. */
    private static void assertStrictlyWithin(Rational x, Rational lo, Rational hi) {
        assertTrue(lo.compareTo(x) < 0 && x.compareTo(hi) < 0, () -> x.toCompactDecimalStringOrFraction() + " not within ("
                + lo.toCompactDecimalStringOrFraction() + ", " + hi.toCompactDecimalStringOrFraction() + ")");
    }

    private static Rational fraction(long p, long q) {
        return Rational.of(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    @Test
    void theZoneWhereTheDepthBoundIsThreeLOverPi() {
        // L = 2^20, N = 5, eps = 2^-5: eps^(1/N) = 1/2 and acos(1/2) = pi/3, so depth stability is 3L/pi = 1001450.3...
        // (DC: L/acos(1/32) = 681...; aliasing L/(2 pi) = 166886...: depth binds). Pi between convergents of its
        // continued fraction: 333/106 < 103993/33102 < pi < 104348/33215 < 355/113.
        Rational piLo = fraction(103993, 33102);
        Rational piHi = fraction(104348, 33215);
        Rational l = Rational.of(1 << 20);
        ZoneQuery q = new ZoneQuery(BigInteger.valueOf(1 << 20), 5, fraction(1, 32), 128, Spectrum.APPROX, EpsilonConvention.MACHINE);
        ZoneReport r = zone(q, "2097152", 15, Format.FP32, Format.BF16); // b = 2^21
        assertEquals(Bounds.DEPTH_STABILITY, r.binding().orElseThrow());
        assertTrue(r.stabilityDominatesAliasing().orElseThrow());
        Rational threeL = l.multiply(Rational.of(3));
        assertStrictlyWithin(value(r.bindingLower().orElseThrow()), threeL.divide(piHi), threeL.divide(piLo));
        assertEquals(r.lower(Bounds.DEPTH_STABILITY).value(), r.bindingLower().orElseThrow());
        FormatZone fp32 = r.zone(Format.FP32);
        FormatZone bf16 = r.zone(Format.BF16);
        // fp32: 3L/pi < 2^23, not empty; ratio 2^23 / (3 * 2^20 / pi) = 8 pi / 3; bf16: 128 < 3L/pi, empty
        assertFalse(fp32.empty().orElseThrow());
        assertTrue(bf16.empty().orElseThrow());
        assertStrictlyWithin(value(fp32.ratio()), piLo.multiply(fraction(8, 3)), piHi.multiply(fraction(8, 3)));
        assertTrue(value(bf16.ratio()).compareTo(Rational.ONE) < 0);
        // max context: the largest integer below acos(1/2) 2^23 = pi 2^23 / 3 = 8784529.75...; both convergent bounds
        // floor to 8784529, so that is it
        Rational lmaxLo = piLo.multiply(Rational.of(1 << 23)).divide(Rational.of(3));
        Rational lmaxHi = piHi.multiply(Rational.of(1 << 23)).divide(Rational.of(3));
        assertEquals(lmaxLo.floor(), lmaxHi.floor());
        assertEquals(lmaxLo.floor(), fp32.maxContext().orElseThrow());
        assertStrictlyWithin(value(fp32.maxContextBound()), lmaxLo, lmaxHi);
        // min bits: 2^19 < 3L/pi < 2^20, so the fewest p with 2^(p-1) > it is 21 (unit roundoff: 2^p > it, p = 20)
        assertTrue(Rational.of(1 << 19).compareTo(threeL.divide(piHi)) < 0 && threeL.divide(piLo).compareTo(Rational.of(1 << 20)) < 0);
        assertEquals(21, fp32.minPrecisionBits().orElseThrow());
        ZoneQuery unit = new ZoneQuery(BigInteger.valueOf(1 << 20), 5, fraction(1, 32), 128, Spectrum.APPROX, EpsilonConvention.UNIT);
        assertEquals(20, zone(unit, null, 15, Format.FP32).zone(Format.FP32).minPrecisionBits().orElseThrow());
        // b = 2^21: above 3L/pi and below 2^23 in fp32 (inside); at or above bf16's 128 (above)
        assertEquals(Verdict.INSIDE, fp32.verdict().orElseThrow());
        assertEquals(Verdict.ABOVE, bf16.verdict().orElseThrow());
        // margins: ceiling/b = 2^23/2^21 = 4 exactly; b/lower = 2^21 pi / (3 * 2^20) = 2 pi / 3
        CertifiedDecimal upper = fp32.marginUpper().orElseThrow();
        assertTrue(upper.exact());
        assertEquals(Rational.of(4), value(upper));
        assertStrictlyWithin(value(fp32.marginLower().orElseThrow()), piLo.multiply(fraction(2, 3)), piHi.multiply(fraction(2, 3)));
        // max depth: L theta_min = 2^20 / 2^21 = 1/2; N <= log(1/32) / log(cos(1/2)) = 26.5...: cos(1/2)^26 >= 1/32 > cos(1/2)^27.
        // By the alternating Taylor series, 1 - x^2/2 + x^4/24 - x^6/720 < cos x < 1 - x^2/2 + x^4/24 for x = 1/2.
        Rational cosLo = Rational.ONE.subtract(fraction(1, 8)).add(fraction(1, 384)).subtract(fraction(1, 46080));
        Rational cosHi = Rational.ONE.subtract(fraction(1, 8)).add(fraction(1, 384));
        assertTrue(cosLo.pow(26).compareTo(fraction(1, 32)) >= 0 && cosHi.pow(27).compareTo(fraction(1, 32)) < 0);
        assertEquals(BigInteger.valueOf(26), r.maxDepth().orElseThrow());
    }

    @Test
    void reportsAreReadByName() {
        ZoneReport r = zone(query(131072, 32, "0.9"), null, 15, Format.FP32, Format.BF16);
        assertEquals(List.of(Bounds.ALIASING, Bounds.DC_STABILITY, Bounds.DEPTH_STABILITY),
                r.lowerBounds().stream().map(ZoneReport.LowerBound::bound).toList());
        for (Bound b : Bounds.lower()) {
            assertEquals(b, r.lower(b).bound());
        }
        assertEquals(Format.BF16, r.zone(Format.BF16).format());
        assertThrows(IllegalArgumentException.class, () -> r.lower(Bounds.PRECISION_CEILING));
        assertThrows(IllegalArgumentException.class, () -> r.zone(Format.FP16));
        // every value here is decided, and the report's decimals are the values, not only text
        assertTrue(r.lowerBounds().stream().allMatch(lb -> lb.value().isDecided() && lb.value().enclosure().isPresent()));
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
        return value(zone(q, null, 15, Format.FP32).lower(Bounds.DEPTH_STABILITY).value());
    }

    private static Rational ratio(FormatZone z) {
        return value(z.ratio());
    }
}
