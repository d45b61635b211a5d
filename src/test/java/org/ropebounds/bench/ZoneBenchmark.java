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
            long[] times = new long[5];
            long[] cpuTimes = new long[times.length];
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 3 + times.length; round++) {
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < count; i++) {
                    ZoneCalculator.compute(queries[i], formats, Optional.of(bases[i]), digits);
                }
                if (round >= 3) {
                    times[round - 3] = System.nanoTime() - start;
                    cpuTimes[round - 3] = threads.getCurrentThreadCpuTime() - cpuStart;
                }
            }
            Arrays.sort(times);
            Arrays.sort(cpuTimes);
            double perSecond = count / (times[times.length / 2] / 1e9);
            double perCpuSecond = count / (cpuTimes[cpuTimes.length / 2] / 1e9);
            // the thread's CPU time is less disturbed than wall time by other processes on a shared machine
            System.out.printf(Locale.ROOT, "%4d digits: %,10.0f zones/s (median of %d rounds of %d zones, 2 formats each; %,.0f per CPU second)%n",
                    digits, perSecond, times.length, count, perCpuSecond);
            if (steadySeconds > 0) {
                long until = System.nanoTime() + (long) (steadySeconds * 1e9);
                while (System.nanoTime() < until) {
                    for (int i = 0; i < count; i++) {
                        ZoneCalculator.compute(queries[i], formats, Optional.of(bases[i]), digits);
                    }
                }
                for (int round = 0; round < times.length; round++) {
                    long start = System.nanoTime();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < count; i++) {
                        ZoneCalculator.compute(queries[i], formats, Optional.of(bases[i]), digits);
                    }
                    times[round] = System.nanoTime() - start;
                    cpuTimes[round] = threads.getCurrentThreadCpuTime() - cpuStart;
                }
                Arrays.sort(times);
                Arrays.sort(cpuTimes);
                System.out.printf(Locale.ROOT, "%4d digits, steady (after %.0f s more warm-up): %,10.0f zones/s (%,.0f per CPU second)%n", digits,
                        steadySeconds, count / (times[times.length / 2] / 1e9), count / (cpuTimes[cpuTimes.length / 2] / 1e9));
            }
        }
    }
}
