package org.ropebounds.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares rounding, encoding and ulp with golden files made by MPFR (gmpy2), numpy and ml_dtypes:
 * see src/test/python/gen_format_fixtures.py, which also documents how to regenerate them.
 */
class GoldenFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"fp16", "bf16", "tf32", "fp8-e4m3", "fp8-e5m2"})
    void roundingEncodingAndUlpMatchIndependentImplementations(String formatName) throws IOException {
        Format f = Format.parse(formatName);
        List<String[]> rows = org.ropebounds.Fixtures.rows("formats/rounding-" + formatName + ".csv");
        assertTrue(rows.size() > 3000, "fixture has too few rows: " + rows.size());
        int checked = 0;
        for (String[] row : rows) {
            Rational x = Rational.parse(row[0]);
            RoundingMode mode = RoundingMode.parse(row[1]);
            Rounded r = f.round(x, mode, OverflowPolicy.INFINITY);
            String where = formatName + " " + row[1] + " " + row[0];
            assertEquals(row[2], r.value().toHexString(), where);
            assertEquals(Integer.parseInt(row[3]), r.ternary(), where + " ternary");
            assertEquals(row[4], r.value().bitsHex(), where + " bits");
            assertEquals(row[5], f.ulp(x).toHexString(), where + " ulp");
            assertEquals(r.value(), f.fromBits(Long.decode(row[4])), where + " decode");
            checked++;
        }
        assertEquals(rows.size(), checked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fp16", "fp32", "fp64"})
    void shortestDecimalMatchesNumpy(String formatName) throws IOException {
        Format f = Format.parse(formatName);
        int checked = 0;
        for (String[] row : org.ropebounds.Fixtures.rows("formats/shortest-decimal.csv")) {
            if (!row[0].equals(formatName)) {
                continue;
            }
            FloatValue v = f.round(Rational.parse(row[1]), RoundingMode.NEAREST_EVEN).value();
            String ours = v.toShortestDecimal();
            String theirs = row[2];
            // numpy writes 5e-324 as 5e-324 and 0 as 0e+00; compare the decimal values and the digit count
            assertEquals(new BigDecimal(theirs).stripTrailingZeros(), new BigDecimal(ours).stripTrailingZeros(),
                    formatName + " " + row[1] + ": ours " + ours + ", numpy " + theirs);
            checked++;
        }
        assertTrue(checked > 300, "too few shortest-decimal rows for " + formatName + ": " + checked);
    }

}
