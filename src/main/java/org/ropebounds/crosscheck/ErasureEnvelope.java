package org.ropebounds.crosscheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.libm.LibmModel;
import org.ropebounds.libm.LibmModels;
import org.ropebounds.rope.ErasureAnalysis;
import org.ropebounds.rope.ErasureReport;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.Horizon;
import org.ropebounds.rope.PhaseErrorBound;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * Horizons and phase errors of a pipeline over every implementation its libm allowances admit, by enumeration
 * (proofs/collision-horizons.md, "Ranges over a libm envelope"). Only pow moves them: positions, the phase
 * product and the casts are correctly rounded, so an implementation is fixed, for phases, by the inv_freq value
 * it stores in each mode, one of the finitely many values of the inv_freq format in
 * [{@link PipelineEnvelope#invFreqLow}, {@link PipelineEnvelope#invFreqHigh}]. Each candidate is analysed by
 * {@link ErasureAnalysis} on the emulator storing it; modes are independent, so the ranges are exact.
 * cos and sin models change only output values: they do not enter. Immutable.
 *
 * @param implementation the analysis of the correctly rounded implementation (position and output-collision
 *     horizons, relative errors and stages are its)
 * @param libm the models
 * @param modes per mode, in order of i
 * @param collision the pipeline's collision horizon over the envelope
 * @param phaseErrorHorizon the pipeline's phase-error horizon over the envelope
 * @param maxPhaseError the pipeline's largest phase error over the envelope
 */
public record ErasureEnvelope(ErasureReport implementation, LibmModels libm, List<ModeRange> modes, HorizonRange collision,
                              HorizonRange phaseErrorHorizon, ErrorRange maxPhaseError) {
    /** Most inv_freq values one mode may have in the envelope: faithful has 2 or 3, ulps:K about 2K + 1. */
    public static final int MAX_CANDIDATES = 64;

    public ErasureEnvelope {
        Objects.requireNonNull(implementation);
        modes = List.copyOf(modes);
    }

    /**
     * Where a horizon lies over the envelope: {@code earliest} is the first failure of the implementation that
     * fails first (a failure is possible from there), {@code latest} that of the implementation that fails last
     * (every implementation has failed by then; {@link Horizon.None} when some implementation does not fail
     * within the context). A bracketed end is a bracket holding that extreme.
     */
    public record HorizonRange(Horizon earliest, Horizon latest) {
        public HorizonRange {
            Objects.requireNonNull(earliest);
            Objects.requireNonNull(latest);
        }

        /** Whether every implementation has the same horizon. */
        public boolean isPoint() {
            return earliest.equals(latest);
        }

        static HorizonRange point(Horizon h) {
            return new HorizonRange(h, h);
        }

        HorizonRange join(Horizon h) {
            return new HorizonRange(earlier(earliest, h), later(latest, h));
        }

        /** The range of the minimum of independent choices, one from this range and one from {@code o}. */
        HorizonRange earlierOf(HorizonRange o) {
            return new HorizonRange(earlier(earliest, o.earliest), earlier(latest, o.latest));
        }
    }

    /** The smallest and the largest maximum phase error over the envelope (enclosures; unbounded as the bound says). */
    public record ErrorRange(PhaseErrorBound least, PhaseErrorBound most) {
        public ErrorRange {
            Objects.requireNonNull(least);
            Objects.requireNonNull(most);
        }

        static ErrorRange point(PhaseErrorBound b) {
            return new ErrorRange(b, b);
        }

        ErrorRange join(PhaseErrorBound b) {
            return new ErrorRange(min(least, b), most.max(b));
        }

        /** The range of the maximum of independent choices. */
        ErrorRange largerOf(ErrorRange o) {
            return new ErrorRange(least.max(o.least), most.max(o.most));
        }
    }

    /**
     * One mode over the envelope.
     *
     * @param i the mode
     * @param candidates every inv_freq value an implementation can store, ascending, in the inv_freq format
     * @param collision its collision horizon's range
     * @param phaseErrorHorizon its phase-error horizon's range
     * @param maxPhaseError its largest phase error's range
     */
    public record ModeRange(int i, List<FloatValue> candidates, HorizonRange collision, HorizonRange phaseErrorHorizon,
                            ErrorRange maxPhaseError) {
        public ModeRange {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * The ranges of {@code pipeline}'s horizons under {@code libm} over positions 0 .. L-1.
     *
     * @throws InvalidInputException as {@link ErasureAnalysis#analyse} does; as {@link PipelineEnvelope#modelInvFreqInterval}
     *     does for a scaled spectrum; and when a mode has more than {@value #MAX_CANDIDATES} candidate inv_freq values
     *     (an unbounded pow model has infinitely many)
     */
    public static ErasureEnvelope analyse(Frequencies freq, Pipeline pipeline, LibmModels libm, long context, Rational delta) {
        RopeEmulator rope = freq.emulator(pipeline);
        ErasureReport correct = ErasureAnalysis.analyse(rope, context, delta);
        List<List<FloatValue>> cands = candidates(freq, rope, libm);
        int most = cands.stream().mapToInt(List::size).max().orElse(1);
        List<List<ErasureReport.Mode>> perMode = new ArrayList<>();
        for (int i = 0; i < rope.modes(); i++) {
            perMode.add(new ArrayList<>());
        }
        for (int k = 0; k < most; k++) {
            boolean stored = true; // the correctly rounded implementation's choice: its analysis is at hand
            for (int i = 0; i < rope.modes(); i++) {
                List<FloatValue> c = cands.get(i);
                stored &= c.get(Math.min(k, c.size() - 1)).equals(rope.invFreq(i));
            }
            ErasureReport r = stored ? correct : ErasureAnalysis.analyse(withChoice(rope, cands, k), context, delta);
            for (int i = 0; i < rope.modes(); i++) {
                if (k < cands.get(i).size()) {
                    perMode.get(i).add(r.modes().get(i));
                }
            }
        }
        List<ModeRange> modes = new ArrayList<>();
        HorizonRange collision = null;
        HorizonRange phase = null;
        ErrorRange max = null;
        for (int i = 0; i < rope.modes(); i++) {
            List<ErasureReport.Mode> ms = perMode.get(i);
            HorizonRange c = HorizonRange.point(ms.get(0).collision());
            HorizonRange h = HorizonRange.point(ms.get(0).phaseErrorHorizon());
            ErrorRange e = ErrorRange.point(ms.get(0).maxPhaseError());
            for (ErasureReport.Mode m : ms.subList(1, ms.size())) {
                c = c.join(m.collision());
                h = h.join(m.phaseErrorHorizon());
                e = e.join(m.maxPhaseError());
            }
            modes.add(new ModeRange(i, cands.get(i), c, h, e));
            collision = collision == null ? c : collision.earlierOf(c);
            phase = phase == null ? h : phase.earlierOf(h);
            max = max == null ? e : max.largerOf(e);
        }
        return new ErasureEnvelope(correct, libm, modes, collision, phase, max);
    }

    /**
     * The inv_freq values mode i can store under {@code libm}, per mode and ascending: the values of the inv_freq
     * format in the pow envelope's interval (the emulator's own value alone for a correct pow; NaN alone where the
     * envelope and the correct pipeline both give only NaN).
     *
     * @throws InvalidInputException as {@link #analyse} says
     */
    public static List<List<FloatValue>> candidates(Frequencies freq, RopeEmulator rope, LibmModels libm) {
        FloatValue[][] ends = interval(freq, rope, libm);
        List<List<FloatValue>> out = new ArrayList<>();
        for (int i = 0; i < rope.modes(); i++) {
            List<FloatValue> c = new ArrayList<>();
            FloatValue hi = ends[1][i];
            if (ends[0][i].isNaN() && hi.isNaN() && rope.invFreq(i).isNaN()) {
                // the envelope's only value is NaN (a NaN input, such as a base beyond the format's range: pow(NaN, y) = NaN
                // for y != 0 in every C99 libm), and the correct pipeline stores it too: one candidate, analysed as it is
                out.add(List.of(hi));
                continue;
            }
            for (FloatValue v = ends[0][i]; hi.isFinite() && v.isFinite() && v.value().compareTo(hi.value()) <= 0; v = v.nextUp()) {
                if (c.size() == MAX_CANDIDATES) {
                    break;
                }
                c.add(v);
            }
            if (!hi.isFinite() || c.isEmpty() || c.get(c.size() - 1).value().compareTo(hi.value()) < 0) {
                throw new InvalidInputException("pow model " + libm.pow().label() + " lets mode " + i + " store "
                        + (hi.isFinite() && ends[0][i].isFinite() ? "more than " + MAX_CANDIDATES : "unboundedly many") + " values of "
                        + rope.pipeline().invFreq().name() + " (from " + ends[0][i].toHexString() + " to " + hi.toHexString()
                        + "); accepted: at most " + MAX_CANDIDATES + " per mode (faithful, or ulps:K with small K)");
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The smallest ({@code [0]}) and largest ({@code [1]}) inv_freq each mode can store, in the inv_freq format (for
     * a correct pow, the emulator's value twice; for a scaled spectrum, each allowed pow value through the model's own
     * steps, {@link PipelineEnvelope#modelInvFreqInterval}). Phases are monotone in it, so they bound every candidate's phase.
     *
     * @throws InvalidInputException for a scaled spectrum without known pow steps, or one whose pow model allows more
     *     than {@value PipelineEnvelope#MAX_POW_CANDIDATES} values in a mode
     */
    public static FloatValue[][] interval(Frequencies freq, RopeEmulator rope, LibmModels libm) {
        int n = rope.modes();
        FloatValue[][] ends = new FloatValue[2][n];
        if (libm.pow() instanceof LibmModel.Correct) {
            for (int i = 0; i < n; i++) {
                ends[0][i] = rope.invFreq(i);
                ends[1][i] = rope.invFreq(i);
            }
            return ends;
        }
        if (!freq.isPlain()) {
            Frequencies.PowSteps steps = freq.powSteps().orElseThrow(() -> new InvalidInputException("pow model " + libm.pow().label()
                    + " with a spectrum whose pow-to-inv_freq steps are not known (" + freq.source() + "); accepted: a correct pow"));
            return PipelineEnvelope.modelInvFreqInterval(steps, libm, rope.pipeline().invFreq());
        }
        PipelineEnvelope env = PipelineEnvelope.of(Quantity.INV_FREQ, rope, libm, rope.pipeline().invFreq());
        for (int i = 0; i < n; i++) {
            ends[0][i] = env.invFreqLow(i);
            ends[1][i] = env.invFreqHigh(i);
        }
        return ends;
    }

    /** The emulator storing, in each mode, candidate k (or the mode's last one when it has fewer). */
    public static RopeEmulator withChoice(RopeEmulator rope, List<List<FloatValue>> candidates, int k) {
        FloatValue[] v = new FloatValue[rope.modes()];
        for (int i = 0; i < v.length; i++) {
            List<FloatValue> c = candidates.get(i);
            v[i] = c.get(Math.min(k, c.size() - 1));
        }
        return withStored(rope, v);
    }

    /** The emulator storing {@code v[i]} in mode i (values of the inv_freq format), measured against the same theta. */
    public static RopeEmulator withStored(RopeEmulator rope, FloatValue[] v) {
        return rope.withStoredInvFreq(v); // the same theta_i, enclosed once for every candidate
    }

    private static PhaseErrorBound min(PhaseErrorBound a, PhaseErrorBound b) {
        if (a instanceof PhaseErrorBound.Finite x && b instanceof PhaseErrorBound.Finite y) {
            return new PhaseErrorBound.Finite(org.ropebounds.real.Enclosure.of(x.enclosure().lo().min(y.enclosure().lo()),
                    x.enclosure().hi().min(y.enclosure().hi())));
        }
        return a instanceof PhaseErrorBound.Finite ? a : b;
    }

    /** The first failure of two implementations' (or modes') independent horizons: min, with none as +infinity. */
    static Horizon earlier(Horizon a, Horizon b) {
        if (a instanceof Horizon.None) {
            return b;
        }
        if (b instanceof Horizon.None) {
            return a;
        }
        if (a instanceof Horizon.At x && b instanceof Horizon.At y) {
            return x.position() <= y.position() ? a : b;
        }
        if (a instanceof Horizon.At x && b instanceof Horizon.Within w) {
            return x.position() <= w.first() ? a : new Horizon.Within(w.first(), Math.min(w.last(), x.position()));
        }
        if (b instanceof Horizon.At) {
            return earlier(b, a);
        }
        Horizon.Within u = (Horizon.Within) a;
        Horizon.Within w = (Horizon.Within) b;
        return new Horizon.Within(Math.min(u.first(), w.first()), Math.max(u.last(), w.last()));
    }

    /** The later of two horizons: max, with none as +infinity (a bracket may also be none). */
    static Horizon later(Horizon a, Horizon b) {
        if (a instanceof Horizon.None || b instanceof Horizon.None) {
            return new Horizon.None();
        }
        if (a instanceof Horizon.At x && b instanceof Horizon.At y) {
            return x.position() >= y.position() ? a : b;
        }
        if (a instanceof Horizon.At x && b instanceof Horizon.Within w) {
            return x.position() >= w.last() ? new Horizon.Within(x.position(), x.position())
                    : new Horizon.Within(Math.max(x.position(), w.first()), w.last());
        }
        if (b instanceof Horizon.At) {
            return later(b, a);
        }
        Horizon.Within u = (Horizon.Within) a;
        Horizon.Within w = (Horizon.Within) b;
        return new Horizon.Within(Math.max(u.first(), w.first()), Math.max(u.last(), w.last()));
    }
}
