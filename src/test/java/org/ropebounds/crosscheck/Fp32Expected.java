package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fp32 checks must report for entries {@code got} against their wants, computed here entry by entry from fp32
 * ordinals in longs (independently of the check's loops), and the small .npy files the tests hand them: shared by
 * {@link SlicedFp32CheckTest} and {@link WalkedChunkMagnitudeTest}.
 *
 * @param ulps      |ordinal(got) - ordinal(want)| per entry
 * @param exact     entries at distance 0
 * @param one       entries at distance 1
 * @param max       the largest distance
 * @param maxAbs    the largest |got - want| in doubles
 * @param sum       the sum of the distances
 * @param worst     {distance, index} pairs, largest distance first, ties by index
 */
record Fp32Expected(long[] ulps, long exact, long one, long max, double maxAbs, BigInteger sum, List<long[]> worst) {

    /** The expected tally of {@code got[k]} against {@code want[k]} (same lengths; no NaN). */
    static Fp32Expected of(float[] got, float[] want) {
        long[] d = new long[got.length];
        long exact = 0;
        long one = 0;
        long max = 0;
        double maxAbs = 0;
        BigInteger sum = BigInteger.ZERO;
        List<long[]> all = new ArrayList<>();
        for (int k = 0; k < got.length; k++) {
            d[k] = Math.abs(ordinal(got[k]) - ordinal(want[k]));
            exact += d[k] == 0 ? 1 : 0;
            one += d[k] == 1 ? 1 : 0;
            max = Math.max(max, d[k]);
            maxAbs = Math.max(maxAbs, Math.abs((double) got[k] - (double) want[k]));
            sum = sum.add(BigInteger.valueOf(d[k]));
            all.add(new long[] {d[k], k});
        }
        all.sort((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
        return new Fp32Expected(d, exact, one, max, maxAbs, sum, all);
    }

    /** Asserts that {@code s} (with {@code worstCount} worst entries asked for) and the written ulps file say this tally. */
    void assertSaidBy(UlpSummary s, Path ulpsFile, int worstCount, String where) throws IOException {
        assertArrayEquals(ulps, readUlps(ulpsFile, ulps.length), where);
        assertEquals(ulps.length, s.entries(), where);
        assertEquals(exact, s.exactMatches(), where);
        assertEquals(one, s.oneUlp(), where);
        assertEquals(BigInteger.valueOf(max), s.maxUlps(), where);
        assertEquals(maxAbs, s.maxAbsError(), where);
        assertEquals(sum, s.sumUlps(), where);
        assertEquals(worstCount, s.worst().size(), where);
        for (int j = 0; j < worstCount; j++) {
            assertEquals(worst.get(j)[1], s.worst().get(j).index(), where + ", worst " + j);
            assertEquals(BigInteger.valueOf(worst.get(j)[0]), s.worst().get(j).ulps(), where + ", worst " + j);
        }
    }

    /** The fp32 value's place in the order of fp32 values, -0 and +0 both 0 (not NaN): in a long, which does not wrap. */
    static long ordinal(float v) {
        int bits = Float.floatToRawIntBits(v);
        long magnitude = bits & 0x7fffffff;
        return bits < 0 ? -magnitude : magnitude;
    }

    /** A .npy file {@code dir/name} of fp32 values in the given byte order, C order, rows x columns. */
    static Path npy(Path dir, String name, ByteOrder order, float[] values, int rows, int columns) throws IOException {
        String dict = "{'descr': '" + (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + "f4', 'fortran_order': False, 'shape': ("
                + rows + ", " + columns + "), }";
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).order(order);
        for (float v : values) {
            b.putFloat(v);
        }
        return Files.write(dir.resolve(name), b.array());
    }

    /** The n little-endian int64 distances of an ulps .npy file, which must hold exactly those. */
    static long[] readUlps(Path file, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(10 + (buf.getShort(8) & 0xffff));
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = buf.getLong();
        }
        assertEquals(0, buf.remaining());
        return out;
    }
}
