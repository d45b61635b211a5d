package org.ropebounds.rope;

import java.util.ArrayList;
import java.util.List;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/** What the scan tests that check a scan against its positions one by one share: their emulators and each position's error. */
final class ScanCases {
    private ScanCases() {
    }

    /** A preset's emulator at one base (d = 8, bf16 output), named for the tests' messages. */
    record Case(String preset, long base, RopeEmulator rope) {
        /** The preset and base, as a failing assertion names them. */
        String where() {
            return preset + " b=" + base;
        }
    }

    /** Every preset at b = 10, 10^4 and 5 * 10^5, preset by preset (the order in which the tests draw their random cases). */
    static List<Case> presetsAtThreeBases() {
        List<Case> cases = new ArrayList<>();
        for (String name : Pipeline.PRESETS) {
            for (long base : new long[] {10, 10000, 500000}) {
                cases.add(new Case(name, base, new RopeEmulator(Rational.of(base), 8, Pipeline.preset(name, Format.BF16))));
            }
        }
        return cases;
    }

    /**
     * The signed enclosure [lo, hi] of err_i(p) by the general {@link PhaseScan.SplitTheta#signedError} (section 8's functions), not
     * the lean routes the scans take below 2^53.
     */
    static double[] signedError(RopeEmulator rope, int i, PhaseScan.SplitTheta theta, long p) {
        return theta.signedError(rope.phaseValue(i, rope.positionInPhaseValue(p)), p);
    }
}
