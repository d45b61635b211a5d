package org.ropebounds.crosscheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.Format;
import org.ropebounds.io.BoundedFiles;
import org.ropebounds.io.StrictJson;

/**
 * One tensor of a {@code .safetensors} file (Hugging Face's format: an 8-byte little-endian header length
 * N, N bytes of UTF-8 JSON {@code {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}},
 * then the data, offsets counted from its start), read in chunks as {@link NpyArray} reads .npy data.
 * Accepted dtypes: F16, BF16, F32 (also as tf32 when asked), F64; data is little-endian and in C order.
 * The whole header is checked (strict JSON, every entry's offsets within the data and its shape's size
 * equal to them where the dtype's size is known); only the chosen tensor's bytes are read.
 */
public final class SafetensorsArray {
    /**
     * Largest header accepted: 16 MiB, the cap on every JSON file the project reads. The safetensors crate
     * allows 100,000,000 bytes; the header of a checkpoint with thousands of tensors takes well under 2 MiB,
     * and a header that is read whole should not take 100 MB of memory on a hostile file's say-so.
     */
    public static final int MAX_HEADER_BYTES = (int) BoundedFiles.JSON_MAX_BYTES;
    /** Most dimensions a tensor may declare (as for .npy). */
    public static final int MAX_DIMENSIONS = NpyHeader.MAX_DIMENSIONS;
    /** How many tensor names an error lists before it says how many more there are. */
    static final int NAMES_LISTED = 8;
    private static final String METADATA = "__metadata__";

    private SafetensorsArray() {
    }

    /**
     * Whether the file looks like a .safetensors file: at least 10 bytes, a header length N with
     * {@code 2 <= N <= size - 8}, and a header that starts with '{'. False for a shorter file.
     */
    public static boolean looksLikeSafetensors(Path path) throws IOException {
        long size = Files.size(path);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] prefix = in.readNBytes(9);
            if (prefix.length < 9) {
                return false;
            }
            long n = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            return n >= 2 && n <= size - 8 && prefix[8] == '{';
        }
    }

    /**
     * Opens tensor {@code tensor} of a .safetensors file (the only one when empty and the file holds one).
     *
     * @param requested the format the caller says the data is in; empty to take the dtype's (F32 data may
     *                  be asked for as tf32, then every entry must be a tf32 value)
     * @throws InvalidInputException naming the file, for a header length beyond the file or over
     *         {@value #MAX_HEADER_BYTES} bytes, a header that is not strict UTF-8 JSON of the format's shape
     *         (a key given twice included), offsets beyond the data or reversed, a shape whose size differs
     *         from its offsets or overflows, a dtype other than F16, BF16, F32, F64 for the chosen tensor, or a
     *         chosen tensor that overlaps another one
     * @throws InvalidParameterException ({@link Parameter#TENSOR}) when no tensor is named and the file holds
     *         none or several (the names listed, the first {@value #NAMES_LISTED}), or the named one is not in it;
     *         ({@link Parameter#FORMAT}) for a requested format the data is not in
     */
    public static ArraySource open(Path path, Optional<String> tensor, Optional<Format> requested) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(path, ch, tensor, requested);
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    private record Entry(String name, String dtype, long[] shape, long begin, long end) {
    }

    private static ArraySource open(Path path, FileChannel ch, Optional<String> tensor, Optional<Format> requested) throws IOException {
        String name = InvalidInputException.quoted(path.getFileName().toString()); // one line whatever the name holds
        long size = ch.size();
        if (size < 8) {
            throw bad(name, "is " + size + " bytes long; a .safetensors file starts with an 8-byte header length");
        }
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, prefix, name);
        long n = prefix.getLong(0);
        if (Long.compareUnsigned(n, size - 8) > 0) {
            throw bad(name, "declares a header of " + Long.toUnsignedString(n) + " bytes, beyond the file's " + (size - 8)
                    + " bytes after the length; the file is truncated or not a .safetensors file");
        }
        if (n > MAX_HEADER_BYTES) {
            throw bad(name, "declares a header of " + n + " bytes; at most " + MAX_HEADER_BYTES + " are accepted");
        }
        ByteBuffer header = ByteBuffer.allocate((int) n);
        readFully(ch, header, name);
        if (n == 0 || header.get(0) != '{') {
            throw bad(name, "has a header that does not start with '{'; accepted: a .safetensors file as safetensors' save_file writes it");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(header.flip()).toString();
        } catch (CharacterCodingException e) {
            throw bad(name, "has a header that is not UTF-8");
        }
        long dataStart = 8 + n;
        List<Entry> entries = entries(StrictJson.parse(text, name + " (safetensors header)"), name, size - dataStart);
        Entry e = chosen(entries, tensor, name);
        String label = name + " tensor '" + InvalidInputException.quoted(e.name) + "'";
        int itemBytes;
        char kind;
        Format stored;
        switch (e.dtype) {
            case "F16" -> { itemBytes = 2; kind = 'f'; stored = Format.FP16; }
            case "BF16" -> { itemBytes = 2; kind = 'V'; stored = Format.BF16; }
            case "F32" -> { itemBytes = 4; kind = 'f'; stored = Format.FP32; }
            case "F64" -> { itemBytes = 8; kind = 'f'; stored = Format.FP64; }
            default -> throw bad(label, "has dtype '" + InvalidInputException.quoted(e.dtype) + "'; accepted: F16, BF16, F32, F64");
        }
        Format format = requested.orElse(stored);
        if (!format.equals(stored) && !(stored.equals(Format.FP32) && format.equals(Format.TF32))) {
            throw new InvalidParameterException(Parameter.FORMAT, format.name() + " was asked for but " + label + " holds "
                    + stored.name() + " (" + e.dtype + "); accepted: " + stored.name() + " or none"
                    + (stored.equals(Format.FP32) ? " (or tf32: fp32 storage of tf32 values)" : ""));
        }
        long count = product(e.shape, label);
        if (count > (Long.MAX_VALUE >> 4) || count * itemBytes != e.end - e.begin) {
            throw bad(label, "has shape " + shapeText(e.shape) + " of " + e.dtype + ", which needs "
                    + BigInteger.valueOf(count).multiply(BigInteger.valueOf(itemBytes)) + " bytes, but its data_offsets ["
                    + e.begin + ", " + e.end + "] hold " + (e.end - e.begin));
        }
        for (Entry other : entries) {
            if (other != e && other.begin < e.end && e.begin < other.end) {
                throw bad(label, "overlaps tensor '" + InvalidInputException.quoted(other.name) + "' (data_offsets [" + e.begin + ", " + e.end
                        + "] and [" + other.begin + ", " + other.end + "]); accepted: tensors with disjoint data");
            }
        }
        ch.position(dataStart + e.begin);
        String description = "safetensors '" + InvalidInputException.quoted(e.name) + "' " + e.dtype + " " + shapeText(e.shape);
        return NpyArray.region(path, ch, kind, itemBytes, format, e.shape, count, description);
    }

    /** Every tensor entry of the header, checked for form and for offsets within {@code dataBytes}. */
    private static List<Entry> entries(JsonNode root, String name, long dataBytes) {
        if (!root.isObject()) {
            throw bad(name, "has a header that is not a JSON object");
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String label = name + " tensor '" + InvalidInputException.quoted(f.getKey()) + "'";
            JsonNode v = f.getValue();
            if (f.getKey().equals(METADATA)) {
                if (!v.isObject()) {
                    throw bad(name, "has __metadata__ that is not an object of strings");
                }
                v.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw bad(name, "has __metadata__ entry '" + InvalidInputException.quoted(m.getKey()) + "' that is not a string");
                    }
                });
                continue;
            }
            if (!v.isObject() || !v.path("dtype").isTextual() || !v.path("shape").isArray() || !v.path("data_offsets").isArray()
                    || v.size() != 3) {
                throw bad(label, "is not {\"dtype\": string, \"shape\": [integers], \"data_offsets\": [begin, end]}");
            }
            JsonNode shapeNode = v.get("shape");
            if (shapeNode.size() > MAX_DIMENSIONS) {
                throw bad(label, "has " + shapeNode.size() + " dimensions; at most " + MAX_DIMENSIONS + " are accepted");
            }
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = integer(shapeNode.get(i), label + " shape");
            }
            JsonNode offsets = v.get("data_offsets");
            if (offsets.size() != 2) {
                throw bad(label, "has data_offsets of " + offsets.size() + " numbers; accepted: [begin, end]");
            }
            long begin = integer(offsets.get(0), label + " data_offsets");
            long end = integer(offsets.get(1), label + " data_offsets");
            if (begin > end || end > dataBytes) {
                throw bad(label, "has data_offsets [" + begin + ", " + end + "]; accepted: 0 <= begin <= end <= " + dataBytes
                        + " (the data bytes after the header)");
            }
            entries.add(new Entry(f.getKey(), v.get("dtype").asText(), shape, begin, end));
        }
        return entries;
    }

    private static Entry chosen(List<Entry> entries, Optional<String> tensor, String name) {
        if (tensor.isPresent()) {
            return entries.stream().filter(e -> e.name.equals(tensor.get())).findFirst().orElseThrow(() -> new InvalidParameterException(
                    Parameter.TENSOR, "'" + InvalidInputException.quoted(tensor.get()) + "' is not in " + name + "; accepted: " + names(entries)));
        }
        if (entries.size() != 1) {
            throw new InvalidParameterException(Parameter.TENSOR, "is needed: " + name + " holds " + entries.size() + " tensors"
                    + (entries.isEmpty() ? "" : "; accepted: " + names(entries)));
        }
        return entries.get(0);
    }

    /** The first {@value #NAMES_LISTED} names, quoted, and how many more. */
    private static String names(List<Entry> entries) {
        if (entries.isEmpty()) {
            return "none (the file holds no tensors)";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(NAMES_LISTED, entries.size()); i++) {
            b.append(i > 0 ? ", " : "").append('\'').append(InvalidInputException.quoted(entries.get(i).name)).append('\'');
        }
        return entries.size() > NAMES_LISTED ? b + " and " + (entries.size() - NAMES_LISTED) + " more" : b.toString();
    }

    private static long integer(JsonNode node, String label) {
        if (node == null || !node.isIntegralNumber() || node.bigIntegerValue().signum() < 0
                || node.bigIntegerValue().bitLength() > 62) {
            throw bad(label, "holds " + (node == null ? "nothing" : InvalidInputException.quoted(node.toString()))
                    + "; accepted: integers from 0 to 2^62 - 1");
        }
        return node.longValue();
    }

    private static long product(long[] shape, String label) {
        long count = 1;
        for (long s : shape) {
            try {
                count = Math.multiplyExact(count, s);
            } catch (ArithmeticException e) {
                throw bad(label, "has shape " + shapeText(shape) + ", too large to exist");
            }
        }
        return count;
    }

    /** A shape as safetensors' JSON writes it: {@code []}, {@code [64]}, {@code [4096, 128]}. */
    private static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(']').toString();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, String name) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw bad(name, "is truncated inside its safetensors header");
            }
        }
    }

    private static InvalidInputException bad(String name, String what) {
        return new InvalidInputException(name + " " + what);
    }
}
