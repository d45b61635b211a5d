package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * The walked fp32 loop's tally ({@link UlpTally#addCounts} and {@link UlpTally#offerWorstRow}, proofs/crosscheck-rotation.md
 * section 6) against {@link UlpTally#add} entry by entry, and the whole fast path against the general check loop.
 */
class WalkedTallyTest {
    @Test
    void leastKeptIsTheKeepThLargestUnsigned() {
        assertEquals(5, UlpTally.leastKept(new long[] {5, 1, 9, 3}, 4, 2)); // 9, 5: the second largest
        assertEquals(1, UlpTally.leastKept(new long[] {5, 1, 9, 3}, 4, 4));
        assertEquals(0, UlpTally.leastKept(new long[] {5, 1, 9, 3}, 4, 5)); // fewer groups than kept entries: no bound
        assertEquals(0, UlpTally.leastKept(new long[] {5, 1, 9, 3}, 4, 0));
        assertEquals(-1L, UlpTally.leastKept(new long[] {3, -1L, 7}, 3, 1)); // 2^64 - 1 is the largest unsigned distance
        assertEquals(3, UlpTally.leastKept(new long[] {3, -1L, 7, 100}, 2, 2)); // only the first two groups count
    }

    @Test
    void offeringOnlyFromTheRowsMaximaKeepsWhatAddKeeps() {
        // rows of `columns` entries, the first starting at firstColumn; distances with zeros, ties and growth along the rows
        qt().withFixedSeed(20261201L).withExamples(400).forAll(integers().between(0, 6), integers().between(1, 9), integers().between(1, 120), longs().all())
                .checkAssert((keep, columns, n, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    int firstColumn = r.nextInt(columns);
                    float[] got = new float[n];
                    float[] want = new float[n];
                    long[] distance = new long[n];
                    int[] modeOf = new int[columns];
                    for (int c = 0; c < columns; c++) {
                        modeOf[c] = (c * 5) % 7;
                    }
                    boolean growing = r.nextBoolean();
                    UlpTally one = new UlpTally(Format.FP32.doubles(), keep);
                    UlpTally chunk = new UlpTally(Format.FP32.doubles(), keep);
                    one.add(0, 3, 1, 1, 1.5, 2); // something kept already
                    chunk.add(0, 3, 1, 1, 1.5, 2);
                    long[] rowMax = new long[n + 1];
                    int rows = 0;
                    long exact = 0;
                    long ones = 0;
                    long max = 0;
                    double maxAbs = 0;
                    long sum = 0;
                    for (int k = 0; k < n; k++) {
                        int c = (firstColumn + k) % columns;
                        long row = (firstColumn + k) / columns;
                        want[k] = r.nextInt(5) * 0.25f;
                        distance[k] = r.nextInt(3) == 0 ? 0 : growing ? row + r.nextInt(3) : r.nextInt(4);
                        got[k] = Float.intBitsToFloat(Float.floatToRawIntBits(want[k]) + (int) distance[k]); // distance[k] fp32 steps up
                        if (k == 0 || c == 0) {
                            rowMax[rows++] = 0;
                        }
                        rowMax[rows - 1] = Math.max(rowMax[rows - 1], distance[k]);
                        exact += distance[k] == 0 ? 1 : 0;
                        ones += distance[k] == 1 ? 1 : 0;
                        max = Math.max(max, distance[k]);
                        maxAbs = Math.max(maxAbs, Math.abs((double) got[k] - want[k]));
                        sum += distance[k];
                        one.add(100 + k, 7 + row, modeOf[c], got[k], want[k], distance[k]);
                    }
                    chunk.addCounts(n, exact, ones, max, maxAbs, sum);
                    long[] sorted = rowMax.clone();
                    long least = UlpTally.leastKept(sorted, rows, keep);
                    for (int g = 0, from = 0; g < rows; g++) {
                        int c0 = g == 0 ? firstColumn : 0;
                        int count = Math.min(n - from, columns - c0);
                        assertEquals(distance[from], Crosscheck.fp32UlpDistance(got[from], want[from])); // the distances offerWorstRow computes
                        chunk.offerWorstRow(100 + from, 7 + g, c0, modeOf, got, from, want, count, least);
                        from += count;
                    }
                    assertEquals(one.summary(), chunk.summary());
                });
    }

    @Test
    void theWalkedFp32PathCountsAsTheGeneralLoop() throws IOException {
        // b = 10000, d = 6, concat rows of 6 columns: 65536-entry chunks start mid-row (65536 = 6 * 10922 + 4). Column 1
        // (mode 1) is moved p / 1000 fp32 steps up from RN(cos) in double, so its distances grow with the position, and
        // column 5 (mode 2) at p = 25000 by 40 steps, in the chunk of the worst rows (entries 131072 to 196607); the
        // general loop (taken when a pipeline is named too) counts entry by entry with UlpTally.add
        int rows = 30000;
        float[] cos = new float[rows * 6];
        for (int p = 0; p < rows; p++) {
            for (int c = 0; c < 6; c++) {
                int mode = c % 3;
                float v = (float) Math.cos(p * Math.pow(10000, -mode / 3.0));
                int steps = c == 1 ? p / 1000 : p == 25000 && c == 5 ? 40 : 0;
                for (int s = 0; s < steps; s++) {
                    v = Math.nextUp(v);
                }
                cos[p * 6 + c] = v;
            }
        }
        CrosscheckRequest.Builder b = CrosscheckRequest.builder(Quantity.COS, Rational.of(10000), 6).positions(0, rows)
                .layout(Layout.CONCAT).worst(7).threads(2);
        UlpSummary fast = Crosscheck.run(b.build(), ArraySource.ofFloats(cos, rows, 6)).againstExact();
        UlpSummary general = Crosscheck.run(b.pipeline("hf").build(), ArraySource.ofFloats(cos, rows, 6)).againstExact();
        assertEquals(general, fast);
        assertEquals(rows * 6L, fast.entries());
        Discrepancy spike = fast.worst().get(0);
        assertEquals(25000 * 6 + 5, spike.index()); // 40 steps, within 2 (as below)
        assertTrue(spike.ulps().intValueExact() >= 38 && spike.ulps().intValueExact() <= 42, spike.toString());
        Discrepancy worst = fast.worst().get(1);
        assertEquals(1, worst.mode()); // 29 steps (within 2 of them: Math.cos and the rounding to fp32) at p >= 29000
        assertTrue(worst.position().getAsLong() >= 29000, worst.toString());
        assertTrue(worst.ulps().intValueExact() >= 27 && worst.ulps().intValueExact() <= 31, worst.toString());
    }
}
