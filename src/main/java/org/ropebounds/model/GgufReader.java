package org.ropebounds.model;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;
import org.ropebounds.io.BoundedFiles;

/**
 * Reads the header of a GGUF file (llama.cpp's format, versions 2 and 3, little-endian): the metadata
 * and the tensor infos, and the data of the one small {@code rope_freqs} tensor when present; never
 * the weights. A truncated or hostile file is refused with one line naming the problem: a count or
 * length that the rest of the file cannot hold, more than {@value #MAX_KEYS} keys or
 * {@value #MAX_TENSORS} tensors, a key over {@value #MAX_KEY_BYTES} bytes, a string over
 * {@value #MAX_STRING_BYTES} bytes, an array over {@value #MAX_ARRAY_LENGTH} elements, arrays nested
 * more than {@value #MAX_ARRAY_DEPTH} deep, an unknown value type, a header over
 * {@value #MAX_HEADER_BYTES} bytes, text that is not UTF-8.
 */
public final class GgufReader {
    /** The largest header (metadata and tensor infos) accepted: 64 MiB, several times a real tokenizer's. */
    public static final long MAX_HEADER_BYTES = 64L << 20;
    /** Most metadata keys accepted. */
    public static final long MAX_KEYS = 65_536;
    /** Most tensors accepted. */
    public static final long MAX_TENSORS = 1L << 20;
    /** Longest key accepted, in bytes. */
    public static final long MAX_KEY_BYTES = 4096;
    /** Longest string value accepted, in bytes. */
    public static final long MAX_STRING_BYTES = 1L << 20;
    /** Longest array accepted. */
    public static final long MAX_ARRAY_LENGTH = 1L << 24;
    /** Deepest nesting of arrays accepted (an array of arrays is depth 2). */
    public static final int MAX_ARRAY_DEPTH = 2;
    /** Most dimensions of a tensor (ggml's GGML_MAX_DIMS). */
    public static final int MAX_DIMENSIONS = 4;
    /** Most elements of the rope_freqs tensor read. */
    public static final long MAX_ROPE_FREQS = 1L << 16;

    private static final String[] TYPES = {"uint8", "int8", "uint16", "int16", "uint32", "int32", "float32", "bool", "string",
        "array", "uint64", "int64", "float64"};
    private static final int[] SIZES = {1, 1, 2, 2, 4, 4, 4, 1, -1, -1, 8, 8, 8};
    private static final int STRING = 8;
    private static final int ARRAY = 9;
    private static final int GGML_F32 = 0;

    private GgufReader() {
    }

    /**
     * Whether {@code file} starts with the GGUF magic bytes "GGUF". Reads at most 4 bytes.
     *
     * @throws InvalidInputException if the file is not a regular file or cannot be read
     */
    public static boolean hasMagic(Path file) {
        BoundedFiles.requireRegularFile(file, "model file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill
            }
            return !b.hasRemaining() && b.get(0) == 'G' && b.get(1) == 'G' && b.get(2) == 'U' && b.get(3) == 'F';
        } catch (IOException e) {
            throw new InvalidInputException("cannot read model file " + InvalidInputException.quoted(file.toString()) + ": " + e.getMessage());
        }
    }

    /**
     * Reads the header of a GGUF file, and the rope_freqs tensor's data if the file has that tensor.
     *
     * @throws InvalidInputException (one line naming the file and the problem) for anything that is not
     *     a well-formed GGUF v2/v3 header within the limits of this class
     */
    public static GgufFile read(Path file) {
        BoundedFiles.requireRegularFile(file, "GGUF file");
        String shown = InvalidInputException.quoted(file.toString());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Parser(ch, ch.size(), shown).file();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read GGUF file " + shown + ": " + e.getMessage());
        }
    }

    /** A sequential little-endian reader that never reads past the header cap or trusts a count. */
    private static final class Parser {
        private final FileChannel ch;
        private final long size;
        private final String shown;
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long bufStart;
        private String where = "the header";

        Parser(FileChannel ch, long size, String shown) {
            this.ch = ch;
            this.size = size;
            this.shown = shown;
            buf.limit(0);
        }

        private long position() {
            return bufStart + buf.position();
        }

        private InvalidInputException bad(String problem) {
            return new InvalidInputException("GGUF file " + shown + ": " + problem);
        }

        private void need(long n) throws IOException {
            if (n > size - position()) {
                throw bad("truncated in " + where + " at byte " + position() + " (" + n + " more bytes needed, the file has " + size + ")");
            }
            if (position() + n > MAX_HEADER_BYTES) {
                throw bad("the header is larger than " + MAX_HEADER_BYTES + " bytes; accepted: at most " + (MAX_HEADER_BYTES >> 20) + " MiB");
            }
            if (buf.remaining() >= n) {
                return;
            }
            long pos = position();
            if (n > buf.capacity()) {
                buf = ByteBuffer.allocate((int) n).order(ByteOrder.LITTLE_ENDIAN);
            }
            buf.clear();
            ch.position(pos);
            while (buf.position() < n) {
                if (ch.read(buf) < 0) {
                    throw bad("truncated in " + where + " at byte " + pos);
                }
            }
            buf.flip();
            bufStart = pos;
        }

        private int u8() throws IOException {
            need(1);
            return buf.get() & 0xff;
        }

        private long u32() throws IOException {
            need(4);
            return buf.getInt() & 0xffffffffL;
        }

        private long u64(String what, long max) throws IOException {
            need(8);
            long v = buf.getLong();
            if (v < 0 || v > max) {
                throw bad(what + " " + Long.toUnsignedString(v) + " is out of range; accepted: 0.." + max);
            }
            return v;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                need(Math.min(n, buf.capacity()));
                int k = (int) Math.min(n, buf.remaining());
                buf.position(buf.position() + k);
                n -= k;
            }
        }

        private String string(String what, long max) throws IOException {
            long n = u64(what + "'s length", Long.MAX_VALUE);
            if (n > max) {
                throw bad(what + "'s length " + n + " is out of range; accepted: at most " + max + " bytes");
            }
            if (n > size - position()) {
                throw bad(what + "'s length " + n + " goes past the end of the file (" + (size - position()) + " bytes left)");
            }
            need(n);
            byte[] bytes = new byte[(int) n];
            buf.get(bytes);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw bad(what + " is not UTF-8");
            }
        }

        private int type(String key) throws IOException {
            long t = u32();
            if (t >= TYPES.length) {
                throw bad(key + " has value type " + t + ", which GGUF does not define; accepted: 0.." + (TYPES.length - 1));
            }
            return (int) t;
        }

        GgufFile file() throws IOException {
            need(4);
            byte[] magic = new byte[4];
            buf.get(magic);
            if (magic[0] != 'G' || magic[1] != 'G' || magic[2] != 'U' || magic[3] != 'F') {
                throw bad("no GGUF magic bytes");
            }
            long version = u32();
            if (version != 2 && version != 3) {
                String hint = Integer.reverseBytes((int) version) == 2 || Integer.reverseBytes((int) version) == 3
                        ? " (a big-endian file, which this tool does not read)" : version == 1 ? " (GGUF v1, with 32-bit counts, is obsolete)" : "";
                throw bad("version " + version + hint + "; accepted: 2 or 3, little-endian");
            }
            long tensorCount = u64("tensor count", MAX_TENSORS);
            long keyCount = u64("metadata key count", MAX_KEYS);
            // each key takes at least 12 bytes (length and type), each tensor info at least 24
            if (keyCount * 12 > size - position()) {
                throw bad("metadata key count " + keyCount + " is more than the file's " + size + " bytes can hold");
            }
            if (tensorCount * 24 > size - position()) {
                throw bad("tensor count " + tensorCount + " is more than the file's " + size + " bytes can hold");
            }
            Map<String, GgufFile.Value> metadata = new LinkedHashMap<>();
            for (long k = 0; k < keyCount; k++) {
                where = "metadata key " + k;
                String key = string("metadata key " + k, MAX_KEY_BYTES);
                where = key;
                int type = type(key);
                GgufFile.Value v = value(key, type, 1);
                if (metadata.put(key, v) != null) {
                    throw bad("metadata key " + key + " appears twice");
                }
            }
            long alignment = 32;
            GgufFile.Value align = metadata.get("general.alignment");
            if (align != null) {
                if (!(align instanceof GgufFile.Number n) || !n.type().equals("uint32")) {
                    throw bad("general.alignment must be a uint32");
                }
                long a = n.value().floor().longValueExact();
                if (a < 1 || a > (1 << 20) || Long.bitCount(a) != 1) {
                    throw bad("general.alignment " + a + " is out of range; accepted: a power of 2 from 1 to 2^20");
                }
                alignment = a;
            }
            List<GgufFile.TensorInfo> tensors = new ArrayList<>();
            for (long t = 0; t < tensorCount; t++) {
                where = "tensor info " + t;
                String name = string("tensor " + t + "'s name", MAX_KEY_BYTES);
                long dims = u32();
                if (dims < 1 || dims > MAX_DIMENSIONS) {
                    throw bad("tensor " + name + " has " + dims + " dimensions; accepted: 1.." + MAX_DIMENSIONS);
                }
                List<Long> shape = new ArrayList<>();
                for (int i = 0; i < dims; i++) {
                    shape.add(u64("tensor " + name + "'s dimension " + i, Long.MAX_VALUE >> 8));
                }
                int ggml = (int) Math.min(u32(), Integer.MAX_VALUE);
                long offset = u64("tensor " + name + "'s data offset", Long.MAX_VALUE >> 8);
                tensors.add(new GgufFile.TensorInfo(name, shape, ggml, offset));
            }
            long end = position();
            long dataStart = (end + alignment - 1) / alignment * alignment;
            Optional<List<Rational>> ropeFreqs = Optional.empty();
            for (GgufFile.TensorInfo t : tensors) {
                if (t.name().equals("rope_freqs.weight") || t.name().equals("rope_freqs")) {
                    ropeFreqs = Optional.of(ropeFreqs(t, dataStart));
                }
            }
            return new GgufFile((int) version, metadata, tensors, dataStart, ropeFreqs);
        }

        private GgufFile.Value value(String key, int type, int depth) throws IOException {
            if (type == STRING) {
                return new GgufFile.Text(string(key, MAX_STRING_BYTES));
            }
            if (type == ARRAY) {
                if (depth > MAX_ARRAY_DEPTH) {
                    throw bad(key + ": arrays nested more than " + MAX_ARRAY_DEPTH + " deep; accepted: at most " + MAX_ARRAY_DEPTH);
                }
                int element = type(key + "'s elements");
                long length = u64(key + "'s array length", MAX_ARRAY_LENGTH);
                long least = element == STRING ? 8 : element == ARRAY ? 12 : SIZES[element];
                if (length * least > size - position()) {
                    throw bad(key + "'s array length " + length + " goes past the end of the file (" + (size - position()) + " bytes left)");
                }
                if (element != STRING && element != ARRAY) {
                    skip(length * SIZES[element]);
                } else {
                    for (long i = 0; i < length; i++) {
                        if (element == STRING) {
                            string(key + "[" + i + "]", MAX_STRING_BYTES);
                        } else {
                            value(key + "[" + i + "]", ARRAY, depth + 1); // nested arrays carry no type of their own
                        }
                    }
                }
                return new GgufFile.Array(TYPES[element], length);
            }
            String name = TYPES[type];
            return switch (type) {
                case 0 -> new GgufFile.Number(name, Rational.of(u8()));
                case 1 -> new GgufFile.Number(name, Rational.of((byte) u8()));
                case 2 -> {
                    need(2);
                    yield new GgufFile.Number(name, Rational.of(buf.getShort() & 0xffff));
                }
                case 3 -> {
                    need(2);
                    yield new GgufFile.Number(name, Rational.of(buf.getShort()));
                }
                case 4 -> new GgufFile.Number(name, Rational.of(u32()));
                case 5 -> {
                    need(4);
                    yield new GgufFile.Number(name, Rational.of(buf.getInt()));
                }
                case 6 -> {
                    need(4);
                    yield real(name, buf.getFloat());
                }
                case 7 -> {
                    int b = u8();
                    if (b > 1) {
                        throw bad(key + " is a bool of byte value " + b + "; accepted: 0 or 1");
                    }
                    yield new GgufFile.Bool(b == 1);
                }
                case 10 -> {
                    need(8);
                    long v = buf.getLong();
                    yield new GgufFile.Number(name, Rational.of(new BigInteger(Long.toUnsignedString(v)), BigInteger.ONE));
                }
                case 11 -> {
                    need(8);
                    yield new GgufFile.Number(name, Rational.of(buf.getLong()));
                }
                default -> {
                    need(8);
                    yield real(name, buf.getDouble());
                }
            };
        }

        private static GgufFile.Value real(String type, double v) {
            // a float32 widened to double is exact, and new BigDecimal(double) is exact
            return Double.isFinite(v) ? new GgufFile.Number(type, Rational.of(new BigDecimal(v))) : new GgufFile.NonFinite(type, v);
        }

        /** The rope_freqs tensor's values: one F32 vector, read at its computed offset, bounded. */
        private List<Rational> ropeFreqs(GgufFile.TensorInfo t, long dataStart) throws IOException {
            long n = 1;
            for (long s : t.shape()) {
                n = s > MAX_ROPE_FREQS ? MAX_ROPE_FREQS + 1 : n * s;
                if (n > MAX_ROPE_FREQS) {
                    throw bad("tensor " + t.name() + " has more than " + MAX_ROPE_FREQS + " elements; accepted: at most " + MAX_ROPE_FREQS);
                }
            }
            if (t.ggmlType() != GGML_F32) {
                throw bad("tensor " + t.name() + " has ggml type " + t.ggmlType() + "; accepted: 0 (F32), as llama.cpp writes it");
            }
            long at = dataStart + t.offset();
            if (at > size || n * 4 > size - at) {
                throw bad("tensor " + t.name() + "'s data (" + n * 4 + " bytes at byte " + at + ") goes past the end of the file ("
                        + size + " bytes): truncated");
            }
            ByteBuffer data = ByteBuffer.allocate((int) (n * 4)).order(ByteOrder.LITTLE_ENDIAN);
            ch.position(at);
            while (data.hasRemaining()) {
                if (ch.read(data) < 0) {
                    throw bad("tensor " + t.name() + "'s data is truncated");
                }
            }
            data.flip();
            List<Rational> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float f = data.getFloat();
                if (!Float.isFinite(f) || f <= 0) {
                    throw bad("tensor " + t.name() + "[" + i + "] = " + f + " is out of range; accepted: a finite factor > 0");
                }
                out.add(Rational.of(new BigDecimal((double) f)));
            }
            return out;
        }
    }
}
