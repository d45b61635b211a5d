package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * {@link Frequencies#emulators}, which computes the inv_freq stages of several pipelines on two threads before building
 * their emulators: the same values, mode by mode, as an emulator that computes its own stages (no sharing), one shared table (so equal phases are still recognised), and the same refusals.
 */
class FrequenciesEmulatorsTest {

    private static List<Pipeline> pipelines() {
        return WindowShortcutsTest.pipelines();
    }

    @Test
    void theSameEmulatorsAsOneAtATime() {
        for (String base : List.of("500000", "10000", "123456.5")) {
            List<Pipeline> pls = pipelines();
            List<RopeEmulator> together = Frequencies.plain(Rational.parse(base), 64).emulators(pls);
            assertEquals(pls.size(), together.size());
            for (int k = 0; k < pls.size(); k++) {
                RopeEmulator a = together.get(k);
                RopeEmulator b = new RopeEmulator(Rational.parse(base), 64, pls.get(k)); // computes its own stages
                assertEquals(pls.get(k), a.pipeline());
                for (int i = 0; i < a.modes(); i++) {
                    String where = pls.get(k).name() + " b = " + base + " mode " + i;
                    assertEquals(b.exponent(i), a.exponent(i), where);
                    assertEquals(b.pow(i), a.pow(i), where);
                    assertEquals(b.invFreq(i), a.invFreq(i), where);
                    assertEquals(b.invFreqInPhase(i), a.invFreqInPhase(i), where);
                }
            }
            // hf and fp32 compute the same phases, and are recognised as such: one table of theta_i
            RopeEmulator hf = together.get(pls.indexOf(Pipeline.preset("hf", Format.BF16)));
            RopeEmulator fp32 = together.get(pls.indexOf(Pipeline.uniform("fp32", Format.FP32)));
            assertTrue(hf.samePhases(fp32), base);
        }
    }

    @Test
    void refusesWhatTheEmulatorRefuses() {
        List<Pipeline> pls = pipelines();
        String one = assertThrows(InvalidInputException.class, () -> Frequencies.plain(Rational.ONE, 64).emulator(pls.get(0))).getMessage();
        assertEquals(one, assertThrows(InvalidInputException.class, () -> Frequencies.plain(Rational.ONE, 64).emulators(pls)).getMessage());
        assertEquals("base 1 is out of range; accepted: b > 1", one);
        String odd = assertThrows(InvalidInputException.class, () -> Frequencies.plain(Rational.of(10000), 7).emulators(pls)).getMessage();
        assertEquals("head dim 7 is not accepted; need an even d with 2 <= d <= 1024", odd);
        assertEquals(List.of(), Frequencies.plain(Rational.of(10000), 8).emulators(List.of()));
    }
}
