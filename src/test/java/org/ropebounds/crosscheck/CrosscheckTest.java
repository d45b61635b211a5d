package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.PipelineSpec;
import org.ropebounds.rope.StageOverrides.Stage;

/**
 * The cross-check through the library: in-memory arrays whose distances are derived by hand from fp32,
 * bf16 and fp8 bit patterns, and the fixtures' MPFR-predicted reports ({@code gen_crosscheck_fixtures.py}).
 *
 * <p>With b = 4 and d = 4 everything is exact: theta_0 = 1 and theta_1 = 4^(-1/2) = 1/2, so the phase at
 * position p is (p, p/2), and the hf pipeline computes the same (4^(1/2) = 2 and 1/2 are fp32 values).
 */
class CrosscheckTest {
    private static final Path DIR = Paths.get("src/test/resources/fixtures/crosscheck");

    private static CrosscheckRequest.Builder b4d4(Quantity q) {
        return CrosscheckRequest.builder(q, Rational.of(4), 4).threads(2);
    }

    private static float bits(int b) {
        return Float.intBitsToFloat(b);
    }

    @Test
    void phaseDistancesAreCountedInFp32Values() throws IOException {
        // rows p = 0..3: (p, p/2); planted: row 0 col 0 = -2^-149 (bits 0x80000001: 1 value from +0, across zero)
        // and row 2 col 1 = 0x3f800002 (two values above 1.0 = 0x3f800000)
        float[] a = {bits(0x80000001), 0, 1, 0.5f, 2, bits(0x3f800002), 3, 1.5f};
        CrosscheckReport r = Crosscheck.run(b4d4(Quantity.PHASE).positions(0, 4).pipeline("hf").build(), ArraySource.ofFloats(a, 4, 2));
        assertEquals(4, r.rows());
        assertEquals(2, r.columns());
        assertEquals(Layout.MODES, r.layout());
        for (UlpSummary s : List.of(r.againstExact(), r.againstPipeline().orElseThrow().summary())) {
            assertEquals(8, s.entries());
            assertEquals(6, s.exactMatches());
            assertEquals(1, s.oneUlp());
            assertEquals(1, s.worse());
            assertEquals(BigInteger.TWO, s.maxUlps());
            assertEquals(Rational.of(BigInteger.valueOf(3), BigInteger.valueOf(8)), s.meanUlps()); // (1 + 2) / 8
            assertEquals("0.375", s.meanUlpsDecimal().text());
            assertEquals(0x1p-22, s.maxAbsError()); // 2 ulps of [1, 2) in fp32: 2 * 2^-23
            Discrepancy worst = s.worst().get(0);
            assertEquals(5, worst.index()); // row 2, column 1
            assertEquals(OptionalLong.of(2), worst.position());
            assertEquals(1, worst.mode());
            assertEquals("0x3f800002", worst.got().bitsHex());
            assertEquals("0x3f800000", worst.want().bitsHex());
            assertEquals(BigInteger.TWO, worst.ulps());
            Discrepancy second = s.worst().get(1);
            assertEquals(0, second.index());
            assertEquals("-0x1p-149", second.got().toHexString());
            assertEquals("0x0p+0", second.want().toHexString());
        }
        // tolerance 1: the 2-ulp entry is beyond both references, and the pipeline (exact here) explains nothing
        CrosscheckReport.PipelineComparison p = r.againstPipeline().orElseThrow();
        assertEquals(0, p.explainedByPipeline());
        assertEquals(1, p.beyondPipeline());
        assertFalse(p.explainsEverything());
        assertEquals(CrosscheckReport.Reference.PIPELINE, r.verdictAgainst());
        assertFalse(r.withinTolerance());
        assertEquals("p * theta_i correctly rounded to fp32", r.exactReference());
        assertEquals("hf", p.pipeline().name());

        CrosscheckReport tolerant = Crosscheck.run(b4d4(Quantity.PHASE).toleranceUlps(2).build(), ArraySource.ofFloats(a, 4, 2));
        assertTrue(tolerant.withinTolerance());
        assertEquals(CrosscheckReport.Reference.EXACT, tolerant.verdictAgainst());
        assertTrue(tolerant.againstPipeline().isEmpty());
        assertEquals(tolerant.againstExact(), tolerant.decisive());
    }

    @Test
    void bf16BitsAgainstABf16Pipeline() throws IOException {
        // bf16-all at b = 4, d = 4, position 257: bf16 has 8 significant bits, so 257 lies halfway between 256
        // and 258 and rounds to the even 256; the exact phases 257 and 128.5 round to 256 and 128 (128.5 is
        // halfway between 128 and 129: to even), and the pipeline computes RN(257) = 256 and 256 * 1/2 = 128.
        CrosscheckRequest r = CrosscheckRequest.builder(Quantity.PHASE, Rational.of(4), 4).positions(257, 1).pipeline("bf16-all").build();
        // bf16 256 = 0x4380, 128 = 0x4300
        CrosscheckReport same = Crosscheck.run(r, ArraySource.ofBits(Format.BF16, new short[] {0x4380, 0x4300}, 1, 2));
        assertEquals(2, same.againstExact().exactMatches());
        assertEquals(2, same.againstPipeline().orElseThrow().summary().exactMatches());
        assertEquals("bf16-all (inv_freq bf16, position bf16, phase bf16, cos/sin bf16, output bf16)",
                same.againstPipeline().orElseThrow().pipeline().describe());
        // 0x4381 = 258 and 0x4301 = 129: each the next bf16 value up
        CrosscheckReport off = Crosscheck.run(r, ArraySource.ofBits(Format.BF16, new char[] {0x4381, 0x4301}, 1, 2));
        assertEquals(2, off.againstExact().oneUlp());
        assertEquals(2, off.againstPipeline().orElseThrow().summary().oneUlp());
        assertEquals(2.0, off.againstExact().maxAbsError()); // 258 - 256
        assertTrue(off.withinTolerance());
    }

    @Test
    void layoutsReadRowsOfTwiceTheModes() throws IOException {
        // rows p = 0, 1, 2 of (p, p/2) with each mode twice: concat (p, p/2, p, p/2), interleave (p, p, p/2, p/2)
        float[] concat = {0, 0, 0, 0, 1, 0.5f, 1, 0.5f, 2, 1, 2, 1};
        float[] interleave = {0, 0, 0, 0, 1, 1, 0.5f, 0.5f, 2, 2, 1, 1};
        CrosscheckReport c = Crosscheck.run(b4d4(Quantity.PHASE).build(), ArraySource.ofFloats(concat, 3, 4));
        assertEquals(Layout.CONCAT, c.layout()); // the default for d columns
        assertEquals(12, c.againstExact().exactMatches());
        CrosscheckReport i = Crosscheck.run(b4d4(Quantity.PHASE).layout(Layout.INTERLEAVE).build(), ArraySource.ofFloats(interleave, 3, 4));
        assertEquals(12, i.againstExact().exactMatches());
        // concat data read as interleave: columns 1 and 2 of rows 1 and 2 hold p/2 where p is wanted or the
        // reverse; p and p/2 are a binade apart, 2^23 fp32 values
        CrosscheckReport wrong = Crosscheck.run(b4d4(Quantity.PHASE).layout(Layout.INTERLEAVE).build(), ArraySource.ofFloats(concat, 3, 4));
        assertEquals(8, wrong.againstExact().exactMatches());
        assertEquals(4, wrong.againstExact().worse());
        assertEquals(BigInteger.valueOf(1L << 23), wrong.againstExact().maxUlps());
        // a flat text-like array: rows of the layout's width
        CrosscheckReport flat = Crosscheck.run(b4d4(Quantity.PHASE).build(), ArraySource.ofFloats(new float[] {0, 0, 1, 0.5f}));
        assertEquals(2, flat.rows());
    }

    @Test
    void inMemoryFormats() throws IOException {
        // inv_freq (1, 1/2) for b = 4, d = 4
        CrosscheckRequest inv = b4d4(Quantity.INV_FREQ).toleranceUlps(0).build();
        // fp64: one value above 0.5 is 1 ulp
        CrosscheckReport d = Crosscheck.run(inv, ArraySource.ofDoubles(new double[] {1, Math.nextUp(0.5)}));
        assertEquals(Format.FP64, d.format());
        assertEquals(1, d.againstExact().oneUlp());
        assertEquals(OptionalLong.empty(), d.againstExact().worst().get(0).position());
        assertFalse(d.withinTolerance());
        assertTrue(Crosscheck.run(inv, ArraySource.ofDoubles(new double[] {1, 0.5}, 1, 2)).withinTolerance());
        // bf16 1 = 0x3f80, 1/2 = 0x3f00
        assertTrue(Crosscheck.run(inv, ArraySource.ofBits(Format.BF16, new short[] {0x3f80, 0x3f00}, 1, 2)).withinTolerance());
        // fp8-e4m3 (bias 7): 1 = 0 0111 000 = 0x38, 1/2 = 0x30; 0x31 = 1/2 + 1/16 is 1 value above
        CrosscheckReport e4 = Crosscheck.run(inv, ArraySource.ofBits(Format.FP8_E4M3, new byte[] {0x38, 0x31}, 1, 2));
        assertEquals(1, e4.againstExact().oneUlp());
        assertEquals(0x1p-4, e4.againstExact().maxAbsError());
        // fp8-e5m2 (bias 15): 1 = 0 01111 00 = 0x3c, 1/2 = 0x38
        assertTrue(Crosscheck.run(inv, ArraySource.ofBits(Format.FP8_E5M2, new byte[] {0x3c, 0x38}, 1, 2)).withinTolerance());
        InvalidParameterException width = assertThrows(InvalidParameterException.class,
                () -> ArraySource.ofBits(Format.FP16, new byte[] {0x3c}, 1, 1));
        assertEquals(Parameter.FORMAT, width.parameter());
        assertThrows(InvalidInputException.class, () -> ArraySource.ofFloats(new float[6], 4, 2));
        assertEquals(new ArrayShape.Table(OptionalLong.of(4), 2), ArraySource.ofFloats(new float[8], 4, 2).shape());
        assertEquals(new ArrayShape.Flat(8), ArraySource.ofDoubles(new double[8]).shape());
        assertEquals(OptionalLong.of(8), ArraySource.ofBits(Format.BF16, new short[8], 2, 4).entries());
        assertEquals("bf16 encodings in a short[] (2, 4)", ArraySource.ofBits(Format.BF16, new short[8], 2, 4).describe());
    }

    @Test
    void shapesThatDoNotFitAreRefused() {
        InvalidInputException nan = assertThrows(InvalidInputException.class,
                () -> Crosscheck.run(b4d4(Quantity.PHASE).build(), ArraySource.ofFloats(new float[] {0, 0, Float.NaN, 0.5f}, 2, 2)));
        assertTrue(nan.getMessage().contains("row 1, column 0"), nan.getMessage());
        InvalidInputException width = assertThrows(InvalidInputException.class,
                () -> Crosscheck.run(b4d4(Quantity.PHASE).build(), ArraySource.ofFloats(new float[6], 2, 3)));
        assertTrue(width.getMessage().contains("rows of 3 entries"), width.getMessage());
        InvalidParameterException rows = assertThrows(InvalidParameterException.class,
                () -> Crosscheck.run(b4d4(Quantity.PHASE).positions(5, 3).build(), ArraySource.ofFloats(new float[4], 2, 2)));
        assertEquals(Parameter.POSITIONS, rows.parameter());
        assertEquals("5:8 names 3 positions but the array (float[] (2, 2)) has 2 rows", rows.detail());
        InvalidParameterException layout = assertThrows(InvalidParameterException.class,
                () -> Crosscheck.run(b4d4(Quantity.PHASE).layout(Layout.CONCAT).build(), ArraySource.ofFloats(new float[4], 2, 2)));
        assertEquals(Parameter.LAYOUT, layout.parameter());
        InvalidInputException inv = assertThrows(InvalidInputException.class,
                () -> Crosscheck.run(b4d4(Quantity.INV_FREQ).build(), ArraySource.ofFloats(new float[3])));
        assertTrue(inv.getMessage().contains("has 2 entries"), inv.getMessage());
    }

    /**
     * The README's example: a cos cache computed in plain Java the way transformers computes it in fp32
     * (inv_freq = 1 / base^(2i/d), phase = p * inv_freq, cos, each rounded to fp32) agrees with the hf
     * pipeline within the default tolerance of 1 ulp (Math.cos may be 1 ulp from the correctly rounded cos).
     */
    @Test
    void aFloatArrayFromPlainJava() throws IOException {
        int n = 512;
        float[] cos = new float[n * 64];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < 64; i++) {
                float invFreq = (float) (1 / (double) (float) Math.pow(500000, (2 * i) / 128f));
                cos[p * 64 + i] = (float) Math.cos((float) p * invFreq);
            }
        }
        CrosscheckRequest request = CrosscheckRequest.builder(Quantity.COS, Rational.of(500000), 128)
                .positions(0, n).pipeline("hf").build();
        CrosscheckReport report = Crosscheck.run(request, ArraySource.ofFloats(cos, n, 64));
        assertTrue(report.withinTolerance(), () -> report.againstPipeline().orElseThrow().summary().toString());
        assertEquals(n * 64L, report.againstExact().entries());
        assertEquals("hf", report.againstPipeline().orElseThrow().pipeline().name());
    }

    /** Every fixture through the library: the counts, sums, worst entries and joint counts MPFR predicts. */
    @TestFactory
    Stream<DynamicTest> fixturesGiveTheReportsMpfrPredicts() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile()).get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("file").asText(), () -> {
                Optional<Format> dtype = Optional.empty();
                CrosscheckRequest.Builder b = null;
                String quantity = null;
                String base = null;
                int headDim = 128;
                long[] positions = null;
                PipelineSpec pipeline = null;
                List<String> args = new ArrayList<>();
                c.get("args").forEach(a -> args.add(a.asText()));
                for (int k = 0; k < args.size(); k += 2) {
                    String v = args.get(k + 1);
                    switch (args.get(k)) {
                        case "--quantity" -> quantity = v;
                        case "--base" -> base = v;
                        case "--head-dim" -> headDim = Integer.parseInt(v);
                        case "--positions" -> positions = new long[] {Long.parseLong(v.split(":")[0]), Long.parseLong(v.split(":")[1])};
                        case "--pipeline" -> pipeline = PipelineSpec.parse(v);
                        case "--position-dtype" -> pipeline = pipeline.with(Stage.POSITION, Format.parse(v));
                        case "--phase-dtype" -> pipeline = pipeline.with(Stage.PHASE, Format.parse(v));
                        case "--dtype" -> dtype = Optional.of(Format.parse(v));
                        default -> throw new AssertionError("fixture argument " + args.get(k));
                    }
                }
                b = CrosscheckRequest.builder(Quantity.parse(quantity), Rational.parse(base), headDim).worst(1000).pipeline(pipeline);
                if (positions != null) {
                    b.positions(positions[0], positions[1] - positions[0]);
                }
                CrosscheckReport r;
                try (ArraySource s = ArraySource.open(DIR.resolve(c.get("file").asText()), FileKind.AUTO, dtype)) {
                    r = Crosscheck.run(b.build(), s);
                }
                CrosscheckReport.PipelineComparison p = r.againstPipeline().orElseThrow();
                check(c.get("against_exact"), r.againstExact());
                check(c.get("against_pipeline"), p.summary());
                assertEquals(c.get("joint").get("explained_by_pipeline").asLong(), p.explainedByPipeline());
                assertEquals(c.get("joint").get("beyond_tolerance_of_pipeline").asLong(), p.beyondPipeline());
                assertEquals(c.get("against_pipeline").get("max_ulps").asLong() <= 1, r.withinTolerance());
            }));
        }
        return tests.stream();
    }

    private static void check(JsonNode want, UlpSummary got) {
        assertEquals(want.get("entries").asLong(), got.entries());
        assertEquals(want.get("exact_matches").asLong(), got.exactMatches());
        assertEquals(want.get("one_ulp").asLong(), got.oneUlp());
        assertEquals(BigInteger.valueOf(want.get("max_ulps").asLong()), got.maxUlps());
        assertEquals(BigInteger.valueOf(want.get("sum_ulps").asLong()), got.sumUlps());
        if (!want.get("differing").isNull()) {
            TreeMap<Long, BigInteger> expected = new TreeMap<>();
            want.get("differing").forEach(d -> expected.put(d.get(0).asLong(), BigInteger.valueOf(d.get(1).asLong())));
            TreeMap<Long, BigInteger> listed = new TreeMap<>();
            got.worst().forEach(d -> listed.put(d.index(), d.ulps()));
            assertEquals(expected, listed);
        }
    }
}
