package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.rope.RopeEmulator;

/**
 * The rotation walk ({@code proofs/crosscheck-rotation.md}): whole long arrays against MPFR's exact values
 * ({@code src/test/python/gen_walk_fixtures.py}), every walked value against the certified path, and the property the
 * unchanged output rests on: where the walk decides a value, the double filter decides the same one.
 */
class RotationWalkTest {
    private static final long SEED = 0x2026_0017_0a1cL;
    private static final Path DIR = Path.of("src/test/resources/fixtures/crosscheck/walk");
    private static final List<String> BASES = List.of("10000", "500000", "1000000", "123456.789", "25000000");
    private static final List<Format> FORMATS = List.of(Format.FP32, Format.BF16, Format.FP16);
    private static final List<Quantity> QUANTITIES = List.of(Quantity.COS, Quantity.SIN);
    private final Map<String, ExpectedValues> cache = new HashMap<>();

    private static QuickTheory props(int examples) {
        // few shrink cycles: an example is a whole walk, and a failure is clear without a minimal one
        return qt().withFixedSeed(SEED).withExamples(examples).withShrinkCycles(2);
    }

    private ExpectedValues values(int base, int quantity, int format) {
        return cache.computeIfAbsent(base + "/" + quantity + "/" + format, k -> new ExpectedValues(QUANTITIES.get(quantity),
                new RopeEmulator(Rational.parse(BASES.get(base)), 128, Pipeline.preset("hf", FORMATS.get(format))), FORMATS.get(format)));
    }

    @Test
    void longArraysReportExactlyWhatMpfrPredicts() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("cases");
        assertEquals(2, cases.size());
        for (JsonNode c : cases) {
            JsonNode want = c.get("against_exact");
            for (int threads = 1; threads <= 2; threads++) {
                long first = c.get("first_position").asLong();
                long rows = want.get("entries").asLong() / (c.get("head_dim").asInt() / 2);
                CrosscheckRequest request = CrosscheckRequest.builder(Quantity.parse(c.get("quantity").asText()),
                        Rational.of(c.get("base").asLong()), c.get("head_dim").asInt()).positions(first, rows).threads(threads).worst(1000).build();
                UlpSummary got;
                try (NpyArray a = NpyArray.open(DIR.resolve(c.get("file").asText()), Optional.empty())) {
                    got = Crosscheck.run(request, a).againstExact();
                }
                String where = c.get("file").asText() + ", " + threads + " thread(s)";
                assertEquals(want.get("entries").asLong(), got.entries(), where);
                assertEquals(want.get("exact_matches").asLong(), got.exactMatches(), where);
                assertEquals(want.get("one_ulp").asLong(), got.oneUlp(), where);
                assertEquals(BigInteger.valueOf(want.get("max_ulps").asLong()), got.maxUlps(), where);
                assertEquals(BigInteger.valueOf(want.get("sum_ulps").asLong()), got.sumUlps(), where);
                TreeMap<Long, Long> expected = new TreeMap<>();
                want.get("differing").forEach(d -> expected.put(d.get(0).asLong(), d.get(1).asLong()));
                TreeMap<Long, Long> listed = new TreeMap<>();
                got.worst().forEach(d -> listed.put(d.index(), d.ulps().longValueExact()));
                assertEquals(expected, listed, where);
            }
        }
    }

    @Test
    void walkedValuesAreTheCertifiedOnesAndTheFilterDecidesThemToo() {
        // a walk of 600 rows from a random position: the values it decides against the enclosures, and exactFast
        props(40).forAll(integers().between(0, BASES.size() - 1), integers().between(0, 1), integers().between(0, 2),
                longs().between(0, 1L << 40)).checkAssert((b, q, f, raw) -> {
                    ExpectedValues ev = values(b, q, f);
                    long first = raw % 3 == 0 ? raw % 1000 : raw; // small positions too
                    RotationWalk walk = new RotationWalk(ev);
                    double[] row = new double[64];
                    int decided = 0;
                    for (long p = first; p < first + 600; p++) {
                        walk.row(p, row);
                        for (int i = 0; i < 64; i++) {
                            if (Double.isNaN(row[i])) {
                                continue;
                            }
                            decided++;
                            long pos = p;
                            int mode = i;
                            assertEquals(row[i], ev.exactFast(i, p), () -> "the filter at mode " + mode + ", p " + pos);
                            if ((p + i) % 601 == 0) { // the certified path is slower: a sample of about 64 per walk
                                assertEquals(ev.exactSlow(i, p), row[i], () -> "mode " + mode + ", p " + pos);
                            }
                        }
                    }
                    // most values: past p = 10^11 the filter's own margin (|t| + err)^2 nears fp32's spacing, so fewer
                    assertTrue(decided > 600 * 64 * 3 / 4, "the walk decides most values: " + decided);
                });
    }

    @Test
    void theWalkedDoublesStayWithinTheirProvenBoundOf300BitEnclosures() {
        // the raw walked values, before rounding, against cos/sin(p theta_i) enclosed at 300 bits, through whole blocks
        props(6).forAll(integers().between(0, BASES.size() - 1), integers().between(0, 1), longs().between(0, 1L << 32))
                .checkAssert((b, q, first) -> {
                    ExpectedValues ev = values(b, q, 0);
                    RotationWalk walk = new RotationWalk(ev);
                    EnclosureArithmetic a = new EnclosureArithmetic(300);
                    double[] row = new double[64];
                    for (long p = first; p < first + 2 * RotationWalk.BLOCK; p++) {
                        walk.row(p, row);
                        if ((p - first) % 51 != 0 && (p - first) % RotationWalk.BLOCK != RotationWalk.BLOCK - 1) {
                            continue; // about 12 rows of each walk, the last of each block among them
                        }
                        for (int i = 0; i < 64; i += 9) {
                            long pos = p;
                            int mode = i;
                            Rational pr = Rational.of(p);
                            var theta = ev.rope().theta(i);
                            Enclosure x = a.multiply(a.of(pr), theta.enclose(a));
                            Enclosure exact = q == 0 ? a.cos(x) : a.sin(x);
                            Rational v = Rational.of(new java.math.BigDecimal(walk.walked(i)));
                            Rational off = v.subtract(exact.lo()).abs().max(v.subtract(exact.hi()).abs());
                            double bound = walk.walkBound(i);
                            assertTrue(Double.isFinite(bound), () -> "the walk runs at mode " + mode + ", p " + pos);
                            assertTrue(off.compareTo(Rational.of(new java.math.BigDecimal(bound))) <= 0,
                                    () -> "mode " + mode + ", p " + pos + ": off by " + off.toDouble(org.ropebounds.format.RoundingMode.NEAREST_EVEN)
                                            + ", bound " + bound);
                        }
                    }
                });
    }

    @Test
    void jumpsRestartTheWalk() {
        ExpectedValues ev = values(1, 1, 0);
        RotationWalk walk = new RotationWalk(ev);
        double[] row = new double[64];
        for (long p : new long[] {5, 6, 7, 1_000_003, 1_000_004, 2, 3, 4}) {
            walk.row(p, row);
            for (int i = 0; i < 64; i++) {
                if (!Double.isNaN(row[i])) {
                    assertEquals(ev.exactSlow(i, p), row[i], "mode " + i + ", p " + p);
                }
            }
        }
    }

    @Test
    void theWalkIsForNarrowCosAndSinOnly() {
        RopeEmulator rope = new RopeEmulator(Rational.of(500000), 128, Pipeline.preset("hf", Format.FP32));
        assertFalse(new ExpectedValues(Quantity.PHASE, rope, Format.FP32).walks());
        assertFalse(new ExpectedValues(Quantity.INV_FREQ, rope, Format.FP32).walks());
        assertFalse(new ExpectedValues(Quantity.COS, rope, Format.FP64).walks());
        assertTrue(new ExpectedValues(Quantity.SIN, rope, Format.BF16).walks());
    }

    @Test
    void fp32UlpDistanceCountsAsFormatDoublesDoes() {
        FormatDoubles fp32 = Format.FP32.doubles();
        float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f, Math.nextUp(1f)};
        for (float a : specials) {
            for (float b : specials) {
                assertEquals(fp32.ulpDistance(a, b), Crosscheck.fp32UlpDistance(a, b), a + " " + b);
            }
        }
        assertEquals(0, Crosscheck.fp32UlpDistance(0.0, -0.0));
        assertEquals(2, Crosscheck.fp32UlpDistance(Float.MIN_VALUE, -Float.MIN_VALUE)); // -min, 0, +min
        assertEquals(1, Crosscheck.fp32UlpDistance(Float.MAX_VALUE, Float.POSITIVE_INFINITY));
        props(2000).forAll(integers().all(), integers().all()).checkAssert((x, y) -> {
            float a = Float.intBitsToFloat(x);
            float b = Float.intBitsToFloat(y);
            if (!Float.isNaN(a) && !Float.isNaN(b)) {
                assertEquals(fp32.ulpDistance(a, b), Crosscheck.fp32UlpDistance(a, b));
            }
        });
    }

    @Test
    void aRowAddedAtOnceCountsAsItsEntriesOneByOne() {
        // UlpTally.addRow against add, entry by entry, with ties in ulps, exact matches and a heap of 0..4 kept entries
        props(300).forAll(integers().between(0, 4), integers().between(1, 40), longs().all()).checkAssert((keep, count, seed) -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            double[] got = new double[count + 3];
            double[] want = new double[count];
            long[] distance = new long[count];
            int[] modeOf = new int[count + 5];
            for (int j = 0; j < modeOf.length; j++) {
                modeOf[j] = j % 7;
            }
            for (int j = 0; j < count; j++) {
                want[j] = r.nextInt(5) * 0.25;
                distance[j] = r.nextInt(3) == 0 ? 0 : r.nextInt(4);
                got[3 + j] = distance[j] == 0 ? want[j] : want[j] + distance[j] * 0x1p-24;
            }
            UlpTally row = new UlpTally(Format.FP32.doubles(), keep);
            UlpTally one = new UlpTally(Format.FP32.doubles(), keep);
            row.add(0, 9, 1, 1, 1.5, 3); // something kept already
            one.add(0, 9, 1, 1, 1.5, 3);
            row.addRow(100, 7, modeOf, 2, got, 3, want, distance, count);
            for (int j = 0; j < count; j++) {
                one.add(100 + j, 7, modeOf[2 + j], got[3 + j], want[j], distance[j]);
            }
            assertEquals(one.summary(), row.summary());
        });
    }
}
