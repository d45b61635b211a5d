package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.rope.Frequencies;

/** How the phase, erasure and crosscheck commands state which spectrum and attention factor they used. */
final class SpectrumSource {
    /** Certified digits of the printed attention factor. */
    static final int ATTENTION_DIGITS = 12;

    private SpectrumSource() {
    }

    /** {@code spectrum_source}, {@code attention_factor} (certified digits) and {@code attention_factor_guarantee}. */
    static void put(ObjectNode o, Frequencies f) {
        CertifiedDecimal a = f.attentionFactorDecimal(ATTENTION_DIGITS);
        o.put("spectrum_source", f.source());
        o.put("attention_factor", a.text());
        o.put("attention_factor_guarantee", a.guarantee());
    }

    /** The lines a model's output adds (none for plain RoPE, whose output is unchanged), each ending in LF. */
    static String modelLines(Frequencies f) {
        if (f.isPlain()) {
            return "";
        }
        CertifiedDecimal a = f.attentionFactorDecimal(ATTENTION_DIGITS);
        return "spectrum: " + f.source() + "; inv_freq as transformers computes it in fp32 for these settings (pow correctly rounded), then stored in"
                + " each pipeline's inv_freq format\n"
                + "attention factor a = " + a.text() + " (" + a.guarantee() + ")"
                + (f.attentionFactor().isPresent() ? "; cos and sin are multiplied by fl(a) in the trig format, phases are not\n"
                        : "; cos and sin are not scaled\n");
    }
}
