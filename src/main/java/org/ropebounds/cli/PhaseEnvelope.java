package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ropebounds.crosscheck.ErasureEnvelope;
import org.ropebounds.format.FloatValue;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.ModeFacts;
import org.ropebounds.rope.RopeEmulator;

/**
 * {@code phase --libm}: per mode, the facts of the implementations storing the smallest and the largest inv_freq the
 * pow envelope allows. The computed phase RN(fl(p) * inv_freq) is monotone in inv_freq, and so is its error, so
 * these two bound the phase and the error of every implementation in the envelope, and are attained.
 */
final class PhaseEnvelope {
    private PhaseEnvelope() {
    }

    /** Per mode, {lowest, highest}. */
    static List<ModeFacts[]> of(Frequencies freq, RopeEmulator emu, LibmModels libm, Optional<Long> p, int digits) {
        FloatValue[][] ends = ErasureEnvelope.interval(freq, emu, libm);
        RopeEmulator low = ErasureEnvelope.withStored(emu, ends[0]);
        RopeEmulator high = ErasureEnvelope.withStored(emu, ends[1]);
        List<ModeFacts[]> out = new ArrayList<>();
        for (int i = 0; i < emu.modes(); i++) {
            out.add(new ModeFacts[] {ModeFacts.of(low, i, p, digits), ModeFacts.of(high, i, p, digits)});
        }
        return out;
    }

    /** The table with the envelope columns appended. */
    static TextTable table(boolean position) {
        return position
                ? new TextTable(new boolean[] {true, false, false, false, false, false, false, false, false, false},
                    "i", "theta", "stored inv_freq", "stored - theta (ulps)", "phase exact", "phase computed", "error (rad)",
                    "inv_freq envelope", "phase computed envelope", "error envelope (rad)")
                : new TextTable(new boolean[] {true, false, false, false, false, false},
                    "i", "theta", "wavelength", "stored inv_freq", "stored - theta (ulps)", "inv_freq envelope");
    }

    /** Writes the envelope keys of one mode into {@code o}; returns the extra table cells. */
    static String[] put(ObjectNode o, ModeFacts[] r) {
        o.putArray("inv_freq_envelope_hex").add(r[0].stored().toHexString()).add(r[1].stored().toHexString());
        String inv = span(r[0].stored().toHexString(), r[1].stored().toHexString());
        if (r[0].position().isEmpty()) {
            return new String[] {inv};
        }
        FloatValue lo = r[0].phaseComputed().get();
        FloatValue hi = r[1].phaseComputed().get();
        ObjectNode ph = o.putObject("phase_computed_envelope");
        ph.put("low_hex", lo.toHexString());
        ph.put("low_decimal", lo.toDecimalString());
        ph.put("high_hex", hi.toHexString());
        ph.put("high_decimal", hi.toDecimalString());
        ObjectNode er = o.putObject("error_radians_envelope");
        error(er, "low", r[0].phaseError());
        error(er, "high", r[1].phaseError());
        String errors = r[0].phaseError().isPresent() && r[1].phaseError().isPresent()
                ? span(r[0].phaseError().get().text(), r[1].phaseError().get().text()) : "n/a (a phase is not finite)";
        return new String[] {inv, span(lo.toCompactDecimalString(), hi.toCompactDecimalString()), errors};
    }

    /** The row's cells followed by the extra ones. */
    static String[] cells(String[] extra, String... cells) {
        String[] out = java.util.Arrays.copyOf(cells, cells.length + extra.length);
        System.arraycopy(extra, 0, out, cells.length, extra.length);
        return out;
    }

    private static String span(String lo, String hi) {
        return lo.equals(hi) ? lo : lo + " .. " + hi;
    }

    private static void error(ObjectNode o, String key, Optional<CertifiedDecimal> e) {
        if (e.isEmpty()) {
            o.putNull(key);
        } else {
            PhaseCommand.decimal(o, key, e.get());
        }
    }
}
