package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The walked fp32 loop's branch-free path (columns = modes, the walk decided the whole row) against the general check
 * loop and against distances computed entry by entry from {@link ExpectedValues#exact} with hand-planted steps; rows of
 * 48 columns (d = 96), so that 65536-entry chunks start mid-row (65536 = 48 * 1365 + 16), with growth, a spike, both
 * zeros and an infinity, and sin rows whose p = 0 row the walk leaves undecided (sin 0 = 0 sits on a rounding boundary).
 */
class WalkedModesTest {
    private static final int MODES = 48;
    private static final int ROWS = 4000; // 192000 entries: three chunks of 65536 and a partial one

    /** The file: RN_fp32 of the exact value, then column 7 moved p / 200 fp32 steps up, and a few planted entries. */
    private static float[] table(Quantity q, ExpectedValues ev) {
        float[] t = new float[ROWS * MODES];
        for (int p = 0; p < ROWS; p++) {
            for (int i = 0; i < MODES; i++) {
                float v = (float) ev.exact(i, p); // an fp32 value: exact
                int steps = i == 7 ? p / 200 : 0;
                t[p * MODES + i] = Float.intBitsToFloat(Float.floatToRawIntBits(v) + steps); // away from zero
            }
        }
        t[1365 * MODES + 16] = Float.POSITIVE_INFINITY; // the first row that starts a chunk (entry 65536)
        t[2000 * MODES + 3] = 0.0f;
        t[2001 * MODES + 3] = -0.0f;
        t[3500 * MODES + 40] = Float.intBitsToFloat(Float.floatToRawIntBits(t[3500 * MODES + 40]) ^ 0x80000000); // sign flipped
        return t;
    }

    private static CrosscheckRequest.Builder request(Quantity q) {
        return CrosscheckRequest.builder(q, Rational.of(10000), 2 * MODES).positions(0, ROWS).worst(12).threads(2);
    }

    @Test
    void cosAndSinCountAsTheGeneralLoopAndAsEveryEntryItself(@TempDir Path dir) throws IOException {
        for (Quantity q : new Quantity[] {Quantity.COS, Quantity.SIN}) {
            ExpectedValues ev = new ExpectedValues(q, request(q).build().emulator(Format.FP32), Format.FP32);
            float[] t = table(q, ev);
            Path ulpsFile = dir.resolve(q + ".npy");
            UlpSummary fast;
            try (UlpsNpyWriter w = UlpsNpyWriter.create(ulpsFile)) {
                fast = Crosscheck.run(request(q).build(), ArraySource.ofFloats(t, ROWS, MODES), w, n -> { }).againstExact();
            }
            UlpSummary general = Crosscheck.run(request(q).pipeline("hf").build(), ArraySource.ofFloats(t, ROWS, MODES)).againstExact();
            assertEquals(general, fast, q.toString());
            // every entry's distance, from the exact value and the fp32 ordinals (sign and magnitude), counted here
            long[] ulps = readUlps(ulpsFile, t.length);
            long exactMatches = 0;
            long oneUlp = 0;
            long max = 0;
            for (int k = 0; k < t.length; k++) {
                double want = ev.exact(k % MODES, k / MODES);
                long d = Math.abs(ordinal(t[k]) - ordinal((float) want));
                assertEquals(d, ulps[k], q + " entry " + k);
                exactMatches += d == 0 ? 1 : 0;
                oneUlp += d == 1 ? 1 : 0;
                max = Math.max(max, d);
            }
            assertEquals(t.length, fast.entries());
            assertEquals(exactMatches, fast.exactMatches());
            assertEquals(oneUlp, fast.oneUlp());
            assertEquals(max, fast.maxUlps().longValueExact());
            assertEquals(Double.POSITIVE_INFINITY, fast.maxAbsError(), q.toString()); // the infinity's
            // the sign flip is 2 |ordinal| away (about 2 * 2^30 for |value| in [2^-8, 1]); +inf is 2^31 - 2^23 - |ordinal|
            // away, less for |ordinal| > 2^29, true of every |value| >= 2^-64
            float flipped = t[3500 * MODES + 40];
            assertEquals(3500 * MODES + 40, fast.worst().get(0).index(), q.toString());
            assertEquals(2 * Math.abs(ordinal(flipped)), fast.worst().get(0).ulps().longValueExact(), q.toString());
            assertTrue(Math.abs(flipped) >= 0x1p-64f, q.toString());
            assertEquals(1365 * MODES + 16, fast.worst().get(1).index(), q.toString());
            assertEquals(12, fast.worst().size());
        }
    }

    /** The fp32 value's place in the order of fp32 values, -0 and +0 both 0. */
    private static long ordinal(float v) {
        int bits = Float.floatToRawIntBits(v);
        long magnitude = bits & 0x7fffffff;
        return bits < 0 ? -magnitude : magnitude;
    }

    private static long[] readUlps(Path file, int n) throws IOException {
        byte[] b = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = buf.getShort(8) & 0xffff;
        assertTrue(new String(b, 10, headerLength, java.nio.charset.StandardCharsets.ISO_8859_1).contains("'<u8'"));
        buf.position(10 + headerLength);
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = buf.getLong();
        }
        assertEquals(0, buf.remaining());
        return out;
    }
}
