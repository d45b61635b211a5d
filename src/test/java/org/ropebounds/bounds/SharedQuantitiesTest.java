package org.ropebounds.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.InsufficientPrecisionException;
import org.ropebounds.real.Ziv;

/**
 * ZoneLevel's lower thresholds, which take their denominators 2 pi, acos(eps) and acos(eps^(1/N)) from
 * {@link SharedQuantities} (kept across zones), at every level Ziv tries for 6, 15, 30 and 100 digits (double
 * interval, double-double, balls, enclosures; the slowest on a sample of rows): each contains the 40-digit reference of fixtures/real/bounds.csv
 * (mpmath and python-flint), and each is the enclosure the bound's own formula gives, the first time and when read
 * back (the grid's rows share tolerances and depths, so later rows read what earlier ones kept).
 */
class SharedQuantitiesTest {
    private static final List<Bound> LOWER = List.of(Bounds.ALIASING, Bounds.DC_STABILITY, Bounds.DEPTH_STABILITY);

    /** The i-th lower threshold as ZoneLevel evaluates it in {@code a}, as an enclosure. */
    @SuppressWarnings("unchecked")
    private static <T> Enclosure viaLevel(Arithmetic<T> a, ZoneQuery q, int i) {
        ZoneLevel<T> level = (ZoneLevel<T>) ZoneLevel.of(a, q, List.of(), Optional.empty(), null);
        return a.toEnclosure(level.lower(i).t());
    }

    private static <T> Enclosure viaFormula(Arithmetic<T> a, ZoneQuery q, Bound b) {
        return a.toEnclosure(b.threshold(a, q, null));
    }

    /** Whether the enclosure meets [v (1 - 10^-38), v (1 + 10^-38)], the reference's 40-digit rounding widened 10 times. */
    private static boolean meets(Enclosure e, BigDecimal v) {
        Rational slack = Rational.of(v.abs().movePointLeft(38));
        Rational x = Rational.of(v);
        return e.lo().compareTo(x.add(slack)) <= 0 && e.hi().compareTo(x.subtract(slack)) >= 0;
    }

    @Test
    void keptDenominatorsGiveTheFormulasEnclosuresAndContainTheReferences() throws java.io.IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/bounds.csv");
        assertEquals(1080, rows.size());
        int checked = 0;
        for (int pass = 0; pass < 2; pass++) { // the second pass reads back what the first kept
            for (int r = pass; r < rows.size(); r += 12) {
                String[] row = rows.get(r);
                for (Spectrum s : Spectrum.values()) {
                    ZoneQuery q = new ZoneQuery(new BigInteger(row[0]), Integer.parseInt(row[1]), Rational.parse(row[2]),
                            Integer.parseInt(row[3]), s, EpsilonConvention.MACHINE);
                    for (int digits : new int[] {6, 15, 30, 100}) {
                        List<Arithmetic<?>> levels = Ziv.levels(digits);
                        // the slow multi-thousand-bit levels: the last of each only on a few approx rows, of 100 digits only the first
                        int tried = digits == 100 ? 1 : r % 120 < 2 && s == Spectrum.APPROX ? levels.size() : levels.size() - 1;
                        for (Arithmetic<?> a : levels.subList(0, tried)) {
                            for (int i = 0; i < 3; i++) {
                                BigDecimal expected = new BigDecimal(row[4 + i + (s == Spectrum.EXACT ? 3 : 0)]);
                                Enclosure fresh;
                                try {
                                    fresh = viaFormula(a, q, LOWER.get(i));
                                } catch (InsufficientPrecisionException e) {
                                    int bound = i;
                                    assertThrows(InsufficientPrecisionException.class, () -> viaLevel(a, q, bound));
                                    continue;
                                }
                                Enclosure kept = viaLevel(a, q, i);
                                String where = String.join(",", row) + " " + s + " " + a + " bound " + i;
                                assertEquals(fresh.lo(), kept.lo(), where);
                                assertEquals(fresh.hi(), kept.hi(), where);
                                assertTrue(meets(kept, expected), () -> where + ": " + kept + " misses " + expected);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 2_000, "checked " + checked);
    }

    @Test
    void anArithmeticKeepsOneHolder() {
        Arithmetic<?> a = Ziv.levels(15).get(1);
        assertSame(SharedQuantities.of(a), SharedQuantities.of(a));
    }
}
