package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.Enclosure;
import org.ropebounds.real.EnclosureArithmetic;
import org.ropebounds.real.RealExpression;

/**
 * {@link Frequencies#emulators} computes the theta_i enclosures the analyses read (160 bits) once, on two threads, before
 * returning: each one is the enclosure a fresh evaluation of b^(-2i/d) at 160 bits gives (written here from the
 * definition, not through the emulator), it contains the exact theta_i (checked by exact rational powers where
 * theta_i is rational: b = 2^16, d = 64 gives theta_i = 2^(-i)), and the emulators of one spectrum share it (one
 * object, computed once).
 */
class EmulatorThetasPrecomputedTest {

    private static Enclosure fresh(Rational base, int d, int i) {
        Rational shape = Rational.of(BigInteger.valueOf(-2L * i), BigInteger.valueOf(d));
        return new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> a) {
                return a.pow(a.of(base), a.of(shape));
            }
        }.enclose(new EnclosureArithmetic(ThetaEnclosures.BITS));
    }

    @Test
    void thetasAreTheFreshEnclosuresSharedByEveryEmulator() {
        List<Pipeline> pls = WindowShortcutsTest.pipelines();
        for (String b : List.of("500000", "65536", "123456.5")) {
            Rational base = Rational.parse(b);
            List<RopeEmulator> ropes = Frequencies.plain(base, 64).emulators(pls);
            for (int i = 0; i < 32; i++) {
                Enclosure e = ropes.get(0).thetaEnclosure(i);
                Enclosure f = fresh(base, 64, i);
                assertEquals(f.lo(), e.lo(), b + " mode " + i);
                assertEquals(f.hi(), e.hi(), b + " mode " + i);
                for (RopeEmulator r : ropes) {
                    assertSame(e, r.thetaEnclosure(i), r.pipeline().name() + " mode " + i);
                    assertSame(ropes.get(0).splitTheta(i), r.splitTheta(i), r.pipeline().name() + " mode " + i);
                }
                if (b.equals("65536")) { // 65536^(-2i/64) = 2^(-i/2): exact for even i, 2^-(i/2)
                    if (i % 2 == 0) {
                        Rational exact = Rational.of(BigInteger.ONE, BigInteger.ONE.shiftLeft(i / 2));
                        assertTrue(e.lo().compareTo(exact) <= 0 && exact.compareTo(e.hi()) <= 0, "mode " + i);
                    }
                }
            }
        }
    }
}
