package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;

/**
 * {@link TableKernels} at exact points against the 640-bit python-flint balls of the committed fixture
 * (src/test/python/gen_ball_fixtures.py, ball_kernel_points.csv: random points and the edges of the table
 * reductions): every interval must contain the ball, be at most a few units of its fixed point wide (the
 * error terms of proofs/ball-arithmetic.md section 11 are a few units each), and carry the bits asked relative
 * to the value. The precisions are the ball level's at 30 and 100 digits (136 and 369 bits) and 128 and 540;
 * above the fixture's precision (730 bits, 100 digits' second try, and 1460) the same points are checked against
 * {@link Kernels}, the independent directed-sum kernels, at 256 more bits.
 */
class TableKernelsContainmentTest {
    // below the fixture's 640 bits with room: an interval tighter than the arb ball could not contain it
    private static final int[] BITS = {128, 136, 369, 540};

    private record Result(Enclosure enclosure, BigInteger widthUnits) {
    }

    private static Result evaluate(String f, Rational t, int bits) {
        if (f.equals("exp")) {
            TableKernels.ScaledInterval e = TableKernels.exp(t, bits);
            return new Result(e.toEnclosure(), e.hi().subtract(e.lo()));
        }
        FixedInterval v = switch (f) {
            case "atan" -> TableKernels.atan(t, bits);
            case "asin" -> TableKernels.asin(t, bits);
            case "acos" -> TableKernels.acos(t, bits);
            case "log" -> TableKernels.log(t, bits);
            default -> throw new IllegalArgumentException(f);
        };
        return new Result(v.toEnclosure(), v.hi().subtract(v.lo()));
    }

    @Test
    void kernelsContainTheValueAtEachPoint() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/ball_kernel_points.csv");
        int checked = 0;
        for (int bits : BITS) {
            for (String[] row : rows) {
                String f = row[0];
                Rational t = Rational.parse(row[1]);
                Rational lo = Rational.parse(row[2]);
                Rational hi = Rational.parse(row[3]);
                Result ours = evaluate(f, t, bits);
                Enclosure e = ours.enclosure();
                assertTrue(e.lo().compareTo(lo) <= 0 && hi.compareTo(e.hi()) <= 0,
                        () -> bits + " bits: " + f + "(" + row[1] + ") = " + e + " misses [" + row[2] + ", " + row[3] + "]");
                // a few units wide (the Kernels fallbacks too; exp's reduction adds 4 units per unit of |q| ln 2's
                // error, |q| <= |t|/ln 2 + 1), and bits relative bits: width <= |value| 2^-bits
                long units = f.equals("exp") ? 64 + 16 * (t.abs().floor().longValueExact() + 1) : 128;
                assertTrue(ours.widthUnits().compareTo(BigInteger.valueOf(units)) <= 0,
                        () -> bits + " bits: " + f + "(" + row[1] + ") " + ours.widthUnits() + " units wide");
                Rational width = e.hi().subtract(e.lo());
                Rational allowed = lo.abs().multiply(Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(bits)));
                assertTrue(width.compareTo(allowed) <= 0, () -> bits + " bits: " + f + "(" + row[1] + ") too wide: " + e);
                checked++;
            }
        }
        assertTrue(checked > 3000, "only " + checked + " kernel values checked");
    }

    @Test
    void kernelsContainTheDirectedSumsAtHigherPrecision() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/ball_kernel_points.csv");
        for (int bits : new int[] {730, 1460}) {
            for (String[] row : rows) {
                String f = row[0];
                Rational t = Rational.parse(row[1]);
                Enclosure ours = evaluate(f, t, bits).enclosure();
                int fine = bits + 256;
                Enclosure reference = switch (f) {
                    case "atan" -> Kernels.atan(t, fine).toEnclosure();
                    case "asin" -> Kernels.asin(t, fine).toEnclosure();
                    case "acos" -> Kernels.acos(t, fine).toEnclosure();
                    case "log" -> Kernels.log(t, fine).toEnclosure();
                    default -> Kernels.exp(t, fine);
                };
                assertTrue(ours.lo().compareTo(reference.lo()) <= 0 && reference.hi().compareTo(ours.hi()) <= 0,
                        () -> bits + " bits: " + f + "(" + row[1] + ") = " + ours + " misses Kernels' " + reference);
            }
        }
    }

    @Test
    void seriesRefuseArgumentsAboveTheirRange() {
        // the Horner bounds of section 11 assume u <= 2^-14; a larger argument is a reduction's bug, not a value
        BigInteger big = BigInteger.ONE.shiftLeft(200 - 13);
        assertThrows(IllegalArgumentException.class, () -> TableKernels.atanSeries(big, 200));
        assertThrows(IllegalArgumentException.class, () -> TableKernels.atanhSeries(big, 200));
        assertThrows(IllegalArgumentException.class, () -> TableKernels.expSeries(big, 200));
    }

    @Test
    void seriesAtZeroAreExact() {
        // atan(0) = atanh(0) = 0 and exp(0) = 1 exactly, by hand
        assertEquals(FixedInterval.point(BigInteger.ZERO, 300), TableKernels.atanSeries(BigInteger.ZERO, 300));
        assertEquals(FixedInterval.point(BigInteger.ZERO, 300), TableKernels.atanhSeries(BigInteger.ZERO, 300));
        assertEquals(FixedInterval.one(300), TableKernels.expSeries(BigInteger.ZERO, 300));
    }

    @Test
    void expSeriesOfOneUnitIsOnePlusAUnit() {
        // exp(2^-w) 2^w = 2^w + 1 + 2^-w/2 + ...: in [2^w + 1, 2^w + 2), and the interval [E, E + 4] must hold it
        FixedInterval e = TableKernels.expSeries(BigInteger.ONE, 300);
        BigInteger one = BigInteger.ONE.shiftLeft(300);
        assertTrue(e.lo().compareTo(one.add(BigInteger.ONE)) <= 0 && e.hi().compareTo(one.add(BigInteger.TWO)) >= 0, e::toString);
    }
}
