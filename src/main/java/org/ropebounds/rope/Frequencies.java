package org.ropebounds.rope;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Arithmetic;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.RealExpression;
import org.ropebounds.real.Ziv;

/**
 * The frequencies a RoPE implementation rotates by, and where they came from: either plain RoPE
 * (theta_i = b^(-2i/d), inv_freq computed by the pipeline itself) or a model's effective spectrum
 * (theta'_i exact, and inv_freq as the model's reference code computes it), with the attention factor
 * that multiplies cos and sin (YaRN, LongRoPE) when it is not exactly 1. Immutable.
 */
public final class Frequencies {
    private final String source;
    private final Rational base;
    private final int rotaryDim;
    private final Optional<List<FloatValue>> computedInvFreq;
    private final Optional<List<RealExpression>> theta;
    private final Optional<AttentionFactor> attentionFactor;
    private final Optional<PowSteps> powSteps;
    /** theta_i's enclosures and inv_freq's stages, shared by every emulator of this spectrum; created on first use. */
    private volatile SharedSpectrum shared;

    /**
     * How a model's code turns its pow results into inv_freq: the pow stage (base and exponents as {@code powSource}
     * computes them in fp32) and the model's fp32 steps after it. With it a pow allowance can be followed through the
     * scaling: each pow value an implementation may return maps to the inv_freq the model's code then stores.
     */
    public interface PowSteps {
        /** The emulator whose {@link RopeEmulator#pow} stage is the model's (its base, exponents and compute format). */
        RopeEmulator powSource();

        /** inv_freq_i as the model's code computes it from the pow result {@code pow} (a value of the compute format). */
        FloatValue invFreq(int i, FloatValue pow);
    }

    /**
     * The factor a that cos and sin are multiplied by: exactly, and as the implementation holds it before it
     * meets the cos/sin tensor (transformers: a Python double, which the multiplication rounds to the trig format).
     *
     * @param exact a as an exact real
     * @param computed a as computed (any format; converted to the trig format where it is applied)
     */
    public record AttentionFactor(RealExpression exact, FloatValue computed) {
        public AttentionFactor {
            Objects.requireNonNull(exact, "exact");
            if (!computed.isFinite()) {
                throw new InvalidInputException("attention factor " + computed + " is not finite; accepted: a finite value");
            }
        }
    }

    private Frequencies(String source, Rational base, int rotaryDim, Optional<List<FloatValue>> computedInvFreq,
                        Optional<List<RealExpression>> theta, Optional<AttentionFactor> attentionFactor) {
        this.source = source;
        this.base = base;
        this.rotaryDim = rotaryDim;
        this.computedInvFreq = computedInvFreq;
        this.theta = theta;
        this.attentionFactor = attentionFactor;
        this.powSteps = Optional.empty();
    }

    private Frequencies(Frequencies f, PowSteps steps) {
        this.source = f.source;
        this.base = f.base;
        this.rotaryDim = f.rotaryDim;
        this.computedInvFreq = f.computedInvFreq;
        this.theta = f.theta;
        this.attentionFactor = f.attentionFactor;
        this.powSteps = Optional.of(steps);
    }

    /** These frequencies with the model's pow-to-inv_freq steps ({@link PowSteps}); a plain spectrum has its own pow stage. */
    public Frequencies withPowSteps(PowSteps steps) {
        if (isPlain()) {
            throw new IllegalStateException("a plain spectrum's pow stage is the pipeline's own");
        }
        return new Frequencies(this, Objects.requireNonNull(steps, "steps"));
    }

    /** The model's pow-to-inv_freq steps, when known (empty for plain RoPE, whose pipeline computes 1/pow itself). */
    public Optional<PowSteps> powSteps() {
        return powSteps;
    }

    /**
     * Plain RoPE with base b and rotary dimension d; source "plain base B". Not checked here: the emulator
     * ({@link #emulator}) refuses b <= 1 and d outside 2..1024 or odd.
     */
    public static Frequencies plain(Rational base, int rotaryDim) {
        Objects.requireNonNull(base, "base");
        return new Frequencies("plain base " + base.toCompactDecimalStringOrFraction(), base, rotaryDim,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * A model's spectrum.
     *
     * @param source what it is, in one line (e.g. {@code config path: llama3 scaling})
     * @param base the model's rope_theta (the pipeline's exponent stage still uses it)
     * @param rotaryDim the rotated dimensions d
     * @param computedInvFreq inv_freq_i as the model's code computes it (d/2 values, finite), before the
     *        pipeline stores it in its inv_freq format
     * @param theta theta'_i exactly (d/2 expressions)
     * @param attentionFactor the factor on cos and sin; empty when it is exactly 1
     * @throws InvalidInputException unless both lists have d/2 entries and d is even and >= 2
     */
    public static Frequencies scaled(String source, Rational base, int rotaryDim, List<FloatValue> computedInvFreq,
                                     List<RealExpression> theta, Optional<AttentionFactor> attentionFactor) {
        if (rotaryDim < 2 || rotaryDim % 2 != 0 || computedInvFreq.size() != rotaryDim / 2 || theta.size() != rotaryDim / 2) {
            throw new InvalidInputException("a spectrum for rotary dim " + rotaryDim + " needs " + Math.max(0, rotaryDim / 2)
                    + " frequencies, got " + computedInvFreq.size() + " computed and " + theta.size() + " exact; accepted: an even d >= 2");
        }
        return new Frequencies(Objects.requireNonNull(source, "source"), Objects.requireNonNull(base, "base"), rotaryDim,
                Optional.of(List.copyOf(computedInvFreq)), Optional.of(List.copyOf(theta)), attentionFactor);
    }

    /** One line saying where the frequencies come from: {@code plain base 500000}, {@code config FILE: llama3 scaling}. */
    public String source() {
        return source;
    }

    /** The base b (rope_theta). */
    public Rational base() {
        return base;
    }

    /** The rotary dimension d. */
    public int rotaryDim() {
        return rotaryDim;
    }

    /** Whether these are plain RoPE's frequencies (the pipeline computes inv_freq itself). */
    public boolean isPlain() {
        return theta.isEmpty();
    }

    /** The attention factor on cos and sin; empty when it is exactly 1. */
    public Optional<AttentionFactor> attentionFactor() {
        return attentionFactor;
    }

    /**
     * The attention factor to {@code digits} certified digits ({@link Ziv#decimal}): exactly 1 when there is none.
     *
     * @throws IllegalArgumentException unless digits is within 1..{@value Ziv#MAX_DIGITS}
     */
    public CertifiedDecimal attentionFactorDecimal(int digits) {
        RealExpression a = attentionFactor.map(AttentionFactor::exact).orElse(new RealExpression() {
            @Override
            public <T> T evaluate(Arithmetic<T> ar) {
                return ar.of(1);
            }
        });
        return Ziv.decimal(digits, a::enclose);
    }

    /**
     * The emulator of {@code pipeline} with these frequencies: for a model, its computed inv_freq stored in the
     * pipeline's inv_freq format (the pipeline's inv_freq computation format becomes the one the model's code
     * computed in, e.g. fp32, so {@link Pipeline#describe()} says {@code inv_freq fp32 -> bf16}), its theta'_i as
     * the exact frequencies, and its attention factor applied after cos and sin in the trig format.
     *
     * @throws InvalidInputException unless b > 1 and d is even with 2 <= d <= 1024
     */
    public RopeEmulator emulator(Pipeline pipeline) {
        pipeline = effective(pipeline);
        SharedSpectrum common = shared();
        // a model's emulator keeps the plain stages (its pipeline's compute format) but measures against its own theta'
        RopeEmulator plain = new RopeEmulator(base, rotaryDim, pipeline, Optional.of(common));
        RopeEmulator out = theta.isPresent()
                ? plain.withFrequencies(computedInvFreq.get().toArray(FloatValue[]::new), theta.get().toArray(RealExpression[]::new),
                        common.scaledThetas())
                : plain;
        return attentionFactor.map(out::withAttentionFactor).orElse(out);
    }

    /**
     * {@link #emulator} of each pipeline, in order: the same emulators, built on up to two threads, one task per inv_freq
     * computation format: the stage of that format (a correctly rounded pow per mode), then the emulators of the pipelines
     * computing in it. The tasks are handed out widest format first (its pow costs the most), so that the two threads
     * finish together; the order changes only when each emulator is built, not what it is. The theta_i at 160 bits that
     * the analyses of every emulator read are computed here too, once, on the two threads; for plain RoPE first, so that
     * the stages take from them each pow that is 1/theta_i (b and e_i exact in the format: fp32 and fp64 for an integer
     * base below 2^24; {@link RopeEmulator#powFromTheta}, the same values).
     *
     * @throws InvalidInputException as {@link #emulator} does (for the first pipeline, as every one is refused alike)
     */
    public List<RopeEmulator> emulators(List<Pipeline> pipelines) {
        if (pipelines.isEmpty()) {
            return List.of();
        }
        RopeEmulator.checkSpectrum(base, rotaryDim);
        SharedSpectrum common = shared();
        if (isPlain()) {
            // even and odd modes on the two threads; each entry is then a look-up for every emulator of this spectrum
            PipelineAnalyses.run(thetaTasks(i -> common.thetas().split(i, RopeEmulator.plainTheta(base, rotaryDim, i))));
        }
        java.util.Map<Format, List<Integer>> byFormat = new java.util.LinkedHashMap<>();
        for (int k = 0; k < pipelines.size(); k++) {
            byFormat.computeIfAbsent(effective(pipelines.get(k)).invFreqCompute(), f -> new java.util.ArrayList<>()).add(k);
        }
        List<Format> widestFirst = new java.util.ArrayList<>(byFormat.keySet());
        widestFirst.sort(java.util.Comparator.comparingInt(Format::precision).reversed()); // stable: ties keep their order
        RopeEmulator[] built = new RopeEmulator[pipelines.size()];
        List<java.util.concurrent.Callable<Object>> tasks = new java.util.ArrayList<>();
        for (Format f : widestFirst) {
            tasks.add(() -> {
                if (isPlain()) {
                    RopeEmulator.stageFromThetas(common, base, rotaryDim, f);
                } else {
                    RopeEmulator.stage(common, base, rotaryDim, f);
                }
                for (int k : byFormat.get(f)) {
                    built[k] = emulator(pipelines.get(k)); // each task writes its own slots; run's Future.get publishes them
                }
                return f;
            });
        }
        PipelineAnalyses.run(tasks);
        if (!isPlain()) {
            // a model's theta'_i, computed here once on the two threads: left to the analyses, the first two (on two
            // threads) would compute the same ones at once
            PipelineAnalyses.run(thetaTasks(i -> {
                for (RopeEmulator e : built) {
                    e.splitTheta(i); // kept in the table the emulator shares; a repeated table costs a look-up
                }
            }));
        }
        return List.of(built);
    }

    /** Two tasks that run {@code mode} on the even and on the odd modes of this spectrum. */
    private List<java.util.concurrent.Callable<Object>> thetaTasks(java.util.function.IntConsumer mode) {
        List<java.util.concurrent.Callable<Object>> tasks = new java.util.ArrayList<>();
        int modes = Math.max(1, rotaryDim / 2);
        for (int parity = 0; parity < 2; parity++) {
            int first = parity;
            tasks.add(() -> {
                for (int i = first; i < modes; i += 2) {
                    mode.accept(i);
                }
                return first;
            });
        }
        return tasks;
    }

    /** The pipeline as this spectrum's emulators run it: for a model, inv_freq computed in the format its code computed in. */
    private Pipeline effective(Pipeline pipeline) {
        if (computedInvFreq.isEmpty()) {
            return pipeline;
        }
        // the stages say where inv_freq was computed: "inv_freq fp32 -> bf16" for bf16-all with a model
        Format computed = computedInvFreq.get().get(0).format();
        return new Pipeline(pipeline.name(), computed, pipeline.invFreq(), pipeline.position(), pipeline.phase(), pipeline.trig(),
                pipeline.output());
    }

    /** The table every emulator of this spectrum shares, made once (thread-safe). */
    private SharedSpectrum shared() {
        SharedSpectrum common = shared;
        if (common == null) {
            synchronized (this) {
                common = shared;
                if (common == null) {
                    common = new SharedSpectrum(Math.max(1, rotaryDim / 2));
                    shared = common;
                }
            }
        }
        return common;
    }

    @Override
    public String toString() {
        return source;
    }
}
