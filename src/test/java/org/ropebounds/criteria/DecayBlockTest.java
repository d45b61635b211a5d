package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;
import org.ropebounds.real.DoubleInterval;

/**
 * The block kernel of the decay walk ({@code proofs/decay-bound.md} section 12) against mpmath's values of B_m at
 * distances on both sides of its block and chunk boundaries (src/test/python/gen_decay_block_fixtures.py,
 * decay/blocks.csv): every value lies within the walk's proven error, from m = 1 and from a later start, and the
 * error is no smaller than the hand floor n m 3u (each step's rounding alone grows the bound by at least 3u per mode,
 * section 3; a block's x_B is at least K times that).
 */
class DecayBlockTest {
    private static final double U = 0x1p-53;

    /** The fixture's values keyed by (d, base), then by m. */
    private static Map<String, TreeMap<Long, BigDecimal>> values() throws IOException {
        Map<String, TreeMap<Long, BigDecimal>> out = new java.util.LinkedHashMap<>();
        for (String[] r : Fixtures.rows("decay/blocks.csv")) {
            out.computeIfAbsent(r[0] + "," + r[1], k -> new TreeMap<>()).put(Long.parseLong(r[2]), new BigDecimal(r[3]));
        }
        return out;
    }

    private static void check(String key, TreeMap<Long, BigDecimal> expected, long first, long last) {
        String[] k = key.split(",");
        int n = Integer.parseInt(k[0]) / 2;
        double base = Double.parseDouble(k[1]);
        DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(base, base), n));
        int[] seen = {0};
        walk.run(first, last, (m, v, e, slope, se) -> {
            BigDecimal exact = expected.get(m);
            if (exact != null) {
                BigDecimal off = new BigDecimal(v).subtract(exact).abs();
                assertTrue(off.compareTo(new BigDecimal(e)) <= 0, key + " m = " + m + " from " + first + ": off by " + off + " > bound " + e);
                assertTrue(e >= n * 3 * U * (m - first + 1), key + " m = " + m + ": bound " + e + " below the floor n k 3u");
                assertTrue(e < 1e-6, key + " m = " + m + ": useless bound " + e);
                seen[0]++;
            }
            return true;
        });
        assertEquals(expected.subMap(first, true, last, true).size(), seen[0], key);
    }

    @Test
    void longWalksFromTheStartEncloseTheMpmathValues() throws IOException {
        Map<String, TreeMap<Long, BigDecimal>> all = values();
        assertEquals(6, all.size());
        for (var e : all.entrySet()) {
            check(e.getKey(), e.getValue(), 1, 1L << 20);
        }
    }

    @Test
    void longWalksFromALaterStartEncloseTheMpmathValues() throws IOException {
        // starts off the block grid, so the fixture's distances fall at other offsets within the blocks
        for (var e : values().entrySet()) {
            check(e.getKey(), e.getValue(), 255, 70_000);
            check(e.getKey(), e.getValue(), 4000, 99_999);
        }
    }

    @Test
    void shortAndLongWalksAgreeWithinTheirBounds() {
        // the step walk (under 4096 distances) and the block walk over the same distances: both enclose B_m
        DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(54321.25, 54321.25), 64));
        double[][] step = new double[4096][];
        walk.run(1, 4095, (m, v, e, s, se) -> {
            step[(int) m] = new double[] {v, e, s, se};
            return true;
        });
        int[] compared = {0};
        walk.run(1, 8191, (m, v, e, s, se) -> {
            if (m < 4096) {
                assertTrue(Math.abs(v - step[(int) m][0]) <= e + step[(int) m][1], "m = " + m);
                assertTrue(Math.abs(s - step[(int) m][2]) <= se + step[(int) m][3], "slope at m = " + m);
                compared[0]++;
            }
            return true;
        });
        assertEquals(4095, compared[0]);
    }
}
