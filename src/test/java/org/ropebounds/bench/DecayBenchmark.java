package org.ropebounds.bench;

import java.math.BigDecimal;
import java.util.Locale;
import org.ropebounds.criteria.DecayBaseBounds;
import org.ropebounds.criteria.DecayContext;
import org.ropebounds.criteria.DecayCriterion;
import org.ropebounds.criteria.DistanceRange;

/**
 * The decay criterion's speed at d = 128, one thread: L_theta(b) for one base, base_L with the robust bound and the
 * feasible intervals for L = 2^10..2^15, and the first feasible base alone for larger L (argument: the largest
 * log2 L to try for it, default 17). Run {@code java -cp target/ropebounds.jar:target/test-classes
 * org.ropebounds.bench.DecayBenchmark [maxLog2]}.
 */
public final class DecayBenchmark {
    private DecayBenchmark() {
    }

    /** Runs the benchmark and prints its figures on stdout. */
    public static void main(String[] args) {
        int maxLog2 = args.length > 0 ? Integer.parseInt(args[0]) : 17;
        DecayCriterion c = DecayCriterion.of(128, DistanceRange.INCLUSIVE);
        System.out.printf(Locale.ROOT, "ropebounds decay benchmark: d = 128, 1 thread, %s %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        for (String b : new String[] {"10000", "500000", "1e8"}) {
            long t = System.nanoTime();
            DecayContext x = c.maxContext(new BigDecimal(b));
            System.out.printf(Locale.ROOT, "L_theta(%s) = %d (first negative m %d): %.3f s%n", b, x.maxContext(), x.firstNegativeM(),
                    (System.nanoTime() - t) / 1e9);
        }
        for (int k = 10; k <= 15; k++) {
            long t = System.nanoTime();
            DecayBaseBounds r = c.minBase(1L << k, 6, Long.MAX_VALUE);
            System.out.printf(Locale.ROOT, "L = 2^%d: first feasible %s, robust %s, %d intervals, %.3g mode-steps: %.3f s%n", k,
                    r.firstFeasible(), r.robust(), r.feasibleIntervals().size(), (double) r.work(), (System.nanoTime() - t) / 1e9);
        }
        for (int k = 16; k <= maxLog2; k++) {
            long t = System.nanoTime();
            DecayBaseBounds r = c.firstFeasibleBase(1L << k, 6, Long.MAX_VALUE);
            System.out.printf(Locale.ROOT, "L = 2^%d: first feasible %s (witness m %d), %.3g mode-steps: %.3f s%n", k, r.firstFeasible(),
                    r.witnessM(), (double) r.work(), (System.nanoTime() - t) / 1e9);
        }
    }
}
