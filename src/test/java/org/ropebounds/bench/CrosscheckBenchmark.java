package org.ropebounds.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import org.ropebounds.crosscheck.Crosscheck;
import org.ropebounds.crosscheck.CrosscheckReport;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.NpyArray;
import org.ropebounds.crosscheck.Quantity;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * Entries checked per second on a 131072 x 64 fp32 cos cache (b = 500000, d = 128) written as a .npy
 * file the way transformers computes it (fp32 inv_freq, positions and product; cos in fp32), read from
 * the file and checked against the exact values, then also against the hf pipeline, then also against the hf
 * pipeline's envelope with a faithful libm ({@code --libm faithful}: pow, cos and sin either neighbour of the exact value). Run
 * {@code java -cp target/ropebounds.jar:target/test-classes org.ropebounds.bench.CrosscheckBenchmark [threads [lines]]}: {@code lines}
 * (1 to 3, default 3) how many of the three figures to measure, in order ({@code 1}: against exact alone, a few seconds).
 */
public final class CrosscheckBenchmark {
    private CrosscheckBenchmark() {
    }

    /** Runs the benchmark and prints its figures on stdout; arguments: {@code [threads [lines]]} (default: all processors, 3). */
    public static void main(String[] args) throws IOException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (lines < 1 || lines > 3) {
            throw new IllegalArgumentException("lines (" + lines + ") must be 1, 2 or 3");
        }
        int rows = 131072;
        int modes = 64;
        RopeEmulator rope = new RopeEmulator(Rational.of(500000), 2 * modes, Pipeline.preset("hf", Format.FP32));
        Path file = Files.createTempFile("ropebounds-cos", ".npy");
        try {
            write(file, rope, rows, modes);
            System.out.printf(Locale.ROOT, "ropebounds crosscheck benchmark: %d thread(s), %s %s; %d x %d fp32 cos cache (%.0f MB)%n",
                    threads, System.getProperty("java.vm.name"), System.getProperty("java.version"), rows, modes, Files.size(file) / 1e6);
            for (int config = 0; config < lines; config++) {
                boolean pipeline = config > 0;
                long[] times = new long[5];
                CrosscheckReport last = null;
                CrosscheckRequest.Builder request = CrosscheckRequest.builder(Quantity.COS, Rational.of(500000), 2 * modes)
                        .positions(0, rows).threads(threads);
                if (pipeline) {
                    request.pipeline("hf");
                }
                if (config == 2) {
                    request.libm(LibmModels.parse("faithful"));
                }
                for (int round = 0; round < 2 + times.length; round++) {
                    long start = System.nanoTime();
                    try (NpyArray a = NpyArray.open(file, java.util.Optional.empty())) {
                        last = Crosscheck.run(request.build(), a);
                    }
                    if (round >= 2) {
                        times[round - 2] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(times);
                double seconds = times[times.length / 2] / 1e9;
                System.out.printf(Locale.ROOT, "%s: %.1f million entries/s (median of %d: %.3f s); certified fallbacks: %d exact%s%n",
                        config == 2 ? "against exact and the hf pipeline's faithful-libm envelope" : pipeline ? "against exact and the hf pipeline" : "against exact", (double) rows * modes / seconds / 1e6,
                        times.length, seconds, last.againstExact().decidedExactly(),
                        pipeline ? ", " + last.againstPipeline().orElseThrow().summary().decidedExactly() + " pipeline" : "");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void write(Path file, RopeEmulator rope, int rows, int modes) throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + modes + "), }";
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(4 * modes * 4096).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            pre.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length()).flip();
            ch.write(pre);
            ch.write(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1)));
            for (int p = 0; p < rows; p++) {
                for (int i = 0; i < modes; i++) {
                    b.putFloat((float) Math.cos((float) rope.phaseValue(i, p)));
                }
                if (!b.hasRemaining()) {
                    b.flip();
                    ch.write(b);
                    b.clear();
                }
            }
            b.flip();
            ch.write(b);
        }
    }
}
