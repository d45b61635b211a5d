package org.ropebounds.libm;

import java.util.Locale;

/** The library functions of a RoPE pipeline whose accuracy a {@link LibmModel} describes. */
public enum LibmFunction {
    /** pow(b, e) (or exp(e ln b)): the frequencies b^(2i/d) before the reciprocal. */
    POW,
    /** cos of the phase. */
    COS,
    /** sin of the phase. */
    SIN;

    /** The lower-case name: {@code pow}, {@code cos}, {@code sin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
