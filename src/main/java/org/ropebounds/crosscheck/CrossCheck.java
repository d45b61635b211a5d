package org.ropebounds.crosscheck;

import org.ropebounds.format.FormatDoubles;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;

/**
 * Compares an array produced by another implementation, entry by entry, with the exact values correctly
 * rounded to its format and, optionally, with what an emulated pipeline computes. Streams: the file is
 * read in chunks that worker threads check while the next is read, so memory does not grow with the file.
 */
public final class CrossCheck {
    private static final int CHUNK = 1 << 16;

    private CrossCheck() {
    }

    /**
     * What to compare an array with.
     *
     * @param expected the quantity, base, head dim and pipeline
     * @param withPipeline whether to compare with the pipeline too
     * @param layout how columns map to modes, or null to take it from the row width (d/2: modes, d: concat)
     * @param firstPosition the position of the first row (>= 0)
     * @param positions the number of rows the file must have, or -1 for as many as it has
     * @param keepWorst how many of the worst entries to report (>= 0)
     * @param toleranceUlps the accepted distance (>= 0), for {@link Report#explainedByPipeline()}
     */
    public record Spec(ExpectedValues expected, boolean withPipeline, Layout layout, long firstPosition, long positions,
                       int keepWorst, long toleranceUlps) {
    }

    /**
     * The outcome.
     *
     * @param source what the file is
     * @param format the entries' format
     * @param rows rows read (positions; 1 for inv_freq)
     * @param columns entries per row
     * @param layout how columns map to modes
     * @param againstExact distances to the exact values correctly rounded to the format
     * @param againstPipeline distances to the pipeline's values, or null when not asked
     * @param explainedByPipeline entries beyond the tolerance from the exact value but within it from the
     *                            pipeline's (the pipeline's own rounding explains them); 0 without a pipeline
     * @param beyondPipeline entries beyond the tolerance from the pipeline's value (nothing explains them);
     *                       0 without a pipeline
     */
    public record Report(String source, Format format, long rows, int columns, Layout layout, UlpSummary againstExact,
                         UlpSummary againstPipeline, long explainedByPipeline, long beyondPipeline) {
    }

    /**
     * Reads the whole source and compares every entry.
     *
     * @param threads worker threads (>= 1)
     * @throws InvalidInputException when the file's shape does not fit the quantity, head dim and positions,
     *                               or its content is malformed
     */
    public static Report run(ArraySource source, Spec spec, int threads) throws IOException {
        return run(source, spec, threads, null, n -> { });
    }

    /**
     * {@link #run(ArraySource, Spec, int)}, also writing every entry's distance (against the pipeline when
     * {@code spec.withPipeline()}, else the exact value) to {@code ulpsOut}, finished on success.
     *
     * @param ulpsOut where to write the distances, or null
     * @param checked told how many entries each finished chunk held (from worker threads)
     */
    public static Report run(ArraySource source, Spec spec, int threads, UlpsNpyWriter ulpsOut, java.util.function.LongConsumer checked)
            throws IOException {
        Geometry g = Geometry.of(source, spec);
        ExpectedValues ev = spec.expected();
        if (!source.format().equals(spec.expected().fileFormat())) {
            throw new IllegalArgumentException("the expected values are for " + spec.expected().fileFormat().name() + ", the file holds "
                    + source.format().name());
        }
        FormatDoubles values = spec.expected().fileValues();
        UlpTally exact = new UlpTally(spec.keepWorst());
        UlpTally pipeline = spec.withPipeline() ? new UlpTally(spec.keepWorst()) : null;
        long[] joint = new long[2]; // explained by and beyond the pipeline; guarded by exact's lock, like the tallies
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ArrayBlockingQueue<double[]> free = new ArrayBlockingQueue<>(2 * threads + 1);
        for (int k = 0; k < 2 * threads + 1; k++) {
            free.add(new double[CHUNK]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "crosscheck");
            t.setDaemon(true);
            return t;
        });
        long read = 0;
        try {
            while (failure.get() == null) {
                double[] chunk = free.take();
                int n = source.read(chunk);
                if (n == 0) {
                    break;
                }
                g.checkCapacity(read + n);
                long start = read;
                read += n;
                pool.execute(() -> {
                    try {
                        UlpTally e = new UlpTally(spec.keepWorst());
                        UlpTally p = pipeline != null ? new UlpTally(spec.keepWorst()) : null;
                        long[] ulps = ulpsOut == null ? null : new long[n];
                        long[] jointHere = new long[2];
                        check(chunk, start, n, g, ev, values, e, p, ulps, spec.toleranceUlps(), jointHere);
                        if (ulpsOut != null) {
                            ulpsOut.write(start, ulps, n);
                        }
                        synchronized (exact) {
                            exact.merge(e);
                            if (p != null) {
                                pipeline.merge(p);
                            }
                            joint[0] += jointHere[0];
                            joint[1] += jointHere[1];
                        }
                        checked.accept(n);
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        free.add(chunk);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw t instanceof IOException io ? io : new IOException(t);
        }
        long rows = g.checkComplete(read);
        if (ulpsOut != null) {
            ulpsOut.finish(ev.quantity() == Quantity.INV_FREQ ? new long[] {g.columns} : new long[] {rows, g.columns}, g.fortran);
        }
        return new Report(source.describe(), source.format(), rows, g.columns, g.layout, exact.summary(),
                pipeline == null ? null : pipeline.summary(), joint[0], joint[1]);
    }

    /** Checks one chunk; adds to joint[0] the entries the pipeline explains and to joint[1] those beyond it (see {@link Report}). */
    private static void check(double[] chunk, long start, int n, Geometry g, ExpectedValues ev, FormatDoubles values,
                              UlpTally exact, UlpTally pipeline, long[] ulps, long tolerance, long[] joint) {
        int modes = ev.rope().modes();
        boolean positions = ev.quantity().hasPositions();
        // concat and interleave rows hold each mode twice: the expected values of a row are computed once
        Expected wantExact = new Expected(modes);
        Expected wantPipeline = new Expected(modes);
        for (int k = 0; k < n; k++) {
            long s = start + k;
            long row;
            int col;
            if (g.fortran) {
                row = s % g.rows;
                col = (int) (s / g.rows);
            } else {
                row = s / g.columns;
                col = (int) (s % g.columns);
            }
            int mode = g.layout.mode(col, modes);
            long p = positions ? g.firstPosition + row : 0;
            long index = row * g.columns + col;
            long shownPosition = positions ? p : -1;
            double got = chunk[k];
            double want = wantExact.get(row, mode, p, ev, true, exact);
            long distance = values.ulpDistance(got, want);
            exact.add(index, shownPosition, mode, got, want, distance);
            if (pipeline != null) {
                double w = wantPipeline.get(row, mode, p, ev, false, pipeline);
                boolean beyondExact = Long.compareUnsigned(distance, tolerance) > 0;
                distance = values.ulpDistance(got, w);
                pipeline.add(index, shownPosition, mode, got, w, distance);
                boolean beyondPipeline = Long.compareUnsigned(distance, tolerance) > 0;
                joint[0] += beyondExact && !beyondPipeline ? 1 : 0;
                joint[1] += beyondPipeline ? 1 : 0;
            }
            if (ulps != null) {
                ulps[k] = distance;
            }
        }
    }

    /** The expected values of the row last seen for each mode, and whether the certified path decided them. */
    private static final class Expected {
        private final long[] row;
        private final double[] value;
        private final boolean[] certified;

        Expected(int modes) {
            row = new long[modes];
            java.util.Arrays.fill(row, -1);
            value = new double[modes];
            certified = new boolean[modes];
        }

        /** The exact (or pipeline) value of (mode, p), counted in {@code tally} when certified arithmetic decided it. */
        double get(long r, int mode, long p, ExpectedValues ev, boolean exact, UlpTally tally) {
            if (row[mode] != r) {
                double v = exact ? ev.exactFast(mode, p) : ev.pipelineFast(mode, p);
                certified[mode] = Double.isNaN(v);
                value[mode] = certified[mode] ? (exact ? ev.exactSlow(mode, p) : ev.pipelineSlow(mode, p)) : v;
                row[mode] = r;
            }
            if (certified[mode]) {
                tally.countDecidedExactly();
            }
            return value[mode];
        }
    }

    /** Rows, columns and order: from the file where it declares them, else from the quantity and layout. */
    private static final class Geometry {
        final int columns;
        final Layout layout;
        final long rows; // -1 until the end when the file does not declare it
        final boolean fortran;
        final long firstPosition;
        final long positions;
        final String name;

        private Geometry(int columns, Layout layout, long rows, boolean fortran, long firstPosition, long positions, String name) {
            this.columns = columns;
            this.layout = layout;
            this.rows = rows;
            this.fortran = fortran;
            this.firstPosition = firstPosition;
            this.positions = positions;
            this.name = name;
        }

        static Geometry of(ArraySource source, Spec spec) {
            ExpectedValues ev = spec.expected();
            int modes = ev.rope().modes();
            long[] shape = source.shape();
            String shown = source.describe();
            if (shape.length > 2) {
                throw new InvalidInputException("the array (" + shown + ") has " + shape.length
                        + " dimensions of size > 1; accepted: (positions, width) or a flat array");
            }
            if (ev.quantity() == Quantity.INV_FREQ) {
                if (spec.layout() != null && spec.layout() != Layout.MODES) {
                    throw new InvalidInputException("layout " + spec.layout().label() + " does not apply to inv_freq; "
                            + "inv_freq has one entry per mode");
                }
                long width = shape.length == 0 ? modes : shape[shape.length - 1];
                if (width != modes || (shape.length == 2 && shape[0] > 1)) {
                    throw new InvalidInputException("inv_freq for head dim " + 2 * modes + " has " + modes
                            + " entries; the array (" + shown + ") does not have that shape");
                }
                return new Geometry(modes, Layout.MODES, 1, false, 0, 1, shown);
            }
            if (shape.length == 2) {
                if (shape[1] > Integer.MAX_VALUE) {
                    throw new InvalidInputException("rows of " + shape[1] + " entries are too wide");
                }
                Layout natural = Layout.forColumns(shape[1], modes);
                Layout layout = spec.layout() == null ? natural : spec.layout();
                if (layout.columns(modes) != shape[1]) {
                    throw new InvalidInputException("layout " + layout.label() + " needs rows of " + layout.columns(modes)
                            + " entries for head dim " + 2 * modes + "; the array (" + shown + ") has " + shape[1]);
                }
                long rows = shape[0];
                if (rows >= 0 && spec.positions() >= 0 && rows != spec.positions()) {
                    throw wrongRows(rows, spec, shown);
                }
                return new Geometry((int) shape[1], layout, rows, source.fortranOrder(), spec.firstPosition(),
                        spec.positions(), shown);
            }
            Layout layout = spec.layout() == null ? Layout.MODES : spec.layout();
            int columns = layout.columns(modes);
            long rows = -1;
            if (shape.length == 1) {
                if (shape[0] % columns != 0) {
                    throw new InvalidInputException("the array (" + shown + ") has " + shape[0] + " entries, not whole rows of "
                            + columns + " (layout " + layout.label() + ", head dim " + 2 * modes + ")");
                }
                rows = shape[0] / columns;
                if (spec.positions() >= 0 && rows != spec.positions()) {
                    throw wrongRows(rows, spec, shown);
                }
            }
            return new Geometry(columns, layout, rows, false, spec.firstPosition(), spec.positions(), shown);
        }

        private static InvalidInputException wrongRows(long rows, Spec spec, String shown) {
            return new InvalidInputException("--positions " + spec.firstPosition() + ":" + (spec.firstPosition() + spec.positions())
                    + " names " + spec.positions() + " positions but the array (" + shown + ") has " + rows + " rows");
        }

        /** Refuses a file that runs past the rows it may have, as soon as it does. */
        void checkCapacity(long entries) {
            long maxRows = rows >= 0 ? rows : positions;
            if (maxRows >= 0 && entries > maxRows * columns) {
                throw new InvalidInputException("the array (" + name + ") has more than " + maxRows + " rows of " + columns
                        + " entries" + (positions >= 0 && rows < 0 ? " (--positions names " + positions + ")" : ""));
            }
            if (rows < 0 && Long.MAX_VALUE - firstPosition < (entries - 1) / columns) {
                throw new InvalidInputException("the array (" + name + ") runs past the largest position");
            }
        }

        /** The number of rows, once every entry is read; refuses a file that ends early or mid-row. */
        long checkComplete(long entries) {
            if (entries == 0) {
                throw new InvalidInputException("the array (" + name + ") holds no entries");
            }
            if (entries % columns != 0) {
                throw new InvalidInputException("the array (" + name + ") ends inside a row: " + entries + " entries are not whole rows of "
                        + columns);
            }
            long got = entries / columns;
            long want = rows >= 0 ? rows : positions;
            if (want >= 0 && got != want) {
                throw new InvalidInputException("the array (" + name + ") has " + got + " rows of " + columns + " entries; "
                        + want + " were expected" + (positions >= 0 ? " (--positions names " + positions + ")" : ""));
            }
            return got;
        }
    }
}
