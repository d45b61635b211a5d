package org.ropebounds.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.crosscheck.ArraySource;
import org.ropebounds.crosscheck.Crosscheck;
import org.ropebounds.crosscheck.CrosscheckReport;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.PipelineSpec;

/**
 * Reference arrays against mpmath (fixtures/reference/mpmath, gen_reference_fixtures.py: exact values at 400 bits,
 * rounded to the dtype in Python), read back by crosscheck, and tolerances derived by hand.
 */
class ReferenceWriterTest {
    private static final Path MPMATH = Paths.get("src/test/resources/fixtures/reference/mpmath");

    static ReferenceRequest.Builder request(String quantity, long base, int headDim, String dtype) {
        return ReferenceRequest.builder(Quantity.parse(quantity), Frequencies.plain(Rational.of(base), headDim), Format.parse(dtype));
    }

    @Test
    void everyMpmathFixtureIsWrittenByteForByteWithItsSha256InTheSidecar(@TempDir Path dir) throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(MPMATH.resolve("manifest.json").toFile()).get("arrays");
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); n++) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue();
            ReferenceRequest.Builder b = request(a.get("quantity").asText(), a.get("base").asLong(), a.get("head_dim").asInt(), a.get("dtype").asText())
                    .layout(Layout.parse(a.get("layout").asText()));
            if (a.has("first_position")) {
                long first = Long.parseLong(a.get("first_position").asText());
                b.positions(first, Long.parseLong(a.get("positions_end").asText()) - first);
            }
            Path out = dir.resolve(e.getKey());
            ReferenceReport r = ReferenceWriter.write(b.build(), out, false);
            byte[] want = Files.readAllBytes(MPMATH.resolve(e.getKey()));
            assertArrayEquals(want, Files.readAllBytes(out), e.getKey());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(want));
            assertEquals(sha, r.sha256(), e.getKey());
            JsonNode side = new ObjectMapper().readTree(ReferenceWriter.sidecarOf(out).toFile());
            assertEquals(sha, side.get("sha256").asText());
            assertEquals(e.getKey(), side.get("file").asText());
            assertEquals(a.get("dtype").asText(), side.get("dtype").asText());
        }
        assertEquals(6, n);
    }

    @Test
    void crosscheckReadsAWrittenReferenceBackWithoutADiscrepancy(@TempDir Path dir) throws Exception {
        // bf16 stored as uint16, read back with the dtype; concat layout; positions across 2^17
        Path out = dir.resolve("cos.npy");
        ReferenceWriter.write(request("cos", 500000, 64, "bf16").positions((1 << 17) - 16, 32).layout(Layout.CONCAT).build(), out, false);
        CrosscheckRequest exact = CrosscheckRequest.builder(Quantity.COS, Rational.of(500000), 64).positions((1 << 17) - 16, 32)
                .toleranceUlps(0).build();
        try (ArraySource s = ArraySource.open(out, FileKind.AUTO, Optional.of(Format.BF16))) {
            CrosscheckReport r = Crosscheck.run(exact, s);
            assertEquals(32 * 64, r.againstExact().entries());
            assertEquals(r.againstExact().entries(), r.againstExact().exactMatches());
            assertTrue(r.passes());
        }
        // with --pipeline the array is that pipeline's: crosscheck finds it 0 ulps from the pipeline
        Path hf = dir.resolve("sin_hf.npy");
        ReferenceWriter.write(request("sin", 10000, 32, "fp16").positions(1 << 20, 16).pipeline(PipelineSpec.preset("hf")).build(), hf, false);
        CrosscheckRequest pipe = CrosscheckRequest.builder(Quantity.SIN, Rational.of(10000), 32).positions(1 << 20, 16)
                .pipeline("hf").toleranceUlps(0).build();
        try (ArraySource s = ArraySource.open(hf, FileKind.AUTO, Optional.empty())) {
            CrosscheckReport r = Crosscheck.run(pipe, s);
            assertEquals(java.math.BigInteger.ZERO, r.againstPipeline().orElseThrow().summary().maxUlps());
            assertTrue(r.againstExact().maxUlps().signum() > 0, "at 2^20 hf's fp32 phase is not the exact one");
        }
    }

    @Test
    void aPhaseHeldInFp32PositionsHasTheToleranceDerivedByHand(@TempDir Path dir) throws Exception {
        // d = 2: theta_0 = 1, the exact phase is p (fp64 holds it). hf holds p in fp32: 2^24 + 1 -> 2^24 and
        // 2^24 + 3 -> 2^24 + 4 (ties to even), 2^24 and 2^24 + 2 exact. So the envelope (correct libm: hf's value) is at
        // distance 0, 1, 0, 1: max abs 1; in fp64 ulps at 2^24 (ulp 2^-28) that is 2^28. rtol 1e-7 times e >= 2^24 is
        // above 1.67, so atol 0 suffices. NMSE: 2 / min(sum fl32(p)^2, sum p^2) = 2 / sum p^2 (the smaller), then the
        // evaluation margins (at most 2^-21 relative): 2 / (4 * 2^48 + 12 * 2^24 + 14) = 1.7763567e-15, so 1.78e-15.
        Path out = dir.resolve("phase.npy");
        Tolerance t = ReferenceWriter.write(request("phase", 10000, 2, "fp64").positions(1 << 24, 4).build(), out, false).tolerance();
        assertEquals(1L << 28, t.maxUlps());
        assertEquals(0, BigDecimal.ONE.compareTo(t.maxAbs()), t.maxAbs().toString());
        assertEquals(0, BigDecimal.ZERO.compareTo(t.atol()), t.atol().toString());
        assertEquals(new BigDecimal("1e-7"), t.rtol());
        assertEquals(new BigDecimal("1.78e-15"), t.nmse().orElseThrow());
    }

    @Test
    void withAPipelineTheArrayIsItsValuesAndACorrectLibmToleratesNothingElse(@TempDir Path dir) throws Exception {
        // bf16-all holds position 257 as 256 (8 bits, a tie to even) and theta_0 = 1: the pipeline's phase is 256 (the
        // exact one 257). The array holds 256; with every function correctly rounded the envelope is that one value
        Path out = dir.resolve("phase.npy");
        Tolerance t = ReferenceWriter.write(request("phase", 10000, 2, "fp32").positions(257, 1).pipeline(PipelineSpec.preset("bf16-all"))
                .build(), out, false).tolerance();
        assertEquals(0, t.maxUlps());
        assertEquals(0, BigDecimal.ZERO.compareTo(t.maxAbs()));
        assertEquals(0, BigDecimal.ZERO.compareTo(t.atol()));
        assertEquals(new BigDecimal("0"), t.nmse().orElseThrow().stripTrailingZeros());
        try (ArraySource s = ArraySource.open(out, FileKind.AUTO, Optional.empty())) {
            double[] v = new double[4];
            assertEquals(1, s.read(v));
            assertEquals(256.0, v[0]);
        }
    }

    @Test
    void anEntryOneAwayFromItsEnvelopeNeedsTheAtolDerivedByHand() {
        // entry e = 257 in fp32, envelope {256}: |a - e| = 1. Exactly, assert_close needs atol + 1.3e-6 * 257 >= 1, i.e.
        // atol >= 0.9996659. torch evaluates isclose in float: allowed = fl(A + fl(rho * 257)) with A = fl(atol) and
        // rho = fl(1.3e-6); the printed atol must make 1 <= A + fl(rho * 257) hold, and exceed the exact need by at most
        // an fp32 ulp near 1 (2^-23) and the rounding to 10 significant digits
        ToleranceTally tally = new ToleranceTally(Format.FP32);
        tally.add(257, 256, 256);
        Tolerance t = tally.result(Format.FP32);
        BigDecimal exactNeed = new BigDecimal("0.9996659");
        assertTrue(t.atol().compareTo(exactNeed) >= 0, t.atol().toString());
        assertTrue(t.atol().compareTo(exactNeed.add(new BigDecimal(0x1p-23)).add(new BigDecimal("1e-9"))) <= 0, t.atol().toString());
        float a = (float) Double.parseDouble(t.atol().toString());
        float allowedRtol = (float) 1.3e-6 * 257f;
        assertTrue(new BigDecimal(a).add(new BigDecimal(allowedRtol)).compareTo(BigDecimal.ONE) >= 0, a + " + " + allowedRtol);
        assertEquals(10, t.digits());
        // 256 and 257 are 2^15 fp32 values apart (ulp 2^-15 in [256, 512)); |256 - 257| = 1
        assertEquals(1L << 15, t.maxUlps());
        assertEquals(0, BigDecimal.ONE.compareTo(t.maxAbs()));
        // NMSE: 1 / min(256^2, 257^2) = 2^-16 = 1.52587890625e-5, times the evaluation margins (about 1 + 2^-22): 1.53e-5
        assertEquals(new BigDecimal("1.53e-5"), t.nmse().orElseThrow());
        // an envelope holding 0 in every entry has no NMSE bound
        ToleranceTally zero = new ToleranceTally(Format.FP32);
        zero.add(0.5, -0.25, 0.75);
        assertTrue(zero.result(Format.FP32).nmse().isEmpty());
    }

    @Test
    void thePytestFileNamesTheArrayItsHashAndTheTolerance(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cos-bf16.npy");
        ReferenceReport r = ReferenceWriter.write(request("cos", 10000, 16, "bf16").positions(0, 8).layout(Layout.CONCAT).build(), out, true);
        Path py = dir.resolve("test_cos_bf16.py");
        assertEquals(Optional.of(py), r.pytest());
        String text = Files.readString(py);
        assertTrue(text.contains("ARRAY = pathlib.Path(__file__).resolve().parent / \"cos-bf16.npy\""), text);
        assertTrue(text.contains("SHA256 = \"" + r.sha256() + "\""));
        assertTrue(text.contains("RTOL = 0.016"));
        assertTrue(text.contains("ATOL = " + ReferenceJson.plain(r.tolerance().atol()) + " "));
        assertTrue(text.contains("torch.testing.assert_close(comparable(actual()), comparable(reference()), rtol=RTOL, atol=ATOL)"));
        assertTrue(text.contains("POSITIONS = torch.arange(0, 8, dtype=torch.int64)"));
        assertFalse(text.contains("\t"));
    }
}
