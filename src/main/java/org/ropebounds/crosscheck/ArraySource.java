package org.ropebounds.crosscheck;

import java.io.Closeable;
import java.io.IOException;
import org.ropebounds.format.Format;

/**
 * Numbers read from a file, in storage order, each a value of {@link #format()} held as a double.
 * Readers stream: memory does not grow with the file. Malformed content raises
 * {@link org.ropebounds.InvalidInputException} naming the place.
 */
public interface ArraySource extends Closeable {

    /** The format of the entries. */
    Format format();

    /**
     * The shape the file declares after dropping leading dimensions of size 1: {@code {n}} or
     * {@code {rows, columns}}; empty when the file declares none (text, where rows and columns come from
     * the command line). CSV declares its columns once the first row is read: {@code {-1, columns}}.
     */
    long[] shape();

    /** Whether entries are stored column by column (NumPy's Fortran order). */
    boolean fortranOrder();

    /**
     * Fills {@code into} from its start with the next entries; returns how many, 0 at the end.
     *
     * @throws org.ropebounds.InvalidInputException for malformed content, including NaN entries (a NaN has
     *                                              no distance in ulps), naming where it is
     */
    int read(double[] into) throws IOException;

    /** What the file is, for reports: {@code npy <f4 C-order (131072, 64)}. */
    String describe();
}
