package org.ropebounds.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * PhaseCos against mpmath at 200 bits ({@code fixtures/decay/phase_cos.txt}, src/test/python/gen_decay_ceiling_fixtures.py):
 * its lower and upper bounds must enclose cos x and lie within 2^-45 of it ({@code proofs/decay-bound.md} section 15).
 */
class PhaseCosTest {

    @Test
    void boundsEncloseCosWithinTheirError() throws IOException {
        int count = 0;
        BigDecimal slack = new BigDecimal(PhaseCos.ERROR).add(new BigDecimal(0x1p-52));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PhaseCosTest.class.getResourceAsStream("/fixtures/decay/phase_cos.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                double x = Double.parseDouble(f[0]);
                BigDecimal cos = new BigDecimal(f[1]);
                BigDecimal down = new BigDecimal(PhaseCos.down(x));
                BigDecimal up = new BigDecimal(PhaseCos.up(x));
                assertTrue(down.compareTo(cos) <= 0, line + ": lower bound " + down);
                assertTrue(up.compareTo(cos) >= 0, line + ": upper bound " + up);
                // within the error (plus the clamping to [-1, 1] and the final rounding) of cos x on both sides
                assertTrue(cos.subtract(down).compareTo(slack) <= 0 && up.subtract(cos).compareTo(slack) <= 0, line);
                count++;
            }
        }
        assertEquals(2736, count);
    }

    @Test
    void aboveTheLimitTheBoundsAreTrivial() {
        assertEquals(-1, PhaseCos.down(Math.nextUp(PhaseCos.LIMIT)));
        assertEquals(1, PhaseCos.up(1e300));
    }

    @Test
    void theApproximationIsCloseWhereCosIsKnownExactly() {
        // cos 0 = 1; cos(pi/3) = 1/2 with pi/3 between the doubles around Math.PI/3 (|cos'| <= 1)
        assertEquals(1, PhaseCos.approx(0), 0x1p-50);
        assertEquals(0.5, PhaseCos.approx(Math.PI / 3), 0x1p-50);
        assertEquals(-1, PhaseCos.approx(Math.PI), 0x1p-50);
    }
}
