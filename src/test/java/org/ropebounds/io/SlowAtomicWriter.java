package org.ropebounds.io;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A child JVM for {@link AtomicFileSignalTest}: starts writing {@code args[0]} through {@link AtomicFile}, says
 * "writing" on stdout once the temporary holds data, then keeps writing slowly and never commits, until a signal ends it.
 */
final class SlowAtomicWriter {
    private SlowAtomicWriter() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFile f = AtomicFile.create(Path.of(args[0]));
        byte[] chunk = new byte[4096];
        long position = 0;
        position += f.channel().write(ByteBuffer.wrap(chunk), position);
        System.out.println("writing");
        System.out.flush();
        for (int i = 0; i < 6000; i++) { // at most a minute, should the signal never come
            position += f.channel().write(ByteBuffer.wrap(chunk), position);
            Thread.sleep(10);
        }
        System.exit(3);
    }
}
