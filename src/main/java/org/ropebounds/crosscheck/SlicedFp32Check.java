package org.ropebounds.crosscheck;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * The walked check of a C-order fp32 .npy (or safetensors) array whose every chunk {@link WalkedChunk} checks, with each
 * worker reading its own chunks by positional reads: no reading thread, no hand-off of buffers, one tally per worker
 * merged at the end. Chunks are the streamed path's ({@link Crosscheck#CHUNK} entries from the start), taken in
 * increasing order from a shared counter; when chunks fail, the failure of the earliest one is the run's, as when one
 * thread reads the file front to back (proofs/crosscheck-rotation.md section 8).
 */
final class SlicedFp32Check {
    private SlicedFp32Check() {
    }

    /** The earliest failed chunk and its failure; Long.MAX_VALUE while none failed. */
    private static final class Earliest {
        private volatile long chunk = Long.MAX_VALUE;
        private Throwable failure;

        synchronized void offer(long c, Throwable t) {
            if (c < chunk) {
                chunk = c;
                failure = t;
            }
        }

        synchronized Throwable failure() {
            return failure;
        }
    }

    /**
     * Checks all {@code entries} of {@code source} (which {@link NpyArray#holdsFp32()}, in C order, rows of {@code columns}
     * entries in {@code layout}, row 0 at position {@code first}) against the exact values of {@code ev}, which
     * {@link ExpectedValues#walks()} for fp32, on {@code threads} threads, the calling one among them, adding every entry to
     * {@code exact}. {@code out}, when not null, receives each chunk's distances and {@code checked} each chunk's entries,
     * from the workers. The failure of the earliest failed chunk, if any, is set in {@code failure} (and nothing is
     * merged into {@code exact} then).
     */
    static void run(NpyArray source, long entries, int columns, Layout layout, long first, ExpectedValues ev, UlpTally exact,
                    int threads, UlpsNpyWriter out, LongConsumer checked, AtomicReference<Throwable> failure) {
        long chunks = (entries + Crosscheck.CHUNK - 1) / Crosscheck.CHUNK;
        int workers = (int) Math.max(1, Math.min(threads, chunks));
        AtomicLong next = new AtomicLong();
        Earliest earliest = new Earliest();
        UlpTally[] parts = new UlpTally[workers];
        Thread[] others = new Thread[workers - 1];
        for (int w = 0; w < workers; w++) {
            parts[w] = new UlpTally(ev.fileValues(), exact.keepWorst());
        }
        for (int w = 1; w < workers; w++) {
            UlpTally part = parts[w];
            Thread t = new Thread(() -> work(source, entries, chunks, columns, layout, first, ev, part, out, checked, next, earliest),
                    "crosscheck");
            t.setDaemon(true);
            others[w - 1] = t;
            t.start();
        }
        work(source, entries, chunks, columns, layout, first, ev, parts[0], out, checked, next, earliest);
        boolean interrupted = false;
        for (Thread t : others) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // stop handing out chunks, but wait: the workers use this run's tallies and the source
                    earliest.offer(-1, new IOException("interrupted", e));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = earliest.failure();
        if (t != null) {
            failure.compareAndSet(null, t);
            return;
        }
        for (UlpTally part : parts) {
            exact.merge(part);
        }
    }

    /** One worker: the next chunk not yet taken, until none is left or an earlier one failed. */
    private static void work(NpyArray source, long entries, long chunks, int columns, Layout layout, long first, ExpectedValues ev,
                             UlpTally tally, UlpsNpyWriter out, LongConsumer checked, AtomicLong next, Earliest earliest) {
        float[] chunk = new float[(int) Math.min(Crosscheck.CHUNK, entries)];
        ByteBuffer bytes = ByteBuffer.allocateDirect(4 * chunk.length);
        RotationWalk walk = new RotationWalk(ev);
        WalkedChunk.Scratch scratch = new WalkedChunk.Scratch();
        int modes = ev.rope().modes();
        while (true) {
            long c = next.getAndIncrement();
            // chunks are taken in increasing order, so every chunk before a failed one has been taken and is checked
            if (c >= chunks || c > earliest.chunk) {
                return;
            }
            long start = c * Crosscheck.CHUNK;
            int n = (int) Math.min(Crosscheck.CHUNK, entries - start);
            try {
                source.readFloatsAt(start, chunk, n, bytes);
                long[] ulps = out == null ? null : new long[n];
                walk.reset(); // as a new walk per chunk: the same blocks as the streamed path
                // NaN entries are refused after the check, which they do not make throw, and before anything leaves the chunk
                if (WalkedChunk.check(chunk, start, n, columns, layout, first, ev, tally, ulps, walk, new Crosscheck.Expected(modes),
                        scratch)) {
                    source.refuseNaN(chunk, n, start);
                    throw new IllegalStateException("the walked check saw a NaN that the source does not find"); // cannot happen
                }
                if (out != null) {
                    out.write(start, ulps, n);
                }
                checked.accept(n);
            } catch (Throwable t) {
                earliest.offer(c, t);
                return;
            }
        }
    }
}
