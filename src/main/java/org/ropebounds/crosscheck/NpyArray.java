package org.ropebounds.crosscheck;

import org.ropebounds.format.FormatDoubles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/**
 * A NumPy {@code .npy} file (format versions 1, 2 and 3), read in chunks. Accepted element types:
 * {@code f2}, {@code f4}, {@code f8} in either byte order (fp16, fp32, fp64), and raw encodings for
 * formats NumPy lacks: {@code u2} or ml_dtypes' {@code V2} for a 16-bit format such as bf16, {@code u1}
 * or {@code V1} for fp8, which need the format named explicitly ({@code V} data is little-endian, as
 * ml_dtypes writes it on every common machine). C and Fortran order.
 */
public final class NpyArray implements ArraySource {
    /** Largest header accepted (NumPy itself refuses headers over 10000 bytes by default). */
    static final int MAX_HEADER_BYTES = 65_536;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private final Path path;
    private final FileChannel channel;
    private final String descr;
    private final Format format;
    private final FormatDoubles values;
    private final int itemBytes;
    private final char kind; // f, u or V
    private final boolean fortran;
    private final long[] declaredShape;
    private final long[] shape;
    private final long entries;
    private final ByteBuffer buffer;
    private long delivered;

    private NpyArray(Path path, FileChannel channel, String descr, Format format, int itemBytes, char kind, ByteOrder order,
                     boolean fortran, long[] declaredShape, long entries) {
        this.path = path;
        this.channel = channel;
        this.descr = descr;
        this.format = format;
        this.values = new FormatDoubles(format);
        this.itemBytes = itemBytes;
        this.kind = kind;
        this.fortran = fortran;
        this.declaredShape = declaredShape;
        this.shape = squeeze(declaredShape);
        this.entries = entries;
        this.buffer = ByteBuffer.allocateDirect(CHUNK_BYTES).order(order);
        this.buffer.limit(0);
    }

    /**
     * Opens a .npy file and checks its header against the file's size.
     *
     * @param requested the format the caller says the data is in, or null to take the header's (needed for
     *                  raw {@code u}/{@code V} data)
     * @throws InvalidInputException for a malformed header, an element type that is not accepted, a
     *                               requested format the data is not in, or a size that disagrees with the shape
     */
    public static NpyArray open(Path path, Format requested) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(path, ch, requested);
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    private static NpyArray open(Path path, FileChannel ch, Format requested) throws IOException {
        String name = path.getFileName().toString();
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 10, name);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw bad(name, "does not start with the .npy magic \\x93NUMPY");
            }
        }
        int major = pre.get(6) & 0xff;
        long headerLength;
        int prefix;
        if (major == 1) {
            headerLength = pre.getShort(8) & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            readFully(ch, pre, 12, name);
            headerLength = pre.getInt(8) & 0xffffffffL;
            prefix = 12;
        } else {
            throw bad(name, "has .npy format version " + major + "; accepted: 1, 2, 3");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw bad(name, "declares a header of " + headerLength + " bytes; at most " + MAX_HEADER_BYTES + " are accepted");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        readFully(ch, header, (int) headerLength, name);
        String text = new String(header.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        Map<String, Object> dict = new HeaderParser(text, name).dict();
        if (!dict.keySet().equals(java.util.Set.of("descr", "fortran_order", "shape"))) {
            throw bad(name, "has header keys " + dict.keySet() + "; accepted: exactly descr, fortran_order, shape");
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw bad(name, "has a structured dtype; accepted: one number per element (f2, f4, f8, u1, u2, V1, V2)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw bad(name, "has fortran_order that is not True or False");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw bad(name, "has a shape that is not a tuple of integers");
        }
        long entries = 1;
        for (long s : shape) {
            if (s != 0 && entries > (Long.MAX_VALUE >> 4) / s) {
                throw bad(name, "declares a shape too large to exist: " + shapeText(shape));
            }
            entries *= s;
        }
        if (descr.length() != 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            throw unsupported(name, descr);
        }
        char kind = descr.charAt(1);
        int bytes = descr.charAt(2) - '0';
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                : descr.charAt(0) == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        Format format;
        if (kind == 'f' && (bytes == 2 || bytes == 4 || bytes == 8)) {
            Format stored = bytes == 2 ? Format.FP16 : bytes == 4 ? Format.FP32 : Format.FP64;
            if (requested != null && !requested.equals(stored) && !(stored.equals(Format.FP32) && requested.equals(Format.TF32))) {
                throw new InvalidInputException(name + " holds " + stored.name() + " ('" + descr + "') but --dtype "
                        + requested.name() + " was given; accepted: --dtype " + stored.name() + " or none"
                        + (stored.equals(Format.FP32) ? " (or tf32: fp32 storage of tf32 values)" : ""));
            }
            format = requested != null ? requested : stored;
        } else if ((kind == 'u' || kind == 'V') && (bytes == 1 || bytes == 2)) {
            if (requested == null || requested.encodingBits() != 8 * bytes) {
                throw new InvalidInputException(name + " holds raw " + 8 * bytes + "-bit encodings ('" + descr
                        + "'); name their format with --dtype" + (bytes == 2 ? " bf16 or fp16" : " fp8-e4m3 or fp8-e5m2"));
            }
            format = requested;
        } else {
            throw unsupported(name, descr);
        }
        long dataBytes = ch.size() - prefix - headerLength;
        if (dataBytes != entries * bytes) {
            throw bad(name, (dataBytes < entries * bytes ? "is truncated: " : "is longer than its shape: ") + "shape "
                    + shapeText(shape) + " needs " + entries * bytes + " data bytes, the file has " + dataBytes);
        }
        return new NpyArray(path, ch, descr, format, bytes, kind, order, fortran, shape, entries);
    }

    private static long[] squeeze(long[] shape) {
        int first = 0;
        while (shape.length - first > 1 && shape[first] == 1) {
            first++;
        }
        return java.util.Arrays.copyOfRange(shape, first, shape.length);
    }

    @Override
    public Format format() {
        return format;
    }

    /** The shape after dropping leading dimensions of size 1 (a 0-d array has shape {@code {}}: one entry). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of entries the header declares. */
    public long entries() {
        return entries;
    }

    @Override
    public boolean fortranOrder() {
        return fortran;
    }

    @Override
    public int read(double[] into) throws IOException {
        int n = 0;
        while (n < into.length && delivered < entries) {
            if (buffer.remaining() < itemBytes) {
                buffer.compact();
                while (buffer.position() < itemBytes) {
                    if (channel.read(buffer) < 0) {
                        throw bad(path.getFileName().toString(), "ended early (it shrank while being read)");
                    }
                }
                buffer.flip();
            }
            int take = (int) Math.min(Math.min(into.length - n, entries - delivered), buffer.remaining() / itemBytes);
            decode(into, n, take);
            for (int k = n; k < n + take; k++) {
                if (Double.isNaN(into[k])) {
                    throw FormatDoubles.nanEntry(path.getFileName() + ", " + where(delivered + k - n));
                }
            }
            n += take;
            delivered += take;
        }
        return n;
    }

    private void decode(double[] into, int offset, int count) {
        if (kind == 'f' && itemBytes == 4 && format.equals(Format.FP32)) {
            for (int k = 0; k < count; k++) {
                into[offset + k] = buffer.getFloat();
            }
        } else if (kind == 'f' && itemBytes == 8) {
            for (int k = 0; k < count; k++) {
                into[offset + k] = buffer.getDouble();
            }
        } else if (kind == 'f' && itemBytes == 4) { // tf32 values stored as fp32
            for (int k = 0; k < count; k++) {
                float v = buffer.getFloat();
                if (!values.contains(v)) {
                    throw new InvalidInputException(where(delivered + k) + " of " + path.getFileName() + " holds " + v
                            + ", which is not a " + format.name() + " value");
                }
                into[offset + k] = v;
            }
        } else if (itemBytes == 2) {
            for (int k = 0; k < count; k++) {
                into[offset + k] = values.value(buffer.getShort() & 0xffffL);
            }
        } else {
            for (int k = 0; k < count; k++) {
                into[offset + k] = values.value(buffer.get() & 0xffL);
            }
        }
    }

    private String where(long storageIndex) {
        if (shape.length < 2) {
            return "entry " + storageIndex;
        }
        long rows = shape[0];
        long cols = shape[1];
        long row = fortran ? storageIndex % rows : storageIndex / cols;
        long col = fortran ? storageIndex / rows : storageIndex % cols;
        return "row " + row + ", column " + col;
    }

    @Override
    public String describe() {
        return "npy '" + descr + "' " + (fortran ? "Fortran" : "C") + "-order " + shapeText(declaredShape);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, int upTo, String name) throws IOException {
        b.limit(upTo);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw bad(name, "is truncated inside its .npy header");
            }
        }
    }

    private static InvalidInputException bad(String name, String what) {
        return new InvalidInputException(name + " " + what);
    }

    private static InvalidInputException unsupported(String name, String descr) {
        return new InvalidInputException(name + " has dtype '" + InvalidInputException.quoted(descr)
                + "'; accepted: float16, float32, float64 ('<f2', '<f4', '<f8', either byte order), "
                + "and with --dtype: uint16 or V2 (bf16, fp16), uint8 or V1 (fp8)");
    }

    /** The header's Python dict literal: string keys; values are strings, True/False, or tuples of integers. */
    private static final class HeaderParser {
        private final String s;
        private final String name;
        private int i;

        HeaderParser(String s, String name) {
            this.s = s;
            this.name = name;
        }

        Map<String, Object> dict() {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            skip();
            while (peek() != '}') {
                String key = string();
                expect(':');
                if (out.put(key, value()) != null) {
                    throw malformed("repeats key '" + InvalidInputException.quoted(key) + "'");
                }
                skip();
                if (peek() == ',') {
                    i++;
                    skip();
                } else if (peek() != '}') {
                    throw malformed("expected , or }");
                }
            }
            i++;
            skip();
            if (i != s.length()) {
                throw malformed("has text after the dict");
            }
            return out;
        }

        private Object value() {
            skip();
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (c == '(') {
                i++;
                List<Long> dims = new ArrayList<>();
                skip();
                while (peek() != ')') {
                    int start = i;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    if (i == start || i - start > 15) {
                        throw malformed("has a shape entry that is not a non-negative integer below 10^15");
                    }
                    dims.add(Long.parseLong(s.substring(start, i)));
                    if (dims.size() > 32) {
                        throw malformed("has more than 32 dimensions");
                    }
                    skip();
                    if (peek() == ',') {
                        i++;
                        skip();
                    } else if (peek() != ')') {
                        throw malformed("expected , or ) in the shape");
                    }
                }
                i++;
                return dims.stream().mapToLong(Long::longValue).toArray();
            }
            if (c == '[') {
                throw new InvalidInputException(name + " has a structured dtype; accepted: one number per element "
                        + "(f2, f4, f8, u1, u2, V1, V2)");
            }
            throw malformed("has a value that is not a string, True, False or a tuple");
        }

        private String string() {
            skip();
            char q = peek();
            if (q != '\'' && q != '"') {
                throw malformed("expected a quoted string");
            }
            int end = s.indexOf(q, i + 1);
            if (end < 0) {
                throw malformed("has an unterminated string");
            }
            String out = s.substring(i + 1, end);
            i = end + 1;
            return out;
        }

        private void expect(char c) {
            skip();
            if (peek() != c) {
                throw malformed("expected '" + c + "'");
            }
            i++;
        }

        private char peek() {
            if (i >= s.length()) {
                throw malformed("ends early");
            }
            return s.charAt(i);
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private InvalidInputException malformed(String what) {
            return new InvalidInputException(name + " has a malformed .npy header (at character " + i + "): " + what);
        }
    }
}
