package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.format.RoundingMode;
import org.ropebounds.real.Enclosure;

/**
 * The relative-position analysis against MPFR's emulation of the uniform bf16 and fp16 pipelines and a brute
 * force over every pair (p, r) at L = 4096 (src/test/python/gen_relative_error_fixtures.py): the stored inv_freq
 * bit for bit, every horizon exactly, and every maximum inside the reported enclosure.
 */
class RelativeErrorFixtureTest {

    @Test
    void agreesWithMpfrAndABruteForceOverEveryPair() throws IOException {
        Map<String, RelativeErrorReport> reports = new HashMap<>();
        int rows = 0;
        for (Map<String, String> row : org.ropebounds.Fixtures.records("rope/relative-error.csv")) {
            long base = Long.parseLong(row.get("base"));
            int d = Integer.parseInt(row.get("head_dim"));
            long context = Long.parseLong(row.get("context"));
            int i = Integer.parseInt(row.get("mode"));
            long reach = row.get("max_distance").equals("all") ? Long.MAX_VALUE : Long.parseLong(row.get("max_distance"));
            Rational delta = Rational.parse(row.get("delta"));
            String key = row.get("pipeline") + "/" + base + "/" + reach + "/" + row.get("delta");
            RopeEmulator rope = new RopeEmulator(Rational.of(base), d, Pipeline.preset(row.get("pipeline"), Format.BF16));
            String where = key + " mode " + i;
            assertEquals(0, rope.invFreq(i).value().toRational().compareTo(Rational.parse(row.get("inv_freq"))), where + " inv_freq");
            RelativeErrorReport.Mode m = reports.computeIfAbsent(key, k -> RelativeErrorAnalysis.analyse(rope, context, delta, reach))
                    .modes().get(i);
            String h = row.get("horizon");
            assertEquals(h.equals("none") ? Horizon.none() : Horizon.at(Long.parseLong(h)), m.horizon(), where);
            double max = Double.parseDouble(row.get("max_abs_error"));
            Enclosure e = ((PhaseErrorBound.Finite) m.maxError()).enclosure();
            double slack = 1e-15 * Math.max(1, max);
            assertTrue(e.lo().toDouble(RoundingMode.TOWARD_NEGATIVE) <= max + slack && max - slack <= e.hi().toDouble(RoundingMode.TOWARD_POSITIVE),
                    where + ": " + max + " not in " + e);
            rows++;
        }
        assertEquals(360, rows);
    }
}
