package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/** The plotted phase-error bound against errors derived by hand. */
class PhaseScanBoundTest {

    @Test
    void fp64ErrorAtAPowerOfTwoIsThePositionTimesTheFrequencyError() {
        // b = 10000, d = 4: theta_0 = 1 (exact, error 0) and theta_1 = 10000^(-1/2) = 1/100. In fp64,
        // 10000^(1/2) = 100 exactly and 1/100 rounds to fl(0.01); at p = 2^20 the product p * fl(0.01) is
        // exact, so the phase error is 2^20 * |fl(0.01) - 0.01|.
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 4, Pipeline.preset("fp64", Format.BF16));
        long p = 1L << 20;
        double bound = PhaseScan.maxErrorUpperBound(rope, p, PhaseScan.thetas(rope, 200));
        BigDecimal exact = new BigDecimal(0.01).subtract(new BigDecimal("0.01")).abs().multiply(BigDecimal.valueOf(p));
        double truth = exact.round(MathContext.DECIMAL64).doubleValue(); // 2.18278728...e-13
        assertTrue(bound >= truth * (1 - 1e-15), () -> "bound " + bound + " below the error " + truth);
        assertTrue(bound <= truth * (1 + 1e-9), () -> "bound " + bound + " far above the error " + truth);
    }

    @Test
    void aPhaseThatLeavesTheFormatIsAnInfiniteError() {
        // fp16 tops out at 65504: position 2^17 is infinite before any product is formed
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 4, Pipeline.preset("fp16-all", Format.BF16));
        assertEquals(Double.POSITIVE_INFINITY, PhaseScan.maxErrorUpperBound(rope, 1L << 17, PhaseScan.thetas(rope, 100)));
    }
}
