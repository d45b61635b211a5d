package org.ropebounds.criteria;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.ropebounds.real.DoubleInterval;

/**
 * The parts of {@link DecayCriterion#minBase} at d = 128 timed apart, to say where the time of the full search goes
 * (not a test; nothing here is asserted): a batch of full walks ({@link DecayWalk#runChunks}, the block kernel with a
 * visitor that only reads the lower bounds) at bases near 10^6, the search from above ({@link DecayCeiling}) alone,
 * and the whole search, each repeated so that the later rounds are compiled code. Prints wall and process CPU seconds
 * (every thread). Run {@code java -cp target/ropebounds.jar:target/test-classes
 * org.ropebounds.criteria.DecayPartsBenchmark [log2L [rounds [walks]]]} (defaults 15, 3, 200).
 */
public final class DecayPartsBenchmark {
    private DecayPartsBenchmark() {
    }

    /** The process's CPU time so far in seconds; NaN where the JVM does not say. */
    private static double cpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Runs the rounds and prints one line per part and round. */
    public static void main(String[] args) {
        int log2 = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int walks = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int n = 64;
        long context = 1L << log2;
        long maxDistance = DistanceRange.INCLUSIVE.maxDistance(context);
        DecayCriterion criterion = DecayCriterion.of(2 * n, DistanceRange.INCLUSIVE);
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            double c = cpu();
            double[] least = {Double.POSITIVE_INFINITY};
            for (int w = 0; w < walks; w++) {
                double z = 1e6 * (1 + w * 1e-3);
                DecayWalk walk = DecayWalk.of(DecayWalk.thetas(new DoubleInterval(z, z), n));
                walk.runChunks(maxDistance, null, (m0, len, lo, hi, slopeLo, slopeHi, boxLo) -> {
                    for (int k = 0; k < len; k++) {
                        least[0] = Math.min(least[0], lo[k]);
                    }
                    return true;
                });
            }
            double wall = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %d walks to M = %d: %.3f s (cpu %.3f s), %.3f ns per mode-step (least %s)%n", r, walks,
                    maxDistance, wall, cpu() - c, wall * 1e9 / ((double) walks * maxDistance * n), least[0]);
            t = System.nanoTime();
            c = cpu();
            DecayCeiling.Result ceiling = new DecayCeiling(n, maxDistance, 1e-8, DecaySweep.SEARCH_CAP, Long.MAX_VALUE).search(1).orElseThrow();
            System.out.printf(Locale.ROOT, "round %d: search from above: %.3f s (cpu %.3f s), %.3g mode-steps, feasible from %s%n", r,
                    (System.nanoTime() - t) / 1e9, cpu() - c, (double) ceiling.work(), ceiling.feasibleFrom());
            t = System.nanoTime();
            c = cpu();
            DecayBaseBounds all = criterion.minBase(context, 6, Long.MAX_VALUE);
            System.out.printf(Locale.ROOT, "round %d: minBase: %.3f s (cpu %.3f s), %.3g mode-steps, first feasible %s, robust %s%n", r,
                    (System.nanoTime() - t) / 1e9, cpu() - c, (double) all.work(), all.firstFeasible(), all.robust());
        }
    }
}
