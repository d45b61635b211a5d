package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.Format;
import org.ropebounds.format.RoundingMode;

/** The bounds' half ulp in double arithmetic against the format's exact ulp (Format.ulp), halved and rounded up. */
class PhaseBoundTermsTest {

    @Test
    void halfUlpIsTheFormatsExactHalfUlpRoundedUp() {
        SplittableRandom random = new SplittableRandom(5);
        for (Format f : Format.standard()) {
            List<Double> vs = new ArrayList<>(List.of(0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1.0, 0.75));
            for (int e = -1074; e <= 1023; e++) {
                vs.add(Math.scalb(1.0, e));
                vs.add(Math.nextDown(Math.scalb(1.0, e)));
            }
            for (int k = 0; k < 5000; k++) {
                vs.add(Math.abs(Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE)));
            }
            for (double v : vs) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                double exact = f.ulp(BinaryRational.ofDouble(v)).scaleByPowerOfTwo(-1).toRational().toDouble(RoundingMode.TOWARD_POSITIVE);
                assertEquals(exact, PhaseBoundTerms.halfUlp(f, v), () -> f.name() + ": ulp(" + v + ")/2");
            }
        }
    }
}
