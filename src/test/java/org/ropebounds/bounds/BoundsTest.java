package org.ropebounds.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * Each bound class on its own, against values derived by hand: enclosures of pi by convergents of its
 * continued fraction [3; 7, 15, 1, 292, ...] (333/106 < pi < 355/113 and 103993/33102 < pi < 104348/33215),
 * thresholds whose arccos is pi/3 (eps = 1/2, or eps = 2^-N at depth N), the committed mpmath/arb
 * fixtures (src/test/resources/fixtures/real/README.md), monotonicity in L, N and eps, the exact-spectrum
 * exponent d/(d-2), and the ceilings 2^(p-1) per format.
 */
class BoundsTest {

    private static final Rational PI_LO = fraction(333, 106);
    private static final Rational PI_HI = fraction(355, 113);
    private static final Rational PI_LO_FINE = fraction(103993, 33102);
    private static final Rational PI_HI_FINE = fraction(104348, 33215);

    private static final EnclosureArithmetic A = new EnclosureArithmetic(256);

    private static Rational fraction(long p, long q) {
        return Rational.of(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    private static Rational pow2(int k) {
        return k >= 0 ? Rational.of(BigInteger.ONE.shiftLeft(k), BigInteger.ONE) : Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(-k));
    }

    private static ZoneQuery query(BigInteger context, int layers, Rational eps, int d, Spectrum s) {
        return new ZoneQuery(context, layers, eps, d, s, EpsilonConvention.MACHINE);
    }

    private static ZoneQuery approx(long context, int layers, String eps) {
        return query(BigInteger.valueOf(context), layers, Rational.parse(eps), 128, Spectrum.APPROX);
    }

    private static Enclosure threshold(Bound b, ZoneQuery q) {
        return b.enclose(A, q, Format.FP32);
    }

    /** lo < every point of e < hi. */
    private static void assertStrictlyWithin(Enclosure e, Rational lo, Rational hi) {
        assertTrue(lo.compareTo(e.lo()) < 0 && e.hi().compareTo(hi) < 0,
                () -> e + " not within (" + lo.toCompactDecimalStringOrFraction() + ", " + hi.toCompactDecimalStringOrFraction() + ")");
    }

    /** A certified x < y. */
    private static void assertBelow(Enclosure x, Enclosure y) {
        OptionalInt c = x.compareTo(y);
        assertTrue(c.isPresent() && c.getAsInt() < 0, () -> x + " not certified below " + y);
    }

    @Test
    void aliasingIsLOverTwoPi() {
        // L = 2^17: 2^17 / (2 pi), and pi in (333/106, 355/113) gives 2^17 * 113/710 < it < 2^17 * 106/666
        Rational l = pow2(17);
        assertStrictlyWithin(threshold(Bounds.ALIASING, approx(1 << 17, 32, "0.9")),
                l.multiply(fraction(113, 710)), l.multiply(fraction(106, 666)));
        // neither the depth nor the tolerance enters
        assertEquals(threshold(Bounds.ALIASING, approx(1 << 17, 32, "0.9")), threshold(Bounds.ALIASING, approx(1 << 17, 1, "0.01")));
    }

    @Test
    void dcStabilityAtOneHalfIsThreeLOverPi() {
        // acos(1/2) = pi/3, so L / acos(1/2) = 3L/pi: for L = 2^17, 3 * 2^17 * 113/355 < it < 3 * 2^17 * 106/333
        Rational threeL = pow2(17).multiply(Rational.of(3));
        assertStrictlyWithin(threshold(Bounds.DC_STABILITY, approx(1 << 17, 32, "0.5")),
                threeL.divide(PI_HI), threeL.divide(PI_LO));
        // the depth does not enter
        assertEquals(threshold(Bounds.DC_STABILITY, approx(1 << 17, 32, "0.5")), threshold(Bounds.DC_STABILITY, approx(1 << 17, 1, "0.5")));
    }

    @Test
    void depthStabilityWithEpsTwoToTheMinusNIsThreeLOverPi() {
        // eps = 2^-N makes eps^(1/N) = 1/2 and acos(1/2) = pi/3, at every depth: L / acos(eps^(1/N)) = 3L/pi
        Rational threeL = pow2(20).multiply(Rational.of(3));
        for (int n : new int[] {1, 5, 32, 126}) {
            ZoneQuery q = query(BigInteger.ONE.shiftLeft(20), n, pow2(-n), 128, Spectrum.APPROX);
            assertStrictlyWithin(threshold(Bounds.DEPTH_STABILITY, q), threeL.divide(PI_HI_FINE), threeL.divide(PI_LO_FINE));
        }
        // N = 1: the depth bound is the DC bound (computed by another formula; the enclosures must meet)
        ZoneQuery one = approx(131072, 1, "0.9");
        Enclosure depth = threshold(Bounds.DEPTH_STABILITY, one);
        Enclosure dc = threshold(Bounds.DC_STABILITY, one);
        assertTrue(depth.lo().compareTo(dc.hi()) <= 0 && dc.lo().compareTo(depth.hi()) <= 0, depth + " vs " + dc);
    }

    @Test
    void lowerBoundsAgreeWithTheFixturesTo40Digits() throws IOException {
        // columns: context,layers,tolerance,head_dim, then aliasing/dc/depth approx, aliasing/dc/depth exact
        List<Bound> lower = List.of(Bounds.ALIASING, Bounds.DC_STABILITY, Bounds.DEPTH_STABILITY);
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/bounds.csv");
        assertEquals(1080, rows.size());
        for (int r = 0; r < rows.size(); r += 7) { // a sample of the grid; the zone test reads every row
            String[] row = rows.get(r);
            for (Spectrum s : Spectrum.values()) {
                ZoneQuery q = query(new BigInteger(row[0]), Integer.parseInt(row[1]), Rational.parse(row[2]), Integer.parseInt(row[3]), s);
                for (int i = 0; i < 3; i++) {
                    String expected = row[4 + i + (s == Spectrum.EXACT ? 3 : 0)];
                    CertifiedDecimal ours = CertifiedDecimal.best(threshold(lower.get(i), q), 40);
                    assertTrue(ours.complete(), ours::guarantee);
                    assertEquals(0, new BigDecimal(expected).compareTo(ours.toBigDecimal().orElseThrow()),
                            () -> String.join(",", row) + " " + s + ": ours " + ours + ", expected " + expected);
                }
            }
        }
    }

    @Test
    void lowerBoundsGrowWithTheContext() {
        long[] contexts = {1, 2, 1024, 1 << 17, 1_000_000, 1L << 40, 1L << 62};
        for (Bound b : Bounds.lower()) {
            for (int i = 1; i < contexts.length; i++) {
                assertBelow(threshold(b, approx(contexts[i - 1], 32, "0.9")), threshold(b, approx(contexts[i], 32, "0.9")));
            }
        }
    }

    @Test
    void onlyDepthStabilityGrowsWithTheDepth() {
        int[] depths = {1, 2, 12, 80, 1_000_000_000};
        for (int i = 1; i < depths.length; i++) {
            assertBelow(threshold(Bounds.DEPTH_STABILITY, approx(131072, depths[i - 1], "0.9")),
                    threshold(Bounds.DEPTH_STABILITY, approx(131072, depths[i], "0.9")));
            assertEquals(threshold(Bounds.DC_STABILITY, approx(131072, depths[i - 1], "0.9")),
                    threshold(Bounds.DC_STABILITY, approx(131072, depths[i], "0.9")));
        }
    }

    @Test
    void stabilityGrowsWithTheTolerance() {
        // a larger eps demands more coherence: acos falls as eps rises, so L/acos(.) rises
        String[] tolerances = {"0.000001", "0.01", "0.5", "0.9", "0.999999"};
        for (Bound b : List.of(Bounds.DC_STABILITY, Bounds.DEPTH_STABILITY)) {
            for (int i = 1; i < tolerances.length; i++) {
                assertBelow(threshold(b, approx(131072, 32, tolerances[i - 1])), threshold(b, approx(131072, 32, tolerances[i])));
            }
        }
    }

    @Test
    void theExactSpectrumRaisesToDOverDMinus2() {
        assertEquals(Rational.of(2), query(BigInteger.ONE, 1, fraction(1, 2), 4, Spectrum.EXACT).exactSpectrumExponent());
        assertEquals(fraction(3, 2), query(BigInteger.ONE, 1, fraction(1, 2), 6, Spectrum.EXACT).exactSpectrumExponent());
        assertEquals(fraction(64, 63), query(BigInteger.ONE, 1, fraction(1, 2), 128, Spectrum.EXACT).exactSpectrumExponent());
        assertEquals(fraction(524288, 524287), query(BigInteger.ONE, 1, fraction(1, 2), 1 << 20, Spectrum.EXACT).exactSpectrumExponent());
        // d = 4: aliasing at L = 1 is (1/(2 pi))^2 = 1/(4 pi^2); dc at eps = 1/2 is (3/pi)^2
        ZoneQuery q = query(BigInteger.ONE, 1, fraction(1, 2), 4, Spectrum.EXACT);
        Rational four = Rational.of(4);
        assertStrictlyWithin(threshold(Bounds.ALIASING, q), Rational.ONE.divide(four.multiply(PI_HI.pow(2))),
                Rational.ONE.divide(four.multiply(PI_LO.pow(2))));
        assertStrictlyWithin(threshold(Bounds.DC_STABILITY, q), Rational.of(9).divide(PI_HI.pow(2)), Rational.of(9).divide(PI_LO.pow(2)));
        // the exact spectrum's threshold exceeds the approximation's once it is above 1
        ZoneQuery approx = query(BigInteger.ONE.shiftLeft(17), 32, Rational.parse("0.9"), 128, Spectrum.APPROX);
        ZoneQuery exact = query(BigInteger.ONE.shiftLeft(17), 32, Rational.parse("0.9"), 128, Spectrum.EXACT);
        for (Bound b : Bounds.lower()) {
            assertBelow(threshold(b, approx), threshold(b, exact));
        }
        assertFalse(Bounds.ALIASING.closedForm(Spectrum.APPROX, EpsilonConvention.MACHINE).contains("d-2"));
        assertEquals("(L/(2*Pi))^(d/(d-2))", Bounds.ALIASING.closedForm(Spectrum.EXACT, EpsilonConvention.MACHINE));
    }

    @Test
    void theCeilingIsTwoToThePMinusOneExactly() {
        // p: fp64 53, fp32 24, tf32 11, fp16 11, bf16 8, fp8-e4m3 4, fp8-e5m2 3 (significand bits with the hidden one)
        Object[][] ceilings = {{Format.FP64, 52}, {Format.FP32, 23}, {Format.TF32, 10}, {Format.FP16, 10}, {Format.BF16, 7},
            {Format.FP8_E4M3, 3}, {Format.FP8_E5M2, 2}};
        ZoneQuery machine = approx(131072, 32, "0.9");
        ZoneQuery unit = new ZoneQuery(BigInteger.valueOf(131072), 32, Rational.parse("0.9"), 128, Spectrum.APPROX, EpsilonConvention.UNIT);
        ZoneQuery exact4 = query(BigInteger.valueOf(131072), 32, Rational.parse("0.9"), 4, Spectrum.EXACT);
        for (Object[] c : ceilings) {
            Format f = (Format) c[0];
            int k = (Integer) c[1];
            assertEquals(Enclosure.exact(pow2(k)), Bounds.PRECISION_CEILING.enclose(A, machine, f), f.name());
            assertEquals(Enclosure.exact(pow2(k + 1)), Bounds.PRECISION_CEILING.enclose(A, unit, f), f.name());
            // exact spectrum, d = 4: (2^(p-1))^2 = 2^(2(p-1))
            assertTrue(Bounds.PRECISION_CEILING.enclose(A, exact4, f).contains(pow2(2 * k)), f.name());
        }
        // the ceiling depends on the format only
        assertEquals(Bounds.PRECISION_CEILING.enclose(A, approx(1, 1, "0.01"), Format.BF16),
                Bounds.PRECISION_CEILING.enclose(A, approx(1L << 62, 126, "0.999"), Format.BF16));
        assertEquals("2^(p-1)", Bounds.PRECISION_CEILING.closedForm(EpsilonConvention.MACHINE));
        assertEquals("2^p", Bounds.PRECISION_CEILING.closedForm(EpsilonConvention.UNIT));
    }

    @Test
    void boundsAreFoundByTheirIds() {
        assertEquals(Bounds.DEPTH_STABILITY, Bounds.byId("depth_stability"));
        assertEquals(Bounds.DEPTH_STABILITY, Bounds.byId("depth-stability"));
        assertEquals(List.of(Bounds.ALIASING, Bounds.DC_STABILITY, Bounds.DEPTH_STABILITY), Bounds.lower());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Bounds.byId("nyquist"));
        assertTrue(e.getMessage().contains("'nyquist'") && e.getMessage().contains("precision_ceiling"), e.getMessage());
    }

    @Test
    void theQueryRefusesInTheLibrarysTerms() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> query(BigInteger.ONE, 1, fraction(1, 2), 2, Spectrum.EXACT));
        assertTrue(e.getMessage().contains("d >= 4") && e.getMessage().contains("approx spectrum"), e.getMessage());
        for (Runnable bad : List.<Runnable>of(
                () -> query(BigInteger.ZERO, 1, fraction(1, 2), 128, Spectrum.APPROX),
                () -> query(BigInteger.ONE, 0, fraction(1, 2), 128, Spectrum.APPROX),
                () -> query(BigInteger.ONE, 1, Rational.ONE, 128, Spectrum.APPROX),
                () -> query(BigInteger.ONE, 1, fraction(1, 2), 3, Spectrum.APPROX),
                () -> query(BigInteger.ONE, 1, fraction(1, 2), 2, Spectrum.EXACT))) {
            InvalidInputException x = assertThrows(InvalidInputException.class, bad::run);
            assertFalse(x.getMessage().contains("--"), x.getMessage());
            assertTrue(x.getMessage().contains("accepted") || x.getMessage().contains("need"), x.getMessage());
        }
    }
}
