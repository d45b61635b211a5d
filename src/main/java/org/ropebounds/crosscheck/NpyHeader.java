package org.ropebounds.crosscheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ropebounds.InvalidInputException;

/**
 * The header of a NumPy {@code .npy} file (NumPy's {@code format.py}): the magic {@code \x93NUMPY}, a
 * version, the header length, and a Python dict literal with exactly {@code descr} (a dtype string such
 * as {@code '<f4'}), {@code fortran_order} and {@code shape}, padded with spaces and a newline. Reads
 * versions 1, 2 and 3; writes version 1.0. Immutable.
 */
public final class NpyHeader {
    /** Largest header accepted (NumPy itself refuses headers over 10000 bytes by default). */
    public static final int MAX_HEADER_BYTES = 65_536;
    /** Most dimensions accepted (NumPy's limit). */
    public static final int MAX_DIMENSIONS = 32;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Magic, version 1.0 and the 2-byte header length. */
    private static final int PREFIX_V1 = 10;

    private final String descr;
    private final boolean fortranOrder;
    private final long[] shape;

    /**
     * @param descr the dtype string ({@code <f4}, {@code <u8})
     * @param fortranOrder whether the data is stored column by column
     * @param shape the dimensions (each >= 0, at most {@value #MAX_DIMENSIONS} of them)
     * @throws IllegalArgumentException otherwise
     */
    public NpyHeader(String descr, boolean fortranOrder, long[] shape) {
        if (shape.length > MAX_DIMENSIONS || Arrays.stream(shape).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("not a .npy header: descr '" + descr + "', shape " + Arrays.toString(shape));
        }
        this.descr = descr;
        this.fortranOrder = fortranOrder;
        this.shape = shape.clone();
    }

    public String descr() {
        return descr;
    }

    public boolean fortranOrder() {
        return fortranOrder;
    }

    /** The dimensions as declared (a 0-d array has none). */
    public long[] shape() {
        return shape.clone();
    }

    /** Whether the file starts with the .npy magic bytes (false for a file shorter than them). */
    public static boolean hasMagic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    /**
     * Reads the header from the channel's current position, leaving it at the first data byte.
     *
     * @param name the file's name, for messages
     * @throws InvalidInputException naming the file, for a missing magic, a version other than 1 to 3, a
     *         header over {@value #MAX_HEADER_BYTES} bytes, a truncated or malformed header, keys other than
     *         descr, fortran_order and shape, a structured dtype, or a shape whose entries could not exist
     */
    public static NpyHeader read(ReadableByteChannel ch, String name) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, PREFIX_V1, name);
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw bad(name, "does not start with the .npy magic \\x93NUMPY");
            }
        }
        int major = pre.get(6) & 0xff;
        long headerLength;
        if (major == 1) {
            headerLength = pre.getShort(8) & 0xffff;
        } else if (major == 2 || major == 3) {
            readFully(ch, pre, 12, name);
            headerLength = pre.getInt(8) & 0xffffffffL;
        } else {
            throw bad(name, "has .npy format version " + major + "; accepted: 1, 2, 3");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw bad(name, "declares a header of " + headerLength + " bytes; at most " + MAX_HEADER_BYTES + " are accepted");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        readFully(ch, header, (int) headerLength, name);
        String text = new String(header.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        Map<String, Object> dict = new DictParser(text, name).dict();
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
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
        return new NpyHeader(descr, fortran, shape);
    }

    /** The number of entries, the product of the dimensions (1 for a 0-d array). */
    public long entries() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** The header as version 1.0 writes it, padded so that the data starts at a multiple of 64 bytes. */
    public byte[] toBytes() {
        int unpadded = PREFIX_V1 + dict().length() + 1;
        return toBytes((unpadded + 63) / 64 * 64);
    }

    /**
     * The header as version 1.0 writes it, padded with spaces to exactly {@code length} bytes (so a writer
     * can reserve room for it before the shape is known).
     *
     * @throws IllegalArgumentException unless {@code length} is a multiple of 64 that the header fits in
     *         (and below 65536, version 1.0's limit), or if descr holds a quote or a character outside Latin-1
     */
    public byte[] toBytes(int length) {
        String dict = dict();
        int pad = length - PREFIX_V1 - dict.length() - 1;
        if (pad < 0 || length % 64 != 0 || length - PREFIX_V1 > 0xffff || descr.contains("'")
                || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(descr)) {
            throw new IllegalArgumentException("a .npy header of " + length + " bytes cannot hold " + dict);
        }
        String text = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** The dict literal as NumPy writes it: {@code {'descr': '<u8', 'fortran_order': False, 'shape': (3, 4), }}. */
    private String dict() {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") + ", 'shape': " + shapeText(shape) + ", }";
    }

    /** A shape as Python writes a tuple: {@code ()}, {@code (5,)}, {@code (3, 4)}. */
    public static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.descr.equals(descr) && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * descr.hashCode() + Boolean.hashCode(fortranOrder)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return dict();
    }

    private static void readFully(ReadableByteChannel ch, ByteBuffer b, int upTo, String name) throws IOException {
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

    /** The header's Python dict literal: string keys; values are strings, True/False, or tuples of integers. */
    private static final class DictParser {
        private final String s;
        private final String name;
        private int i;

        DictParser(String s, String name) {
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
                    if (dims.size() > MAX_DIMENSIONS) {
                        throw malformed("has more than " + MAX_DIMENSIONS + " dimensions");
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
