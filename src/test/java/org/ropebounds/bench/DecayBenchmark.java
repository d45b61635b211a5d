package org.ropebounds.bench;

import java.math.BigDecimal;
import java.util.Locale;
import org.ropebounds.criteria.DecayBaseBounds;
import org.ropebounds.criteria.DecayContext;
import org.ropebounds.criteria.DecayCriterion;
import org.ropebounds.criteria.DistanceRange;

/**
 * The decay criterion's speed at d = 128 (long walks use two threads when two processors are available): L_theta(b)
 * for one base, base_L with the robust bound and the feasible intervals for L = 2^10..2^fullLog2 (default 15), and
 * the first feasible base alone for the larger L up to 2^maxLog2 (default 20), and, when robustLog2 &gt; fullLog2, the
 * full search for L = 2^robustLog2 under the default work limit ({@link DecayCriterion#DEFAULT_WORK}): the robust bound
 * (from the search from above, proofs/decay-bound.md section 14) and the intervals as far as the limit lets the sweep. Run {@code java -cp target/ropebounds.jar:target/test-classes
 * org.ropebounds.bench.DecayBenchmark [maxLog2 [fullLog2 [robustLog2]]]}.
 */
public final class DecayBenchmark {
    private DecayBenchmark() {
    }

    /** The process's CPU time so far (every thread, the JIT's too), in seconds; NaN where the JVM does not say. */
    private static double cpu() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Runs the benchmark and prints its figures on stdout (wall seconds, then the process's CPU seconds). */
    public static void main(String[] args) {
        int maxLog2 = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int fullLog2 = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int robustLog2 = args.length > 2 ? Integer.parseInt(args[2]) : fullLog2;
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        System.out.printf(Locale.ROOT, "ropebounds decay benchmark: d = 128, %d processors, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (String b : new String[] {"10000", "500000", "1e8"}) {
            long t = System.nanoTime();
            double c0 = cpu();
            DecayContext x = c.maxContext(new BigDecimal(b));
            System.out.printf(Locale.ROOT, "L_theta(%s) = %d (first negative m %d): %.3f s (cpu %.3f s)%n", b, x.maxContext(), x.firstNegativeM(),
                    (System.nanoTime() - t) / 1e9, cpu() - c0);
        }
        for (int k = 10; k <= fullLog2; k++) {
            long t = System.nanoTime();
            double c0 = cpu();
            DecayBaseBounds r = c.minBase(1L << k, 6, Long.MAX_VALUE);
            System.out.printf(Locale.ROOT, "L = 2^%d: first feasible %s, robust %s, %d intervals, %.3g mode-steps: %.3f s (cpu %.3f s)%n", k,
                    r.firstFeasible(), r.robust(), r.feasibleIntervals().size(), (double) r.work(), (System.nanoTime() - t) / 1e9, cpu() - c0);
        }
        for (int k = Math.max(fullLog2 + 1, robustLog2); k <= robustLog2; k++) {
            long t = System.nanoTime();
            double c0 = cpu();
            DecayBaseBounds r = c.minBase(1L << k, 6, DecayCriterion.DEFAULT_WORK);
            System.out.printf(Locale.ROOT, "L = 2^%d (work limit %.3g): first feasible %s, robust %s, %.3g mode-steps: %.3f s (cpu %.3f s)%n", k,
                    (double) DecayCriterion.DEFAULT_WORK, r.firstFeasible(), r.robust(), (double) r.work(), (System.nanoTime() - t) / 1e9, cpu() - c0);
        }
        for (int k = fullLog2 + 1; k <= maxLog2; k++) {
            long t = System.nanoTime();
            double c0 = cpu();
            DecayBaseBounds r = c.firstFeasibleBase(1L << k, 6, Long.MAX_VALUE);
            System.out.printf(Locale.ROOT, "L = 2^%d: first feasible %s (witness m %d), %.3g mode-steps: %.3f s (cpu %.3f s)%n", k, r.firstFeasible(),
                    r.witnessM(), (double) r.work(), (System.nanoTime() - t) / 1e9, cpu() - c0);
        }
    }
}
