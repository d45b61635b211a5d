package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.ModeFacts;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RelativePhaseError;
import org.ropebounds.rope.RopeEmulator;
import org.ropebounds.real.CertifiedDecimal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ropebounds phase}: the spectrum, as exact values and as a pipeline stores and computes it. */
@Command(name = "phase", mixinStandardHelpOptions = true, header = "Per mode: theta_i exact and as a pipeline computes it, with phase errors at a position.", versionProvider = RopeBoundsCommand.Version.class,
        description = {"Per mode i: theta_i = b^(-2i/d) and its wavelength (certified), inv_freq_i as the pipeline stores it",
            "and its error in ulps, and, at a position, the exact phase p*theta_i, the computed one, and the error."},
        footer = {"", "Example: ropebounds phase --base 500000 --head-dim 128 --position 131071 --pipeline hf"})
final class PhaseCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    RopeOptions rope;

    @Mixin
    LibmModelOptions libmOptions;

    @Option(names = {"-P", "--position"}, paramLabel = "P", description = "A position, an integer 0 <= p <= 2^62 (131071, 2^17, 128k etc. accepted).")
    String position;

    /** Most --digits accepted: 64 modes with their phases then take seconds, not minutes. */
    static final int MAX_DIGITS = 1000;

    @Option(names = "--digits", paramLabel = "N", defaultValue = "12",
            description = "Significant digits of certified values, 1.." + MAX_DIGITS + " (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = {"-R", "--distance"}, paramLabel = "R",
            description = "With --position: also the relative-position error e_i(P, R) = phase_i(P) - phase_i(P-R) - R*theta_i, 1 <= R <= P.")
    String distance;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Converters.checkDigits(digits, MAX_DIGITS);
        Optional<Long> p = Optional.ofNullable(position).map(Positions::parse);
        Frequencies freq = rope.input().frequencies();
        long dist = RelativeOutput.distance("--distance", distance, 0);
        if (distance != null && (p.isEmpty() || dist < 1 || dist > p.get())) {
            throw new org.ropebounds.InvalidInputException(p.isEmpty() ? "--distance needs --position"
                    : "--distance " + dist + " is out of range; accepted: 1 <= R <= P = " + p.get());
        }
        List<Pipeline> pipelines = rope.resolve(List.of("hf"));
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode json = Json.object();
        json.put("base", Json.exact(freq.base()));
        json.put("head_dim", freq.rotaryDim());
        SpectrumSource.put(json, freq);
        p.ifPresentOrElse(v -> Json.putInteger(json, "position", v), () -> json.putNull("position"));
        json.put("digits", digits);
        Optional<LibmModels> libm = libmOptions.models();
        json.put("model", "every operation rounds to nearest-even in its stage's format; pow, cos and sin are correctly rounded"
                + (libm.isPresent() ? " (the stored and computed values); the _envelope keys range over the libm models" : ""));
        libm.ifPresent(m -> ErasureEnvelopeOutput.putLibm(json, m));
        ArrayNode results = json.putArray("results");
        StringBuilder text = new StringBuilder();
        if (freq.isPlain()) {
            text.append("RoPE spectrum for b = ").append(freq.base().toCompactDecimalStringOrFraction()).append(", d = ").append(freq.rotaryDim())
                    .append(p.map(v -> ", position " + v).orElse("")).append('\n');
            text.append("theta_i = b^(-2i/d); certified values correctly rounded to ").append(digits)
                    .append(" digits; stored and computed values exact.\n");
        } else {
            text.append("RoPE spectrum for ").append(freq.source()).append(p.map(v -> ", position " + v).orElse("")).append('\n');
            text.append("theta = theta'_i, the model's effective spectrum; certified values correctly rounded to ").append(digits)
                    .append(" digits; stored and computed values exact.\n");
            text.append(SpectrumSource.modelLines(freq));
        }
        text.append("The emulation rounds each operation to nearest-even in its stage's format; pow, cos, sin are modelled as correctly rounded.\n");
        libm.ifPresent(m -> text.append("libm: ").append(m.describe()).append("; the envelope columns range over every inv_freq such a pow can store")
                .append(" (phases are monotone in it; cos and sin models do not move phases).\n"));
        for (Pipeline pl : pipelines) {
            RopeEmulator emu = freq.emulator(pl);
            ObjectNode r = results.addObject();
            r.put("pipeline", pl.name());
            r.put("stages", emu.pipeline().describe());
            ArrayNode modes = r.putArray("modes");
            text.append('\n').append(emu.pipeline().describe()).append('\n');
            TextTable t = p.isPresent()
                    ? new TextTable(new boolean[] {true, false, false, false, false, false, false},
                        "i", "theta", "stored inv_freq", "stored - theta (ulps)", "phase exact", "phase computed", "error (rad)")
                    : new TextTable(new boolean[] {true, false, false, false, false},
                        "i", "theta", "wavelength", "stored inv_freq", "stored - theta (ulps)");
            TextTable relative = RelativeOutput.phaseTable();
            List<ModeFacts[]> ranges = libm.isPresent() ? PhaseEnvelope.of(freq, emu, libm.get(), p, digits) : List.of();
            if (libm.isPresent()) {
                t = PhaseEnvelope.table(p.isPresent());
            }
            for (int i = 0; i < emu.modes(); i++) {
                ModeFacts m = ModeFacts.of(emu, i, p, digits);
                String[] extra = libm.isPresent() ? PhaseEnvelope.put(modes.addObject(), ranges.get(i)) : new String[0];
                ObjectNode o = libm.isPresent() ? (ObjectNode) modes.get(i) : modes.addObject();
                o.put("i", i);
                decimal(o, "theta", m.theta());
                decimal(o, "wavelength", m.wavelength());
                o.put("theta_stored_hex", m.stored().toHexString());
                o.put("theta_stored_decimal", m.stored().toDecimalString());
                m.storedErrorUlps().ifPresentOrElse(x -> decimal(o, "theta_stored_error_ulps", x), () -> o.putNull("theta_stored_error_ulps"));
                m.phaseExact().ifPresent(x -> decimal(o, "phase_exact", x));
                m.phaseComputed().ifPresent(x -> {
                    o.put("phase_computed_hex", x.toHexString());
                    o.put("phase_computed_decimal", x.toDecimalString());
                });
                if (p.isPresent()) {
                    m.phaseError().ifPresentOrElse(x -> decimal(o, "error_radians", x), () -> o.putNull("error_radians"));
                    m.phaseUlp().ifPresent(u -> o.put("phase_ulp_hex", u.toHexString()));
                    t.add(PhaseEnvelope.cells(extra, Integer.toString(i), m.theta().text(), m.stored().toHexString(), storedErrorText(m),
                            m.phaseExact().get().text(), m.phaseComputed().get().toCompactDecimalString(),
                            m.phaseError().map(CertifiedDecimal::text).orElse("n/a")));
                } else {
                    t.add(PhaseEnvelope.cells(extra, Integer.toString(i), m.theta().text(), m.wavelength().text(), m.stored().toHexString(),
                            storedErrorText(m)));
                }
                if (distance != null) {
                    RelativePhaseError e = RelativePhaseError.of(emu, i, p.get(), dist, digits);
                    RelativeOutput.putPhase(o, e);
                    RelativeOutput.phaseRow(relative, e);
                }
            }
            if (!common.json) {
                out.print(text);
                text.setLength(0);
                t.print(out);
                if (distance != null) {
                    out.print("\nRelative-position error at P = " + p.get() + ", R = " + dist + ": " + RelativeOutput.DEFINITION + "\n");
                    relative.print(out);
                }
            }
        }
        if (common.json) {
            Json.print(out, json);
        }
        return Main.EXIT_OK;
    }

    /** The stored value's error in ulps, or the stored value itself when it is not finite. */
    private static String storedErrorText(ModeFacts m) {
        return m.storedErrorUlps().map(CertifiedDecimal::text).orElse(m.stored().toHexString());
    }

    static void decimal(ObjectNode o, String key, CertifiedDecimal d) {
        if (d.digits() == 0 && !d.exact()) {
            o.putNull(key);
        } else {
            o.put(key, d.text());
        }
    }
}
