package org.ropebounds.crosscheck;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.ropebounds.format.Format;

/**
 * Numbers to cross-check, in storage order, each a value of {@link #format()} held as a double: a file
 * ({@link #open}) or an array in memory ({@link #ofFloats}, {@link #ofDoubles}, {@link #ofBits}). A source is
 * read once, front to back; file readers stream, so memory does not grow with the file. Malformed content
 * raises {@link org.ropebounds.InvalidInputException} naming the place.
 */
public interface ArraySource extends Closeable {

    /** The format of the entries. */
    Format format();

    /**
     * The shape the source declares: none (text), a flat array, or rows of a width (CSV knows its width
     * once the first row is read, and its rows only at the end). Files drop leading dimensions of size 1
     * (a batch of 1).
     */
    ArrayShape shape();

    /** Whether entries are stored column by column (NumPy's Fortran order); only a .npy header can say so. */
    default boolean fortranOrder() {
        return false;
    }

    /**
     * Fills {@code into} from its start with the next entries; returns how many, 0 at the end.
     *
     * @throws org.ropebounds.InvalidInputException for malformed content, including NaN entries (a NaN has
     *                                              no distance in ulps), naming where it is
     */
    int read(double[] into) throws IOException;

    /** What the source is, for reports: {@code npy '<f4' C-order (131072, 64)}. */
    String describe();

    /** The number of entries, when the source declares it before it is read (for progress reports). */
    default OptionalLong entries() {
        return OptionalLong.empty();
    }

    /**
     * Opens a file of numbers.
     *
     * @param kind how to read it ({@link FileKind#AUTO}: by its content and name)
     * @param format the numbers' format; needed for CSV, text and raw .npy data, and for .npy float data it
     *               must match the header (or be tf32 for fp32 storage)
     * @throws org.ropebounds.InvalidInputException for a missing, unreadable or malformed file, a directory,
     *         or a format that is missing or does not fit ({@link InvalidParameterException} naming the format)
     */
    static ArraySource open(Path path, FileKind kind, Optional<Format> format) throws IOException {
        return kind.open(path, format, Optional.empty());
    }

    /**
     * As {@link #open(Path, FileKind, Optional)}, reading tensor {@code tensor} of a .safetensors file
     * ({@link SafetensorsArray#open}; empty: its only tensor).
     *
     * @throws InvalidParameterException ({@link InvalidParameterException.Parameter#TENSOR}) for a tensor named
     *         for a file that is not read as safetensors, and as {@link SafetensorsArray#open} says
     */
    static ArraySource open(Path path, FileKind kind, Optional<Format> format, Optional<String> tensor) throws IOException {
        return kind.open(path, format, tensor);
    }

    /** {@code rows x columns} fp32 values in C order (row by row). See {@link #ofDoubles(double[], long, int)}. */
    static ArraySource ofFloats(float[] data, long rows, int columns) {
        return InMemoryArray.of(data, rows, columns);
    }

    /** fp32 values as a flat array: d/2 entries of inv_freq, or whole rows of the layout's width. */
    static ArraySource ofFloats(float[] data) {
        return InMemoryArray.of(data, -1, data.length);
    }

    /**
     * {@code rows x columns} fp64 values in C order (row by row). The array is read, not copied: it must not
     * change while the cross-check runs.
     *
     * @throws org.ropebounds.InvalidInputException unless {@code data.length == rows * columns}, rows >= 1, columns >= 1
     */
    static ArraySource ofDoubles(double[] data, long rows, int columns) {
        return InMemoryArray.of(data, rows, columns);
    }

    /** fp64 values as a flat array: d/2 entries of inv_freq, or whole rows of the layout's width. */
    static ArraySource ofDoubles(double[] data) {
        return InMemoryArray.of(data, -1, data.length);
    }

    /**
     * {@code rows x columns} encodings of a 16-bit format (bf16, fp16) in C order, as PyTorch's
     * {@code tensor.view(torch.int16)} or ml_dtypes' {@code .view(np.uint16)} gives them.
     *
     * @throws org.ropebounds.InvalidInputException unless the format has 16-bit encodings whose values are
     *         doubles and {@code data.length == rows * columns}
     */
    static ArraySource ofBits(Format format, short[] data, long rows, int columns) {
        return InMemoryArray.of(format, data, rows, columns);
    }

    /** {@link #ofBits(Format, short[], long, int)} for encodings held in a {@code char[]}. */
    static ArraySource ofBits(Format format, char[] data, long rows, int columns) {
        return InMemoryArray.of(format, data, rows, columns);
    }

    /** {@code rows x columns} encodings of an 8-bit format (fp8-e4m3, fp8-e5m2) in C order. */
    static ArraySource ofBits(Format format, byte[] data, long rows, int columns) {
        return InMemoryArray.of(format, data, rows, columns);
    }
}
