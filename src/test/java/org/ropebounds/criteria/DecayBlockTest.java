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

    @Test
    void bulkRoundingIsAtLeastOneUlpOutward() {
        // hand cases: 0, the subnormals, the smallest normals, powers of two (whose ulp below is half the one above),
        // values just above them, and the magnitudes the search sees
        double[] xs = {0.0, Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextUp(Double.MIN_NORMAL), 0x1p-1000, 1.0,
            Math.nextUp(1.0), Math.nextDown(2.0), 2.0, 1.5, 0.1, 64.0, 1e-9, 123456.789, 0x1p1000, Double.MAX_VALUE / 4};
        java.util.Random r = new java.util.Random(13);
        for (int k = 0; k < 20_000 + xs.length; k++) {
            double a = k < xs.length ? xs[k] : Math.scalb(r.nextDouble(), r.nextInt(200) - 100);
            for (double x : new double[] {a, -a}) {
                assertTrue(DecayExtents.down(x) <= Math.nextDown(x), "down(" + x + ") = " + DecayExtents.down(x));
                assertTrue(DecayExtents.up(x) >= Math.nextUp(x), "up(" + x + ") = " + DecayExtents.up(x));
                // and not far: at most two ulps, or 2^-1021 near 0
                double far = Math.abs(x) >= 0x1p-960 ? Math.nextDown(Math.nextDown(Math.nextDown(x))) : x - 0x1p-1021;
                assertTrue(DecayExtents.down(x) >= far, "down(" + x + ") too far");
            }
        }
    }

    @Test
    void chunkBoundsEncloseThePerDistanceOnes() {
        // runChunks against runBox at the same base: every end at least as far out as one ulp beyond the walk's own
        double z = 2.5e6;
        DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(z, z), 64));
        double[] kappa = walk.boxReach(0.001);
        long M = 9000;
        double[][] per = new double[(int) M + 1][];
        walk.runBox(M, kappa, (m, v, e, s, se, lower) -> {
            per[(int) m] = new double[] {v - e, v + e, s - se, s + se, lower};
            return true;
        });
        long[] seen = {0};
        walk.runChunks(M, kappa, (m0, len, lo, hi, sLo, sHi, boxLo) -> {
            for (int k = 0; k < len; k++) {
                double[] p = per[(int) (m0 + k)];
                assertTrue(lo[k] <= Math.nextDown(p[0]) && hi[k] >= Math.nextUp(p[1]), "m = " + (m0 + k) + ": " + lo[k] + " " + p[0] + " " + hi[k] + " " + p[1]);
                assertTrue(sLo[k] <= Math.nextDown(p[2]) && sHi[k] >= Math.nextUp(p[3]), "slope at m = " + (m0 + k));
                assertTrue(boxLo[k] <= p[4] && boxLo[k] > p[4] - 1e-12, "box at m = " + (m0 + k));
                assertTrue(hi[k] - lo[k] < 1e-7, "m = " + (m0 + k) + ": " + (hi[k] - lo[k]));
                seen[0]++;
            }
            return true;
        });
        assertEquals(M, seen[0]);
    }

    @Test
    void bulkCurvatureIsAtLeastTheExactOne() {
        // C_m = m P1 R1 + m^2 P2 R2 in exact decimal arithmetic (the constants R1 = 0.5323, R2 = 0.5666 of section 5)
        java.util.Random r = new java.util.Random(7);
        BigDecimal r1 = new BigDecimal("0.5323");
        BigDecimal r2 = new BigDecimal("0.5666");
        int tight = 0;
        for (int k = 0; k < 20_000; k++) {
            double m = 1 + r.nextInt(1 << 24);
            double p1 = Math.scalb(r.nextDouble(), -r.nextInt(20));
            double p2 = Math.scalb(r.nextDouble(), -r.nextInt(30));
            double c = DecayExtents.curvatureUp(m, DecayExtents.linearCoefficient(p1), DecayExtents.quadraticCoefficient(p2));
            BigDecimal bm = new BigDecimal(m);
            BigDecimal exact = bm.multiply(new BigDecimal(p1)).multiply(r1).add(bm.multiply(bm).multiply(new BigDecimal(p2)).multiply(r2));
            assertTrue(new BigDecimal(c).compareTo(exact) >= 0, "m = " + m + ", P1 = " + p1 + ", P2 = " + p2 + ": " + c + " < " + exact);
            // and close: within 2^-47 relative
            tight += new BigDecimal(c).compareTo(exact.multiply(BigDecimal.ONE.add(new BigDecimal(0x1p-47)))) <= 0 ? 1 : 0;
        }
        assertEquals(20_000, tight);
    }
}
