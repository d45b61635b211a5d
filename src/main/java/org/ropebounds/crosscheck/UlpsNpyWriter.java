package org.ropebounds.crosscheck;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.ropebounds.io.AtomicFile;

/**
 * Every entry's distance in ulps as a NumPy {@code .npy} array of {@code <u8} (unsigned 64-bit), in the
 * checked file's storage order and shape (Fortran order when it was). Written to a temporary file
 * beside the target and renamed into place by {@link #finish}; closing without finishing deletes it, so
 * a failed run leaves nothing half-written. {@link #write} may be called from several threads.
 */
public final class UlpsNpyWriter implements Closeable {
    /** Bytes before the data, reserved before the shape is known: room for any 2-d shape's header, a multiple of 64. */
    private static final int HEADER_BYTES = 256;

    private final AtomicFile file;
    private final FileChannel channel;

    private UlpsNpyWriter(AtomicFile file) {
        this.file = file;
        this.channel = file.channel();
    }

    /**
     * Starts writing {@code target} (replaced only when {@link #finish} succeeds).
     *
     * @throws org.ropebounds.InvalidInputException if the target exists and is not a regular file
     */
    public static UlpsNpyWriter create(Path target) throws IOException {
        return new UlpsNpyWriter(AtomicFile.create(target));
    }

    /** Writes {@code ulps[0..n)} as the entries from storage index {@code start} on. */
    public void write(long start, long[] ulps, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            b.putLong(ulps[k]);
        }
        b.flip();
        long position = HEADER_BYTES + 8 * start;
        while (b.hasRemaining()) {
            position += channel.write(b, position);
        }
    }

    /**
     * Writes the header for this shape, makes the data durable and renames the file into place.
     *
     * @param shape the checked array's shape ({@code {n}} or {@code {rows, columns}}), whose entries are those written
     */
    public void finish(long[] shape, boolean fortranOrder) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(new NpyHeader("<u8", fortranOrder, shape).toBytes(HEADER_BYTES));
        long position = 0;
        while (b.hasRemaining()) {
            position += channel.write(b, position);
        }
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
