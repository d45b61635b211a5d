package org.ropebounds.format;

import java.math.BigInteger;

/**
 * Encodings of a format's values in the IEEE layout ({@link Format}'s class comment): from bits to
 * values, from finite values to bits, and the hex form of an encoding. Stateless.
 */
final class FormatEncoding {
    private FormatEncoding() {
    }

    /** See {@link Format#fromBits(BigInteger)}. */
    static FloatValue fromBits(Format f, BigInteger bits) {
        int width = f.encodingBits();
        if (bits.signum() < 0 || bits.bitLength() > width) {
            throw new IllegalArgumentException("0x" + bits.toString(16) + " is not a " + width + "-bit encoding of " + f.name());
        }
        boolean negative = bits.testBit(width - 1);
        BigInteger magnitude = bits.clearBit(width - 1);
        if (magnitude.compareTo(f.maxFiniteBits()) > 0) {
            return f.hasInfinity() && magnitude.equals(f.infinityMagnitudeBits())
                    ? FloatValue.infinity(f, negative) : FloatValue.nan(f, negative);
        }
        if (magnitude.signum() == 0) {
            return FloatValue.zero(f, negative);
        }
        int precision = f.precision();
        long code = magnitude.shiftRight(precision - 1).longValueExact();
        BigInteger fraction = magnitude.subtract(BigInteger.valueOf(code).shiftLeft(precision - 1));
        BinaryRational value = code == 0
                ? BinaryRational.of(fraction, f.quantumExponentMin())
                : BinaryRational.of(fraction.setBit(precision - 1), f.quantumExponentMin() + code - 1);
        return FloatValue.finite(f, negative ? value.negate() : value, negative);
    }

    /** The encoding of a finite value of the format (magnitude part, sign excluded). */
    static BigInteger magnitudeBits(Format f, BinaryRational magnitude) {
        if (magnitude.isZero()) {
            return BigInteger.ZERO;
        }
        long qmin = f.quantumExponentMin();
        long e = Math.max(magnitude.floorLog2(), f.emin());
        long q = e - f.precision() + 1;
        BigInteger m = magnitude.scaleByPowerOfTwo(-q).toBigInteger();
        return BigInteger.valueOf(q - qmin).shiftLeft(f.precision() - 1).add(m);
    }

    /**
     * An encoding written as {@code 0x} and lower-case hex digits, zero-padded to the encoding's width.
     *
     * @param hexDigits the encoding's unsigned hex digits, lower case, without leading zeros
     */
    static String hex(Format f, String hexDigits) {
        int width = (f.encodingBits() + 3) / 4;
        return "0x" + "0".repeat(Math.max(0, width - hexDigits.length())) + hexDigits;
    }
}
