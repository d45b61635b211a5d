package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ropebounds.InvalidInputException;

/** Format constants against the values in shared/reference/formats.md and IEEE 754, derived by hand. */
class FormatTest {

    private static BinaryRational pow2(int k) {
        return BinaryRational.powerOfTwo(k);
    }

    /** (2 - 2^(1-p)) * 2^emax, IEEE's largest finite value. */
    private static BinaryRational ieeeMax(int p, int emax) {
        return BinaryRational.of(2).subtract(pow2(1 - p)).multiply(pow2(emax));
    }

    @ParameterizedTest
    @CsvSource({
        // name,      p,  emin,  emax, encoding bits
        "fp64,       53, -1022,  1023, 64",
        "fp32,       24,  -126,   127, 32",
        "tf32,       11,  -126,   127, 19",
        "fp16,       11,   -14,    15, 16",
        "bf16,        8,  -126,   127, 16",
        "fp8-e4m3,    4,    -6,     8,  8",
        "fp8-e5m2,    3,   -14,    15,  8",
    })
    void constantsFollowFromPEminEmax(String name, int p, int emin, int emax, int encodingBits) {
        Format f = Format.parse(name);
        assertEquals(p, f.precision());
        assertEquals(emin, f.emin());
        assertEquals(emax, f.emax());
        assertEquals(encodingBits, f.encodingBits());
        assertEquals(pow2(1 - p), f.machineEpsilon());
        assertEquals(pow2(-p), f.unitRoundoff());
        assertEquals(pow2(emin), f.minNormal());
        assertEquals(pow2(emin - p + 1), f.minSubnormal());
        assertEquals(BigInteger.ONE.shiftLeft(p), f.maxContiguousInteger());
    }

    @Test
    void largestFiniteValues() {
        assertEquals(BinaryRational.of(65504), Format.FP16.maxFinite());
        assertEquals(BinaryRational.of(448), Format.FP8_E4M3.maxFinite()); // 1.75 * 2^8: 1.111 * 2^8 is NaN
        assertEquals(BinaryRational.of(57344), Format.FP8_E5M2.maxFinite());
        assertEquals(ieeeMax(24, 127), Format.FP32.maxFinite());
        assertEquals(BinaryRational.ofFloat(Float.MAX_VALUE), Format.FP32.maxFinite());
        assertEquals(BinaryRational.ofDouble(Double.MAX_VALUE), Format.FP64.maxFinite());
        assertEquals(ieeeMax(8, 127), Format.BF16.maxFinite());
        assertEquals(ieeeMax(11, 127), Format.TF32.maxFinite());
        assertTrue(Format.FP8_E4M3.fromBits(0x7f).isNaN());
        assertTrue(Format.FP8_E4M3.fromBits(0xff).isNaN());
        assertFalse(Format.FP8_E4M3.hasInfinity());
    }

    @Test
    void encodingsOfKnownValues() {
        // fp32 1.0 = 0x3f800000, fp16 1.0 = 0x3c00, bf16 1.0 = 0x3f80, e5m2 1.0 = 0 01111 00, e4m3 1.0 = 0 0111 000
        assertEquals("0x3f800000", one(Format.FP32).bitsHex());
        assertEquals("0x3c00", one(Format.FP16).bitsHex());
        assertEquals("0x3f80", one(Format.BF16).bitsHex());
        assertEquals("0x3c", one(Format.FP8_E5M2).bitsHex());
        assertEquals("0x38", one(Format.FP8_E4M3).bitsHex());
        assertEquals("0x1fc00", one(Format.TF32).bitsHex()); // 0x3f800000 >> 13
        assertEquals("0x3ff0000000000000", one(Format.FP64).bitsHex());
        assertEquals("0x7c00", Format.FP16.fromBits(0x7c00).bitsHex());
        assertTrue(Format.FP16.fromBits(0x7c00).isInfinite());
        assertEquals("0x7e00", Format.FP16.fromBits(0x7c01).bitsHex()); // any NaN prints as the canonical one
    }

    private static FloatValue one(Format f) {
        return f.round(Rational.ONE, RoundingMode.NEAREST_EVEN).value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"float32", "FP32", "binary32", "float", "torch.float32", "np.float32", " fp32 "})
    void aliasesNameFp32(String alias) {
        assertSame(Format.FP32, Format.parse(alias));
    }

    @ParameterizedTest
    @CsvSource({"bfloat16,bf16", "torch.bfloat16,bf16", "half,fp16", "float16,fp16", "e4m3fn,fp8-e4m3",
        "float8_e4m3fn,fp8-e4m3", "fp8_e5m2,fp8-e5m2", "e5m2,fp8-e5m2", "double,fp64", "tf32,tf32"})
    void aliases(String alias, String canonical) {
        assertEquals(canonical, Format.parse(alias).name());
    }

    @Test
    void customFormats() {
        assertSame(Format.FP32, Format.parse("p=24,emin=-126,emax=127"));
        assertSame(Format.FP8_E4M3, Format.parse("p=4,emin=-6,emax=8,specials=fn"));
        Format f = Format.parse("p=113,emin=-16382,emax=16383"); // binary128
        assertEquals("p=113,emin=-16382,emax=16383", f.name());
        assertEquals(128, f.encodingBits());
        assertEquals(pow2(-16494), f.minSubnormal());
        assertFalse(f.supportsRoundToBits());
        assertFalse(f.valuesAreDoubles());
        // a format whose top binade has ulp < 1: every integer up to the largest finite value is exact
        Format tiny = Format.parse("p=5,emin=-2,emax=3"); // max = 1.1111b * 2^3 = 15.5
        assertEquals(BinaryRational.of(31).multiply(pow2(-1)), tiny.maxFinite());
        assertEquals(BigInteger.valueOf(15), tiny.maxContiguousInteger());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp33", "", "p=1,emin=-6,emax=8", "p=-3,emin=-6,emax=8", "p=100000,emin=-6,emax=8",
        "p=4,emin=6,emax=8", "p=4,emin=-6,emax=-1", "p=4,emin=-99999999,emax=8", "p=4,emin=-7,emax=8,specials=fn",
        "p=4,emax=8", "p=99999999999,emin=-1,emax=1"})
    void badFormatsAreRefusedWithTheValueNamed(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Format.parse(text));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("accepted") || e.getMessage().contains("need"), e.getMessage());
    }

    @Test
    void ulpAtEdges() {
        Format f = Format.FP16;
        assertEquals(pow2(-24), f.ulp(Rational.ZERO));
        assertEquals(pow2(-24), f.ulp(Rational.of(BigInteger.ONE, BigInteger.TEN.pow(30))));
        assertEquals(pow2(-10), f.ulp(Rational.ONE)); // gap above 1
        assertEquals(pow2(-11), f.ulp(Rational.parse("0.99951171875"))); // 1 - 2^-11: the binade below
        assertEquals(pow2(5), f.ulp(Rational.of(65504)));
        assertEquals(pow2(5), f.ulp(Rational.parse("1e30"))); // beyond the range: the top binade's
    }

    @Test
    void bf16RoundsTheBlogPostsPositionTo15936() {
        // 15962 lies in [2^13, 2^14) where bf16's ulp is 2^(13-7) = 64; 15962 = 249.40625 * 64, so nearest is 249 * 64
        Rounded r = Format.BF16.round(Rational.of(15962), RoundingMode.NEAREST_EVEN);
        assertEquals(BinaryRational.of(15936), r.value().value());
        assertEquals(-1, r.ternary());
        assertEquals("0x4679", r.value().bitsHex());
    }

    @Test
    void tiesGoToEven() {
        // fp16 around 2049 (ulp 2 in [2048, 4096)): 2049 is a tie between 2048 (even) and 2050 (odd)
        assertEquals(BinaryRational.of(2048), Format.FP16.round(Rational.of(2049), RoundingMode.NEAREST_EVEN).value().value());
        // 2051 ties between 2050 (fraction ...01, odd) and 2052 (even)
        assertEquals(BinaryRational.of(2052), Format.FP16.round(Rational.of(2051), RoundingMode.NEAREST_EVEN).value().value());
        // e4m3: 464 ties between 448 (mantissa 110) and 480 (would be 111, which is NaN): goes to 448
        assertEquals(BinaryRational.of(448), Format.FP8_E4M3.round(Rational.of(464), RoundingMode.NEAREST_EVEN).value().value());
        assertTrue(Format.FP8_E4M3.round(Rational.parse("464.001"), RoundingMode.NEAREST_EVEN).value().isNaN());
        assertEquals(BinaryRational.of(448), Format.FP8_E4M3.round(Rational.of(10000), RoundingMode.NEAREST_EVEN,
                OverflowPolicy.SATURATE).value().value());
        // fp16: 65520 = 65504 + 16 is the tie with 2^16, whose significand is even: overflow
        assertTrue(Format.FP16.round(Rational.of(65520), RoundingMode.NEAREST_EVEN).value().isInfinite());
        assertEquals(BinaryRational.of(65504), Format.FP16.round(Rational.parse("65519.999"), RoundingMode.NEAREST_EVEN).value().value());
    }

    @Test
    void enclosureRoundsOnlyWhenDecided() {
        Rational lo = Rational.parse("0.1");
        Rational hi = Rational.parse("0.10000001");
        assertTrue(Format.BF16.roundIfDecided(lo, hi, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).isPresent());
        // fp32's value nearest 0.1 is 0.100000001490116...; an enclosure straddling the midpoint cannot decide
        Rational mid = Rational.parse("0.100000005215406417846679687500"); // (0x1.99999ap-4 + 0x1.99999cp-4) / 2
        assertFalse(Format.FP32.roundIfDecided(mid.subtract(Rational.parse("1e-20")), mid.add(Rational.parse("1e-20")),
                RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).isPresent());
    }
}
