package org.ropebounds.reference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.ExpectedValues;
import org.ropebounds.crosscheck.Layout;
import org.ropebounds.crosscheck.NpyHeader;
import org.ropebounds.crosscheck.PipelineEnvelope;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.format.Format;
import org.ropebounds.format.FormatDoubles;
import org.ropebounds.io.AtomicFile;
import org.ropebounds.rope.RopeEmulator;

/**
 * Writes a reference array as a {@code .npy} file (C order, little-endian; fp64/fp32/fp16 as floats, bf16 and fp8 as
 * their encodings in uint16/uint8), its sidecar {@code FILE.json} (FILE being the .npy file's whole name: parameters,
 * dtype, SHA-256 and tolerance, {@link ReferenceJson}), and optionally a pytest file beside it ({@link PytestFile}). The
 * entries are computed row by row as they are written, with the envelope each one is judged by
 * ({@link ToleranceTally}), so memory does not grow with the array. Every file goes through {@link AtomicFile}: nothing
 * is replaced unless all were computed.
 */
public final class ReferenceWriter {
    private static final int CHUNK_BYTES = 1 << 20;

    private ReferenceWriter() {
    }

    /** The sidecar of {@code npy}: its name with {@code .json} appended ({@code cos.npy.json}). */
    public static Path sidecarOf(Path npy) {
        return npy.resolveSibling(name(npy) + ".json");
    }

    /** The pytest file of {@code npy}: {@code test_STEM.py} beside it, STEM the name without {@code .npy}, other than letters and digits as {@code _}. */
    public static Path pytestOf(Path npy) {
        String n = name(npy);
        String stem = n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n;
        return npy.resolveSibling("test_" + stem.replaceAll("[^A-Za-z0-9_]", "_") + ".py");
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    /**
     * Computes the array {@code request} describes, writes it to {@code npy} with its sidecar (and pytest file when
     * {@code emitPytest}), and returns what was written.
     *
     * @throws InvalidInputException when a target is not a new or regular file in a writable directory (naming it), or a
     *         value or envelope is not finite (an exact value or pipeline overflowing the dtype), or the envelope is unbounded
     * @throws IOException when writing fails (nothing is then replaced)
     */
    public static ReferenceReport write(ReferenceRequest request, Path npy, boolean emitPytest) throws IOException {
        if (npy.toString().isEmpty()) {
            throw new InvalidInputException("the output path is empty; accepted: the path of a new or replaceable .npy file");
        }
        Path sidecar = sidecarOf(npy);
        Optional<Path> pytest = emitPytest ? Optional.of(pytestOf(npy)) : Optional.empty();
        AtomicFile.checkTarget(npy);
        AtomicFile.checkTarget(sidecar);
        if (pytest.isPresent()) {
            AtomicFile.checkTarget(pytest.get());
        }
        try (AtomicFile out = AtomicFile.create(npy)) {
            MessageDigest sha = sha256();
            Tolerance t = writeArray(request, out.channel(), sha);
            ReferenceReport report = new ReferenceReport(request, npy, sidecar, pytest, HexFormat.of().formatHex(sha.digest()),
                    request.entries(), t);
            byte[] json = ReferenceJson.text(ReferenceJson.of(report, name(npy))).getBytes(StandardCharsets.UTF_8);
            try (AtomicFile side = AtomicFile.create(sidecar); AtomicFile py = pytest.isPresent() ? AtomicFile.create(pytest.get()) : null) {
                write(side.channel(), json);
                if (py != null) {
                    write(py.channel(), PytestFile.text(report).getBytes(StandardCharsets.UTF_8));
                }
                out.commit();
                side.commit();
                if (py != null) {
                    py.commit();
                }
            }
            return report;
        }
    }

    /** Writes header and entries to {@code ch} (from position 0), feeding {@code sha}; returns the tolerance. */
    private static Tolerance writeArray(ReferenceRequest request, FileChannel ch, MessageDigest sha) throws IOException {
        Format dtype = request.dtype();
        CrosscheckRequest c = request.crosscheckRequest();
        Quantity q = request.quantity();
        RopeEmulator rope = c.emulator(dtype);
        ExpectedValues ev = new ExpectedValues(q, rope, dtype);
        Optional<PipelineEnvelope> env = c.envelope(dtype);
        boolean pipelineValues = request.pipeline().isPresent();
        FormatDoubles fd = dtype.doubles();
        int modes = c.modes();
        int columns = request.columns();
        Layout layout = request.layout();
        int bytes = TorchDefaults.entryBytes(dtype);
        ToleranceTally tally = new ToleranceTally(dtype);
        byte[] header = new NpyHeader(TorchDefaults.npyDescr(dtype), false, request.shape()).toBytes();
        long position = 0;
        position += write(ch, position, ByteBuffer.wrap(header), sha);
        ByteBuffer buf = ByteBuffer.allocate(Math.max(CHUNK_BYTES, columns * bytes)).order(ByteOrder.LITTLE_ENDIAN);
        double[] value = new double[modes];
        double[] lo = new double[modes];
        double[] hi = new double[modes];
        double[] out = new double[2];
        for (long r = 0; r < request.rows(); r++) {
            long p = q.hasPositions() ? request.firstPosition() + r : 0;
            for (int i = 0; i < modes; i++) {
                double pipelineValue = env.isPresent() && !pipelineValues ? Double.NaN : ev.pipeline(i, p);
                value[i] = pipelineValues ? pipelineValue : ev.exact(i, p);
                if (env.isPresent()) {
                    if (!env.get().envelope(i, p, out)) {
                        throw new InvalidInputException("the envelope of pipeline " + rope.pipeline().name() + " under libm " + c.libmOrCorrect().describe()
                                + " is unbounded for mode " + i + where(q, p) + "; accepted: libm models with a bound there");
                    }
                    lo[i] = out[0];
                    hi[i] = out[1];
                } else {
                    lo[i] = pipelineValue;
                    hi[i] = pipelineValue;
                }
                if (!Double.isFinite(value[i]) || !Double.isFinite(lo[i]) || !Double.isFinite(hi[i])) {
                    throw new InvalidInputException("the " + q.label() + " of mode " + i + where(q, p) + " is not finite in " + dtype.name()
                            + " (exact or as the pipeline computes it); accepted: positions and a dtype whose values stay finite");
                }
            }
            if (buf.remaining() < columns * bytes) {
                position += flush(ch, position, buf, sha);
            }
            for (int j = 0; j < columns; j++) {
                int m = layout.mode(j, modes);
                put(buf, dtype, fd, value[m]);
                tally.add(value[m], lo[m], hi[m]);
            }
        }
        flush(ch, position, buf, sha);
        return tally.result(dtype);
    }

    private static String where(Quantity q, long p) {
        return q.hasPositions() ? " at position " + p : "";
    }

    private static void put(ByteBuffer b, Format dtype, FormatDoubles fd, double v) {
        switch (TorchDefaults.npyDescr(dtype)) {
            case "<f8" -> b.putDouble(v);
            case "<f4" -> b.putFloat((float) v); // v is a value of fp32: exact
            case "<f2", "<u2" -> b.putShort((short) fd.bits(v));
            default -> b.put((byte) fd.bits(v));
        }
    }

    private static long flush(FileChannel ch, long position, ByteBuffer buf, MessageDigest sha) throws IOException {
        buf.flip();
        long n = write(ch, position, buf, sha);
        buf.clear();
        return n;
    }

    /** Writes the buffer's remaining bytes at {@code position}, feeding them to {@code sha}; returns how many. */
    private static long write(FileChannel ch, long position, ByteBuffer b, MessageDigest sha) throws IOException {
        sha.update(b.duplicate());
        long start = position;
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
        return position - start;
    }

    private static void write(FileChannel ch, byte[] content) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(content);
        long position = 0;
        while (b.hasRemaining()) {
            position += ch.write(b, position);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
