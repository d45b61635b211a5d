package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;

/**
 * fp32 .npy data read as floats ({@link NpyArray#readFloats}) for the walked loop, whose distances come from the floats'
 * bits ({@code proofs/crosscheck-rotation.md} section 7): distances derived by hand from the encodings, and the first
 * NaN of a file named as {@link NpyArray#read(double[])} names it, in either byte order, through a whole
 * {@link Crosscheck#run}. The values against MPFR are RotationWalkTest's (its fixtures are fp32 .npy files, read this way).
 */
class FloatChunkTest {
    @TempDir
    Path tmp;

    @Test
    void distancesFromTheBitsCountTheFp32ValuesBetween() {
        assertEquals(0, Crosscheck.fp32UlpDistance(0.0f, -0.0f)); // one value, two encodings
        assertEquals(1, Crosscheck.fp32UlpDistance(1.0f, Math.nextUp(1.0f)));
        assertEquals(1L << 23, Crosscheck.fp32UlpDistance(1.0f, 2.0f)); // the 2^23 significands of [1, 2)
        assertEquals(2, Crosscheck.fp32UlpDistance(-Float.MIN_VALUE, Float.MIN_VALUE)); // -min, 0, +min
        assertEquals(2L * 0x3f800000, Crosscheck.fp32UlpDistance(-1.0f, 1.0f)); // 1.0f is encoding 0x3f800000 above zero
        assertEquals(1, Crosscheck.fp32UlpDistance(Float.MAX_VALUE, Float.POSITIVE_INFINITY)); // infinity after the largest
        // 2 * 0x7f800000 = 4278190080 > 2^31: a difference taken in int would wrap
        assertEquals(4278190080L, Crosscheck.fp32UlpDistance(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY));
        assertEquals(4278190080L - 1, Crosscheck.fp32UlpDistance(-Float.MAX_VALUE, Float.POSITIVE_INFINITY));
        assertEquals(0x3f800000L + 0x7f7fffffL, Crosscheck.fp32UlpDistance(-1.0f, Float.MAX_VALUE));
        // the double form narrows its arguments first: the same distances
        assertEquals(4278190080L, Crosscheck.fp32UlpDistance(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertEquals(1, Crosscheck.fp32UlpDistance(1.0, (double) Math.nextDown(1.0f)));
    }

    @Test
    void distancesOfAnyEncodingsAreThoseOfTheirSignedMagnitudes() {
        // section 12: the magnitudes' difference when the signs agree, their sum when they differ, for every encoding, NaN's
        // too (section 10's bound reads the distance of a NaN entry); here against ordinals taken in longs, by a branch
        int[] special = {0, 0x80000000, 1, 0x80000001, 0x3f800000, 0xbf800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
            0x7f800001, 0xff800001, 0x7fc00000, 0xffc00000, 0x7fffffff, 0xffffffff, 0x40000000, 0xc0000000};
        for (int a : special) {
            for (int b : special) {
                assertEquals(Math.abs(signedMagnitude(a) - signedMagnitude(b)), Crosscheck.fp32UlpDistance(a, b),
                        Integer.toHexString(a) + " " + Integer.toHexString(b));
            }
        }
        assertEquals(2L * 0x7fffffff, Crosscheck.fp32UlpDistance(0xffffffff, 0x7fffffff)); // the largest: 2^32 - 2, beyond an int
        assertEquals(0x7f800001L - 0x3f800000L, Crosscheck.fp32UlpDistance(0x7f800001, 0x3f800000)); // section 10's least NaN distance
        assertEquals(0x7f800001L + 0x3f800000L, Crosscheck.fp32UlpDistance(0xff800001, 0x3f800000));
        java.util.SplittableRandom r = new java.util.SplittableRandom(20261202L);
        for (int k = 0; k < 200_000; k++) {
            int a = r.nextInt();
            int pick = r.nextInt(4); // often the same encoding, or the same magnitude with the other sign
            int b = pick == 0 ? a : pick == 1 ? a ^ 0x80000000 : r.nextInt();
            assertEquals(Math.abs(signedMagnitude(a) - signedMagnitude(b)), Crosscheck.fp32UlpDistance(a, b),
                    Integer.toHexString(a) + " " + Integer.toHexString(b));
        }
    }

    private static long signedMagnitude(int bits) {
        long magnitude = bits & 0x7fffffffL;
        return bits < 0 ? -magnitude : magnitude;
    }

    /** A version 1.0 .npy file's header for {@code descr} and {@code shape}, padded to 64 bytes, with room for dataBytes after it. */
    private static ByteBuffer npyHeader(String descr, String shape, int dataBytes) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        return b.put(header.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Path npy(ByteOrder order, int rows, int columns, int nanAt) throws IOException {
        String descr = (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + "f4";
        ByteBuffer b = npyHeader(descr, "(" + rows + ", " + columns + ")", 4 * rows * columns).order(order);
        for (int k = 0; k < rows * columns; k++) {
            b.putFloat(k == nanAt ? Float.intBitsToFloat(0x7fa00000) : 0.5f); // a signalling NaN
        }
        return Files.write(tmp.resolve(order + ".npy"), b.array());
    }

    @Test
    void floatsAreDeliveredAsStoredAndTheFirstNanIsNamedInEitherByteOrder() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int nanAt = 1500 * 64 + 7; // row 1500, column 7: in the second chunk of 65536 entries (rows 1024 onwards)
            try (NpyArray a = NpyArray.open(npy(order, 2048, 64, nanAt), Optional.empty())) {
                float[] chunk = new float[65536];
                assertEquals(65536, a.readFloats(chunk));
                for (int k = 0; k < chunk.length; k += 4099) {
                    assertEquals(Float.floatToRawIntBits(0.5f), Float.floatToRawIntBits(chunk[k]), order.toString());
                }
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.readFloats(chunk));
                assertEquals(order + ".npy, row 1500, column 7 holds NaN; crosscheck compares numbers, and NaN is never a correct entry",
                        e.getMessage());
            }
            // through a run on two workers (the walked loop, which reads floats): the same message
            CrosscheckRequest request = CrosscheckRequest.builder(Quantity.COS, Rational.of(500000), 128).positions(0, 2048).threads(2).build();
            try (NpyArray a = NpyArray.open(tmp.resolve(order + ".npy"), Optional.empty())) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> Crosscheck.run(request, a));
                assertEquals(order + ".npy, row 1500, column 7 holds NaN; crosscheck compares numbers, and NaN is never a correct entry",
                        e.getMessage());
            }
        }
    }

    @Test
    void aNanPastTheFirstBufferIsNamedByItsOwnPlace() throws IOException {
        // 5000 x 64 entries read at once: the reader's buffer (1 MiB, 262144 entries) is refilled inside the call
        int nanAt = 4500 * 64 + 3; // 288003, in the second buffer
        try (NpyArray a = NpyArray.open(npy(ByteOrder.BIG_ENDIAN, 5000, 64, nanAt), Optional.empty())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.readFloats(new float[320000]));
            assertEquals("BIG_ENDIAN.npy, row 4500, column 3 holds NaN; crosscheck compares numbers, and NaN is never a correct entry",
                    e.getMessage());
        }
    }

    @Test
    void onlyFp32DataIsReadAsFloats() throws IOException {
        ByteBuffer b = npyHeader("<f8", "(2,)", 16).putDouble(0.1).putDouble(0.2);
        Path f = Files.write(tmp.resolve("f8.npy"), b.array());
        try (NpyArray a = NpyArray.open(f, Optional.empty())) {
            assertEquals(false, a.holdsFp32());
            assertThrows(IllegalStateException.class, () -> a.readFloats(new float[2]));
        }
    }
}
