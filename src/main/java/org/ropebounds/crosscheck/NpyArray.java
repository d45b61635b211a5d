package org.ropebounds.crosscheck;

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
import java.util.Optional;
import java.util.OptionalLong;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;

/**
 * A NumPy {@code .npy} file (format versions 1, 2 and 3), read in chunks. Accepted element types:
 * {@code f2}, {@code f4}, {@code f8} in either byte order (fp16, fp32, fp64), and raw encodings for
 * formats NumPy lacks: {@code u2} or ml_dtypes' {@code V2} for a 16-bit format such as bf16, {@code u1}
 * or {@code V1} for fp8, which need the format named explicitly ({@code V} data is little-endian, as
 * ml_dtypes writes it on every common machine). C and Fortran order.
 */
public final class NpyArray implements ArraySource {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final Format format;
    private final boolean fp32; // the format is fp32 (float32 data is widened in bulk)
    private final FormatDoubles values;
    private final int itemBytes;
    private final char kind; // f, u or V
    private final boolean fortran;
    private final long[] shape;
    private final long entries;
    private ByteBuffer buffer; // the stream's, made at its first read: workers reading their own chunks never use it
    private final ByteOrder order;
    private final long dataStart; // the channel's position of entry 0
    private float[] floats = new float[0]; // fp32 entries of one buffer, before widening (grown when needed)
    private final String description;
    private long delivered;

    private NpyArray(Path path, FileChannel channel, Format format, int itemBytes, char kind, ByteOrder order,
                     boolean fortran, long[] declaredShape, long entries, String description) throws IOException {
        this.path = path;
        this.channel = channel;
        this.format = format;
        this.fp32 = format.equals(Format.FP32);
        this.values = format.doubles();
        this.itemBytes = itemBytes;
        this.kind = kind;
        this.fortran = fortran;
        this.shape = squeeze(declaredShape);
        this.entries = entries;
        this.order = order;
        this.dataStart = channel.position();
        this.description = description;
    }

    /**
     * The {@code entries} little-endian entries that start at {@code channel}'s position, in C order, read in
     * chunks as a .npy file's data is: how {@link SafetensorsArray} reads one tensor. The caller has checked
     * that the file holds them; the channel is closed with the source.
     *
     * @param kind 'f' for IEEE data of {@code itemBytes} 2, 4 or 8 (format fp16, fp32 or tf32, fp64), 'V' for raw
     *             16- or 8-bit encodings of {@code format}
     */
    static NpyArray region(Path path, FileChannel channel, char kind, int itemBytes, Format format, long[] shape, long entries,
                           String description) throws IOException {
        return new NpyArray(path, channel, format, itemBytes, kind, ByteOrder.LITTLE_ENDIAN, false, shape, entries,
                description);
    }

    /**
     * Opens a .npy file and checks its header against the file's size.
     *
     * @param requested the format the caller says the data is in; empty to take the header's (raw
     *                  {@code u}/{@code V} data needs it)
     * @throws InvalidInputException for a malformed header, an element type that is not accepted, or a size
     *                               that disagrees with the shape
     * @throws InvalidParameterException ({@link InvalidParameterException.Parameter#FORMAT}) for a requested
     *                               format the data is not in, or raw data without one
     */
    public static NpyArray open(Path path, Optional<Format> requested) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(path, ch, requested);
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    private static NpyArray open(Path path, FileChannel ch, Optional<Format> requested) throws IOException {
        String name = path.getFileName().toString();
        NpyHeader h = NpyHeader.read(ch, name);
        String descr = h.descr();
        long[] shape = h.shape();
        long entries = h.entries();
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
            format = requested.orElse(stored);
            if (!format.equals(stored) && !(stored.equals(Format.FP32) && format.equals(Format.TF32))) {
                throw new InvalidParameterException(Parameter.FORMAT, format.name() + " was asked for but " + name + " holds "
                        + stored.name() + " ('" + descr + "'); accepted: " + stored.name() + " or none"
                        + (stored.equals(Format.FP32) ? " (or tf32: fp32 storage of tf32 values)" : ""));
            }
        } else if ((kind == 'u' || kind == 'V') && (bytes == 1 || bytes == 2)) {
            if (requested.isEmpty() || requested.get().encodingBits() != 8 * bytes) {
                throw new InvalidParameterException(Parameter.FORMAT, requested.map(f -> f.name() + " does not fit").orElse("is needed for")
                        + " " + name + ", which holds raw " + 8 * bytes + "-bit encodings ('" + descr + "'); accepted: "
                        + (bytes == 2 ? "bf16 or fp16" : "fp8-e4m3 or fp8-e5m2"));
            }
            format = requested.get();
        } else {
            throw unsupported(name, descr);
        }
        long dataBytes = ch.size() - ch.position();
        if (dataBytes != entries * bytes) {
            throw bad(name, (dataBytes < entries * bytes ? "is truncated: " : "is longer than its shape: ") + "shape "
                    + NpyHeader.shapeText(shape) + " needs " + entries * bytes + " data bytes, the file has " + dataBytes);
        }
        return new NpyArray(path, ch, format, bytes, kind, order, h.fortranOrder(), shape, entries,
                "npy '" + descr + "' " + (h.fortranOrder() ? "Fortran" : "C") + "-order " + NpyHeader.shapeText(shape));
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

    /** The shape after dropping leading dimensions of size 1; a 0-d array (one entry) declares none. */
    @Override
    public ArrayShape shape() {
        return ArrayShape.of(shape);
    }

    /** The number of entries the header declares. */
    @Override
    public OptionalLong entries() {
        return OptionalLong.of(entries);
    }

    @Override
    public boolean fortranOrder() {
        return fortran;
    }

    @Override
    public int read(double[] into) throws IOException {
        int n = 0;
        while (n < into.length && delivered < entries) {
            fill();
            int take = (int) Math.min(Math.min(into.length - n, entries - delivered), buffer.remaining() / itemBytes);
            if (!decodeFp32(into, n, take)) {
                decode(into, n, take);
                for (int k = n; k < n + take; k++) {
                    if (Double.isNaN(into[k])) {
                        throw nanEntry(delivered + (k - n));
                    }
                }
            }
            n += take;
            delivered += take;
        }
        return n;
    }

    /** Whether the data is fp32 values stored as fp32, which {@link #readFloats} delivers as they are stored. */
    boolean holdsFp32() {
        return kind == 'f' && itemBytes == 4 && fp32;
    }

    /**
     * As {@link #read(double[])}, for data that {@link #holdsFp32()}: the next entries as the fp32 values they are, without
     * widening them (the worker compares their bits; widening a whole cache to doubles on the reading thread was about a
     * fifth of a check's CPU). The same entries, refusals and messages as {@link #read(double[])}.
     *
     * @throws IllegalStateException when the data does not {@link #holdsFp32()}
     */
    int readFloats(float[] into) throws IOException {
        if (!holdsFp32()) {
            throw new IllegalStateException(description + " does not hold fp32 values");
        }
        int n = 0;
        while (n < into.length && delivered < entries) {
            fill();
            int take = (int) Math.min(Math.min(into.length - n, entries - delivered), buffer.remaining() / itemBytes);
            buffer.asFloatBuffer().get(into, n, take);
            buffer.position(buffer.position() + 4 * take);
            refuseNaN(into, n, take, delivered);
            n += take;
            delivered += take;
        }
        return n;
    }

    /**
     * Entries [first, first + count) of data that {@link #holdsFp32()}, as the fp32 values they are, into {@code into[0, count)},
     * by positional reads through {@code scratch} (a direct buffer of at least 4 bytes per entry read at once is fastest):
     * the same values as {@link #readFloats} delivering those entries, whatever this source's streaming position, which is
     * neither used nor moved; NaN entries are delivered as they are, and {@link #refuseNaN(float[], int, long)} refuses them
     * with {@link #readFloats}'s message. Safe to call from several threads at once, each with its own {@code into} and
     * {@code scratch}: how {@link Crosscheck} lets each worker read its own chunks (proofs/crosscheck-rotation.md section 8).
     *
     * @throws IllegalStateException when the data does not {@link #holdsFp32()}
     * @throws IndexOutOfBoundsException unless 0 <= first, 0 <= count <= into.length and first + count <= the entries
     * @throws IllegalArgumentException when {@code scratch} holds no entry
     * @throws InvalidInputException when the file ends early (it shrank while being read)
     */
    void readFloatsAt(long first, float[] into, int count, ByteBuffer scratch) throws IOException {
        if (!holdsFp32()) {
            throw new IllegalStateException(description + " does not hold fp32 values");
        }
        if (first < 0 || count < 0 || count > into.length || first > entries - count) {
            throw new IndexOutOfBoundsException("entries [" + first + ", " + first + " + " + count + ") of " + entries);
        }
        scratch.order(order);
        int capacity = scratch.capacity() / 4;
        if (capacity == 0) {
            throw new IllegalArgumentException("a buffer of " + scratch.capacity() + " bytes holds no fp32 entry");
        }
        int n = 0;
        while (n < count) {
            int take = Math.min(count - n, capacity);
            scratch.clear().limit(4 * take);
            long at = dataStart + 4 * (first + n);
            while (scratch.hasRemaining()) {
                if (channel.read(scratch, at + scratch.position()) < 0) {
                    throw bad(path.getFileName().toString(), "ended early (it shrank while being read)");
                }
            }
            scratch.flip();
            scratch.asFloatBuffer().get(into, n, take);
            n += take;
        }
    }

    /** At least one whole entry in the buffer, reading more from the channel when it holds less. */
    private void fill() throws IOException {
        if (buffer == null) { // a direct megabyte took about 0.4 ms to make, a visible part of a small file's check
            buffer = ByteBuffer.allocateDirect((int) Math.min(CHUNK_BYTES, Math.max(16, entries * itemBytes))).order(order);
            buffer.limit(0);
        }
        if (buffer.remaining() < itemBytes) {
            buffer.compact();
            while (buffer.position() < itemBytes) {
                if (channel.read(buffer) < 0) {
                    throw bad(path.getFileName().toString(), "ended early (it shrank while being read)");
                }
            }
            buffer.flip();
        }
    }

    /**
     * Refuses the first NaN of {@code floats[0, count)}, the entries from storage index {@code first} on, with the message
     * {@link #readFloats} gives for it (its row and column); returns when there is none.
     *
     * @throws InvalidInputException for the first NaN
     */
    void refuseNaN(float[] floats, int count, long first) {
        refuseNaN(floats, 0, count, first);
    }

    /** Refuses the first NaN of {@code floats[offset, offset + count)}, which are the entries from storage index {@code index} on. */
    private void refuseNaN(float[] floats, int offset, int count, long index) {
        int nan = 0;
        for (int k = offset; k < offset + count; k++) {
            float v = floats[k];
            nan |= v != v ? 1 : 0; // one test after the loop: NaN entries are refused, so they are rare
        }
        if (nan != 0) {
            for (int k = offset; k < offset + count; k++) {
                if (Float.isNaN(floats[k])) {
                    throw nanEntry(index + (k - offset));
                }
            }
        }
    }

    /**
     * fp32 data: the next {@code count} entries into {@code into[offset...]}, in bulk (a copy, or a byte swap, of the whole
     * run; per-entry getFloat was a visible part of a check), then widened and checked for NaN in one pass; false, and
     * nothing read, for other data.
     */
    private boolean decodeFp32(double[] into, int offset, int count) {
        if (!holdsFp32()) {
            return false;
        }
        if (floats.length < count) {
            floats = new float[count];
        }
        buffer.asFloatBuffer().get(floats, 0, count);
        buffer.position(buffer.position() + 4 * count);
        refuseNaN(floats, 0, count, delivered);
        for (int k = 0; k < count; k++) {
            into[offset + k] = floats[k];
        }
        return true;
    }

    /** The refusal of the NaN entry at storage index {@code index}. */
    private InvalidInputException nanEntry(long index) {
        return FormatDoubles.nanEntry(path.getFileName() + ", " + where(index));
    }

    private void decode(double[] into, int offset, int count) {
        if (kind == 'f' && itemBytes == 8) {
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
        return description;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static InvalidInputException bad(String name, String what) {
        return new InvalidInputException(name + " " + what);
    }

    private static InvalidInputException unsupported(String name, String descr) {
        return new InvalidInputException(name + " has dtype '" + InvalidInputException.quoted(descr)
                + "'; accepted: float16, float32, float64 ('<f2', '<f4', '<f8', either byte order), "
                + "and with their format named: uint16 or V2 (bf16, fp16), uint8 or V1 (fp8)");
    }
}
