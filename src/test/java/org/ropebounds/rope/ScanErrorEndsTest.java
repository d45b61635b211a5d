package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;

/**
 * {@link PhaseScan#scan} computes both ends of each position's error enclosure in one pass (the fma and the products
 * once): its largest lower and upper ends must be exactly the maxima of {@link PhaseScan.SplitTheta#errorLo} and
 * {@link PhaseScan.SplitTheta#errorHi} over the positions (the operations it fuses), and they must enclose the exact
 * largest error max_p |phase_i(p) - p theta_i|, computed here from the phases as exact rationals and theta_i at 300 bits.
 */
class ScanErrorEndsTest {
    private static final Rational DELTA = Rational.parse("0.1");

    @Test
    void scanMaximaAreThoseOfTheSeparateEndsAndEncloseTheExactMaximum() {
        String[] pipelines = {"hf", "hf-bf16-inv-freq", "bf16-all", "fp16-all", "fp64"};
        int checked = 0;
        for (String name : pipelines) {
            for (Rational base : new Rational[] {Rational.of(10000), Rational.of(500000)}) {
                RopeEmulator rope = new RopeEmulator(base, 16, Pipeline.preset(name, Format.BF16));
                if (!rope.hasFastPath()) {
                    continue;
                }
                long context = 3000;
                for (int i : new int[] {0, 1, 5, 7}) {
                    PhaseScan.ModeScan s = PhaseScan.scan(rope, i, context, DELTA);
                    PhaseScan.SplitTheta theta = rope.splitTheta(i);
                    double lo = 0;
                    double hi = 0;
                    Rational exactMax = Rational.ZERO;
                    Enclosure t300 = rope.theta(i).enclose(new EnclosureArithmetic(300));
                    Rational exactLoMax = Rational.ZERO; // max_p of the error's lower end with theta_i at 300 bits
                    Rational exactHiMax = Rational.ZERO;
                    for (long p = 0; p < context; p++) {
                        double phase = rope.phaseValue(i, rope.positionInPhaseValue(p));
                        lo = Math.max(lo, theta.errorLo(phase, p));
                        hi = Math.max(hi, theta.errorHi(phase, p));
                        Rational ph = BinaryRational.ofDouble(phase).toRational();
                        Rational a = ph.subtract(t300.hi().multiply(Rational.of(p))).abs();
                        Rational b = ph.subtract(t300.lo().multiply(Rational.of(p))).abs();
                        Rational lower = ph.subtract(t300.hi().multiply(Rational.of(p))).signum() * ph.subtract(t300.lo().multiply(Rational.of(p))).signum() < 0
                                ? Rational.ZERO : a.min(b); // the exact error's interval straddles 0 only where the error is ~0
                        exactLoMax = exactLoMax.max(lower);
                        exactHiMax = exactHiMax.max(a.max(b));
                    }
                    PhaseErrorBound.Finite f = (PhaseErrorBound.Finite) s.maxError();
                    assertEquals(BinaryRational.ofDouble(lo).toRational(), f.enclosure().lo(), name + " b=" + base + " i=" + i + " lower end");
                    assertEquals(BinaryRational.ofDouble(hi).toRational(), f.enclosure().hi(), name + " b=" + base + " i=" + i + " upper end");
                    // [lo, hi] must hold the exact maximum: at 300 bits the exact error's interval is far inside the doubles'
                    assertTrue(f.enclosure().lo().compareTo(exactLoMax) <= 0, name + " i=" + i + ": scan's lower end above the exact maximum");
                    assertTrue(f.enclosure().hi().compareTo(exactHiMax) >= 0, name + " i=" + i + ": scan's upper end below the exact maximum");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 16, "too few pipelines have the fast path: " + checked);
    }
}
