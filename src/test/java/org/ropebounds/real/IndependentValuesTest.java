package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.bounds.Bound;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.bounds.ZoneReport;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * Every function and bound against values from two independent implementations (mpmath and
 * python-flint's arb balls), correctly rounded to 60 and 40 digits: see
 * src/test/python/gen_real_fixtures.py and src/test/resources/fixtures/real/README.md.
 */
class IndependentValuesTest {

    @Test
    void functionsTo60Digits() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/functions.csv");
        assertTrue(rows.size() > 1200, "rows: " + rows.size());
        for (String[] row : rows) {
            String f = row[0];
            Rational x = row[1].isEmpty() ? null : rational(row[1]);
            Rational y = row[2].isEmpty() ? null : rational(row[2]);
            CertifiedDecimal ours = Ziv.decimal(60, a -> apply(a, f, x, y));
            assertTrue(ours.complete(), () -> f + "(" + row[1] + ") undecided: " + ours.guarantee());
            assertEquals(0, new BigDecimal(row[3]).compareTo(ours.toBigDecimal().orElseThrow()),
                    () -> f + "(" + row[1] + (y == null ? "" : ", " + row[2]) + "): ours " + ours + ", mpmath/arb " + row[3]);
        }
    }

    @Test
    void boundsTo40Digits() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/bounds.csv");
        assertEquals(1080, rows.size());
        List<Bound> lower = List.of(Bounds.ALIASING, Bounds.DC_STABILITY, Bounds.DEPTH_STABILITY);
        List<Format> formats = List.of(Format.FP32, Format.BF16, Format.FP16);
        for (String[] row : rows) {
            for (Spectrum s : Spectrum.values()) {
                ZoneQuery q = new ZoneQuery(new BigInteger(row[0]), Integer.parseInt(row[1]), Rational.parse(row[2]),
                        Integer.parseInt(row[3]), s, EpsilonConvention.MACHINE);
                ZoneReport r = ZoneCalculator.compute(q, formats, Optional.empty(), 40);
                for (int i = 0; i < 3; i++) {
                    String expected = row[4 + i + (s == Spectrum.EXACT ? 3 : 0)];
                    Bound b = lower.get(i);
                    CertifiedDecimal ours = r.lower(b).value();
                    assertTrue(ours.complete(), ours::guarantee);
                    assertEquals(0, new BigDecimal(expected).compareTo(ours.toBigDecimal().orElseThrow()),
                            () -> String.join(",", row).substring(0, 30) + " " + s + " " + b.id() + ": ours " + ours + ", expected " + expected);
                }
                if (s == Spectrum.APPROX) {
                    for (int k = 0; k < 3; k++) {
                        String expected = row[10 + k];
                        CertifiedDecimal ours = r.zone(formats.get(k)).maxContextBound();
                        assertEquals(0, new BigDecimal(expected).compareTo(ours.toBigDecimal().orElseThrow()), () -> "L_max " + ours + " vs " + expected);
                    }
                }
            }
        }
    }

    private static Enclosure apply(Arithmetic<?> a, String f, Rational x, Rational y) {
        return capture(a, f, x, y);
    }

    private static <T> Enclosure capture(Arithmetic<T> a, String f, Rational x, Rational y) {
        T v = x == null ? null : a.of(x);
        T r = switch (f) {
            case "exp" -> a.exp(v);
            case "log" -> a.log(v);
            case "sqrt" -> a.sqrt(v);
            case "acos" -> a.acos(v);
            case "atan" -> a.atan(v);
            case "cos" -> a.cos(v);
            case "sin" -> a.sin(v);
            case "pow" -> a.pow(v, a.of(y));
            case "pi" -> a.pi();
            default -> throw new IllegalArgumentException(f);
        };
        return a.toEnclosure(r);
    }

    /** A decimal, hex float, or a/b. */
    private static Rational rational(String s) {
        int slash = s.indexOf('/');
        return slash < 0 ? Rational.parse(s) : Rational.of(new BigInteger(s.substring(0, slash)), new BigInteger(s.substring(slash + 1)));
    }

}
