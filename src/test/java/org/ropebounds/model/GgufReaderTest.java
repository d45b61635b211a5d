package org.ropebounds.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * {@link GgufReader} and {@link GgufModel} on the files gguf 0.19.0's GGUFWriter wrote
 * (src/test/python/gen_gguf_fixtures.py), checked against what gguf's own GGUFReader read back
 * (expected.json), and on the hostile and truncated variants the script made by editing bytes.
 */
class GgufReaderTest {
    static final Path DIR = Paths.get("src/test/resources/fixtures/gguf");

    private static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.gguf", "plain-v2.gguf", "llama3.gguf", "yarn.gguf", "nested-two.gguf"})
    void everyValueIsWhatGgufsOwnReaderRead(String name) throws IOException {
        JsonNode e = expected().get("valid").get(name);
        GgufFile g = GgufReader.read(DIR.resolve(name));
        assertEquals(e.get("version").asInt(), g.version());
        assertEquals(e.get("kv_count").asInt(), g.metadata().size());
        for (Iterator<Map.Entry<String, JsonNode>> it = e.get("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            GgufFile.Value v = g.metadata().get(f.getKey());
            String type = f.getValue().get("type").asText();
            JsonNode value = f.getValue().get("value");
            assertEquals(type, v.type(), f.getKey());
            if (v instanceof GgufFile.Number n) {
                assertEquals(type.startsWith("float") ? Rational.parse(value.asText()) : Rational.of(value.asLong()), n.value(), f.getKey());
            } else if (v instanceof GgufFile.Text t) {
                assertEquals(value.asText(), t.value(), f.getKey());
            } else if (v instanceof GgufFile.Array a) {
                assertEquals(f.getValue().get("length").asLong(), a.length(), f.getKey());
            } else if (v instanceof GgufFile.Bool b) {
                assertEquals(value.asBoolean(), b.value(), f.getKey());
            } else {
                throw new AssertionError(f.getKey() + " read as " + v);
            }
        }
        JsonNode tensors = e.get("tensors");
        assertEquals(e.get("tensor_count").asInt(), g.tensors().size());
        for (int k = 0; k < tensors.size(); k++) {
            JsonNode t = tensors.get(k);
            GgufFile.TensorInfo info = g.tensors().get(k);
            assertEquals(t.get("name").asText(), info.name());
            assertEquals(t.get("type").asInt(), info.ggmlType());
            // GGUFReader reports the data's absolute offset: the aligned end of the tensor infos plus the tensor's offset
            assertEquals(t.get("data_offset").asLong(), g.dataStart() + info.offset());
            assertEquals(0, g.dataStart() % 32, "GGUF's default alignment");
        }
        if (tensors.size() == 0) {
            assertTrue(g.ropeFreqs().isEmpty());
        }
    }

    @Test
    void theLlama3FactorsAreReadExactlyFromTheTensorAndAnalysedLikeTheLlama3Config() throws IOException {
        JsonNode e = expected().get("valid").get("llama3.gguf");
        JsonNode values = e.get("tensors").get(0).get("values");
        GgufModel gm = GgufModel.read(DIR.resolve("llama3.gguf"));
        List<Rational> factors = gm.file().ropeFreqs().orElseThrow();
        assertEquals(64, factors.size());
        for (int i = 0; i < 64; i++) {
            assertEquals(Rational.parse(values.get(i).asText()), factors.get(i), "factor " + i);
        }
        // by hand, llama3 with L_orig 8192, low 1, high 4, factor 8: mode 0's wavelength 2 pi < 8192/4 keeps it (factor 1);
        // mode 63's wavelength 2 pi 500000^(126/128) > 2 pi 10^5 > 8192 is interpolated by the whole factor 8
        assertEquals(Rational.ONE, factors.get(0));
        assertEquals(Rational.of(8), factors.get(63));
        ModelConfig m = gm.config();
        assertEquals(Rational.of(500000), m.base());
        assertFalse(m.baseDefaulted());
        assertEquals(128, m.headDim());
        assertEquals(128, m.rotaryDim());
        assertEquals(Optional.of(32), m.layers());
        assertEquals(Optional.of(131072L), m.context());
        assertEquals(Optional.of(Format.BF16), m.dtype()); // general.file_type 32 = MOSTLY_BF16
        RopeScaling.FrequencyFactors ff = assertInstanceOf(RopeScaling.FrequencyFactors.class, m.scaling());
        assertEquals(factors, ff.factors());
        // the slowest mode is theta_63 / 8 in both: the base-equivalent is the llama3 config's one, digit for digit
        ModelConfig json = new ModelConfig("llama3", Rational.of(500000), false, 128, 128, Optional.of(32), Optional.of(131072L),
                Optional.of(Format.BF16), new RopeScaling.Llama3(Rational.of(8), Rational.ONE, Rational.of(4), 8192), Optional.empty(),
                Optional.empty(), List.of());
        Rational eps = Rational.parse("0.5");
        ModelAnalysis fromGguf = ModelAnalysis.of(m, eps, 6);
        ModelAnalysis fromJson = ModelAnalysis.of(json, eps, 6);
        assertEquals(fromJson.baseEquivalent().text(), fromGguf.baseEquivalent().text());
        assertEquals("kept", fromGguf.spectrum().get(0).role());
        assertEquals("rescaled", fromGguf.spectrum().get(63).role());
        assertEquals(fromJson.spectrum().get(0).thetaFp32(), fromGguf.spectrum().get(0).thetaFp32());
    }

    @Test
    void yarnKeysMapOntoTheYarnScaling() {
        GgufModel gm = GgufModel.read(DIR.resolve("yarn.gguf"));
        ModelConfig m = gm.config();
        assertEquals(Rational.of(1_000_000), m.base());
        assertEquals(128, m.headDim()); // 5120 / 40, no attention.key_length
        assertEquals(128, m.rotaryDim()); // no rope.dimension_count: the head dim, as llama.cpp
        assertEquals(Optional.of(64), m.layers());
        RopeScaling.Yarn y = assertInstanceOf(RopeScaling.Yarn.class, m.scaling());
        assertEquals(Optional.of(Rational.of(4)), y.factor());
        assertEquals(32768, y.originalContext());
        assertEquals(Rational.of(32), y.betaFast());
        assertEquals(Rational.ONE, y.betaSlow());
        assertTrue(m.warnings().stream().anyMatch(w -> w.contains("yarn_log_multiplier")), m.warnings().toString());
        assertEquals("--yarn-orig-ctx N", flag(gm, "qwen2.rope.scaling.original_context_length").flag());
        assertEquals("32768", flag(gm, "qwen2.rope.scaling.original_context_length").value());
        assertEquals("yarn", flag(gm, "qwen2.rope.scaling.type").value());
        assertEquals("--rope-scaling {none,linear,yarn}", flag(gm, "qwen2.rope.scaling.type").flag());
        assertEquals("--rope-scale N (or --rope-freq-scale 1/N)", flag(gm, "qwen2.rope.scaling.factor").flag());
        assertTrue(flag(gm, "qwen2.rope.dimension_count").defaulted());
        // 0.1 as an fp32, exactly: 13421773 / 2^27
        assertEquals(Rational.of(java.math.BigInteger.valueOf(13421773), java.math.BigInteger.ONE.shiftLeft(27)).toCompactDecimalStringOrFraction(),
                flag(gm, "qwen2.rope.scaling.yarn_log_multiplier").value());
    }

    @Test
    void arraysNestedTwoDeepAreWithinTheLimit() {
        // [[1, 2], [3]]: an array of 2 arrays; one level deeper (nested-deep.gguf) is refused
        GgufFile g = GgufReader.read(DIR.resolve("nested-two.gguf"));
        assertEquals(new GgufFile.Array("array", 2), g.metadata().get("test.nested"));
        assertEquals(Rational.of(10000), GgufModel.of(g, "nested-two.gguf").config().base());
    }

    @Test
    void aPlainFileIsPlainRopeAndVersionTwoReadsTheSame() {
        ModelConfig v3 = GgufModel.read(DIR.resolve("plain.gguf")).config();
        ModelConfig v2 = GgufModel.read(DIR.resolve("plain-v2.gguf")).config();
        assertInstanceOf(RopeScaling.None.class, v3.scaling());
        assertEquals(Rational.of(10000), v3.base());
        assertEquals(Optional.of(Format.FP16), v3.dtype()); // general.file_type 1 = MOSTLY_F16
        assertEquals(Optional.of(4096L), v3.context());
        assertEquals(v3.base(), v2.base());
        assertEquals(v3.context(), v2.context());
        assertEquals(v3.layers(), v2.layers());
        assertEquals(3, GgufReader.read(DIR.resolve("plain.gguf")).version());
        assertEquals(2, GgufReader.read(DIR.resolve("plain-v2.gguf")).version());
        GgufModel gm = GgufModel.read(DIR.resolve("plain.gguf"));
        assertEquals("--rope-freq-base N", flag(gm, "llama.rope.freq_base").flag());
        assertEquals("10000", flag(gm, "llama.rope.freq_base").value());
        assertTrue(flag(gm, "llama.context_length").flag().startsWith("--ctx-size N"));
        assertTrue(flag(gm, "llama.context_length").flag().endsWith("--override-kv llama.context_length=int:N"));
        assertTrue(flag(gm, "llama.rope.scaling.type").defaulted());
    }

    private static GgufModel.LlamaCppFlag flag(GgufModel gm, String key) {
        return gm.overrides().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no " + key));
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("bad-version.gguf", "version 4; accepted: 2 or 3"),
                Arguments.of("version1.gguf", "version 1 (GGUF v1"),
                Arguments.of("big-endian.gguf", "big-endian"),
                Arguments.of("huge-kv-count.gguf", "metadata key count 1152921504606846976 is out of range; accepted: 0..65536"),
                Arguments.of("huge-tensor-count.gguf", "tensor count 1099511627776 is out of range"),
                Arguments.of("huge-string.gguf", "metadata key 0's length 1099511627776 is out of range; accepted: at most 4096 bytes"),
                Arguments.of("unknown-type.gguf", "general.architecture has value type 13"),
                Arguments.of("huge-array.gguf", "general.tags's array length 1125899906842624 is out of range"),
                Arguments.of("truncated-header.gguf", "truncated in the header"),
                Arguments.of("truncated-kv.gguf", "truncated in general.tags"),
                Arguments.of("truncated-tensor-data.gguf", "rope_freqs.weight's data (256 bytes at byte 448) goes past the end"),
                Arguments.of("nested-deep.gguf", "test.nested[0][0]: arrays nested more than 2 deep"));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileAndTruncatedFilesAreRefusedInOneLineNamingTheProblem(String name, String problem) throws IOException {
        assertTrue(expected().get("hostile").has(name), name + " is one the script made");
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(InvalidInputException.class, () -> GgufModel.read(DIR.resolve(name))));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** plain.gguf with bytes replaced (little-endian). */
    private static Path edited(Path dir, String name, int offset, byte[] value) throws IOException {
        byte[] b = Files.readAllBytes(DIR.resolve("plain.gguf"));
        System.arraycopy(value, 0, b, offset, value.length);
        return Files.write(dir.resolve(name), b);
    }

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Test
    void aCountWithinTheLimitButBeyondWhatTheFileHoldsIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        // 1000 keys of at least 12 bytes each cannot fit in the 424 bytes after plain.gguf's 24-byte prefix
        Path p = edited(dir, "many-keys.gguf", 16, u64(1000));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GgufReader.read(p));
        assertTrue(e.getMessage().contains("metadata key count 1000 is more than the file's 448 bytes can hold"), e.getMessage());
        Path q = edited(dir, "many-tensors.gguf", 8, u64(100));
        e = assertThrows(InvalidInputException.class, () -> GgufReader.read(q));
        assertTrue(e.getMessage().contains("tensor count 100 is more than"), e.getMessage());
    }

    @Test
    void aStringLongerThanItsLimitOrTheFileIsRefused(@TempDir Path dir) throws IOException {
        // the first key's length (offset 24): past the file's end, then past the key limit of 4096 bytes
        Path p = edited(dir, "long-key.gguf", 24, u64(4000));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GgufReader.read(p));
        assertTrue(e.getMessage().contains("metadata key 0's length 4000 goes past the end of the file"), e.getMessage());
        Path q = edited(dir, "longer-key.gguf", 24, u64(4097));
        e = assertThrows(InvalidInputException.class, () -> GgufReader.read(q));
        assertTrue(e.getMessage().contains("metadata key 0's length 4097 is out of range; accepted: at most 4096 bytes"), e.getMessage());
    }

    @Test
    void aHeaderLargerThanItsCapIsRefused(@TempDir Path dir) throws IOException {
        // 5 keys, each an array of 2^24 uint8 (the most elements accepted): 5 x 16 MiB > the 64 MiB header cap.
        // The file is sparse (its bytes are the zeros the arrays hold), so it costs no disk.
        Path p = dir.resolve("large-header.gguf");
        long perKey = 8 + 2 + 4 + 4 + 8 + (1L << 24);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
            ByteBuffer head = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            head.put(new byte[] {'G', 'G', 'U', 'F'}).putInt(3).putLong(0).putLong(5);
            f.write(head.array());
            for (int k = 0; k < 5; k++) {
                ByteBuffer key = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
                key.putLong(2).put((byte) 'k').put((byte) ('0' + k)).putInt(9).putInt(0).putLong(1L << 24); // array of uint8
                f.seek(24 + k * perKey);
                f.write(key.array());
            }
            f.setLength(24 + 5 * perKey);
        }
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(InvalidInputException.class, () -> GgufReader.read(p)));
        assertTrue(e.getMessage().contains("the header is larger than " + GgufReader.MAX_HEADER_BYTES + " bytes"), e.getMessage());
    }

    @Test
    void notAGgufFileOrNotARegularFileIsRefused(@TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("config.json"), "{\"head_dim\": 128}");
        assertFalse(GgufReader.hasMagic(json));
        assertTrue(GgufReader.hasMagic(DIR.resolve("plain.gguf")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> GgufReader.read(json));
        assertTrue(e.getMessage().contains("no GGUF magic bytes"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> GgufReader.hasMagic(dir));
        assertThrows(InvalidInputException.class, () -> GgufReader.read(Paths.get("/dev/zero")));
    }
}
