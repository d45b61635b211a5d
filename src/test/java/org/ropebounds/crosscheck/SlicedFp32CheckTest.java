package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * fp32 .npy tensors of more than one chunk, checked with each worker reading its own chunks ({@link SlicedFp32Check},
 * proofs/crosscheck-rotation.md section 8): every entry counted as its exact value says (distances from fp32 ordinals
 * computed here, the worst entries by sorting here), whatever the number of threads and whether chunks start mid-row;
 * the first NaN of the file named however the chunks are shared out; positional reads delivering what the stream
 * delivers; a file that shrinks refused; the selection of the rows' bound equal to sorting.
 */
class SlicedFp32CheckTest {
    @TempDir
    Path tmp;

    /** A .npy file of fp32 values in the given byte order, C order, rows x columns, in the test's directory. */
    private Path npy(String name, ByteOrder order, float[] values, int rows, int columns) throws IOException {
        return Fp32Expected.npy(tmp, name, order, values, rows, columns);
    }

    private static CrosscheckRequest request(Quantity q, int modes, int rows, int threads, int worst) {
        return CrosscheckRequest.builder(q, Rational.of(10000), 2 * modes).positions(0, rows).worst(worst).threads(threads).build();
    }

    /**
     * RN_F of the exact values, then planted differences: one ulp up in every seventh entry, k ulps (growing with the row)
     * in every eleventh, sign flips, both zeros, and with {@code infinity} a +inf.
     */
    private static float[] table(ExpectedValues ev, int rows, int modes, boolean infinity) {
        float[] t = new float[rows * modes];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < modes; i++) {
                int k = r * modes + i;
                float v = (float) ev.exact(i, r);
                if (k % 7 == 3) {
                    v = Math.nextUp(v);
                } else if (k % 11 == 5) {
                    v = Float.intBitsToFloat(Float.floatToRawIntBits(v) + (v == 0 ? 1 : 1 + r / 64));
                }
                t[k] = v;
            }
        }
        t[1234 * modes + 5] = -t[1234 * modes + 5]; // a sign flip in the second chunk
        t[17] = 0.0f;
        t[18] = -0.0f;
        if (infinity) {
            t[2100 * modes + 1] = Float.POSITIVE_INFINITY;
        }
        return t;
    }

    @Test
    void everyEntryCountsAsItsExactValueSaysOnAnyNumberOfThreads() throws IOException {
        // 64 modes: whole rows, chunks of 1024 rows; 48 modes: 65536 = 1365 * 48 + 16, so every chunk after the first starts mid-row
        for (int modes : new int[] {64, 48}) {
            for (Quantity q : new Quantity[] {Quantity.COS, Quantity.SIN}) {
                int rows = 3000; // 192000 or 144000 entries: three chunks, the last one short
                boolean infinity = modes == 48;
                ExpectedValues ev = new ExpectedValues(q, request(q, modes, rows, 1, 10).emulator(Format.FP32), Format.FP32);
                float[] t = table(ev, rows, modes, infinity);
                Path file = npy(q + "-" + modes + ".npy", modes == 48 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, t, rows, modes);
                // expected, entry by entry, here: distances from ordinals, counts, the largest |got - want|, the 25 worst
                float[] want = new float[t.length];
                for (int k = 0; k < t.length; k++) {
                    want[k] = (float) ev.exact(k % modes, k / modes);
                }
                Fp32Expected expected = Fp32Expected.of(t, want);
                UlpSummary streamed = Crosscheck.run(request(q, modes, rows, 2, 25), ArraySource.ofFloats(t, rows, modes)).againstExact();
                for (int threads = 1; threads <= 3; threads++) {
                    String where = q + ", " + modes + " modes, " + threads + " thread(s)";
                    Path ulpsFile = tmp.resolve("ulps-" + q + modes + threads + ".npy");
                    UlpSummary s;
                    try (NpyArray a = NpyArray.open(file, Optional.empty()); UlpsNpyWriter w = UlpsNpyWriter.create(ulpsFile)) {
                        s = Crosscheck.run(request(q, modes, rows, threads, 25), a, w, n -> { }).againstExact();
                    }
                    expected.assertSaidBy(s, ulpsFile, 25, where);
                    assertEquals(infinity, Double.isInfinite(s.maxAbsError()), where);
                    assertEquals(streamed, s, where); // and the same summary as the streamed path's
                }
            }
        }
    }

    @Test
    void aNanNearestTheWantsIsRefusedInAChunkOfExactEntries() throws IOException {
        // section 10: the fused loop finds a NaN through its distance, which is at least 0x7f800001 - 0x3f800000 =
        // 0x40000001 from a want in [-1, 1]. The bound is met: the NaN of least magnitude (0x7f800001) against cos 0 = 1
        // (0x3f800000) at row 0, in chunks whose other entries are their exact values (distance 0)
        int modes = 64;
        int rows = 2048; // two chunks, so each worker reads its own
        ExpectedValues ev = new ExpectedValues(Quantity.COS, request(Quantity.COS, modes, rows, 1, 0).emulator(Format.FP32), Format.FP32);
        float[] t = new float[rows * modes];
        for (int k = 0; k < t.length; k++) {
            t[k] = (float) ev.exact(k % modes, k / modes);
        }
        assertEquals(1f, t[5]);
        t[5] = Float.intBitsToFloat(0x7f800001);
        assertEquals(0x7f800001, Float.floatToRawIntBits(t[5])); // the payload kept
        Path file = npy("least-nan.npy", ByteOrder.LITTLE_ENDIAN, t, rows, modes);
        for (int threads = 1; threads <= 2; threads++) {
            try (NpyArray a = NpyArray.open(file, Optional.empty())) {
                CrosscheckRequest r = request(Quantity.COS, modes, rows, threads, 10);
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> Crosscheck.run(r, a));
                assertTrue(e.getMessage().startsWith("least-nan.npy, row 0, column 5 holds NaN"), e.getMessage());
            }
        }
    }

    @Test
    void aNanIsFoundInWhicheverRowOfTheChunkItIs() throws IOException {
        // section 11: only rows whose largest distance is above 2^30 are scanned for NaN. 48 modes: the second chunk starts at
        // row 1365, column 16, so its first row is split (the general loop) and its rows are offset by 32 entries from the
        // chunk's start; sign flips (distances above 2^30, no NaN) in rows 1367 and 1371 are scanned before the NaN's row
        int modes = 48;
        int rows = 3000;
        ExpectedValues ev = new ExpectedValues(Quantity.COS, request(Quantity.COS, modes, rows, 1, 0).emulator(Format.FP32), Format.FP32);
        float[] exact = new float[rows * modes];
        for (int k = 0; k < exact.length; k++) {
            exact[k] = (float) ev.exact(k % modes, k / modes);
        }
        int[] flips = {1367 * modes + 2, 1371 * modes + 40};
        for (int k : flips) {
            assertTrue(Math.abs(Fp32Expected.ordinal(exact[k]) - Fp32Expected.ordinal(-exact[k])) > 1L << 30, "flip at " + k);
        }
        // (row, column): the chunk's first whole row at its first and last columns, the row after a flipped one, a row after
        // both, the chunk's last entry (65536 * 2 - 1 = 2730 * 48 + 31), the first chunk's first and last rows
        int[][] places = {{1366, 0}, {1366, 47}, {1368, 0}, {1368, 47}, {1400, 23}, {2730, 31}, {0, 0}, {1364, 47}};
        for (int[] place : places) {
            for (int nanBits : new int[] {0x7f800001, 0xffc00000}) {
                float[] t = exact.clone();
                for (int k : flips) {
                    t[k] = -t[k];
                }
                t[place[0] * modes + place[1]] = Float.intBitsToFloat(nanBits);
                Path file = npy("nan-" + place[0] + "-" + place[1] + ".npy", ByteOrder.LITTLE_ENDIAN, t, rows, modes);
                for (int threads = 1; threads <= 2; threads++) {
                    try (NpyArray a = NpyArray.open(file, Optional.empty())) {
                        CrosscheckRequest r = request(Quantity.COS, modes, rows, threads, 10);
                        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Crosscheck.run(r, a));
                        String where = "row " + place[0] + ", column " + place[1] + " holds NaN";
                        assertTrue(e.getMessage().contains(where), where + ": " + e.getMessage());
                    }
                }
            }
        }
        float[] t = exact.clone(); // the flips alone: checked, no NaN found
        for (int k : flips) {
            t[k] = -t[k];
        }
        try (NpyArray a = NpyArray.open(npy("flips.npy", ByteOrder.LITTLE_ENDIAN, t, rows, modes), Optional.empty())) {
            UlpSummary s = Crosscheck.run(request(Quantity.COS, modes, rows, 2, 10), a).againstExact();
            assertEquals(rows * modes - flips.length, s.exactMatches());
        }
    }

    @Test
    void theFirstNanOfTheFileIsNamedHoweverTheChunksAreSharedOut() throws IOException {
        int modes = 64;
        int rows = 4096; // four chunks
        float[] t = new float[rows * modes];
        Arrays.fill(t, 0.5f);
        t[3 * 65536 + 7] = Float.NaN; // the last chunk, taken last
        t[65536 + 40000] = Float.intBitsToFloat(0xffc00001); // row 1649, column 0: the second chunk's first NaN
        t[65536 + 50000] = Float.NaN;
        t[2 * 65536] = Float.NaN;
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Path file = npy("nan-" + order + ".npy", order, t, rows, modes);
            for (int threads = 1; threads <= 4; threads++) {
                for (int repeat = 0; repeat < 5; repeat++) {
                    try (NpyArray a = NpyArray.open(file, Optional.empty())) {
                        InvalidInputException e = assertThrows(InvalidInputException.class,
                                () -> Crosscheck.run(request(Quantity.COS, modes, rows, 3, 10), a));
                        // 65536 + 40000 = 105536 = 1649 * 64 + 0
                        assertEquals("nan-" + order + ".npy, row 1649, column 0 holds NaN; crosscheck compares numbers, and NaN is never "
                                + "a correct entry", e.getMessage(), order + ", " + threads + " thread(s)");
                    }
                }
            }
        }
        // rows the general loop checks: a row split between chunks (48 modes: the second chunk starts at row 1365, column
        // 16) and rows whose columns are not the modes (concat: 128 columns for 64 modes)
        float[] split = new float[3000 * 48];
        Arrays.fill(split, 0.75f);
        split[65536 + 3] = Float.NaN; // 65539 = 1365 * 48 + 19
        split[65536 + 900] = Float.NaN;
        float[] concat = new float[1200 * 128];
        Arrays.fill(concat, 0.75f);
        concat[2 * 65536 + 1000] = Float.NaN; // 132072 = 1031 * 128 + 104
        for (int threads = 1; threads <= 3; threads++) {
            try (NpyArray a = NpyArray.open(npy("split.npy", ByteOrder.LITTLE_ENDIAN, split, 3000, 48), Optional.empty())) {
                CrosscheckRequest r48 = request(Quantity.COS, 48, 3000, threads, 10);
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> Crosscheck.run(r48, a));
                assertTrue(e.getMessage().startsWith("split.npy, row 1365, column 19 holds NaN"), e.getMessage());
            }
            try (NpyArray a = NpyArray.open(npy("concat.npy", ByteOrder.LITTLE_ENDIAN, concat, 1200, 128), Optional.empty())) {
                CrosscheckRequest rConcat = CrosscheckRequest.builder(Quantity.COS, Rational.of(10000), 128).positions(0, 1200)
                        .layout(Layout.CONCAT).threads(threads).build();
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> Crosscheck.run(rConcat, a));
                assertTrue(e.getMessage().startsWith("concat.npy, row 1031, column 104 holds NaN"), e.getMessage());
            }
        }
        float[] last = new float[rows * modes];
        Arrays.fill(last, -0.25f);
        last[last.length - 1] = Float.NaN;
        try (NpyArray a = NpyArray.open(npy("last.npy", ByteOrder.LITTLE_ENDIAN, last, rows, modes), Optional.empty())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Crosscheck.run(request(Quantity.COS, modes, rows, 2, 10), a));
            assertTrue(e.getMessage().startsWith("last.npy, row 4095, column 63 holds NaN"), e.getMessage());
        }
    }

    @Test
    void positionalReadsDeliverWhatTheStreamDelivers() throws IOException {
        int rows = 300;
        int columns = 5;
        float[] t = new float[rows * columns];
        SplittableRandom r = new SplittableRandom(20261202L);
        for (int k = 0; k < t.length; k++) {
            t[k] = Float.intBitsToFloat(r.nextInt() & 0xbf7fffff); // any sign, exponents below the NaN's
        }
        t[777] = Float.NaN; // delivered as it is; refused by refuseNaN, named by its place
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            try (NpyArray a = NpyArray.open(npy("pos-" + order + ".npy", order, t, rows, columns), Optional.empty())) {
                for (int trial = 0; trial < 200; trial++) {
                    int first = r.nextInt(t.length + 1);
                    int count = r.nextInt(t.length - first + 1);
                    float[] into = new float[count + r.nextInt(3)];
                    a.readFloatsAt(first, into, count, ByteBuffer.allocateDirect(4 * (1 + r.nextInt(40)) + r.nextInt(4)));
                    for (int k = 0; k < count; k++) {
                        assertEquals(Float.floatToRawIntBits(t[first + k]), Float.floatToRawIntBits(into[k]), order + " entry " + (first + k));
                    }
                    if (first <= 777 && 777 < first + count) {
                        InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.refuseNaN(into, count, first));
                        assertEquals("pos-" + order + ".npy, row 155, column 2 holds NaN; crosscheck compares numbers, and NaN is never a "
                                + "correct entry", e.getMessage()); // 777 = 155 * 5 + 2
                    } else {
                        a.refuseNaN(into, count, first);
                    }
                }
                assertThrows(IndexOutOfBoundsException.class, () -> a.readFloatsAt(t.length - 2, new float[3], 3, ByteBuffer.allocateDirect(64)));
                assertThrows(IndexOutOfBoundsException.class, () -> a.readFloatsAt(-1, new float[3], 1, ByteBuffer.allocateDirect(64)));
                assertThrows(IllegalArgumentException.class, () -> a.readFloatsAt(0, new float[3], 1, ByteBuffer.allocateDirect(3)));
                // positional reads leave the stream where it was: it still delivers from entry 0
                float[] streamed = new float[4];
                assertEquals(4, a.readFloats(streamed));
                assertEquals(Float.floatToRawIntBits(t[3]), Float.floatToRawIntBits(streamed[3]));
            }
        }
    }

    @Test
    void aFileThatShrinksWhileBeingCheckedIsRefused() throws IOException {
        int modes = 64;
        int rows = 2048;
        float[] t = new float[rows * modes];
        Arrays.fill(t, 1.0f);
        Path file = npy("shrinks.npy", ByteOrder.LITTLE_ENDIAN, t, rows, modes);
        try (NpyArray a = NpyArray.open(file, Optional.empty())) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(Files.size(file) - 4 * 1000); // after the header was checked against the size: the last chunk is short
            }
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Crosscheck.run(request(Quantity.COS, modes, rows, 2, 10), a));
            assertEquals("shrinks.npy ended early (it shrank while being read)", e.getMessage());
        }
    }

    @Test
    void theRowsBoundIsTheKeepThLargestAsSortingGivesIt() {
        qt().withFixedSeed(20261202L).withExamples(500).forAll(integers().between(1, 3000), integers().between(0, 60), integers().between(0, 3),
                longs().all()).checkAssert((groups, keep, spread, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    long[] max = new long[groups + 3];
                    for (int g = 0; g < max.length; g++) { // few distinct values (ties), small ones, or any 64 bits (unsigned)
                        max[g] = spread == 0 ? r.nextInt(3) : spread == 1 ? r.nextInt(1000) : spread == 2 ? g : r.nextLong();
                    }
                    long[] sorted = Arrays.copyOf(max, groups);
                    for (int g = 0; g < groups; g++) {
                        sorted[g] ^= Long.MIN_VALUE;
                    }
                    Arrays.sort(sorted);
                    long expected = keep == 0 || groups < keep ? 0 : sorted[groups - keep] ^ Long.MIN_VALUE;
                    long[] tail = Arrays.copyOfRange(max, groups, max.length);
                    assertEquals(expected, UlpTally.leastKept(max, groups, keep));
                    assertArrayEquals(tail, Arrays.copyOfRange(max, groups, max.length)); // only the first groups are looked at
                });
        // already sorted, reversed and constant inputs, past the rounds that fall back to sorting
        long[] up = new long[5000];
        long[] down = new long[5000];
        long[] same = new long[5000];
        for (int g = 0; g < 5000; g++) {
            up[g] = g;
            down[g] = 5000 - g;
            same[g] = 42;
        }
        assertEquals(4990, UlpTally.leastKept(up, 5000, 10)); // the 10th largest of 0..4999
        assertEquals(4991, UlpTally.leastKept(down, 5000, 10)); // of 1..5000
        assertEquals(42, UlpTally.leastKept(same, 5000, 10));
    }
}
