package org.ropebounds.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.ErasureAnalysis;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.PhaseScan;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.PipelineAnalyses;
import org.ropebounds.rope.RopeEmulator;

/**
 * The full horizon analysis at L = 2^40, d = 256 for every format (as a pipeline computing every stage in
 * it) and every preset, in-process, one thread; erasure's shared analyses of those pipelines (both analyses, up to two
 * threads, as the command runs them); and the scan's throughput in phases per second. Run
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
        // what `erasure --pipeline hf,hf-bf16-inv-freq,bf16-all,fp16-all,fp64 --format all` analyses: both analyses of
        // every pipeline of one spectrum, pipelines with equal phases once, on up to two threads
        long[] together = new long[5];
        for (int round = 0; round < 3 + together.length; round++) {
            Frequencies freq = Frequencies.plain(base, 256);
            List<RopeEmulator> ropes = new ArrayList<>();
            for (String p : Pipeline.PRESETS) {
                ropes.add(freq.emulator(Pipeline.preset(p, Format.BF16)));
            }
            for (Format f : Format.standard()) {
                if (!f.equals(Format.FP64)) {
                    ropes.add(freq.emulator(Pipeline.uniform(f.name(), f)));
                }
            }
            long start = System.nanoTime();
            PipelineAnalyses.analyse(ropes, 1L << 40, delta, Long.MAX_VALUE, true);
            if (round >= 3) {
                together[round - 3] = System.nanoTime() - start;
            }
        }
        Arrays.sort(together);
        System.out.printf(Locale.ROOT, "erasure's analyses (horizons and relative error), L = 2^40, d = 256, 11 pipelines, shared: %.1f ms (median of %d)%n",
                together[together.length / 2] / 1e6, together.length);
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
