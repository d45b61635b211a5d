package org.ropebounds.rope;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;

/**
 * What the emulators of one spectrum (one base b and rotary dimension d, one per pipeline) have in common: the
 * theta_i enclosures (plain RoPE's, and a model's theta'_i in a table of their own), and per inv_freq computation format the computed e_i, pow_i and 1/pow_i (before they are stored
 * in the pipeline's inv_freq format), which depend on b, d and that format alone; e.g. hf, hf-bf16-inv-freq and fp32
 * compute the same fp32 values. Each entry is computed once, on first use; thread-safe.
 */
final class SharedSpectrum {
    /**
     * e_i = fl(fl(2i) / fl(d)), pow_i = fl(fl(b)^e_i) and fl(1 / pow_i), all in one format; the arrays are never written
     * after construction.
     */
    record InvFreqStage(FloatValue[] exponent, FloatValue[] pow, FloatValue[] quotient) {
    }

    private final ThetaEnclosures thetas;
    private final ThetaEnclosures scaledThetas;
    private final ConcurrentHashMap<Format, InvFreqStage> stages = new ConcurrentHashMap<>();

    SharedSpectrum(int modes) {
        this.thetas = new ThetaEnclosures(modes);
        this.scaledThetas = new ThetaEnclosures(modes);
    }

    /** The table of plain RoPE's theta_i = b^(-2i/d). */
    ThetaEnclosures thetas() {
        return thetas;
    }

    /** A second table, for a model's theta'_i (the emulators {@link RopeEmulator#withFrequencies} makes of this spectrum). */
    ThetaEnclosures scaledThetas() {
        return scaledThetas;
    }

    /** The stage computed in {@code format}, by {@code compute} the first time. */
    InvFreqStage stage(Format format, Function<Format, InvFreqStage> compute) {
        return stages.computeIfAbsent(format, compute);
    }
}
