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
                    assertDirected(new BigDecimal(expected), ours, CertifiedDecimal.Direction.UPWARD,
                            String.join(",", row).substring(0, 30) + " " + s + " " + b.id());
                }
                if (s == Spectrum.APPROX) {
                    for (int k = 0; k < 3; k++) {
                        String expected = row[10 + k];
                        CertifiedDecimal ours = r.zone(formats.get(k)).maxContextBound();
                        assertDirected(new BigDecimal(expected), ours, CertifiedDecimal.Direction.DOWNWARD, "L_max " + String.join(",", row));
                    }
                }
            }
        }
    }

    /**
     * The zone prints bounds in their safe direction, the fixture gives x correctly rounded to 40 digits: f with
     * |x - f| <= u/2, u the place of f's 40th digit. Rounded up to 40 digits, x is then f (when x <= f) or f + u
     * (when x > f); rounded down, f or f - u. Which one, 40 digits of x cannot say; that the ours is one of them,
     * that it has the direction asked, and that the enclosure it was decided from reaches [f - u/2, f + u/2] (where
     * x is), they can.
     */
    private static void assertDirected(BigDecimal f, CertifiedDecimal ours, CertifiedDecimal.Direction direction, String where) {
        int exponent = f.precision() - f.scale() - 1; // floor(log10 |f|)
        BigDecimal u = BigDecimal.ONE.movePointRight(exponent - 39);
        BigDecimal v = ours.toBigDecimal().orElseThrow();
        BigDecimal other = direction == CertifiedDecimal.Direction.UPWARD ? f.add(u) : f.subtract(u);
        assertEquals(direction, ours.direction(), where);
        assertTrue(ours.exact() || v.compareTo(f) == 0 || v.compareTo(other) == 0,
                () -> where + ": ours " + ours + " is neither " + f + " nor " + other);
        Rational half = Rational.of(u).divide(Rational.of(2));
        Enclosure e = ours.enclosure().orElseThrow();
        assertTrue(e.hi().compareTo(Rational.of(f).subtract(half)) >= 0 && e.lo().compareTo(Rational.of(f).add(half)) <= 0,
                () -> where + ": the enclosure " + e + " misses " + f + " +- " + u + "/2");
        // and where the enclosure lies on one side of f (x is irrational here, so almost always), that side says which
        java.util.OptionalInt side = e.compareTo(Rational.of(f));
        if (side.isPresent() && side.getAsInt() != 0) {
            boolean beyond = direction == CertifiedDecimal.Direction.UPWARD ? side.getAsInt() > 0 : side.getAsInt() < 0;
            assertEquals(0, (beyond ? other : f).compareTo(v), () -> where + ": ours " + ours + ", x on the " + (side.getAsInt() > 0
                    ? "upper" : "lower") + " side of " + f);
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
