package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * The window's test that its first failure is at its start by the pair (start, 0) alone
 * ({@link RelativeErrorAnalysis#failsWithZeroAt}), at tolerances just around the exact |e_i(p, p)| = |phase_i(p) - p theta_i|
 * (phase_i(0) = 0), enclosed here at 600 bits with exact rationals: a delta just below it fails, one just above does not
 * (there the doubles cannot tell, so the exact decision must), and position 0 beyond the distance R is never used.
 */
class WindowFailsAtStartTest {

    @Test
    void decidesThePairExactlyAroundDelta() {
        Frequencies freq = Frequencies.plain(Rational.of(500000), 32);
        int checked = 0;
        for (Pipeline pl : List.of(Pipeline.preset("hf", Format.BF16), Pipeline.preset("bf16-all", Format.BF16), Pipeline.uniform("fp64", Format.FP64))) {
            RopeEmulator rope = freq.emulator(pl);
            for (int i = 1; i < rope.modes(); i += 3) {
                for (long p : new long[] {3, 1000, 123_457}) {
                    Rational phase = rope.phase(i, p).value().toRational();
                    Enclosure theta = PhaseScan.theta(rope, i, 600);
                    Rational a = phase.subtract(theta.hi().multiply(Rational.of(p))).abs();
                    Rational b = phase.subtract(theta.lo().multiply(Rational.of(p))).abs();
                    Rational lo = a.min(b);
                    Rational hi = a.max(b);
                    if (lo.signum() <= 0 || phase.signum() == 0) {
                        continue; // the exact error straddles 0 at 600 bits: not a useful tolerance
                    }
                    Rational tiny = lo.multiply(Rational.parse("1e-60"));
                    String where = pl.name() + " mode " + i + " p = " + p;
                    assertTrue(RelativeErrorAnalysis.failsWithZeroAt(rope, i, rope.thetaEnclosure(i), p, Long.MAX_VALUE, lo.subtract(tiny)), where);
                    assertFalse(RelativeErrorAnalysis.failsWithZeroAt(rope, i, rope.thetaEnclosure(i), p, Long.MAX_VALUE, hi.add(tiny)), where);
                    assertFalse(RelativeErrorAnalysis.failsWithZeroAt(rope, i, rope.thetaEnclosure(i), p, p - 1, lo.subtract(tiny)), where + " R = p - 1");
                    checked++;
                }
            }
        }
        assertTrue(checked > 20, "checked " + checked);
    }
}
