package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.bounds.Bounds;
import org.ropebounds.bounds.EpsilonConvention;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.ZoneCalculator;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.DoubleDoubleInterval;
import org.ropebounds.real.DoubleDoubleIntervalArithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.InsufficientPrecisionException;

/**
 * The minimum-base cells' shared-work path ({@link GridCells}, proofs/double-double-interval.md section 9):
 * every cell's ball contains the 300-bit enclosure of the binding bound, and every cell prints what
 * {@link ZoneCalculator}'s reference computation prints for its query, at 6, 15, 20 and 30 digits, on a grid with
 * the awkward corners (L = 1, 3, 2^62, N = 10^9, eps near 0 and 1, d = 4).
 */
class GridCellsTest {
    private static final List<BigInteger> CONTEXTS = List.of(BigInteger.ONE, BigInteger.valueOf(3), BigInteger.valueOf(2048),
            BigInteger.valueOf(1_000_000), BigInteger.valueOf((1 << 24) + 1), BigInteger.ONE.shiftLeft(40), BigInteger.ONE.shiftLeft(62));
    private static final List<Integer> LAYERS = List.of(1, 2, 61, 126, 1_000_000_000);
    private static final List<Rational> TOLERANCES = List.of(Rational.parse("1e-30"), Rational.parse("0.1"), Rational.parse("0.5"),
            Rational.parse("0.99"), Rational.parse("0.999999"));

    private static GridSpec grid(int digits, int rotaryDim) {
        GridSpec d = GridSpec.defaults();
        return new GridSpec(CONTEXTS, LAYERS, TOLERANCES, List.of(Spectrum.APPROX, Spectrum.EXACT), rotaryDim, d.formats(), digits,
                d.bases(), d.erasureContext(), d.delta(), false, d.caseStudyTolerance());
    }

    @Test
    void everyCellPrintsWhatTheReferenceComputationPrints() {
        for (int digits : new int[] {6, 15, 20, 30}) {
            for (int dim : new int[] {128, 4}) {
                GridSpec g = grid(digits, dim);
                GridCells cells = new GridCells(g);
                for (int c = 0; c < CONTEXTS.size(); c++) {
                    for (int n = 0; n < LAYERS.size(); n++) {
                        for (int e = 0; e < TOLERANCES.size(); e++) {
                            for (Spectrum sp : g.spectra()) {
                                ZoneQuery q = new ZoneQuery(CONTEXTS.get(c), LAYERS.get(n), TOLERANCES.get(e), dim, sp, EpsilonConvention.MACHINE);
                                String want = ZoneCalculator.compute(q, List.of(), Optional.empty(), digits).bindingLower()
                                        .map(CertifiedDecimal::text).orElse("undecided");
                                assertEquals(want, cells.cell(c, n, e, sp), q + " at " + digits + " digits");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void maxContextAndFewestBitsCellsPrintWhatTheReferenceComputationPrints() {
        for (int digits : new int[] {6, 15, 30}) {
            GridSpec g = grid(digits, 128);
            GridCells cells = new GridCells(g);
            for (int n = 0; n < LAYERS.size(); n++) {
                for (int e = 0; e < TOLERANCES.size(); e++) {
                    for (Format f : Format.standard()) {
                        ZoneQuery q = new ZoneQuery(BigInteger.ONE, LAYERS.get(n), TOLERANCES.get(e), 128, Spectrum.APPROX, EpsilonConvention.MACHINE);
                        String want = ZoneCalculator.compute(q, List.of(f), Optional.empty(), digits).zone(f).maxContext()
                                .map(BigInteger::toString).orElse("undecided");
                        assertEquals(want, cells.maxContext(f, n, e), f.name() + " " + q);
                    }
                    for (int c = 0; c < CONTEXTS.size(); c++) {
                        ZoneQuery q = new ZoneQuery(CONTEXTS.get(c), LAYERS.get(n), TOLERANCES.get(e), 128, Spectrum.APPROX, EpsilonConvention.MACHINE);
                        String want = ZoneCalculator.compute(q, List.of(Format.FP32), Optional.empty(), digits).zone(Format.FP32)
                                .minPrecisionBits().map(String::valueOf).orElse("undecided");
                        assertEquals(want, cells.minBits(c, n, e), q.toString());
                    }
                }
            }
        }
    }

    @Test
    void everyCellBallContainsTheBindingBoundAt300Bits() {
        EnclosureArithmetic exact = new EnclosureArithmetic(300);
        DoubleDoubleIntervalArithmetic dd = new DoubleDoubleIntervalArithmetic(64);
        GridSpec g = grid(15, 128);
        GridCells cells = new GridCells(g);
        int checked = 0;
        for (int c = 0; c < CONTEXTS.size(); c++) {
            for (int n = 0; n < LAYERS.size(); n++) {
                for (int e = 0; e < TOLERANCES.size(); e++) {
                    for (Spectrum sp : g.spectra()) {
                        Optional<DoubleDoubleInterval> ball;
                        try {
                            ball = cells.ball(c, n, e, sp);
                        } catch (InsufficientPrecisionException ex) {
                            continue; // left to the reference computation, tested above
                        }
                        ZoneQuery q = new ZoneQuery(CONTEXTS.get(c), LAYERS.get(n), TOLERANCES.get(e), 128, sp, EpsilonConvention.MACHINE);
                        // depth stability binds over aliasing (acos <= pi < 2 pi): the 300-bit value of the binding bound
                        Enclosure want = Bounds.DEPTH_STABILITY.enclose(exact, q, null);
                        Enclosure got = dd.toEnclosure(ball.orElseThrow());
                        assertTrue(got.contains(want), q + ": " + got + " does not contain " + want);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 300, "balls checked: " + checked);
    }
}
