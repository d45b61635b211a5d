package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The walked fp32 check (proofs/crosscheck-rotation.md sections 6 to 8) on entries far from their wants: rows holding
 * entries of magnitude 2 and more (infinities of either sign against wants of the other, whose ordinals differ by more
 * than 2^31, the largest floats, 2^30) counted as their exact values say, and the largest |got - want| the largest
 * difference in doubles where the differences in floats tie. Guards for a loop that would take distances in int or
 * differences in floats.
 */
class WalkedChunkMagnitudeTest {
    @TempDir
    Path tmp;

    /** A .npy file of little-endian fp32 values, C order, in the test's directory. */
    private Path npy(String name, float[] values, int rows, int columns) throws IOException {
        return Fp32Expected.npy(tmp, name, ByteOrder.LITTLE_ENDIAN, values, rows, columns);
    }

    @Test
    void rowsWithLargeMagnitudesCountAsTheirExactValuesSay() throws IOException {
        int modes = 64;
        int rows = 2500; // 160000 entries: three chunks of whole rows, the last one short
        CrosscheckRequest.Builder b = CrosscheckRequest.builder(Quantity.COS, Rational.of(10000), 2 * modes).positions(0, rows).worst(20);
        ExpectedValues ev = new ExpectedValues(Quantity.COS, b.build().emulator(Format.FP32), Format.FP32);
        float[] t = new float[rows * modes];
        float[] want = new float[t.length];
        for (int k = 0; k < t.length; k++) {
            want[k] = (float) ev.exact(k % modes, k / modes);
            t[k] = k % 5 == 2 ? Math.nextUp(want[k]) : want[k];
        }
        // against wants of the other sign, where an int difference of ordinals would wrap, and of the same sign
        List<Integer> planted = new ArrayList<>();
        float[] large = {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, 2f, -2f, 0x1p30f, -0x1p30f};
        int next = 0;
        for (int k = 100; k < t.length && next < 4 * large.length; k += 3517) {
            float v = large[next % large.length];
            boolean otherSign = next / large.length % 2 == 0;
            int at = k;
            while ((want[at] < 0) != (otherSign == v > 0) || want[at] == 0) { // a want of the sign asked for
                at++;
            }
            t[at] = v;
            planted.add(at);
            next++;
        }
        // just below the test's bound, 2 - 2^-23 (magnitude 0x3fffffff), against a negative want: the row stays on the fast path
        int below = 70000;
        while (want[below] >= 0) {
            below++;
        }
        t[below] = 0x1.fffffep0f;
        // row 0: every want is cos 0 = 1 (0x3f800000) and every other entry equals it, so the row's OR is 0x7f800000 with
        // -inf (0xff800000) among them: a test that let magnitudes up to an infinity's through would take the int
        // difference 0x7f800000 + 0x3f800000 > 2^31 there, which wraps
        for (int k = 0; k < modes; k++) {
            assertEquals(1f, want[k]);
            t[k] = want[k];
        }
        t[3] = Float.NEGATIVE_INFINITY;
        assertTrue(planted.size() == 4 * large.length);
        Path file = npy("large.npy", t, rows, modes);
        Fp32Expected expected = Fp32Expected.of(t, want);
        // -inf against a positive want: more than 2^31 ulps, which an int would have wrapped
        assertTrue(expected.max() > (1L << 31));
        for (int threads = 1; threads <= 2; threads++) {
            Path ulpsFile = tmp.resolve("ulps" + threads + ".npy");
            UlpSummary s;
            try (NpyArray a = NpyArray.open(file, Optional.empty()); UlpsNpyWriter w = UlpsNpyWriter.create(ulpsFile)) {
                s = Crosscheck.run(b.threads(threads).build(), a, w, n -> { }).againstExact();
            }
            String where = threads + " thread(s)";
            expected.assertSaidBy(s, ulpsFile, 20, where);
            assertEquals(Double.POSITIVE_INFINITY, s.maxAbsError(), where);
        }
    }

    @Test
    void floatTiesInAChunkGiveTheLargestDouble() throws IOException {
        // 2^30 against wants in [-1, 1]: every difference rounds to the float 2^30 (floats near it are 64 or 128 apart), while
        // the doubles 2^30 - w differ; the largest is against the most negative want, planted after a positive one
        int modes = 64;
        int rows = 1100;
        CrosscheckRequest.Builder b = CrosscheckRequest.builder(Quantity.COS, Rational.of(10000), 2 * modes).positions(0, rows).worst(0);
        ExpectedValues ev = new ExpectedValues(Quantity.COS, b.build().emulator(Format.FP32), Format.FP32);
        float[] t = new float[rows * modes];
        for (int k = 0; k < t.length; k++) {
            t[k] = (float) ev.exact(k % modes, k / modes);
        }
        int positive = 10;
        while (t[positive] <= 0.5f) {
            positive++;
        }
        int negative = 40000;
        while (t[negative] >= -0.5f) {
            negative++;
        }
        double expected = Math.max(0x1p30 - t[positive], 0x1p30 - t[negative]); // 2^30 + |w|, rounded to a double
        assertTrue(expected > 0x1p30 - t[positive]);
        t[positive] = 0x1p30f;
        t[negative] = 0x1p30f;
        try (NpyArray a = NpyArray.open(npy("ties.npy", t, rows, modes), Optional.empty())) {
            assertEquals(expected, Crosscheck.run(b.threads(1).build(), a).againstExact().maxAbsError());
        }
    }
}
