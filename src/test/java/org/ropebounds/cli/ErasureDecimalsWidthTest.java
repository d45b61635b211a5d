package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;

/**
 * {@link ErasureDecimals#compute}'s width shortcut (proofs/relative-position-error.md, section 9): the texts equal those
 * of {@link CertifiedDecimal#best} itself (what it computed before the shortcut) on enclosures of every kind of width,
 * the bound is never below the digits best decides, and hand-worked cases.
 */
class ErasureDecimalsWidthTest {

    /** The texts as compute made them before the shortcut: best's, for every enclosure. */
    private static ErasureDecimals.Texts byBest(Enclosure e, int n) {
        CertifiedDecimal d = CertifiedDecimal.best(e, n);
        return new ErasureDecimals.Texts(d.digits() == 0 && !d.exact() ? java.util.Optional.empty() : java.util.Optional.of(d.text()),
                d.guarantee(), CertifiedDecimal.interval(e, n));
    }

    /** An enclosure around a random decimal-ish centre with a random relative width from 10^-14 to 10^2, either sign. */
    private static Enclosure random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Rational centre = Rational.of(1 + r.nextLong(1_000_000_000L)).divide(Rational.of(10).pow(r.nextInt(20)));
        if (r.nextInt(4) == 0) {
            centre = centre.negate();
        }
        Rational width = centre.abs().multiply(Rational.of(1 + r.nextInt(999))).divide(Rational.of(10).pow(r.nextInt(17)));
        Rational lo = r.nextInt(8) == 0 ? Rational.ZERO : centre.subtract(width.multiply(Rational.of(r.nextInt(101))).divide(Rational.of(100)));
        Rational hi = r.nextInt(16) == 0 ? lo : lo.add(width);
        return Enclosure.of(lo.min(hi), lo.max(hi));
    }

    @Test
    void textsAreBestsAndTheBoundHoldsOnRandomEnclosures() {
        qt().withFixedSeed(9L).withExamples(4000).forAll(longs().all(), integers().between(1, 12)).checkAssert((seed, n) -> {
            Enclosure e = random(seed);
            CertifiedDecimal best = CertifiedDecimal.best(e, n);
            assertTrue(best.exact() || best.digits() <= ErasureDecimals.mostDecidable(e, n), e + " at " + n + ": decided " + best.digits());
            assertEquals(byBest(e, n), ErasureDecimals.compute(e, n), e + " at " + n);
        });
    }

    @Test
    void handWorkedBounds() {
        // [1, 1.2]: w = 0.2, 2m = 2.4; one digit: 0.2 <= 2.4, two: 2 <= 2.4, three: 20 > 2.4
        assertEquals(2, ErasureDecimals.mostDecidable(Enclosure.of(Rational.ONE, Rational.parse("1.2")), 6));
        // the same enclosure asked for one digit: the bound is the digits asked
        assertEquals(1, ErasureDecimals.mostDecidable(Enclosure.of(Rational.ONE, Rational.parse("1.2")), 1));
        // [0, 1]: w = 1 = m; one digit passes the width test (0 and 1 then round apart), two do not (10 > 2)
        assertEquals(1, ErasureDecimals.mostDecidable(Enclosure.of(Rational.ZERO, Rational.ONE), 6));
        // [-1, 3]: w = 4 <= 2m = 6: one digit; two: 40 > 6
        assertEquals(1, ErasureDecimals.mostDecidable(Enclosure.of(Rational.of(-1), Rational.of(3)), 6));
        // [1, 100]: w = 99 <= 2m = 200: one digit; two: 990 > 200
        assertEquals(1, ErasureDecimals.mostDecidable(Enclosure.of(Rational.ONE, Rational.of(100)), 6));
        // a point: every digit asked
        assertEquals(6, ErasureDecimals.mostDecidable(Enclosure.of(Rational.parse("0.5"), Rational.parse("0.5")), 6));
        // [1.0, 1.0000001]: w = 10^-7, 2m ~ 2: 10^-7 10^(k-1) <= 2 up to k = 8
        assertEquals(8, ErasureDecimals.mostDecidable(Enclosure.of(Rational.ONE, Rational.parse("1.0000001")), 20));
        // an enclosure the width test lets through at one digit but no digit decides: 0 and 1e-9 never round alike
        Enclosure touching = Enclosure.of(Rational.ZERO, Rational.parse("1e-9"));
        assertEquals(byBest(touching, 6), ErasureDecimals.compute(touching, 6));
        assertEquals(java.util.Optional.empty(), ErasureDecimals.compute(touching, 6).digits());
        // and one that decides 2 of 6 digits: [1.21, 1.24] is 1.2 to two digits, 1.21 vs 1.24 at three
        Enclosure two = Enclosure.of(Rational.parse("1.21"), Rational.parse("1.24"));
        assertEquals(java.util.Optional.of("1.2"), ErasureDecimals.compute(two, 6).digits());
        assertEquals("correctly rounded to 2 significant digits (6 asked; the rest could not be decided)", ErasureDecimals.compute(two, 6).guarantee());
    }

    @Test
    void theBoundIsReachedWhereTheProofSaysItCanBe() {
        // D = 1 at one digit: the cell [0.95, 1.5) rounds to 1 (half-even at 0.95 gives 1.0: 9 is odd); w = 0.54, m = 1.49, so
        // w <= 2 m 10^0: the test lets one digit through, and one digit decides
        Enclosure cell = Enclosure.of(Rational.parse("0.95"), Rational.parse("1.49"));
        assertEquals(java.util.Optional.of("1"), ErasureDecimals.compute(cell, 3).digits());
        assertTrue(ErasureDecimals.mostDecidable(cell, 3) >= 1);
    }
}
