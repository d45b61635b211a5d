package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/** The plots' bounds from splits made once ({@link PhaseScan#splitThetas}) are those made per position, bit for bit. */
class PhaseScanThetasTest {

    @Test
    void splitOnceGivesTheSameBounds() {
        for (String preset : new String[] {"hf", "bf16-all", "fp16-all"}) {
            RopeEmulator rope = new RopeEmulator(Rational.of(500000), 16, Pipeline.preset(preset, Format.FP32));
            Enclosure[] thetas = PhaseScan.thetas(rope, 160);
            PhaseScan.Thetas split = PhaseScan.splitThetas(rope, 160);
            assertEquals(8, split.modes());
            for (long p : new long[] {1, 2, 3, 1000, 4097, 65535, 1L << 20, (1L << 24) + 1}) {
                assertEquals(Double.doubleToRawLongBits(PhaseScan.maxErrorUpperBound(rope, p, thetas)),
                        Double.doubleToRawLongBits(PhaseScan.maxErrorUpperBound(rope, p, split)), preset + " p = " + p);
                for (long r : new long[] {1, p}) {
                    assertEquals(Double.doubleToRawLongBits(RelativeErrorAnalysis.largestUpperBound(rope, p, r, thetas)),
                            Double.doubleToRawLongBits(RelativeErrorAnalysis.largestUpperBound(rope, p, r, split)), preset + " p = " + p + ", r = " + r);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> RelativeErrorAnalysis.largestUpperBound(rope, 4, 5, split));
        }
    }
}
