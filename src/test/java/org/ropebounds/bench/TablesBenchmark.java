package org.ropebounds.bench;

import java.util.List;
import java.util.Locale;
import org.ropebounds.table.GridSpec;
import org.ropebounds.table.ReferenceTables;
import org.ropebounds.table.TableSpec;

/**
 * Minimum-base cells per second at 6, 15, 20 and 40 certified digits (all cores), and the wall time of the
 * default table set. Run {@code java -cp target/ropebounds.jar:target/test-classes org.ropebounds.bench.TablesBenchmark}.
 */
public final class TablesBenchmark {
    private TablesBenchmark() {
    }

    /** Runs the benchmark and prints its figures on stdout; arguments: none. */
    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "ropebounds tables benchmark: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        GridSpec d = GridSpec.defaults();
        for (int digits : new int[] {6, 15, 20, 40}) { // a grid spec takes 1..40 digits
            GridSpec g = new GridSpec(d.contexts(), d.layers(), d.tolerances(), d.spectra(), d.rotaryDim(), d.formats(), digits,
                    d.bases(), d.erasureContext(), d.delta(), false, d.caseStudyTolerance());
            TableSpec t = ReferenceTables.specs(g).get(0);
            int cells = t.rowCount() * d.tolerances().size() * d.spectra().size();
            t.compute(r -> r < 16, () -> { }); // warm-up
            long start = System.nanoTime();
            t.compute(r -> true, () -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%3d digits: %,10.0f cells/s (%d cells in %.2f s)%n", digits, cells / seconds, cells, seconds);
        }
        long start = System.nanoTime();
        List<?> tables = ReferenceTables.all(GridSpec.defaults());
        System.out.printf(Locale.ROOT, "default table set (%d tables, in-process, warm): %.2f s%n", tables.size(), (System.nanoTime() - start) / 1e9);
    }
}
