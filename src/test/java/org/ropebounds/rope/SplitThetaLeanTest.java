package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scans' allocation-free error enclosures (signedErrorLo/Hi, signedErrorInto, errorLo/Hi) against the general
 * {@code signedError} and {@code error}, bit for bit, for positions below and above 2^53 and residuals of both signs.
 */
class SplitThetaLeanTest {

    @Test
    void theLeanEnclosuresAreTheGeneralOnes() {
        SplittableRandom random = new SplittableRandom(3);
        double[] lo = new double[1];
        double[] hi = new double[1];
        for (int n = 0; n < 50_000; n++) {
            double theta0 = Math.scalb(1 + random.nextDouble(), random.nextInt(-40, 1));
            double rest = Math.ulp(theta0) * (random.nextDouble() - 0.5);
            double restLo = rest - Math.ulp(theta0) * random.nextDouble() * 1e-3;
            PhaseScan.SplitTheta t = new PhaseScan.SplitTheta(theta0, restLo, rest);
            long p = n % 10 == 0 ? (1L << 53) + random.nextLong(1L << 40) : random.nextLong(1L << random.nextInt(1, 53));
            double phase = p * theta0 + (random.nextDouble() - 0.5) * Math.scalb(1.0, random.nextInt(-30, 20));
            double[] e = t.signedError(phase, p);
            double[] a = t.error(phase, p);
            assertEquals(Double.doubleToLongBits(a[0]), Double.doubleToLongBits(t.errorLo(phase, p)));
            assertEquals(Double.doubleToLongBits(a[1]), Double.doubleToLongBits(t.errorHi(phase, p)));
            if (p < PhaseScan.EXACT_DOUBLES) {
                t.signedErrorInto(phase, p, lo, hi, 0);
                assertEquals(Double.doubleToLongBits(e[0]), Double.doubleToLongBits(lo[0]));
                assertEquals(Double.doubleToLongBits(e[1]), Double.doubleToLongBits(hi[0]));
                assertEquals(Double.doubleToLongBits(e[0]), Double.doubleToLongBits(t.signedErrorLo(phase, p)));
                assertEquals(Double.doubleToLongBits(e[1]), Double.doubleToLongBits(t.signedErrorHi(phase, p)));
            }
        }
    }
}
