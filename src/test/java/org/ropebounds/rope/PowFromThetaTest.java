package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * The inv_freq stage's pow taken from the theta_i enclosures ({@link RopeEmulator#powFromTheta}, used by
 * {@link Frequencies#emulators} for plain RoPE): against MPFR's correctly rounded b^(2i/d) in fp64 and fp32
 * (src/test/python/gen_pow_fixtures.py), the shortcut itself deciding every row from the 160-bit enclosures, and the
 * stages of bases the formats do not hold exactly (no shortcut) equal to an emulator's own.
 */
class PowFromThetaTest {
    private static final Format[] FORMATS = {Format.FP64, Format.FP32};

    private static List<Pipeline> fp64AndFp32() {
        return List.of(Pipeline.uniform("fp64", Format.FP64), Pipeline.uniform("fp32", Format.FP32), Pipeline.preset("hf", Format.BF16));
    }

    @Test
    void emulatorsPowsAreMpfrsCorrectlyRoundedOnes() throws IOException {
        Map<String, List<RopeEmulator>> built = new HashMap<>();
        int rows = 0;
        for (String[] r : org.ropebounds.Fixtures.rows("rope/pow-correctly-rounded.csv")) {
            List<RopeEmulator> ropes = built.computeIfAbsent(r[0] + "/" + r[1],
                    k -> Frequencies.plain(Rational.parse(r[0]), Integer.parseInt(r[1])).emulators(fp64AndFp32()));
            int i = Integer.parseInt(r[2]);
            String where = "b = " + r[0] + ", d = " + r[1] + ", mode " + i;
            assertEquals(Rational.parse(r[3]), ropes.get(0).pow(i).value().toRational(), where + " fp64");
            assertEquals(Rational.parse(r[4]), ropes.get(1).pow(i).value().toRational(), where + " fp32");
            assertEquals(Rational.parse(r[4]), ropes.get(2).pow(i).value().toRational(), where + " hf (fp32)");
            rows++;
        }
        assertTrue(rows > 1000, "rows " + rows);
    }

    /** The shortcut alone decides each fixture row (so the rows above test it, not Ieee.pow behind it). */
    @Test
    void theShortcutDecidesEveryRowFromTheEnclosures() throws IOException {
        Map<String, ThetaEnclosures> tables = new HashMap<>();
        int rows = 0;
        for (String[] r : org.ropebounds.Fixtures.rows("rope/pow-correctly-rounded.csv")) {
            Rational base = Rational.parse(r[0]);
            int d = Integer.parseInt(r[1]);
            int i = Integer.parseInt(r[2]);
            ThetaEnclosures table = tables.computeIfAbsent(r[0] + "/" + r[1], k -> new ThetaEnclosures(d / 2));
            Enclosure theta = table.get(i, RopeEmulator.plainTheta(base, d, i));
            for (int f = 0; f < FORMATS.length; f++) {
                Optional<FloatValue> pow = RopeEmulator.powFromTheta(theta, FORMATS[f]);
                assertTrue(pow.isPresent(), "undecided: b = " + r[0] + ", d = " + d + ", mode " + i + " in " + FORMATS[f].name());
                assertEquals(Rational.parse(r[3 + f]), pow.get().value().toRational(), r[0] + "/" + d + " mode " + i + " " + FORMATS[f].name());
            }
            rows++;
        }
        assertTrue(rows > 1000, "rows " + rows);
    }

    /** An enclosure too wide to decide the rounding, or not positive, gives no value (the caller falls back to Ieee.pow). */
    @Test
    void undecidedOrNonPositiveEnclosuresGiveNothing() {
        // [1/2, 1]: 1/theta in [1, 2], which rounds to 1 at one end and 2 at the other in every format
        assertEquals(Optional.empty(), RopeEmulator.powFromTheta(Enclosure.of(Rational.parse("0.5"), Rational.ONE), Format.FP64));
        assertEquals(Optional.empty(), RopeEmulator.powFromTheta(Enclosure.of(Rational.ZERO, Rational.ONE), Format.FP32));
        // an exact theta = 1/10: pow = RN(10) = 10 in fp32 (decided: both ends are 10)
        assertEquals(Rational.of(10), RopeEmulator.powFromTheta(Enclosure.exact(Rational.parse("0.1")), Format.FP32).get().value().toRational());
    }

    /**
     * Bases that fp32 or fp64 round, and a d whose exponents 2i/d are not binary fractions (d = 96: i/48), where b'^e_i
     * is not 1/theta_i and the shortcut must not apply: the stages equal an emulator's own.
     */
    @Test
    void inexactBasesAndExponentsKeepTheirOwnPow() {
        String[][] cases = {{"500000.1", "16"}, {"16777217", "16"}, {"123456789.123", "16"}, {"500000", "96"}, {"10000", "24"}};
        for (String[] c : cases) {
            String b = c[0];
            int d = Integer.parseInt(c[1]);
            List<RopeEmulator> together = Frequencies.plain(Rational.parse(b), d).emulators(fp64AndFp32());
            for (int k = 0; k < together.size(); k++) {
                RopeEmulator alone = new RopeEmulator(Rational.parse(b), d, fp64AndFp32().get(k));
                for (int i = 0; i < alone.modes(); i++) {
                    assertEquals(alone.pow(i), together.get(k).pow(i), b + "/" + d + " " + alone.pipeline().name() + " mode " + i);
                }
            }
        }
    }
}
