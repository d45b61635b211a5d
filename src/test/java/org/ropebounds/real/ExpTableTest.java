package org.ropebounds.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Rational;

/**
 * {@link ExpTable}, the reduction table of the double-double exp and expm1, against the committed python-flint
 * fixture ({@code gen_dd_exp_table.py}, {@code fixtures/real/dd-exp-table.csv}): every part bit for bit, every
 * ball containing the 300-bit ball of 2^(j/64) - 1, and the kernels' balls carrying the table's error.
 */
class ExpTableTest {
    private static Rational exact(double x) {
        return BinaryRational.ofDouble(x).toRational();
    }

    @Test
    void everyEntryIsTheFixturesAndContainsTheFlintBall() throws IOException {
        List<String[]> rows = org.ropebounds.Fixtures.rows("real/dd-exp-table.csv");
        assertEquals(2 * ExpTable.STEPS + 1, rows.size());
        for (String[] row : rows) {
            int j = Integer.parseInt(row[0]);
            int i = j + ExpTable.STEPS;
            assertEquals(Double.parseDouble(row[1]), ExpTable.HI[i], "HI at " + j);
            assertEquals(Double.parseDouble(row[2]), ExpTable.LO[i], "LO at " + j);
            assertEquals(Double.parseDouble(row[3]), ExpTable.ERR[i], "ERR at " + j);
            Rational mid = exact(ExpTable.HI[i]).add(exact(ExpTable.LO[i]));
            Rational err = exact(ExpTable.ERR[i]);
            Rational lo = Rational.parse(row[4]);
            Rational hi = Rational.parse(row[5]);
            assertTrue(mid.subtract(err).compareTo(lo) <= 0 && hi.compareTo(mid.add(err)) <= 0, "the ball at " + j + " contains 2^(j/64) - 1");
            assertTrue(ExpTable.HI[i] + ExpTable.LO[i] == ExpTable.HI[i], "normalised at " + j);
            DoubleDoubleInterval used = DoubleDoubleKernels.tableEntry(j);
            assertEquals(ExpTable.HI[i], used.hi(), "kernel table hi at " + j);
            assertEquals(ExpTable.LO[i], used.lo(), "kernel table lo at " + j);
            assertEquals(ExpTable.ERR[i], used.radius(), "the kernels' ball at " + j + " carries the table's error");
        }
        // by hand: 2^0 - 1 = 0, 2^1 - 1 = 1 and 2^-1 - 1 = -1/2 are exact, and 2^(j/64) - 1 has the sign of j
        assertEquals(0.0, ExpTable.HI[ExpTable.STEPS]);
        assertEquals(1.0, ExpTable.HI[2 * ExpTable.STEPS]);
        assertEquals(-0.5, ExpTable.HI[0]);
        assertEquals(0.0, ExpTable.ERR[2 * ExpTable.STEPS] + ExpTable.ERR[0] + ExpTable.ERR[ExpTable.STEPS]);
        for (int j = -ExpTable.STEPS; j <= ExpTable.STEPS; j++) {
            assertEquals(Integer.signum(j), (int) Math.signum(ExpTable.HI[j + ExpTable.STEPS]), "sign at " + j);
        }
    }

    /** The entries again from ropebounds' own 320-bit enclosures of 2^(j/64) = exp(j ln 2 / 64): each ball contains them. */
    @Test
    void everyEntryContainsTheEnclosureLevelsValue() {
        EnclosureArithmetic fine = new EnclosureArithmetic(320);
        Enclosure ln2 = fine.log(Enclosure.exact(2));
        for (int j = -ExpTable.STEPS; j <= ExpTable.STEPS; j += 7) {
            Enclosure d = fine.expm1(fine.multiply(ln2, Enclosure.exact(Rational.of(java.math.BigInteger.valueOf(j),
                    java.math.BigInteger.valueOf(ExpTable.STEPS)))));
            int i = j + ExpTable.STEPS;
            Rational mid = exact(ExpTable.HI[i]).add(exact(ExpTable.LO[i]));
            Rational err = exact(ExpTable.ERR[i]);
            // the enclosure is some 2^-300 wide: its midpoint must lie in the ball
            assertTrue(d.midpoint().subtract(mid).abs().compareTo(err.add(d.width())) <= 0, "entry " + j);
        }
    }
}
