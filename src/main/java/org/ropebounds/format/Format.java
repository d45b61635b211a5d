package org.ropebounds.format;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ropebounds.InvalidInputException;

/**
 * A binary floating-point format: precision {@code p} (hidden bit included), exponent range
 * [{@code emin}, {@code emax}] for normal numbers {@code 1.f * 2^e}, gradual underflow down to
 * {@code 2^(emin-p+1)}, and either IEEE specials (infinities and NaN) or, like OCP FP8 e4m3fn, no
 * infinity and a single NaN pattern per sign ({@code S.11..1.11..1}), which takes the place of the
 * largest significand of the top binade.
 *
 * <p>Encodings ({@link FloatValue#bits()}) use the IEEE layout: sign, a biased exponent field of
 * {@link #exponentBits()} bits holding {@code e - emin + 1} (0 for subnormals), and {@code p-1}
 * fraction bits. For tf32 this is the 19-bit encoding (sign, 8, 10), i.e. fp32's bits shifted right by 13.
 *
 * <p>Immutable and thread-safe. All rounding is exact arithmetic on binary rationals. This class is
 * the descriptor; the work is done, one job per package-private class, by {@code FormatNames} (names and
 * parsing), {@code ExactRounding} (the exact kernel), {@code LongRounding} (the allocation-free path for
 * doubles) and {@code FormatEncoding} (bits and hex); {@link FormatDoubles} views the values as doubles.
 */
public final class Format {

    /** Which special values a format encodes. */
    public enum Specials {
        /** IEEE 754: +-infinity at the all-ones exponent with zero fraction, NaN otherwise. */
        IEEE,
        /** "fn" (finite, NaN): no infinity; only the all-ones pattern is NaN (OCP FP8 e4m3fn). */
        FINITE_NAN_ONLY
    }

    /** Largest precision accepted for a custom format. */
    public static final int MAX_PRECISION = 65_536;
    /** Largest |emin| and |emax| accepted for a custom format. */
    public static final int MAX_EXPONENT = 1 << 24;

    /** IEEE binary64 (double): p = 53, emin = -1022, emax = 1023. */
    public static final Format FP64 = new Format("fp64", 53, -1022, 1023, Specials.IEEE, "binary64", "float64", "double", "f64");
    /** IEEE binary32 (float): p = 24, emin = -126, emax = 127. */
    public static final Format FP32 = new Format("fp32", 24, -126, 127, Specials.IEEE, "binary32", "float32", "float", "f32");
    /** NVIDIA TensorFloat-32: fp32's exponent range with fp16's precision, p = 11. */
    public static final Format TF32 = new Format("tf32", 11, -126, 127, Specials.IEEE, "tensorfloat32", "tensorfloat-32");
    /** IEEE binary16 (half): p = 11, emin = -14, emax = 15. */
    public static final Format FP16 = new Format("fp16", 11, -14, 15, Specials.IEEE, "binary16", "float16", "half", "f16");
    /** bfloat16: fp32's exponent range, p = 8. */
    public static final Format BF16 = new Format("bf16", 8, -126, 127, Specials.IEEE, "bfloat16");
    /** OCP FP8 E4M3FN: p = 4, emin = -6, emax = 8, no infinity, largest finite value 448. */
    public static final Format FP8_E4M3 = new Format("fp8-e4m3", 4, -6, 8, Specials.FINITE_NAN_ONLY,
            "e4m3fn", "e4m3", "float8-e4m3fn", "fp8-e4m3fn");
    /** OCP FP8 E5M2: p = 3, emin = -14, emax = 15, IEEE specials. */
    public static final Format FP8_E5M2 = new Format("fp8-e5m2", 3, -14, 15, Specials.IEEE, "e5m2", "float8-e5m2");

    private static final List<Format> STANDARD = List.of(FP64, FP32, TF32, FP16, BF16, FP8_E4M3, FP8_E5M2);

    private final String name;
    private final List<String> aliases;
    private final int precision;
    private final int emin;
    private final int emax;
    private final Specials specials;
    private final int exponentBits;
    private final BinaryRational maxFinite;
    private final BigInteger maxFiniteBits;
    private final long maxFiniteBitsLong;
    private final BigInteger infinityMagnitudeBits;
    private final BigInteger nanMagnitudeBits;
    private final BigInteger maxContiguousInteger;
    /** Created on first use ({@link #doubles()}); immutable, so a race creates equal views. */
    private volatile FormatDoubles doubles;

    private Format(String name, int precision, int emin, int emax, Specials specials, String... aliases) {
        this.name = name;
        this.aliases = List.of(aliases);
        this.precision = precision;
        this.emin = emin;
        this.emax = emax;
        this.specials = specials;
        // codes 1 .. emax-emin+1 for normal binades, plus 0 (subnormal) and, with IEEE specials, all-ones
        long codes = (long) emax - emin + (specials == Specials.IEEE ? 3 : 2);
        this.exponentBits = 64 - Long.numberOfLeadingZeros(codes - 1);
        BigInteger topBinadeCode = BigInteger.valueOf((long) emax - emin + 1);
        BigInteger allFraction = BigInteger.ONE.shiftLeft(precision - 1).subtract(BigInteger.ONE);
        boolean topCodeIsAllOnes = topBinadeCode.equals(BigInteger.ONE.shiftLeft(exponentBits).subtract(BigInteger.ONE));
        BigInteger fraction = specials == Specials.FINITE_NAN_ONLY && topCodeIsAllOnes
                ? allFraction.subtract(BigInteger.ONE) : allFraction;
        this.maxFiniteBits = topBinadeCode.shiftLeft(precision - 1).or(fraction);
        this.maxFiniteBitsLong = maxFiniteBits.bitLength() <= 63 ? maxFiniteBits.longValue() : Long.MAX_VALUE;
        this.maxFinite = BinaryRational.of(BigInteger.ONE.shiftLeft(precision - 1).add(fraction), (long) emax - precision + 1);
        this.maxContiguousInteger = computeMaxContiguousInteger();
        BigInteger allOnesExponent = BigInteger.ONE.shiftLeft(exponentBits).subtract(BigInteger.ONE).shiftLeft(precision - 1);
        this.infinityMagnitudeBits = allOnesExponent;
        this.nanMagnitudeBits = specials == Specials.IEEE
                ? allOnesExponent.setBit(precision - 2)
                : allOnesExponent.or(allFraction);
    }

    /**
     * A format with the given parameters; its name is {@code p=..,emin=..,emax=..} (with
     * {@code ,specials=fn} unless IEEE).
     *
     * @throws InvalidInputException unless 2 &lt;= p &lt;= {@value #MAX_PRECISION}, emin &lt;= 0 &lt; emax and
     *     |emin|, |emax| &lt;= 2^24, and (for {@code FINITE_NAN_ONLY}) the exponent range fills the
     *     exponent field exactly, as e4m3fn's does
     */
    public static Format custom(int precision, int emin, int emax, Specials specials) {
        String name = FormatNames.customName(precision, emin, emax, specials);
        if (precision < 2 || precision > MAX_PRECISION) {
            throw new InvalidInputException("precision p=" + precision + " is out of range; accepted: 2 <= p <= " + MAX_PRECISION);
        }
        if (emin > 0 || emax <= 0 || emin < -MAX_EXPONENT || emax > MAX_EXPONENT) {
            throw new InvalidInputException("exponent range emin=" + emin + ", emax=" + emax
                    + " is not accepted; need -" + MAX_EXPONENT + " <= emin <= 0 < emax <= " + MAX_EXPONENT);
        }
        for (Format f : STANDARD) {
            if (f.precision == precision && f.emin == emin && f.emax == emax && f.specials == specials) {
                return f;
            }
        }
        Format f = new Format(name, precision, emin, emax, specials);
        if (specials == Specials.FINITE_NAN_ONLY
                && (long) emax - emin + 2 != 1L << f.exponentBits) {
            throw new InvalidInputException("'" + name + "': specials=fn needs emax - emin + 2 to be a power of two"
                    + " (the NaN pattern lives in the top binade, as in e4m3fn)");
        }
        return f;
    }

    /** fp64, fp32, tf32, fp16, bf16, fp8-e4m3, fp8-e5m2, in that order. */
    public static List<Format> standard() {
        return STANDARD;
    }

    /**
     * The format named by {@code text}: a standard name or alias (case-insensitive; {@code _} and
     * {@code -} alike; a {@code torch.} or {@code np.} prefix is ignored), or a custom
     * {@code p=24,emin=-126,emax=127[,specials=ieee|fn]}.
     *
     * @throws InvalidInputException naming the text and listing what is accepted
     */
    public static Format parse(String text) {
        return FormatNames.parse(text);
    }

    /** The canonical name ({@code fp32}, or {@code p=..,emin=..,emax=..} for a custom format). */
    public String name() {
        return name;
    }

    /** Other names {@link #parse} accepts for this format (empty for custom formats). */
    public List<String> aliases() {
        return aliases;
    }

    /** p, the number of significand bits including the hidden bit. */
    public int precision() {
        return precision;
    }

    /** Exponent of the smallest normal binade. */
    public int emin() {
        return emin;
    }

    /** Exponent of the largest binade. */
    public int emax() {
        return emax;
    }

    /** Which special values the format encodes. */
    public Specials specials() {
        return specials;
    }

    /** Whether the format encodes infinities (IEEE specials); without, overflow gives NaN. */
    public boolean hasInfinity() {
        return specials == Specials.IEEE;
    }

    /** Width of the biased exponent field. */
    public int exponentBits() {
        return exponentBits;
    }

    /** Width of the whole encoding: sign, exponent field, p-1 fraction bits. */
    public int encodingBits() {
        return 1 + exponentBits + precision - 1;
    }

    /**
     * Whether every value of this format is a double: p &lt;= 53 and the exponent range within fp64's
     * (emin &gt;= -1022, emax &lt;= 1023). Then the encoding has at most 64 bits (an exponent field of at most 11
     * bits), {@link #toDouble(long)} and {@link #doubles()} are available, and a double holds each value
     * exactly. The one test for this question in the project.
     */
    public boolean valuesAreDoubles() {
        return precision <= 53 && emin >= -1022 && emax <= 1023;
    }

    /**
     * Whether {@link #roundToBits} is available: p &lt;= 53 and an encoding of at most 64 bits. A different
     * question from {@link #valuesAreDoubles()}: a format with p &lt;= 53 and a wider exponent range than
     * fp64's (but an encoding of at most 64 bits) has it, and its values need not be doubles.
     */
    public boolean supportsRoundToBits() {
        return precision <= 53 && encodingBits() <= 64;
    }

    /**
     * This format's values held as doubles: parsing text into the format, encodings and distances in ulps.
     *
     * @throws InvalidInputException unless {@link #valuesAreDoubles()}
     */
    public FormatDoubles doubles() {
        FormatDoubles d = doubles;
        if (d == null) {
            d = new FormatDoubles(this);
            doubles = d;
        }
        return d;
    }

    /** eps_mach = 2^(1-p), the gap between 1 and the next larger value. */
    public BinaryRational machineEpsilon() {
        return BinaryRational.powerOfTwo(1 - precision);
    }

    /** u = 2^-p, the unit roundoff (half of eps_mach). */
    public BinaryRational unitRoundoff() {
        return BinaryRational.powerOfTwo(-precision);
    }

    /** 2^emin. */
    public BinaryRational minNormal() {
        return BinaryRational.powerOfTwo(emin);
    }

    /** 2^(emin-p+1). */
    public BinaryRational minSubnormal() {
        return BinaryRational.powerOfTwo(quantumExponentMin());
    }

    /** (2 - 2^(1-p)) 2^emax for IEEE formats; one ulp less where NaN takes the top pattern (448 for e4m3fn). */
    public BinaryRational maxFinite() {
        return maxFinite;
    }

    /** The largest n such that every integer 0..n is exact in the format: 2^p whenever 2^p &lt;= max finite. */
    public BigInteger maxContiguousInteger() {
        return maxContiguousInteger;
    }

    private BigInteger computeMaxContiguousInteger() {
        if (quantumExponentMin() > 0) {
            return BigInteger.ZERO;
        }
        BigInteger twoToP = BigInteger.ONE.shiftLeft(precision);
        if (maxFinite.compareTo(BinaryRational.of(twoToP, 0)) >= 0) {
            return twoToP;
        }
        // the top binade has ulp <= 1 here, so every integer up to the largest finite value is exact
        return maxFinite.toBigDecimal().toBigInteger();
    }

    /** Exponent of the quantum (the value of the last significand bit) in the subnormal range. */
    int quantumExponentMin() {
        return emin - precision + 1;
    }

    /** The encoding of the largest finite value (magnitude part, sign excluded). */
    BigInteger maxFiniteBits() {
        return maxFiniteBits;
    }

    /** {@link #maxFiniteBits()} as a long when it fits 63 bits, else Long.MAX_VALUE. */
    long maxFiniteBitsLong() {
        return maxFiniteBitsLong;
    }

    /** The magnitude bits of infinity: all-ones exponent, zero fraction (IEEE formats only). */
    BigInteger infinityMagnitudeBits() {
        return infinityMagnitudeBits;
    }

    /** The canonical quiet NaN's magnitude bits: IEEE formats set the top fraction bit, fn formats all ones. */
    BigInteger nanMagnitudeBits() {
        return nanMagnitudeBits;
    }

    /**
     * ulp(x): the gap between the two consecutive values of this format around |x|, the lower one
     * included, as the exponent range stands (Goldberg's definition, the one {@link Math#ulp} uses): at an
     * exact power of two the gap above it; {@code 2^(emin-p+1)} below the normal range and for zero;
     * {@code 2^(emax-p+1)} at and beyond the top binade. Exact.
     */
    public BinaryRational ulp(Rational x) {
        return x.isZero() ? minSubnormal() : ulpInBinade(x.floorLog2());
    }

    /** ulp of a binary rational; see {@link #ulp(Rational)}. */
    public BinaryRational ulp(BinaryRational x) {
        return x.isZero() ? minSubnormal() : ulpInBinade(x.floorLog2());
    }

    private BinaryRational ulpInBinade(long floorLog2) {
        return BinaryRational.powerOfTwo(Math.max(Math.min(floorLog2, emax), emin) - precision + 1);
    }

    /** {@link #round(Rational, RoundingMode, OverflowPolicy)} with the IEEE overflow policy. */
    public Rounded round(Rational x, RoundingMode mode) {
        return round(x, mode, OverflowPolicy.INFINITY);
    }

    /**
     * Rounds the exact value {@code x} into this format: correctly, in the given mode, with gradual
     * underflow (a negative value that rounds to zero gives -0) and overflow per {@code overflow}.
     * The result is exact arithmetic; the ternary value says whether and which way it moved.
     */
    public Rounded round(Rational x, RoundingMode mode, OverflowPolicy overflow) {
        return ExactRounding.round(this, x, mode, overflow);
    }

    /**
     * Rounds {@code x} as {@link #round(Rational, RoundingMode, OverflowPolicy)} does, except that a negative
     * zero gives -0 (exactly, as IEEE 754 converts -0), the way torch and ml_dtypes round it.
     */
    public Rounded round(SignedRational x, RoundingMode mode, OverflowPolicy overflow) {
        return x.isNegativeZero() ? new Rounded(FloatValue.zero(this, true), 0) : round(x.value(), mode, overflow);
    }

    /** Rounds a binary rational; see {@link #round(Rational, RoundingMode, OverflowPolicy)}. */
    public Rounded round(BinaryRational x, RoundingMode mode, OverflowPolicy overflow) {
        return ExactRounding.round(this, x, mode, overflow);
    }

    /**
     * Rounds a double: exactly as {@link #round(Rational, RoundingMode, OverflowPolicy)} on its value, with
     * -0.0 giving -0, an infinity giving the infinity of that sign (NaN in a format without infinity;
     * exact either way) and NaN giving NaN.
     */
    public Rounded round(double x, RoundingMode mode, OverflowPolicy overflow) {
        return LongRounding.round(this, x, mode, overflow);
    }

    /**
     * Rounds whatever real number lies in [lo, hi] when the enclosure decides the result: the value if
     * both ends round to the same value of this format, empty otherwise (rounding is monotone, so every
     * point between rounds to it too).
     *
     * @throws IllegalArgumentException if lo &gt; hi
     */
    public Optional<FloatValue> roundIfDecided(Rational lo, Rational hi, RoundingMode mode, OverflowPolicy overflow) {
        if (lo.compareTo(hi) > 0) {
            throw new IllegalArgumentException("empty enclosure [" + lo + ", " + hi + "]");
        }
        FloatValue a = round(lo, mode, overflow).value();
        FloatValue b = round(hi, mode, overflow).value();
        // [-tiny, +tiny] around zero rounds to -0 and +0: not decided (the sign differs)
        return a.equals(b) ? Optional.of(a) : Optional.empty();
    }

    /**
     * The two values of this format that bracket x: the largest one &lt;= x and the smallest one &gt;= x
     * (equal when x is exact). At the ends of the range these are the infinities (or NaN in a format
     * without infinity).
     */
    public FloatValue[] neighbours(Rational x) {
        return new FloatValue[] {
            round(x, RoundingMode.TOWARD_NEGATIVE, OverflowPolicy.INFINITY).value(),
            round(x, RoundingMode.TOWARD_POSITIVE, OverflowPolicy.INFINITY).value()
        };
    }

    /** NaN (the canonical quiet NaN). */
    public FloatValue nan() {
        return FloatValue.nan(this, false);
    }

    /** Infinity of the given sign, or NaN in a format without infinity (IEEE's result of an overflow). */
    public FloatValue infinity(boolean negative) {
        return hasInfinity() ? FloatValue.infinity(this, negative) : FloatValue.nan(this, negative);
    }

    /**
     * The value with encoding {@code bits} as a double, exactly: for formats whose values all are doubles
     * ({@link #valuesAreDoubles()}), the inverse of {@link #roundToBits} on its results.
     *
     * @throws UnsupportedOperationException for other formats
     */
    public double toDouble(long bits) {
        return LongRounding.toDouble(this, bits);
    }

    /**
     * x rounded to nearest-even in this format, as a double, with IEEE overflow (infinity, or NaN in
     * formats without one); the same value as {@code toDouble(roundToBits(x, NEAREST_EVEN, INFINITY))}, and
     * for fp32 and fp64 Java's own conversion (the narrowing cast is IEEE round-to-nearest-even).
     *
     * @throws UnsupportedOperationException unless {@link #valuesAreDoubles()}
     */
    public double roundNearestToDouble(double x) {
        return LongRounding.roundNearestToDouble(this, x);
    }

    /**
     * Rounds a double and returns the encoding of the result ({@link FloatValue#bits()}), allocating
     * nothing. Same results as {@link #round(double, RoundingMode, OverflowPolicy)}.
     *
     * @throws UnsupportedOperationException unless {@link #supportsRoundToBits()}
     */
    public long roundToBits(double x, RoundingMode mode, OverflowPolicy overflow) {
        return LongRounding.roundToBits(this, x, mode, overflow);
    }

    /** The value with this encoding, read as an unsigned 64-bit integer; see {@link #fromBits(BigInteger)}. */
    public FloatValue fromBits(long bits) {
        BigInteger b = BigInteger.valueOf(bits & Long.MAX_VALUE);
        return fromBits(bits < 0 ? b.setBit(63) : b);
    }

    /**
     * The value whose encoding is {@code bits} (sign, biased exponent, fraction; see the class comment).
     * Exponent codes above the top binade other than the specials' are not canonical and decode as NaN.
     *
     * @throws IllegalArgumentException if bits is negative or wider than {@link #encodingBits()}
     */
    public FloatValue fromBits(BigInteger bits) {
        return FormatEncoding.fromBits(this, bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Format f && precision == f.precision && emin == f.emin && emax == f.emax
                && specials == f.specials;
    }

    @Override
    public int hashCode() {
        return Objects.hash(precision, emin, emax, specials);
    }

    /** The canonical name. */
    @Override
    public String toString() {
        return name;
    }
}
