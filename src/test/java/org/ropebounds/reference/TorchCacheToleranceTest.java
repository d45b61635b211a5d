package org.ropebounds.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.crosscheck.ArraySource;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.format.Format;
import org.ropebounds.libm.LibmModels;

/**
 * torch's own caches (transformers' LlamaRotaryEmbedding, fp32 and bf16, around 2^17 and 2^20: fixtures/reference/torch,
 * gen_reference_fixtures.py) pass the printed tolerance, for every libm model the envelope is taken under (correct, the
 * default; sleef-u10, torch's CPU kernels): assert_close's inequality and the NMSE bound, evaluated here exactly, and the
 * largest distance in ulps. The same cache with a planted 2-ulp error in one entry fails the atol check and the ulps
 * check (the entry where it counts most: a 2-ulp error where the tolerance has room to spare passes, as it should). The checks here are written from the definitions (isclose: |a - e| <= atol + rtol |e|; llama.cpp's
 * nmse = sum (a - b)^2 / sum a^2; ulps counted on the encodings), not with the code under test.
 */
class TorchCacheToleranceTest {
    private static final Path TORCH = Paths.get("src/test/resources/fixtures/reference/torch");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> torchsCachesPassAndAPlantedTwoUlpErrorFails() throws IOException {
        JsonNode arrays = new ObjectMapper().readTree(TORCH.resolve("manifest.json").toFile()).get("arrays");
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = arrays.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
        }
        assertEquals(8, tests.size());
        return tests.stream();
    }

    private void check(String name, JsonNode a) throws IOException {
        Format dtype = Format.parse(a.get("dtype").asText());
        long first = Long.parseLong(a.get("first_position").asText());
        long count = Long.parseLong(a.get("positions_end").asText()) - first;
        double[] torch = read(TORCH.resolve(name), dtype);
        for (String libm : new String[] {"correct", "sleef-u10"}) {
            ReferenceRequest request = ReferenceWriterTest.request(a.get("quantity").asText(), 500000, 128, dtype.name())
                    .positions(first, count).layout(Layout.CONCAT).libm(LibmModels.parse(libm)).build();
            Path out = dir.resolve(libm + "-" + name);
            Tolerance t = ReferenceWriter.write(request, out, false).tolerance();
            double[] ref = read(out, dtype);
            assertEquals(ref.length, torch.length);
            String where = name + " under libm " + libm + ": atol " + t.atol() + ", nmse " + t.nmse() + ", ulps " + t.maxUlps();
            assertTrue(passesAtol(torch, ref, t), where);
            assertTrue(maxUlps(torch, ref, dtype) <= t.maxUlps(), where);
            assertTrue(nmse(torch, ref).compareTo(t.nmse().orElseThrow()) <= 0, where);
            assertTrue(nmse(ref, torch).compareTo(t.nmse().orElseThrow()) <= 0, where + " (reference as a)");
            if (libm.equals("correct")) {
                // an entry moved 2 ulps further from the reference (the one that then comes closest to failing isclose): fails
                double[] moved = new double[torch.length];
                for (int i = 0; i < torch.length; i++) {
                    moved[i] = away(torch[i], ref[i], dtype);
                }
                int k = worstForAtol(moved, ref, t.rtol());
                double[] planted = torch.clone();
                planted[k] = moved[k];
                assertFalse(passesAtol(planted, ref, t), where + ": planted at " + k);
                // the entry farthest in ulps, moved 2 ulps further: fails the ulps check
                int m = worstForUlps(torch, ref, dtype);
                double[] far = torch.clone();
                far[m] = away(torch[m], ref[m], dtype);
                assertTrue(maxUlps(far, ref, dtype) > t.maxUlps(), where + ": planted at " + m);
            }
        }
    }

    private static double[] read(Path file, Format dtype) throws IOException {
        try (ArraySource s = ArraySource.open(file, FileKind.AUTO, Optional.of(dtype))) {
            double[] v = new double[(int) s.entries().orElseThrow()];
            int n = 0;
            double[] chunk = new double[4096];
            for (int got; (got = s.read(chunk)) > 0; n += got) {
                System.arraycopy(chunk, 0, v, n, got);
            }
            assertEquals(v.length, n);
            return v;
        }
    }

    private static boolean passesAtol(double[] actual, double[] expected, Tolerance t) {
        for (int i = 0; i < actual.length; i++) {
            BigDecimal e = new BigDecimal(expected[i]);
            BigDecimal diff = new BigDecimal(actual[i]).subtract(e).abs();
            if (diff.compareTo(t.atol().add(t.rtol().multiply(e.abs()))) > 0) {
                return false;
            }
        }
        return true;
    }

    private static int worstForAtol(double[] actual, double[] expected, BigDecimal rtol) {
        int worst = 0;
        BigDecimal most = null;
        for (int i = 0; i < actual.length; i++) {
            BigDecimal e = new BigDecimal(expected[i]);
            BigDecimal need = new BigDecimal(actual[i]).subtract(e).abs().subtract(rtol.multiply(e.abs()));
            if (most == null || need.compareTo(most) > 0) {
                most = need;
                worst = i;
            }
        }
        return worst;
    }

    /** sum (a - b)^2 / sum a^2, exact, then rounded to 30 digits. */
    private static BigDecimal nmse(double[] a, double[] b) {
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) {
            BigDecimal x = new BigDecimal(a[i]);
            BigDecimal d = x.subtract(new BigDecimal(b[i]));
            num = num.add(d.multiply(d));
            den = den.add(x.multiply(x));
        }
        return num.divide(den, new MathContext(30));
    }

    /** The value's place in the format's order of values: encodings, negative ones mirrored (-0 and +0 are both 0). */
    private static long ordinal(double v, Format dtype) {
        int bits = Float.floatToRawIntBits((float) v); // fp32 and bf16 values are floats; bf16 is the high half
        long sign = bits >>> 31;
        long magnitude = dtype.equals(Format.BF16) ? (bits >>> 16) & 0x7fff : bits & 0x7fffffffL;
        return sign != 0 ? -magnitude : magnitude;
    }

    private static double fromOrdinal(long o, Format dtype) {
        long magnitude = Math.abs(o);
        int bits = dtype.equals(Format.BF16) ? (int) (magnitude << 16) : (int) magnitude;
        float f = Float.intBitsToFloat(o < 0 ? bits | 0x80000000 : bits);
        return f;
    }

    private static long maxUlps(double[] a, double[] b, Format dtype) {
        long most = 0;
        for (int i = 0; i < a.length; i++) {
            most = Math.max(most, Math.abs(ordinal(a[i], dtype) - ordinal(b[i], dtype)));
        }
        return most;
    }

    private static int worstForUlps(double[] a, double[] b, Format dtype) {
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(ordinal(a[i], dtype) - ordinal(b[i], dtype)) > Math.abs(ordinal(a[worst], dtype) - ordinal(b[worst], dtype))) {
                worst = i;
            }
        }
        return worst;
    }

    /** v moved 2 values of the format further from e (in the order of values). */
    private static double away(double v, double e, Format dtype) {
        long o = ordinal(v, dtype);
        return fromOrdinal(o >= ordinal(e, dtype) ? o + 2 : o - 2, dtype);
    }
}
