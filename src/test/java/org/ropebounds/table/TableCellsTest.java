package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;

/**
 * The committed tables/ checked cell by cell against values that do not come from this code: the
 * bound tables against mpmath and arb (fixtures/real/table-cells.csv and bounds.csv, 40 digits), the
 * erasure horizons against derivations by hand and a small emulation of the uniform pipelines written
 * here from their definition. TablesReproduceTest only says a fresh run gives the same bytes.
 */
class TableCellsTest {

    private static final Path TABLES = Path.of("tables");
    private static final MathContext SIX_UP = new MathContext(6, RoundingMode.CEILING);

    /** The rows of a committed table's CSV (RFC 4180: cells may hold quoted commas). */
    private static List<Map<String, String>> table(String name) throws IOException {
        try (Reader in = Files.newBufferedReader(TABLES.resolve(name))) {
            var it = new CsvMapper().readerFor(Map.class).with(CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(in);
            List<Map<String, String>> out = new ArrayList<>();
            while (it.hasNext()) {
                out.add(it.next());
            }
            return out;
        }
    }

    private static String key(String... parts) {
        return String.join("/", parts);
    }

    /**
     * x rounded up (toward +infinity) to 6 significant digits, the safe direction of a minimum and the table's
     * convention, from v40, x's value correctly rounded to 40 digits (so |x - v40| <= halfUlp40): rounding up is
     * monotone, so when v40 - halfUlp40 and v40 + halfUlp40 round up to the same 6-digit decimal, x does too.
     * They differ only when a 6-digit decimal lies within halfUlp40 of v40 (or is its lower end), which the
     * test refuses to decide rather than guess.
     */
    private static BigDecimal roundedUpToSix(BigDecimal v40, String where) {
        BigDecimal halfUlp40 = BigDecimal.ONE.movePointLeft(v40.scale()).divide(BigDecimal.valueOf(2));
        BigDecimal lo = v40.subtract(halfUlp40).round(SIX_UP);
        BigDecimal hi = v40.add(halfUlp40).round(SIX_UP);
        assertEquals(0, lo.compareTo(hi), where + ": " + v40 + " is too close to a 6-digit decimal to decide its rounding up");
        return hi;
    }

    /** A printed cell: its value, which must be given to exactly 6 significant digits. */
    private static BigDecimal sixDigitCell(String cell, String where) {
        BigDecimal c = new BigDecimal(cell);
        assertEquals(6, c.precision(), where + ": '" + cell + "' should show 6 significant digits");
        return c;
    }

    @Test
    void everyMinimumBaseCellIsTheBindingBoundRoundedUp() throws IOException {
        // The binding lower bound is the depth bound L / acos(eps^(1/N)) (and its exact-spectrum power
        // (.)^(d/(d-2))): for eps in (0, 1) and N >= 1, eps^(1/N) >= eps, acos decreases, so
        // acos(eps^(1/N)) <= acos(eps) <= pi/2 < 2 pi, and the depth bound is at least the DC bound L/acos(eps)
        // and the aliasing bound L/(2 pi); x -> x^(d/(d-2)) keeps the order. (bounds.csv checks this below.)
        Map<String, Map<String, String>> cells = new HashMap<>();
        for (Map<String, String> row : table("min-base.csv")) {
            cells.put(key(row.get("L"), row.get("N")), row);
        }
        int checked = 0;
        int notNearest = 0;
        for (String[] f : Fixtures.rows("real/table-cells.csv")) {
            String l = f[0];
            String n = f[1];
            String eps = f[2];
            assertEquals("128", f[3]); // the tables' rotary dimension
            Map<String, String> row = cells.get(key(l, n));
            assertTrue(row != null, "min-base has no row L=" + l + " N=" + n);
            for (String[] spectrum : new String[][] {{"approx", f[4]}, {"exact", f[5]}}) {
                String where = "min-base L=" + l + " N=" + n + " eps=" + eps + " " + spectrum[0];
                BigDecimal cell = sixDigitCell(row.get("eps=" + eps + " " + spectrum[0]), where);
                BigDecimal expected = roundedUpToSix(new BigDecimal(spectrum[1]), where);
                assertEquals(0, expected.compareTo(cell), where + ": expected " + expected + ", the table says " + cell);
                if (new BigDecimal(spectrum[1]).round(new MathContext(6, RoundingMode.HALF_EVEN)).compareTo(cell) != 0) {
                    notNearest++;
                }
                checked++;
            }
        }
        // 16 contexts x 10 depths x 3 tolerances x 2 spectra: every cell of the table
        assertEquals(960, checked);
        // about half the cells differ from the nearest rounding (their seventh digit is below 5): the test tells the two apart
        assertTrue(notNearest > 300 && notNearest < 660, "cells that are not the nearest rounding: " + notNearest);
        assertEquals(160, cells.size());
    }

    @Test
    void theDepthBoundBindsInTheFixtures() throws IOException {
        // bounds.csv (mpmath and arb, independent of table-cells.csv's script path) has all three lower bounds
        int checked = 0;
        for (String[] f : Fixtures.rows("real/bounds.csv")) {
            if (!f[3].equals("128") || f[0].equals("1")) {
                continue;
            }
            for (int spectrum = 0; spectrum < 2; spectrum++) {
                BigDecimal aliasing = new BigDecimal(f[4 + 3 * spectrum]);
                BigDecimal dc = new BigDecimal(f[5 + 3 * spectrum]);
                BigDecimal depth = new BigDecimal(f[6 + 3 * spectrum]);
                String where = String.join(",", f[0], f[1], f[2]) + " spectrum " + spectrum;
                assertTrue(depth.compareTo(dc) >= 0 && dc.compareTo(aliasing) > 0, where);
                checked++;
            }
        }
        assertTrue(checked > 300, "rows checked: " + checked);
        // and both fixture files agree where they overlap (L = 1048576, N = 80, eps = 0.9, d = 128)
        String[] a = Fixtures.rows("real/bounds.csv").stream().filter(f -> String.join(",", f[0], f[1], f[2], f[3])
                .equals("1048576,80,0.9,128")).findFirst().orElseThrow();
        String[] b = Fixtures.rows("real/table-cells.csv").stream().filter(f -> String.join(",", f[0], f[1], f[2], f[3])
                .equals("1048576,80,0.9,128")).findFirst().orElseThrow();
        assertEquals(a[6], b[4]);
        assertEquals(a[9], b[5]);
    }

    /** Significand bits (hidden bit included) of the table's formats, from their definitions (IEEE 754, OCP FP8, NVIDIA TF32). */
    private static final Map<String, Integer> PRECISION = Map.of("fp64", 53, "fp32", 24, "tf32", 11, "fp16", 11, "bf16", 8,
            "fp8-e4m3", 4, "fp8-e5m2", 3);

    @Test
    void everyLargestContextCellIsTheLargestIntegerBelowAcosTimesTheCeiling() throws IOException {
        // max L is the largest integer L with L / acos(eps^(1/N)) < 2^(p-1): the largest integer below
        // y = acos(eps^(1/N)) 2^(p-1). y is not an integer (acos of an algebraic number other than 1 is
        // transcendental, by Lindemann-Weierstrass), so max L = floor(y); the test also refuses a fixture
        // too coarse to decide the floor, which an integer y would be.
        Map<String, BigDecimal> acos = new HashMap<>();
        for (String[] f : Fixtures.rows("real/table-cells.csv")) {
            acos.put(key(f[1], f[2]), new BigDecimal(f[6])); // the same for every L
        }
        int checked = 0;
        for (Map<String, String> row : table("max-context.csv")) {
            String format = row.get("format");
            int p = PRECISION.get(format);
            BigInteger ceiling = BigInteger.ONE.shiftLeft(p - 1);
            assertEquals(ceiling.toString(), row.get("ceiling"), format + ": the ceiling 1/eps_mach = 2^(p-1)");
            for (String eps : List.of("0.5", "0.9", "0.99")) {
                BigDecimal a40 = acos.get(key(row.get("N"), eps));
                // y from the 40-digit acos: exact scaling; its error is below one unit of the last digit times 2^(p-1)
                BigDecimal y = a40.multiply(new BigDecimal(ceiling));
                BigDecimal err = BigDecimal.ONE.movePointLeft(a40.scale()).multiply(new BigDecimal(ceiling));
                BigInteger floorLo = y.subtract(err).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
                BigInteger floorHi = y.add(err).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
                String where = "max-context " + format + " N=" + row.get("N") + " eps=" + eps;
                assertEquals(floorLo, floorHi, where + ": the fixture cannot decide the floor");
                assertEquals(floorLo.toString(), row.get("max L eps=" + eps), where);
                checked++;
            }
        }
        assertEquals(7 * 10 * 3, checked);
    }

    @Test
    void everyFewestBitsCellIsTheSmallestPrecisionAboveTheBindingBound() throws IOException {
        // the smallest p with 2^(p-1) > x = L / acos(0.9^(1/N)) (the table's eps, the second tolerance):
        // p - 1 = floor(log2 x) + 1 for x not a power of two (x is transcendental), i.e. p = bitLength(floor(x)) + 1
        Map<String, String> rows = new HashMap<>();
        for (Map<String, String> r : table("min-bits.csv")) {
            for (Map.Entry<String, String> c : r.entrySet()) {
                rows.put(key(r.get("L"), c.getKey()), c.getValue());
            }
        }
        int checked = 0;
        for (String[] f : Fixtures.rows("real/table-cells.csv")) {
            if (!f[2].equals("0.9")) {
                continue;
            }
            BigDecimal x = new BigDecimal(f[4]);
            BigDecimal err = BigDecimal.ONE.movePointLeft(x.scale());
            BigInteger floor = x.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            String where = "min-bits L=" + f[0] + " N=" + f[1];
            assertEquals(floor, x.add(err).setScale(0, RoundingMode.FLOOR).toBigIntegerExact(), where);
            assertEquals(floor, x.subtract(err).setScale(0, RoundingMode.FLOOR).toBigIntegerExact(), where);
            assertEquals(Integer.toString(floor.bitLength() + 1), rows.get(key(f[0], "N=" + f[1])), where);
            checked++;
        }
        assertEquals(160, checked);
    }

    // ---- erasure: L = 2^20, d = 128, bases 10^4, 5 10^5, 10^6, 10^7, every preset ----

    private static final long CONTEXT = 1L << 20;
    private static final int MODES = 64;

    @Test
    void positionAndOutputHorizonsByHand() throws IOException {
        // a format of precision p holds every integer up to 2^p and not 2^p + 1 (the position horizon);
        // 2^p + 1 rounds to 2^p (a tie, to even), so positions 2^p and 2^p + 1 give equal outputs, and the
        // output collision is named by the pair's second position, 2^p + 1 (the first position that fails); with
        // positions in fp32 or fp64 (2^24 + 1 > L) neither happens within L = 2^20
        Map<String, String[]> expected = Map.of("hf", new String[] {"none", "none"}, "hf-bf16-inv-freq", new String[] {"none", "none"},
                "bf16-all", new String[] {"257", "257"}, "fp16-all", new String[] {"2049", "2049"}, "fp64", new String[] {"none", "none"});
        List<Map<String, String>> rows = table("erasure.csv");
        assertEquals(20, rows.size());
        for (Map<String, String> r : rows) {
            String[] e = expected.get(r.get("pipeline"));
            assertEquals(e[0], r.get("position"), r.toString());
            assertEquals(e[1], r.get("output collision"), r.toString());
        }
    }

    @Test
    void noPhasesCollideInTheFp32AndFp64Pipelines() throws IOException {
        // phases RN(q f) in a format of precision p, positions q exact (fp32: up to 2^24 > L), f > 0 a
        // normal value: |RN(y) - y| <= ulp(y)/2 <= 2^-p y, so RN((q+1) f) - RN(q f) >= f - 2^-p (2q + 1) f > 0
        // whenever 2q + 1 < 2^p; here q <= L - 2 = 2^20 - 2 and p >= 24. (The smallest phase step,
        // f_63 >= RN(10^7^(-63/64)) > 10^-7, is far above the subnormal range.)
        for (Map<String, String> r : table("erasure.csv")) {
            if (List.of("hf", "hf-bf16-inv-freq", "fp64").contains(r.get("pipeline"))) {
                assertEquals("none", r.get("phase collision"), r.toString());
                assertEquals("", r.get("mode"), r.toString());
            }
        }
    }

    @Test
    void uniformPipelinesCollideWhereASmallEmulationSays() throws IOException {
        // bf16-all and fp16-all, emulated here from their definition (RopeEmulator's javadoc, proofs/):
        // b' = RN(b), e_i = RN(2i / 128) = i / 64 (exact), pow_i = RN(b'^e_i) (correctly rounded),
        // f_i = RN(1 / pow_i), t = RN(q), phase_i(q) = RN(t f_i); the first q < L - 1 with equal phases
        // at q and q + 1, least over modes, the slowest mode (largest i) among ties; the table names the
        // pair's second position, q + 1 (the first position that fails)
        for (Map<String, String> r : table("erasure.csv")) {
            int p;
            int emin;
            double max;
            switch (r.get("pipeline")) {
                case "bf16-all" -> {
                    p = 8;
                    emin = -126;
                    max = 0x1.fep127;
                }
                case "fp16-all" -> {
                    p = 11;
                    emin = -14;
                    max = 65504;
                }
                default -> {
                    continue;
                }
            }
            double base = round(Double.parseDouble(r.get("base")), p, emin, max);
            long best = Long.MAX_VALUE;
            int bestMode = -1;
            for (int i = 0; i < MODES; i++) {
                double pow = Double.isInfinite(base) && i > 0 ? base : Math.pow(base, i / 64.0); // inf^e = inf for e > 0
                assertDecisive(pow, p, emin, r + " pow_" + i);
                double f = round(1 / round(pow, p, emin, max), p, emin, max);
                assertDecisive(1 / round(pow, p, emin, max), p, emin, r + " inv_freq_" + i);
                long first = firstCollision(f, p, emin, max);
                if (first <= best) {
                    best = first;
                    bestMode = i;
                }
            }
            String where = r.get("base") + " " + r.get("pipeline");
            assertEquals(Long.toString(best + 1), r.get("phase collision"), where);
            assertEquals(Integer.toString(bestMode), r.get("mode"), where);
        }
    }

    /** The first q <= L - 2 with phase(q) == phase(q + 1), or Long.MAX_VALUE. */
    private static long firstCollision(double f, int p, int emin, double max) {
        double previous = round(round(0, p, emin, max) * f, p, emin, max);
        for (long q = 0; q + 1 <= CONTEXT - 1; q++) {
            double t = round(q + 1, p, emin, max); // exact products: t and f have at most 11 bits each
            double phase = round(t * f, p, emin, max);
            if (phase == previous) {
                return q;
            }
            previous = phase;
        }
        return Long.MAX_VALUE;
    }

    /**
     * x rounded to nearest-even in a binary format of precision p, minimum exponent emin (subnormals below)
     * and largest finite value max (beyond it, infinity); x a double, the rounding exact (scaling by powers
     * of two and rint are exact in double).
     */
    private static double round(double x, int p, int emin, double max) {
        if (x == 0 || !Double.isFinite(x)) {
            return x;
        }
        int e = Math.max(Math.getExponent(x), emin);
        double r = Math.scalb(Math.rint(Math.scalb(x, p - 1 - e)), e - (p - 1));
        return Math.abs(r) > max ? Math.copySign(Double.POSITIVE_INFINITY, x) : r;
    }

    /**
     * A double d within 1 ulp of the exact value (Math.pow's and division's guarantee) rounds like the exact
     * value when it is more than 2 of its ulps away from every midpoint of the narrow format.
     */
    private static void assertDecisive(double d, int p, int emin, String where) {
        if (d == 0 || !Double.isFinite(d)) {
            return;
        }
        int e = Math.max(Math.getExponent(d), emin);
        double scaled = Math.scalb(d, p - 1 - e);
        double fromMidpoint = Math.abs(scaled - Math.floor(scaled) - 0.5);
        assertTrue(Math.scalb(fromMidpoint, e - (p - 1)) > 2 * Math.ulp(d), where + ": " + d + " is too close to a midpoint");
    }
}
