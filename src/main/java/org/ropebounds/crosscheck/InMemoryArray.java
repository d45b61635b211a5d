package org.ropebounds.crosscheck;

import java.util.OptionalLong;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;

/** An array in memory (see the factories of {@link ArraySource}), read front to back; not thread-safe. */
final class InMemoryArray implements ArraySource {
    /** Copies entries [from, from + count) of the backing array into {@code into[offset..)}. */
    private interface Decoder {
        void decode(double[] into, int offset, int from, int count);
    }

    private final FormatDoubles values;
    private final Decoder decoder;
    private final int length;
    private final long[] shape;
    private final String what;
    private int next;

    private InMemoryArray(Format format, Decoder decoder, int length, long rows, int columns, String what) {
        this.values = format.doubles();
        this.decoder = decoder;
        this.length = length;
        if (rows < 0) {
            this.shape = new long[] {length};
        } else {
            if (rows < 1 || columns < 1 || rows > length || (long) length != rows * columns) {
                throw new InvalidInputException("an array of " + length + " entries is not " + rows + " rows of " + columns
                        + "; accepted: rows >= 1 and columns >= 1 with rows x columns entries");
            }
            this.shape = new long[] {rows, columns};
        }
        this.what = what + " " + NpyHeader.shapeText(shape);
    }

    static InMemoryArray of(float[] data, long rows, int columns) {
        return new InMemoryArray(Format.FP32, (into, offset, from, count) -> {
            for (int k = 0; k < count; k++) {
                into[offset + k] = data[from + k];
            }
        }, data.length, rows, columns, "float[]");
    }

    static InMemoryArray of(double[] data, long rows, int columns) {
        return new InMemoryArray(Format.FP64, (into, offset, from, count) -> System.arraycopy(data, from, into, offset, count),
                data.length, rows, columns, "double[]");
    }

    static InMemoryArray of(Format format, short[] data, long rows, int columns) {
        FormatDoubles v = bitsOf(format, 16);
        return new InMemoryArray(format, (into, offset, from, count) -> {
            for (int k = 0; k < count; k++) {
                into[offset + k] = v.value(data[from + k] & 0xffffL);
            }
        }, data.length, rows, columns, format.name() + " encodings in a short[]");
    }

    static InMemoryArray of(Format format, char[] data, long rows, int columns) {
        FormatDoubles v = bitsOf(format, 16);
        return new InMemoryArray(format, (into, offset, from, count) -> {
            for (int k = 0; k < count; k++) {
                into[offset + k] = v.value(data[from + k]);
            }
        }, data.length, rows, columns, format.name() + " encodings in a char[]");
    }

    static InMemoryArray of(Format format, byte[] data, long rows, int columns) {
        FormatDoubles v = bitsOf(format, 8);
        return new InMemoryArray(format, (into, offset, from, count) -> {
            for (int k = 0; k < count; k++) {
                into[offset + k] = v.value(data[from + k] & 0xffL);
            }
        }, data.length, rows, columns, format.name() + " encodings in a byte[]");
    }

    private static FormatDoubles bitsOf(Format format, int bits) {
        FormatDoubles v = format.doubles();
        if (format.encodingBits() != bits) {
            throw new InvalidParameterException(InvalidParameterException.Parameter.FORMAT, format.name() + " has "
                    + format.encodingBits() + "-bit encodings, not " + bits + "-bit; accepted: "
                    + (bits == 16 ? "bf16 or fp16" : "fp8-e4m3 or fp8-e5m2"));
        }
        return v;
    }

    @Override
    public Format format() {
        return values.format();
    }

    @Override
    public ArrayShape shape() {
        return ArrayShape.of(shape);
    }


    @Override
    public int read(double[] into) {
        int n = Math.min(into.length, length - next);
        decoder.decode(into, 0, next, n);
        for (int k = 0; k < n; k++) {
            if (Double.isNaN(into[k])) {
                throw FormatDoubles.nanEntry(where(next + k) + " of the " + what);
            }
        }
        next += n;
        return n;
    }

    private String where(int index) {
        return shape.length == 1 ? "entry " + index : "row " + index / shape[1] + ", column " + index % shape[1];
    }

    @Override
    public String describe() {
        return what;
    }

    @Override
    public OptionalLong entries() {
        return OptionalLong.of(length);
    }

    @Override
    public void close() {
        // nothing held
    }
}
