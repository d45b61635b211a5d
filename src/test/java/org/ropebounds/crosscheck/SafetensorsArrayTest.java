package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/** {@link SafetensorsArray} on the package-written fixtures and on headers built here byte by byte. */
class SafetensorsArrayTest {
    private static final Path CROSSCHECK = Paths.get("src/test/resources/fixtures/crosscheck");
    private static final Path DIR = CROSSCHECK.resolve("safetensors");

    @TempDir
    Path dir;

    private static double[] readAll(ArraySource s) throws IOException {
        double[] all = new double[0];
        double[] chunk = new double[7]; // a chunk that does not divide the rows: reading is resumable
        for (int n; (n = s.read(chunk)) > 0; ) {
            all = Arrays.copyOf(all, all.length + n);
            System.arraycopy(chunk, 0, all, all.length - n, n);
        }
        return all;
    }

    private static double[] npy(String name, Optional<Format> format) throws IOException {
        try (ArraySource s = NpyArray.open(CROSSCHECK.resolve(name), format)) {
            return readAll(s);
        }
    }

    /** A file laid out as safetensors writes it: length, JSON header, data. */
    private Path file(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    private String refused(Path p, Optional<String> tensor, Optional<Format> format) {
        return assertThrows(InvalidInputException.class, () -> SafetensorsArray.open(p, tensor, format).close()).getMessage();
    }

    @Test
    void eachCopyHoldsTheNpyFixturesEntries() throws IOException {
        record Copy(String file, String tensor, String npy, Format format, ArrayShape shape) {
        }
        for (Copy c : List.of(
                new Copy("inv_freq_fp32.safetensors", "model.rotary_emb.inv_freq", "inv_freq_fp32_planted.npy", Format.FP32, new ArrayShape.Flat(64)),
                new Copy("phase_bf16.safetensors", "phase", "phase_bf16.npy", Format.BF16, new ArrayShape.Table(OptionalLong.of(1024), 32)),
                new Copy("cos_bf16.safetensors", "model.rotary_emb.cos_cached", "cos_bf16_concat.npy", Format.BF16,
                        new ArrayShape.Table(OptionalLong.of(256), 32)),
                new Copy("rope_cache.safetensors", "cos", "cos_fp32_concat.npy", Format.FP32, new ArrayShape.Table(OptionalLong.of(256), 32)),
                new Copy("rope_cache.safetensors", "cos_fp16", "cos_fp16.npy", Format.FP16, new ArrayShape.Table(OptionalLong.of(512), 8)),
                new Copy("rope_cache.safetensors", "sin", "sin_fp64.npy", Format.FP64, new ArrayShape.Table(OptionalLong.of(128), 16)))) {
            try (ArraySource s = ArraySource.open(DIR.resolve(c.file), FileKind.AUTO, Optional.empty(), Optional.of(c.tensor))) {
                assertEquals(c.format, s.format(), c.file);
                assertEquals(c.shape, s.shape(), c.tensor);
                assertFalse(s.fortranOrder());
                assertArrayEquals(npy(c.npy, Optional.of(c.format)), readAll(s), c.tensor);
                assertEquals(0, s.read(new double[4]), "the next tensor's bytes are not read");
            }
        }
    }

    @Test
    void dtypesDecodeAsWrittenByHand() throws IOException {
        // BF16 0x3f80 = 1, 0xc000 = -2, 0x0001 = 2^-133 (the least subnormal); F16 0x3c00 = 1, 0x0001 = 2^-24
        byte[] bits = {(byte) 0x80, 0x3f, 0x00, (byte) 0xc0, 0x01, 0x00};
        Path bf = file("bf.safetensors", "{\"x\":{\"dtype\":\"BF16\",\"shape\":[1,3],\"data_offsets\":[0,6]}}", bits);
        try (ArraySource s = SafetensorsArray.open(bf, Optional.empty(), Optional.empty())) {
            assertEquals(new ArrayShape.Flat(3), s.shape(), "a leading 1 is dropped");
            assertArrayEquals(new double[] {1, -2, 0x1p-133}, readAll(s));
        }
        Path f16 = file("f16.safetensors", "{\"__metadata__\":{\"format\":\"pt\"},\"x\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[2,6]}}",
                new byte[] {9, 9, 0x00, 0x3c, 0x01, 0x00});
        try (ArraySource s = SafetensorsArray.open(f16, Optional.of("x"), Optional.empty())) {
            assertArrayEquals(new double[] {1, 0x1p-24}, readAll(s), "offsets count from the data's start");
        }
        // F32 read as tf32: 1.0 is a tf32 value, 1 + 2^-23 is not
        byte[] f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(1f + 0x1p-23f).array();
        Path tf = file("tf.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", f32);
        try (ArraySource s = SafetensorsArray.open(tf, Optional.empty(), Optional.of(Format.TF32))) {
            assertThrows(InvalidInputException.class, () -> readAll(s));
        }
    }

    @Test
    void hostileHeadersAreRefusedNamingWhatIsWrong() throws IOException {
        byte[] none = new byte[0];
        String shape = refused(file("big.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[4611686018427387903,4],\"data_offsets\":[0,0]}}", none),
                Optional.empty(), Optional.empty());
        assertTrue(shape.contains("has shape [4611686018427387903, 4], too large to exist"), shape);
        String negative = refused(file("neg.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", none),
                Optional.empty(), Optional.empty());
        assertTrue(negative.contains("shape holds -1; accepted: integers from 0 to 2^62 - 1"), negative);
        String meta = refused(file("meta.safetensors", "{\"__metadata__\":{\"n\":1},\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}", none),
                Optional.empty(), Optional.empty());
        assertTrue(meta.contains("__metadata__ entry 'n' that is not a string"), meta);
        String extra = refused(file("extra.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"y\":1}}", none),
                Optional.empty(), Optional.empty());
        assertTrue(extra.contains("tensor 'x' is not {\"dtype\""), extra);
        String reversed = refused(file("rev.safetensors", "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", new byte[4]),
                Optional.empty(), Optional.empty());
        assertTrue(reversed.contains("has data_offsets [4, 0]; accepted: 0 <= begin <= end <= 4"), reversed);
        String array = refused(file("arr.safetensors", "[1]     ", none), Optional.empty(), Optional.empty());
        assertTrue(array.contains("does not start with '{'"), array);
        Path latin1 = dir.resolve("latin1.safetensors");
        Files.write(latin1, new byte[] {3, 0, 0, 0, 0, 0, 0, 0, '{', (byte) 0xe9, '}'});
        assertTrue(refused(latin1, Optional.empty(), Optional.empty()).contains("not UTF-8"));
        String empty = refused(file("none.safetensors", "{}", none), Optional.empty(), Optional.empty());
        assertEquals("tensor is needed: none.safetensors holds 0 tensors", empty);
        InvalidParameterException p = assertThrows(InvalidParameterException.class,
                () -> SafetensorsArray.open(DIR.resolve("rope_cache.safetensors"), Optional.empty(), Optional.empty()));
        assertEquals(InvalidParameterException.Parameter.TENSOR, p.parameter());
    }

    /** The cap is checked before anything is allocated: a sparse file declaring a 16 MiB + 1 byte header. */
    @Test
    void aHeaderOverTheCapIsRefusedUnread() throws IOException {
        Path p = dir.resolve("huge.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).putLong(SafetensorsArray.MAX_HEADER_BYTES + 1L).put((byte) '{').array());
            f.setLength(8L + SafetensorsArray.MAX_HEADER_BYTES + 1);
        }
        String m = refused(p, Optional.empty(), Optional.empty());
        assertEquals("huge.safetensors declares a header of 16777217 bytes; at most 16777216 are accepted", m);
        assertTrue(SafetensorsArray.looksLikeSafetensors(p));
        assertFalse(SafetensorsArray.looksLikeSafetensors(CROSSCHECK.resolve("inv_freq_fp32_planted.txt")));
        assertEquals(FileKind.TEXT, FileKind.AUTO.of(CROSSCHECK.resolve("inv_freq_fp32_planted.txt")));
        assertEquals(FileKind.SAFETENSORS, FileKind.parse("SafeTensors"));
    }
}
