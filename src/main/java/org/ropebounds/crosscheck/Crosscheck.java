package org.ropebounds.crosscheck;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.real.RealExpression;
import org.ropebounds.rope.RopeEmulator;

/**
 * Compares an array produced by another implementation, entry by entry, with the exact values correctly
 * rounded to its format and, when the request names a pipeline, with what that pipeline computes. Streams:
 * the source is read in chunks that worker threads check while the next is read, so memory does not grow
 * with the array (each of {@link CrosscheckRequest#threads()} workers holds at most two chunks of
 * 65536 doubles, 512 KiB each). A source that declares at most one chunk's entries is checked on the
 * calling thread. An fp32 .npy or safetensors tensor of more chunks, checked against the exact values alone by the
 * walked loop, is read by the workers themselves (the calling thread among them), each its own chunks, with the same
 * report and, when chunks fail, the first failing chunk's failure ({@code proofs/crosscheck-rotation.md} section 8).
 *
 * <pre>{@code
 * CrosscheckReport report = Crosscheck.run(request, ArraySource.ofFloats(cos, positions, 64));
 * boolean ok = report.withinTolerance();
 * }</pre>
 */
public final class Crosscheck {
    /** Entries per chunk. */
    static final int CHUNK = 1 << 16;

    private Crosscheck() {
    }

    /**
     * Reads the whole source and compares every entry. The source is not closed.
     *
     * @throws InvalidInputException when the array's shape does not fit the quantity, head dim, layout and
     *         positions ({@link InvalidParameterException} when the positions or layout are at fault), its content
     *         is malformed, an expected value overflows a format without infinity, or the pipeline computes NaN
     * @throws IOException when reading fails
     */
    public static CrosscheckReport run(CrosscheckRequest request, ArraySource source) throws IOException {
        return run(request, source, n -> { });
    }

    /** {@link #run(CrosscheckRequest, ArraySource)}, telling {@code checked} how many entries each finished chunk held (from worker threads). */
    public static CrosscheckReport run(CrosscheckRequest request, ArraySource source, LongConsumer checked) throws IOException {
        return run(request, source, Optional.empty(), checked);
    }

    /**
     * {@link #run(CrosscheckRequest, ArraySource, LongConsumer)}, also writing every entry's distance (against
     * the pipeline when there is one, else the exact value) to {@code ulpsOut}, which is finished only on success.
     */
    public static CrosscheckReport run(CrosscheckRequest request, ArraySource source, UlpsNpyWriter ulpsOut, LongConsumer checked)
            throws IOException {
        return run(request, source, Optional.of(ulpsOut), checked);
    }

    /**
     * {@link #run(CrosscheckRequest, ArraySource)} for an implementation whose inv_freq is {@code storedInvFreq} (d/2
     * entries, any format whose values the pipeline's inv_freq format holds exactly): the pipeline's phase, cos and sin
     * start from those values, and the stored inv_freq is itself checked (against the exact values and the pipeline's
     * pow envelope) and reported in {@link CrosscheckReport#storedInvFreq()}. Neither source is closed.
     *
     * @throws InvalidParameterException ({@link InvalidParameterException.Parameter#INV_FREQ}) when the request names no
     *         pipeline or holds inv_freq itself, or a stored value is not a value of the pipeline's inv_freq format; and as
     *         {@link #run(CrosscheckRequest, ArraySource)} says, for either array
     */
    public static CrosscheckReport run(CrosscheckRequest request, ArraySource source, ArraySource storedInvFreq) throws IOException {
        return run(request, source, storedInvFreq, Optional.empty(), n -> { });
    }

    /** {@link #run(CrosscheckRequest, ArraySource, ArraySource)}, writing distances to {@code ulpsOut} and telling {@code checked} progress. */
    public static CrosscheckReport run(CrosscheckRequest request, ArraySource source, ArraySource storedInvFreq, Optional<UlpsNpyWriter> ulpsOut,
                                       LongConsumer checked) throws IOException {
        if (request.pipeline().isEmpty() || !request.quantity().hasPositions()) {
            throw new InvalidParameterException(InvalidParameterException.Parameter.INV_FREQ, request.pipeline().isEmpty()
                    ? "is what a pipeline's phase, cos and sin start from; accepted: a stored inv_freq together with a pipeline"
                    : "does not apply to an inv_freq array; accepted: a stored inv_freq for a phase, cos or sin array");
        }
        CrosscheckRequest.Builder b = CrosscheckRequest.builder(Quantity.INV_FREQ, request.frequencies())
                .pipeline(request.pipeline().get()).toleranceUlps(request.toleranceUlps()).worst(request.worst()).threads(1);
        request.libm().ifPresent(b::libm);
        RecordingSource recorded = new RecordingSource(storedInvFreq, request.modes());
        CrosscheckReport invReport = run(b.build(), recorded, Optional.empty(), n -> { }, Optional.empty());
        RopeEmulator plain = request.emulator(source.format());
        FormatDoubles fd = storedInvFreq.format().doubles();
        FormatDoubles pipelineFormat = plain.pipeline().invFreq().doubles();
        FloatValue[] values = new FloatValue[request.modes()];
        RealExpression[] theta = new RealExpression[request.modes()];
        for (int i = 0; i < values.length; i++) {
            double v = recorded.kept[i];
            if (!pipelineFormat.contains(v)) {
                throw new InvalidParameterException(InvalidParameterException.Parameter.INV_FREQ, "entry " + i + " (" + fd.format().fromBits(fd.bits(v))
                        .toHexString() + ") is not a value of the pipeline's inv_freq format " + pipelineFormat.format().name()
                        + "; accepted: values that format holds exactly");
            }
            values[i] = fd.format().fromBits(fd.bits(v));
            theta[i] = plain.theta(i);
        }
        return run(request, source, ulpsOut, checked, Optional.of(new Stored(plain.withFrequencies(values, theta), invReport)));
    }

    /** The implementation's inv_freq, as the emulator it makes, and its own check. */
    private record Stored(RopeEmulator rope, CrosscheckReport report) { }

    private static CrosscheckReport run(CrosscheckRequest request, ArraySource source, Optional<UlpsNpyWriter> ulpsOut, LongConsumer checked)
            throws IOException {
        return run(request, source, ulpsOut, checked, Optional.empty());
    }

    private static CrosscheckReport run(CrosscheckRequest request, ArraySource source, Optional<UlpsNpyWriter> ulpsOut, LongConsumer checked,
                                        Optional<Stored> stored) throws IOException {
        Geometry g = Geometry.of(source, request);
        RopeEmulator rope = stored.map(Stored::rope).orElseGet(() -> request.emulator(source.format()));
        ExpectedValues ev = new ExpectedValues(request.quantity(), rope, source.format());
        boolean withPipeline = request.pipeline().isPresent();
        EnvelopeChecks.Envelopes env = withPipeline ? EnvelopeChecks.Envelopes.of(request, rope, source.format(), stored.isPresent()) : null;
        int threads = request.threads();
        int keepWorst = request.worst();
        long tolerance = request.toleranceUlps();
        FormatDoubles values = ev.fileValues();
        UlpTally exact = new UlpTally(values, keepWorst);
        UlpTally pipeline = withPipeline ? new UlpTally(values, keepWorst) : null;
        EnvelopeTally envelope = withPipeline ? new EnvelopeTally(values, keepWorst) : null;
        long[] joint = new long[2]; // explained by and beyond the pipeline; guarded by exact's lock, like the tallies
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // a source that declares at most one chunk is checked on this thread, in one buffer of its size: starting
        // workers and zeroing their chunks was a visible part of a small file's run (issue 17); one chunk either way
        long declared = source.entries().orElse(Long.MAX_VALUE);
        boolean oneChunk = declared <= CHUNK;
        int buffers = oneChunk ? 1 : 2 * threads + 1;
        // an fp32 .npy (or safetensors) tensor checked by the walked loop is read as the floats it holds: the loop compares
        // their bits, so widening them to doubles here, on the one reading thread, was wasted work
        NpyArray floatSource = source instanceof NpyArray npy && npy.holdsFp32() && walksFp32(g, ev, withPipeline) ? npy : null;
        // such a tensor of more than one chunk is read by the workers themselves, each its own chunks (section 8 of the proof);
        // only when its declared entries fit, so that no refusal of the streamed path's capacity check is passed over
        boolean sliced = floatSource != null && !oneChunk && g.fits(declared);
        if (sliced) {
            buffers = 0;
        }
        ArrayBlockingQueue<Object> free = new ArrayBlockingQueue<>(Math.max(1, buffers)); // double[] chunks, or float[] for floatSource
        for (int k = 0; k < buffers; k++) {
            int size = oneChunk ? (int) Math.max(1, declared) : CHUNK;
            free.add(floatSource != null ? new float[size] : new double[size]);
        }
        ExecutorService pool = oneChunk || sliced ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "crosscheck");
            t.setDaemon(true);
            return t;
        });
        Executor workers = oneChunk ? Runnable::run : pool;
        UlpsNpyWriter out = ulpsOut.orElse(null);
        ThreadLocal<WalkedChunk.Scratch> scratch = ThreadLocal.withInitial(WalkedChunk.Scratch::new); // this run's, one per worker
        long read = 0;
        if (sliced) {
            SlicedFp32Check.run(floatSource, declared, g.columns, g.layout, g.request.firstPosition(), ev, exact, threads, out, checked,
                    failure);
            read = declared;
        }
        try {
            while (!sliced && failure.get() == null) {
                Object chunk = free.take();
                int n = floatSource != null ? floatSource.readFloats((float[]) chunk) : source.read((double[]) chunk);
                if (n == 0) {
                    break;
                }
                g.checkCapacity(read + n);
                long start = read;
                read += n;
                workers.execute(() -> {
                    try {
                        UlpTally e = new UlpTally(values, keepWorst);
                        UlpTally p = pipeline != null ? new UlpTally(values, keepWorst) : null;
                        EnvelopeTally en = envelope != null ? new EnvelopeTally(values, keepWorst) : null;
                        long[] ulps = out == null ? null : new long[n];
                        long[] jointHere = new long[2];
                        if (chunk instanceof float[] floats) {
                            WalkedChunk.check(floats, start, n, g.columns, g.layout, g.request.firstPosition(), ev, e, ulps,
                                    new RotationWalk(ev), new Expected(ev.rope().modes()), scratch.get());
                        } else {
                            check((double[]) chunk, start, n, g, ev, values, e, p, ulps, tolerance, jointHere, env, en, scratch.get());
                        }
                        if (out != null) {
                            out.write(start, ulps, n);
                        }
                        synchronized (exact) {
                            exact.merge(e);
                            if (p != null) {
                                pipeline.merge(p);
                                envelope.merge(en);
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
            if (pool != null) {
                pool.shutdown();
                try {
                    pool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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
        if (out != null) {
            out.finish(request.quantity() == Quantity.INV_FREQ ? new long[] {g.columns} : new long[] {rows, g.columns}, g.fortran);
        }
        Optional<CrosscheckReport.PipelineComparison> p = pipeline == null ? Optional.empty()
                : Optional.of(new CrosscheckReport.PipelineComparison(rope.pipeline(), pipeline.summary(), joint[0], joint[1],
                        envelope.summary(request.libmOrCorrect())));
        return new CrosscheckReport(request, source.describe(), source.format(), rows, g.columns, g.layout, exact.summary(), p,
                stored.map(Stored::report));
    }

    /** Whether chunks are checked by {@link WalkedChunk}: fp32 values in C order against the exact values alone, walked. */
    private static boolean walksFp32(Geometry g, ExpectedValues ev, boolean withPipeline) {
        return !g.fortran && ev.walks() && !withPipeline && ev.fileValues().format().equals(Format.FP32);
    }

    /** Checks one chunk; adds to joint[0] the entries the pipeline explains and to joint[1] those beyond it (see {@link Report}). */
    private static void check(double[] chunk, long start, int n, Geometry g, ExpectedValues ev, FormatDoubles values,
                              UlpTally exact, UlpTally pipeline, long[] ulps, long tolerance, long[] joint, EnvelopeChecks.Envelopes env,
                              EnvelopeTally envelope, WalkedChunk.Scratch scratch) {
        int modes = ev.rope().modes();
        boolean positions = ev.quantity().hasPositions();
        // concat and interleave rows hold each mode twice: the expected values of a row are computed once
        Expected wantExact = new Expected(modes);
        Expected wantPipeline = new Expected(modes);
        EnvelopeChecks.EnvelopeCache bounds = env == null ? null : new EnvelopeChecks.EnvelopeCache(modes, env);
        // C order: rows in turn, so the exact cos and sin come from the rotation walk where it decides them
        RotationWalk walk = !g.fortran && ev.walks() ? new RotationWalk(ev) : null;
        if (walksFp32(g, ev, pipeline != null)) { // fp32 values held as doubles: exactly the floats they are
            WalkedChunk.check(scratch.narrowed(chunk, n), start, n, g.columns, g.layout, g.request.firstPosition(), ev, exact, ulps, walk,
                    wantExact, scratch);
            return;
        }
        double[] walked = new double[modes];
        long walkedRow = -1;
        int[] modeOf = new int[g.columns];
        for (int c = 0; c < modeOf.length; c++) {
            modeOf[c] = g.layout.mode(c, modes);
        }
        long row = g.fortran ? 0 : start / g.columns;
        int col = g.fortran ? 0 : (int) (start % g.columns);
        for (int k = 0; k < n; k++, col++) {
            if (g.fortran) {
                long s = start + k;
                row = s % g.rows;
                col = (int) (s / g.rows);
            } else if (col == g.columns) {
                col = 0;
                row++;
            }
            int mode = modeOf[col];
            long p = positions ? g.request.firstPosition() + row : 0;
            long index = row * g.columns + col;
            long shownPosition = positions ? p : -1;
            double got = chunk[k];
            double want;
            if (walk != null) {
                if (row != walkedRow) {
                    walk.row(p, walked);
                    walkedRow = row;
                }
                want = walked[mode];
                if (Double.isNaN(want)) {
                    want = wantExact.get(row, mode, p, ev, true, exact);
                }
            } else {
                want = wantExact.get(row, mode, p, ev, true, exact);
            }
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
                bounds.count(row, mode, p, w, index, shownPosition, got, envelope);
            }
            if (ulps != null) {
                ulps[k] = distance;
            }
        }
    }

    /**
     * {@link FormatDoubles#ulpDistance} for two fp32 values (as doubles, not NaN): the fp32 values between them, +0 and -0
     * equal, infinity the value after the largest finite one.
     */
    static long fp32UlpDistance(double a, double b) {
        return fp32UlpDistance((float) a, (float) b);
    }

    /**
     * {@link FormatDoubles#ulpDistance} for two fp32 values (not NaN), from their bits: |ord(a) - ord(b)|, ord the signed
     * magnitude of the encoding (proofs/crosscheck-rotation.md section 7).
     */
    static long fp32UlpDistance(float a, float b) {
        return fp32UlpDistance(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b));
    }

    /**
     * |ord(a) - ord(b)| for any two fp32 encodings, NaN's too, ord(e) the magnitude e & 0x7fffffff negated when the sign bit
     * is set: the magnitudes' difference when the signs agree, their sum when they differ (proofs/crosscheck-rotation.md
     * section 12). Below 2^32.
     */
    static long fp32UlpDistance(int a, int b) {
        int opposite = (a ^ b) >> 31; // -1 when the signs differ: b's magnitude negated, without a branch
        return Math.abs((long) (a & 0x7fffffff) - (((b & 0x7fffffff) ^ opposite) - opposite)); // a difference of up to 2^32 - 2: a long
    }

    /** The expected values of the row last seen for each mode, and whether the certified path decided them. */
    static final class Expected {
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

    /** Rows, columns and order: from the array where it declares them, else from the quantity and layout. */
    private static final class Geometry {
        final int columns;
        final Layout layout;
        final long rows; // -1 until the end when the array does not declare it
        final boolean fortran;
        final CrosscheckRequest request;
        final long positions; // -1 when the request does not fix the number of rows
        final String name;

        private Geometry(int columns, Layout layout, long rows, boolean fortran, CrosscheckRequest request, String name) {
            this.columns = columns;
            this.layout = layout;
            this.rows = rows;
            this.fortran = fortran;
            this.request = request;
            this.positions = request.positionCount().orElse(-1);
            this.name = name;
        }

        static Geometry of(ArraySource source, CrosscheckRequest request) {
            int modes = request.modes();
            ArrayShape shape = source.shape();
            String shown = source.describe();
            if (shape instanceof ArrayShape.Higher h) {
                throw new InvalidInputException("the array (" + shown + ") has " + h.dimensions().size()
                        + " dimensions of size > 1; accepted: (positions, width) or a flat array");
            }
            if (request.quantity() == Quantity.INV_FREQ) {
                long width = shape instanceof ArrayShape.Flat f ? f.entries() : shape instanceof ArrayShape.Table t ? t.columns() : modes;
                if (width != modes || (shape instanceof ArrayShape.Table t && t.rows().orElse(1) > 1)) {
                    throw new InvalidInputException("inv_freq for head dim " + 2 * modes + " has " + modes
                            + " entries; the array (" + shown + ") does not have that shape");
                }
                return new Geometry(modes, Layout.MODES, 1, false, request, shown);
            }
            if (shape instanceof ArrayShape.Table t) {
                if (t.columns() > Integer.MAX_VALUE) {
                    throw new InvalidInputException("rows of " + t.columns() + " entries are too wide");
                }
                Layout layout = request.layout().orElse(null);
                if (layout == null) {
                    layout = Layout.forColumns(t.columns(), modes);
                } else if (layout.columns(modes) != t.columns()) {
                    throw new InvalidParameterException(Parameter.LAYOUT, layout.label() + " needs rows of " + layout.columns(modes)
                            + " entries for head dim " + 2 * modes + "; the array (" + shown + ") has " + t.columns());
                }
                long rows = t.rows().orElse(-1);
                Geometry g = new Geometry((int) t.columns(), layout, rows, source.fortranOrder(), request, shown);
                if (rows >= 0 && g.positions >= 0 && rows != g.positions) {
                    throw g.wrongRows("has " + rows + " rows");
                }
                return g;
            }
            Layout layout = request.layout().orElse(Layout.MODES);
            int columns = layout.columns(modes);
            long rows = -1;
            if (shape instanceof ArrayShape.Flat f) {
                if (f.entries() % columns != 0) {
                    throw new InvalidInputException("the array (" + shown + ") has " + f.entries() + " entries, not whole rows of "
                            + columns + " (layout " + layout.label() + ", head dim " + 2 * modes + ")");
                }
                rows = f.entries() / columns;
            }
            Geometry g = new Geometry(columns, layout, rows, false, request, shown);
            if (rows >= 0 && g.positions >= 0 && rows != g.positions) {
                throw g.wrongRows("has " + rows + " rows");
            }
            return g;
        }

        /** The positions name a number of rows the array does not have: {@code what} says what it has. */
        private InvalidParameterException wrongRows(String what) {
            return new InvalidParameterException(Parameter.POSITIONS, request.positionsText() + " names " + positions
                    + " positions but the array (" + name + ") " + what);
        }

        /** Whether {@link #checkCapacity} accepts {@code entries}. */
        boolean fits(long entries) {
            return !(rows >= 0 && entries > rows * columns) && !(rows < 0 && positions >= 0 && entries > positions * columns)
                    && !(rows < 0 && Long.MAX_VALUE - request.firstPosition() < (entries - 1) / columns);
        }

        /** Refuses an array that runs past the rows it may have, as soon as it does. */
        void checkCapacity(long entries) {
            if (rows >= 0 && entries > rows * columns) {
                throw new InvalidInputException("the array (" + name + ") has more than " + rows + " rows of " + columns + " entries");
            }
            if (rows < 0 && positions >= 0 && entries > positions * columns) {
                throw wrongRows("has more than " + positions + " rows of " + columns + " entries");
            }
            if (rows < 0 && Long.MAX_VALUE - request.firstPosition() < (entries - 1) / columns) {
                throw new InvalidInputException("the array (" + name + ") runs past the largest position");
            }
        }

        /** The number of rows, once every entry is read; refuses an array that ends early or mid-row. */
        long checkComplete(long entries) {
            if (entries == 0) {
                throw new InvalidInputException("the array (" + name + ") holds no entries");
            }
            if (entries % columns != 0) {
                throw new InvalidInputException("the array (" + name + ") ends inside a row: " + entries + " entries are not whole rows of "
                        + columns);
            }
            long got = entries / columns;
            if (rows >= 0 && got != rows) {
                throw new InvalidInputException("the array (" + name + ") has " + got + " rows of " + columns + " entries; "
                        + rows + " were expected");
            }
            if (rows < 0 && positions >= 0 && got != positions) {
                throw wrongRows("has " + got + " rows of " + columns + " entries");
            }
            return got;
        }
    }
}
