package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.ropebounds.Fixtures;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;

/** Liu et al.'s law against a hand derivation and the mpmath fixtures (src/test/python/gen_criteria_fixtures.py). */
class CriticalDimensionTest {
    private static final String FIXTURE = "criteria/liu-extrapolation.csv";

    @Test
    void llamaTwoHasCriticalDimension92AsThePaperSays() {
        // by hand: (d/2) log_b(T/2pi) = 64 * ln(4096/(2 pi)) / ln(10000) = 64 * ln(651.899) / 9.21034 = 64 * 6.47989 / 9.21034
        // = 64 * 0.703545 = 45.027; ceil = 46, so d_extra = 92 (arXiv:2310.05209, Sec. 3.3); 45.027 is 0.027 from 45, far
        // outside any enclosure. T_extra = 2 pi 10000^(92/128) = 2 pi 10^2.875 = 6.28319 * 749.894 = 4711.7
        CriticalDimension.Extrapolation e = CriticalDimension.of(Rational.of(10000), 128, BigInteger.valueOf(4096), 15);
        CriticalDimension.Limited l = assertInstanceOf(CriticalDimension.Limited.class, e);
        assertEquals(92, l.criticalDimension());
        assertEquals(BigInteger.valueOf(4711), l.maxContext().orElseThrow());
        assertEquals(CertifiedDecimal.Direction.DOWNWARD, l.tExtra().direction());
        assertTrue(l.tExtra().text().startsWith("4711.7"), l.tExtra().text());
    }

    @Test
    void aSmallBaseTrainsEveryModeAndTheLawSetsNoLimit() {
        // b = 100: 64 * 6.47989 / ln(100) = 64 * 6.47989 / 4.60517 = 90.05 > 63 = d/2 - 1: every one of the 64 modes
        // completes a period within 4096 positions
        assertEquals(new CriticalDimension.EveryModeTrained(128), CriticalDimension.of(Rational.of(100), 128, BigInteger.valueOf(4096), 15));
    }

    @Test
    void smallBaseThresholdsByHand() {
        // 2T/pi, T/pi, T/(2 pi) for T = 4096: 8192/3.14159265 = 2607.59..., 1303.79..., 651.898...; maxima rounded down
        CriticalDimension.SmallBaseThresholds t = CriticalDimension.smallBaseThresholds(BigInteger.valueOf(4096), 6);
        assertEquals("2607.59", t.quarterTurn().text());
        assertEquals("1303.79", t.halfTurn().text());
        assertEquals("651.898", t.fullTurn().text());
    }

    @Test
    void everyValueMatchesTheMpmathFixtures() throws Exception {
        int checked = 0;
        for (String[] r : Fixtures.rows(FIXTURE)) {
            String kind = r[0];
            int digits = 15;
            switch (kind) {
                case "t_extra" -> {
                    CriticalDimension.Extrapolation e = CriticalDimension.of(Rational.parse(r[1]), Integer.parseInt(r[2]), new BigInteger(r[3]), digits);
                    if (r[5].equals("every_mode")) {
                        assertInstanceOf(CriticalDimension.EveryModeTrained.class, e, String.join(",", r));
                    } else {
                        CriticalDimension.Limited l = assertInstanceOf(CriticalDimension.Limited.class, e, String.join(",", r));
                        assertEquals(Integer.parseInt(r[5]), l.criticalDimension(), String.join(",", r));
                        assertDirected(l.tExtra(), r[6], RoundingMode.FLOOR);
                        assertEquals(new BigDecimal(r[6]).toBigInteger(), l.maxContext().orElseThrow());
                    }
                }
                case "min_base" -> {
                    CriticalDimension.MinimumBase m = CriticalDimension.minBase(new BigInteger(r[4]), Integer.parseInt(r[2]), new BigInteger(r[3]), digits);
                    assertEquals(BigInteger.valueOf(Long.parseLong(r[5])), m.modes().orElseThrow(), String.join(",", r));
                    assertDirected(m.first().orElseThrow(), r[6], RoundingMode.CEILING);
                }
                case "robust_min_base" -> assertDirected(CriticalDimension.minBase(new BigInteger(r[4]), Integer.parseInt(r[2]),
                        new BigInteger(r[3]), digits).robust(), r[6], RoundingMode.CEILING);
                case "critical_base" -> assertDirected(CriticalDimension.criticalBase(Rational.parse(r[1]), new BigInteger(r[3]),
                        new BigInteger(r[4]), digits), r[6], RoundingMode.CEILING);
                case "quarter_turn" -> assertDirected(CriticalDimension.smallBaseThresholds(new BigInteger(r[4]), digits).quarterTurn(), r[6],
                        RoundingMode.FLOOR);
                case "half_turn" -> assertDirected(CriticalDimension.smallBaseThresholds(new BigInteger(r[4]), digits).halfTurn(), r[6],
                        RoundingMode.FLOOR);
                case "full_turn" -> assertDirected(CriticalDimension.smallBaseThresholds(new BigInteger(r[4]), digits).fullTurn(), r[6],
                        RoundingMode.FLOOR);
                case "tuned_min_base" -> assertDirected(CriticalDimension.tunedMinBase(new BigInteger(r[4]), Integer.parseInt(r[2]),
                        Integer.parseInt(r[5]), digits), r[6], RoundingMode.CEILING);
                default -> throw new AssertionError("unknown fixture kind " + kind);
            }
            checked++;
        }
        assertTrue(checked >= 30, "fixture rows checked: " + checked);
    }

    /** The certified digits are the 25-digit mpmath value rounded in the same direction to 15 digits. */
    private static void assertDirected(CertifiedDecimal c, String reference, RoundingMode mode) {
        assertTrue(c.complete(), c.guarantee());
        BigDecimal expected = new BigDecimal(reference).round(new MathContext(c.digits(), mode));
        assertEquals(0, expected.compareTo(c.toBigDecimal().orElseThrow()), () -> c.text() + " vs " + reference);
    }

    @Test
    void outOfDomainValuesAreRefusedNamingTheValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CriticalDimension.of(Rational.of(10000), 128, BigInteger.valueOf(6), 15));
        assertTrue(e.getMessage().contains("train context 6") && e.getMessage().contains("7 <="), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CriticalDimension.of(Rational.ONE, 128, BigInteger.valueOf(4096), 15));
        assertTrue(e.getMessage().contains("base 1 ") && e.getMessage().contains("b > 1"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> CriticalDimension.minBase(BigInteger.TEN, 2, BigInteger.valueOf(4096), 15));
        assertTrue(e.getMessage().contains("head dim 2"), e.getMessage());
    }
}
