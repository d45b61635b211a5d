package org.ropebounds.bench;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * Full zones per second, in-process, one thread: for random (L, N, eps) on the grid people use
 * (L = 2^11..2^24, N = 1..126, eps in {0.5, 0.9, 0.99, 0.01}, d = 128, fp32 and bf16, with a base), every
 * bound, ceiling, L_max, p_min, verdict and depth limit certified to 15, 30 and 100 digits. Run
 * {@code java -cp target/ropebounds.jar:target/test-classes org.ropebounds.bench.ZoneBenchmark}.
 */
public final class ZoneBenchmark {
    private ZoneBenchmark() {
    }

    /**
     * Runs the benchmark and prints its figures on stdout; arguments: optionally {@code --steady SECONDS} first, then
     * optionally the digit counts to measure (default 15 30 100), for instance {@code 100} alone to profile one
     * precision. With {@code --steady}, each precision's figure line is followed by one more, labelled "steady", of
     * the same rounds after SECONDS of further warm-up (the JIT's compiled code; the first figure includes the warm-up
     * that a short run, like Python's, pays; bench_vs_arb.py reads only the first).
     */
    public static void main(String[] args) {
        double steadySeconds = 0;
        if (args.length >= 2 && args[0].equals("--steady")) {
            steadySeconds = Double.parseDouble(args[1]);
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        int[] precisions = args.length == 0 ? new int[] {15, 30, 100} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        String[] tolerances = {"0.5", "0.9", "0.99", "0.01"};
        SplittableRandom random = new SplittableRandom(2026);
        int n = 4000;
        ZoneQuery[] queries = new ZoneQuery[n];
        Rational[] bases = new Rational[n];
        for (int i = 0; i < n; i++) {
            queries[i] = new ZoneQuery(BigInteger.ONE.shiftLeft(random.nextInt(11, 25)), 1 + random.nextInt(126),
                    Rational.parse(tolerances[random.nextInt(tolerances.length)]), 128, Spectrum.APPROX, EpsilonConvention.MACHINE);
            bases[i] = Rational.of(random.nextLong(10_000, 100_000_000));
        }
        List<Format> formats = List.of(Format.FP32, Format.BF16);
        System.out.printf(Locale.ROOT, "ropebounds zone benchmark: 1 thread, %s %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        for (int digits : precisions) {
            int count = digits == 15 ? n : digits == 30 ? n / 4 : n / 20;
            Runnable round = () -> {
                for (int i = 0; i < count; i++) {
                    ZoneCalculator.compute(queries[i], formats, Optional.of(bases[i]), digits);
                }
            };
            double[] rates = medianRates(round, 3, 5, count);
            // the thread's CPU time is less disturbed than wall time by other processes on a shared machine
            System.out.printf(Locale.ROOT, "%4d digits: %,10.0f zones/s (median of %d rounds of %d zones, 2 formats each; %,.0f per CPU second)%n",
                    digits, rates[0], 5, count, rates[1]);
            if (steadySeconds > 0) {
                long until = System.nanoTime() + (long) (steadySeconds * 1e9);
                while (System.nanoTime() < until) {
                    round.run();
                }
                double[] steady = medianRates(round, 0, 5, count);
                System.out.printf(Locale.ROOT, "%4d digits, steady (after %.0f s more warm-up): %,10.0f zones/s (%,.0f per CPU second)%n", digits,
                        steadySeconds, steady[0], steady[1]);
            }
        }
    }

    /**
     * Runs {@code round} {@code warmUp} times unmeasured, then {@code measured} times, and returns the median rates
     * {count / wall seconds, count / this thread's CPU seconds} of the measured rounds.
     */
    private static double[] medianRates(Runnable round, int warmUp, int measured, int count) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] times = new long[measured];
        long[] cpuTimes = new long[measured];
        for (int r = 0; r < warmUp + measured; r++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            round.run();
            if (r >= warmUp) {
                times[r - warmUp] = System.nanoTime() - start;
                cpuTimes[r - warmUp] = threads.getCurrentThreadCpuTime() - cpuStart;
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpuTimes);
        return new double[] {count / (times[measured / 2] / 1e9), count / (cpuTimes[measured / 2] / 1e9)};
    }
}
