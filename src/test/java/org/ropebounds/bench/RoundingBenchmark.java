package org.ropebounds.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ropebounds.format.Format;
import org.ropebounds.format.OverflowPolicy;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;

/**
 * Throughput of rounding into every standard format, single-threaded (so the figures are per core):
 * 10^6 random doubles through the allocation-free fast path and through the exact path, and 10^5
 * random 40-digit decimals (parsed beforehand, and parsed each time). A plain harness: warm-up
 * rounds, then the median of timed rounds. Not a test; run
 * {@code java -cp target/ropebounds.jar:target/test-classes org.ropebounds.bench.RoundingBenchmark}.
 */
public final class RoundingBenchmark {
    private static final int DOUBLES = 1_000_000;
    private static final int DECIMALS = 100_000;
    private static final int WARMUP = 3;
    private static final int ROUNDS = 5;

    private RoundingBenchmark() {
    }

    /** Runs the benchmark and prints its figures on stdout; arguments: none. */
    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(20261126L);
        double[] doubles = new double[DOUBLES];
        for (int i = 0; i < DOUBLES; i++) {
            // log-uniform magnitudes over [2^-160, 2^160], both signs: every format's subnormals, normals and overflow
            doubles[i] = Math.scalb(1 + random.nextDouble(), random.nextInt(-160, 161)) * (random.nextBoolean() ? 1 : -1);
        }
        String[] decimalTexts = new String[DECIMALS];
        Rational[] decimals = new Rational[DECIMALS];
        for (int i = 0; i < DECIMALS; i++) {
            StringBuilder digits = new StringBuilder().append(1 + random.nextInt(9)).append('.');
            for (int k = 1; k < 40; k++) {
                digits.append(random.nextInt(10));
            }
            decimalTexts[i] = digits.append('e').append(random.nextInt(-45, 39)).toString();
            decimals[i] = Rational.parse(decimalTexts[i]);
        }
        System.out.printf(Locale.ROOT, "ropebounds rounding benchmark: 1 thread, %s %s, %d warm-up + median of %d rounds%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), WARMUP, ROUNDS);
        System.out.printf(Locale.ROOT, "%-10s %22s %22s %22s %22s%n", "format", "double fast (M/s)",
                "double exact (M/s)", "40-digit (k/s)", "parse+40-digit (k/s)");
        long sink = 0;
        for (Format f : Format.standard()) {
            long[] box = new long[1];
            double fast = median(() -> {
                long acc = 0;
                for (double d : doubles) {
                    acc += f.roundToBits(d, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY);
                }
                box[0] += acc;
            }) / DOUBLES;
            double exact = median(() -> {
                long acc = 0;
                for (int i = 0; i < DOUBLES / 10; i++) {
                    acc += f.round(org.ropebounds.format.BinaryRational.ofDouble(doubles[i]), RoundingMode.NEAREST_EVEN,
                            OverflowPolicy.INFINITY).ternary();
                }
                box[0] += acc;
            }) / (DOUBLES / 10);
            double decimal = median(() -> {
                long acc = 0;
                for (Rational x : decimals) {
                    acc += f.round(x, RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).ternary();
                }
                box[0] += acc;
            }) / DECIMALS;
            double parsed = median(() -> {
                long acc = 0;
                for (String s : decimalTexts) {
                    acc += f.round(Rational.parse(s), RoundingMode.NEAREST_EVEN, OverflowPolicy.INFINITY).ternary();
                }
                box[0] += acc;
            }) / DECIMALS;
            sink += box[0];
            System.out.printf(Locale.ROOT, "%-10s %22.1f %22.2f %22.1f %22.1f%n", f.name(),
                    1e3 / fast, 1e3 / exact, 1e6 / decimal, 1e6 / parsed);
        }
        System.out.println("(checksum " + sink + ")");
    }

    /** Median wall time of one run, in nanoseconds. */
    private static double median(Runnable body) {
        for (int i = 0; i < WARMUP; i++) {
            body.run();
        }
        long[] t = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            body.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t[ROUNDS / 2];
    }
}
