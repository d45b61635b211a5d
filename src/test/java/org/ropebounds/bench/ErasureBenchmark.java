package org.ropebounds.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.ErasureAnalysis;
import org.ropebounds.rope.PhaseScan;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * The full horizon analysis at L = 2^40, d = 256 for every format (as a pipeline computing every stage in
 * it) and every preset, in-process, one thread; and the scan's throughput in phases per second. Run
 * {@code java -cp target/ropebounds.jar:target/test-classes org.ropebounds.bench.ErasureBenchmark}.
 */
public final class ErasureBenchmark {
    private ErasureBenchmark() {
    }

    /** Runs the benchmark and prints its figures on stdout; arguments: none. */
    public static void main(String[] args) {
        Rational base = Rational.of(500000);
        Rational delta = Rational.parse("0.1");
        List<Pipeline> pipelines = new ArrayList<>();
        for (Format f : Format.standard()) {
            pipelines.add(Pipeline.uniform(f.name(), f));
        }
        for (String p : Pipeline.PRESETS) {
            pipelines.add(Pipeline.preset(p, Format.BF16));
        }
        System.out.printf(Locale.ROOT, "ropebounds erasure benchmark: 1 thread, %s %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        long[] times = new long[5];
        for (int round = 0; round < 3 + times.length; round++) {
            long start = System.nanoTime();
            for (Pipeline p : pipelines) {
                ErasureAnalysis.analyse(new RopeEmulator(base, 256, p), 1L << 40, delta);
            }
            if (round >= 3) {
                times[round - 3] = System.nanoTime() - start;
            }
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "full analysis, L = 2^40, d = 256, %d pipelines (7 formats + 5 presets): %.1f ms (median of %d)%n",
                pipelines.size(), times[times.length / 2] / 1e6, times.length);
        RopeEmulator hf = new RopeEmulator(base, 128, Pipeline.preset("hf", Format.BF16));
        long positions = 1 << 20;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                PhaseScan.scan(hf, i * 8, positions, delta);
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf(Locale.ROOT, "scan (brute force): %.1f million phases/s (hf, 8 modes x 2^20 positions; collision and certified error per phase)%n",
                8.0 * positions / (best / 1e9) / 1e6);
    }
}
