package org.ropebounds.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ropebounds.format.Rational;
import org.ropebounds.table.GridSpec;
import org.ropebounds.table.ReferenceTables;
import org.ropebounds.table.TableSpec;

/**
 * Minimum-base cells per second (all cores), in-process, on issue 17's grid: L = 2^11..2^40 (30 contexts),
 * N = 1..126, eps in {0.1, ..., 0.9, 0.99}, both spectra (75,600 cells), at 6, 15, 20 and 40 certified digits
 * (the median of several rounds after warm-up rounds); then the wall time of the default table set. Run
 * {@code java -cp target/ropebounds.jar:target/test-classes org.ropebounds.bench.TablesBenchmark [rounds]}.
 * A plain harness: it asserts nothing.
 */
public final class TablesBenchmark {
    private TablesBenchmark() {
    }

    /** The issue's grid at {@code digits}, all other keys at their defaults, no case study. */
    static GridSpec issueGrid(int digits) {
        GridSpec d = GridSpec.defaults();
        List<BigInteger> contexts = new ArrayList<>();
        for (int k = 11; k <= 40; k++) {
            contexts.add(BigInteger.ONE.shiftLeft(k));
        }
        List<Integer> layers = new ArrayList<>();
        for (int n = 1; n <= 126; n++) {
            layers.add(n);
        }
        List<Rational> tolerances = new ArrayList<>();
        for (String e : new String[] {"0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.99"}) {
            tolerances.add(Rational.parse(e));
        }
        return new GridSpec(contexts, layers, tolerances, d.spectra(), d.rotaryDim(), d.formats(), digits, d.bases(),
                d.erasureContext(), d.delta(), false, d.caseStudyTolerance());
    }

    /** Runs the benchmark and prints its figures on stdout; argument: rounds per precision (default 5). */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf(Locale.ROOT, "ropebounds tables benchmark: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        for (int digits : new int[] {6, 15, 20, 40}) { // a grid spec takes 1..40 digits
            GridSpec g = issueGrid(digits);
            TableSpec t = ReferenceTables.specs(g).get(0);
            int cells = t.rowCount() * g.tolerances().size() * g.spectra().size();
            int warm = digits == 40 ? 1 : 2;
            int timed = digits == 40 ? Math.max(1, rounds / 2) : rounds;
            double[] seconds = new double[timed];
            for (int round = 0; round < warm + timed; round++) {
                long start = System.nanoTime();
                t.compute(r -> true, () -> { });
                if (round >= warm) {
                    seconds[round - warm] = (System.nanoTime() - start) / 1e9;
                }
            }
            Arrays.sort(seconds);
            double median = seconds[timed / 2];
            System.out.printf(Locale.ROOT, "%3d digits: %,10.0f cells/s (%d cells, median of %d rounds %.3f s, range %.3f..%.3f s)%n",
                    digits, cells / median, cells, timed, median, seconds[0], seconds[timed - 1]);
        }
        long start = System.nanoTime();
        List<?> tables = ReferenceTables.all(GridSpec.defaults());
        System.out.printf(Locale.ROOT, "default table set (%d tables, in-process, warm): %.2f s%n", tables.size(), (System.nanoTime() - start) / 1e9);
    }
}
