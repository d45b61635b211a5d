package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/** .npy files written byte by byte following NumPy's format description (format.py), read back. */
class NpyArrayTest {
    @TempDir
    Path tmp;

    /** A .npy file: magic, version, header length, the dict padded with spaces and ending in a newline, data. */
    private Path npy(int major, String dict, byte[] data) throws IOException {
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) header.length());
        } else {
            len.putInt(header.length());
        }
        out.write(len.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        Path p = Files.createTempFile(tmp, "a", ".npy");
        Files.write(p, out.toByteArray());
        return p;
    }

    private static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private static double[] readAll(ArraySource a, int n) throws IOException {
        double[] out = new double[n + 1];
        double[] buf = new double[2]; // small chunks: exercises refills
        int k = 0;
        int got;
        while ((got = a.read(buf)) > 0) {
            System.arraycopy(buf, 0, out, k, got);
            k += got;
        }
        assertEquals(n, k);
        return Arrays.copyOf(out, n);
    }

    @Test
    void readsLittleAndBigEndianFloatsInBothVersions() throws IOException {
        Path le = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 0.1f));
        try (NpyArray a = NpyArray.open(le, Optional.empty())) {
            assertEquals(Format.FP32, a.format());
            assertEquals(new ArrayShape.Table(java.util.OptionalLong.of(2), 3), a.shape());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 0.1f}, readAll(a, 6));
        }
        Path be = npy(2, "{'shape': (1, 1, 3), 'descr': '>f4', 'fortran_order': True}", floats(ByteOrder.BIG_ENDIAN, -1, 0.5f, 7));
        try (NpyArray a = NpyArray.open(be, Optional.of(Format.FP32))) {
            assertEquals(new ArrayShape.Flat(3), a.shape()); // leading dimensions of size 1 dropped
            assertTrue(a.fortranOrder());
            assertArrayEquals(new double[] {-1, 0.5, 7}, readAll(a, 3));
        }
    }

    @Test
    void rawSixteenBitEncodingsNeedTheirFormat() throws IOException {
        // bf16 0x3f80 = 1, 0xc000 = -2, 0x0001 = 2^-133 (the smallest subnormal), little-endian
        byte[] data = {(byte) 0x80, 0x3f, 0x00, (byte) 0xc0, 0x01, 0x00};
        for (String descr : new String[] {"<V2", "<u2", "|V2"}) {
            Path p = npy(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (3,), }", data);
            try (NpyArray a = NpyArray.open(p, Optional.of(Format.BF16))) {
                assertArrayEquals(new double[] {1, -2, 0x1p-133}, readAll(a, 3), descr);
            }
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> NpyArray.open(p, Optional.empty()));
            assertEquals(InvalidParameterException.Parameter.FORMAT, e.parameter(), e.getMessage());
            assertThrows(InvalidInputException.class, () -> NpyArray.open(p, Optional.of(Format.FP32)));
        }
        // fp16 as float16: 0x3c00 = 1, 0x7c00 = inf
        Path h = npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", new byte[] {0, 0x3c, 0, 0x7c});
        try (NpyArray a = NpyArray.open(h, Optional.empty())) {
            assertEquals(Format.FP16, a.format());
            assertArrayEquals(new double[] {1, Double.POSITIVE_INFINITY}, readAll(a, 2));
        }
    }

    @Test
    void tf32ValuesMayBeStoredAsFp32() throws IOException {
        // tf32 has 11 significant bits: 1 + 2^-10 is a value, 1 + 2^-11 is not
        Path ok = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(ByteOrder.LITTLE_ENDIAN, 1 + 0x1p-10f));
        try (NpyArray a = NpyArray.open(ok, Optional.of(Format.TF32))) {
            assertArrayEquals(new double[] {1 + 0x1p-10}, readAll(a, 1));
        }
        Path bad = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", floats(ByteOrder.LITTLE_ENDIAN, 1 + 0x1p-11f));
        try (NpyArray a = NpyArray.open(bad, Optional.of(Format.TF32))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.read(new double[1]));
            assertTrue(e.getMessage().contains("not a tf32 value"), e.getMessage());
        }
    }

    @Test
    void malformedFilesAreRefusedWithTheReason() throws IOException {
        byte[] two = floats(ByteOrder.LITTLE_ENDIAN, 1, 2);
        String ok = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        assertRefused(npy(1, ok, Arrays.copyOf(two, 7)), "truncated");
        assertRefused(npy(1, ok, Arrays.copyOf(two, 9)), "longer than its shape");
        assertRefused(npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", two), "'<i4'");
        assertRefused(npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", two), "structured");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 'x', }", two), "header keys");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (2,)}", two), "repeats");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", two), "malformed");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", two), "shape entry");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", two), "too large");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)", two), "malformed");
        assertRefused(npy(7, ok, two), "version 7");
        Path nan = npy(1, ok, floats(ByteOrder.LITTLE_ENDIAN, 1, Float.NaN));
        try (NpyArray a = NpyArray.open(nan, Optional.empty())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.read(new double[4]));
            assertTrue(e.getMessage().contains("entry 1 holds NaN"), e.getMessage());
        }
        Path notNpy = Files.writeString(tmp.resolve("x.npy"), "hello world");
        assertRefused(notNpy, "magic");
        // a header length of 4 GiB - 1 is refused before anything is allocated
        byte[] huge = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, -1, -1, -1, -1};
        assertRefused(Files.write(tmp.resolve("huge.npy"), huge), "header of 4294967295 bytes");
    }

    private static void assertRefused(Path p, String named) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (NpyArray a = NpyArray.open(p, Optional.empty())) {
                a.read(new double[16]);
            }
        });
        assertTrue(e.getMessage().contains(named), e.getMessage() + " should name " + named);
    }
}
