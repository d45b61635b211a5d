package org.ropebounds.rope;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.BinaryRational;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * The horizons of one pipeline over a context. Position, collision and output-collision horizons are
 * exact for any context (structure of the formats; proofs/collision-horizons.md). Phase errors are
 * exact for contexts small enough to visit every position ({@value #FULL_SCAN} phases in all); beyond
 * that, a bound that grows with p locates the first position the tolerance can fail, and a scan of the
 * positions after it finds the first one that does; what no scan reached is reported as a range.
 */
public final class ErasureAnalysis {
    /** Phases (positions times modes) visited one by one before switching to bounds and windows. */
    public static final long FULL_SCAN = 1L << 22;
    /** Positions visited after the bound's crossing point. */
    public static final long WINDOW = 1024;
    /** Positions visited at the end of the context, for a witness of the largest error. */
    public static final long TAIL = 256;

    private ErasureAnalysis() {
    }

    /**
     * The horizons of {@code rope}'s pipeline over positions 0 .. L-1. Guarantee: every {@link Horizon.At} is
     * the exact first failing position; a {@link Horizon.Within} contains the first failure if there is one
     * within the context; {@link Horizon.None} means none fails; the maximum phase error's enclosure
     * contains the exact maximum (unbounded only when a phase is or may be infinite or NaN).
     *
     * @param context L >= 1, at most 2^62
     * @param delta the phase-error tolerance in radians, > 0
     * @throws InvalidInputException for a context or tolerance out of range, or a pipeline with a format
     *     whose values are not all doubles
     */
    public static ErasureReport analyse(RopeEmulator rope, long context, Rational delta) {
        return analyse(rope, context, delta, FULL_SCAN);
    }

    /** {@link #analyse(RopeEmulator, long, Rational)} visiting every phase only when there are at most {@code fullScan}. */
    static ErasureReport analyse(RopeEmulator rope, long context, Rational delta, long fullScan) {
        check(rope, context, delta);
        return analyseChecked(rope, context, delta, fullScan);
    }

    /** The arguments {@link #analyse(RopeEmulator, long, Rational)} refuses, refused with its messages. */
    static void check(RopeEmulator rope, long context, Rational delta) {
        if (context < 1 || context > (1L << 62)) {
            throw new InvalidInputException("context " + context + " is out of range; accepted: 1 <= L <= 2^62");
        }
        if (delta.signum() <= 0) {
            throw new InvalidInputException("delta " + delta.toCompactDecimalStringOrFraction() + " is out of range; accepted: delta > 0");
        }
        if (!rope.hasFastPath()) {
            throw new InvalidInputException("pipeline " + rope.pipeline().name() + " uses a format whose values are not all doubles;"
                    + " the horizon analysis supports formats of at most 53 bits within fp64's range");
        }
    }

    /** {@link #analyse(RopeEmulator, long, Rational, long)} for arguments {@link #check} accepts. */
    static ErasureReport analyseChecked(RopeEmulator rope, long context, Rational delta, long fullScan) {
        return analyseChecked(rope, context, delta, fullScan, true);
    }

    /**
     * {@link #analyseChecked(RopeEmulator, long, Rational, long)}, with or without the window's shortcut (it stops at the
     * first failure when its witness cannot change the maximum; proofs/relative-position-error.md, section 6): the reports
     * are equal either way (the test compares them).
     */
    static ErasureReport analyseChecked(RopeEmulator rope, long context, Rational delta, long fullScan, boolean shortcuts) {
        Pipeline pl = rope.pipeline();
        List<ErasureReport.Mode> modes = new ArrayList<>();
        boolean visitAll = context <= fullScan / rope.modes();
        long[] tailPositions = visitAll ? null : tailPositions(rope, context);
        double[] tail = visitAll ? null : PhaseScan.positions(rope, tailPositions);
        for (int i = 0; i < rope.modes(); i++) {
            Horizon collision = Horizon.of(CollisionHorizons.modeCollision(rope, i, context));
            PhaseErrors e = visitAll ? scanAll(rope, i, context, delta) : boundAndWindows(rope, i, context, delta, tailPositions, tail, shortcuts);
            modes.add(new ErasureReport.Mode(i, rope.invFreq(i), collision, e.horizon, e.max));
        }
        long positionHorizon = CollisionHorizons.positionHorizon(pl.position());
        Horizon collision = Horizon.none();
        OptionalInt collisionMode = OptionalInt.empty();
        for (ErasureReport.Mode m : modes) {
            if (m.collision().located().isPresent()
                    && m.collision().located().getAsLong() <= collision.located().orElse(Long.MAX_VALUE)) {
                collision = m.collision();
                collisionMode = OptionalInt.of(m.i()); // the slowest mode among equals
            }
        }
        return new ErasureReport(pl, context, delta, positionHorizon < context ? Horizon.at(positionHorizon) : Horizon.none(),
                collision, collisionMode, Horizon.of(outputCollision(rope, context)), overallHorizon(modes), overallMax(modes), modes);
    }

    /**
     * {@code r}, the report of an emulator that computes the same phases as {@code rope} ({@link RopeEmulator#samePhases}),
     * as {@code rope}'s own analysis would give it: the same horizons and errors, {@code rope}'s pipeline and its
     * output-collision horizon (the only result that depends on the cos/sin and output stages).
     */
    static ErasureReport renamed(ErasureReport r, RopeEmulator rope) {
        return new ErasureReport(rope.pipeline(), r.context(), r.delta(), r.positionHorizon(), r.collisionHorizon(), r.collisionMode(),
                Horizon.of(outputCollision(rope, r.context())), r.phaseErrorHorizon(), r.maxPhaseError(), r.modes());
    }

    /**
     * The first position p whose (cos, sin) outputs equal those of p - 1 in every mode: 2^q + 1, the first
     * position equal to the one before it ({@link CollisionHorizons#positionCollision}). Before it, mode 0
     * (inv_freq_0 = 1/b^0 = 1 exactly, so its phases are the positions themselves) turns by exactly 1
     * radian per position, and two points of the unit circle 1 radian apart differ by 2 sin(1/2) / sqrt(2)
     * > 0.67 in cos or in sin, far more than rounding to any format of at least 3 bits can close (at most
     * 1/4 near 1). Empty when that position is not within the context, and for formats of fewer bits,
     * where the argument fails.
     */
    static OptionalLong outputCollision(RopeEmulator rope, long context) {
        Pipeline pl = rope.pipeline();
        if (pl.trig().precision() < 3 || pl.output().precision() < 3 || !isOne(rope.invFreqInPhase(0))) {
            return OptionalLong.empty();
        }
        long p = CollisionHorizons.positionCollision(pl);
        return p <= context - 1 ? OptionalLong.of(p) : OptionalLong.empty();
    }

    private static boolean isOne(FloatValue v) {
        return v.isFinite() && v.value().equals(BinaryRational.ONE);
    }

    private record PhaseErrors(Horizon horizon, PhaseErrorBound max) {
    }

    private static PhaseErrors scanAll(RopeEmulator rope, int i, long context, Rational delta) {
        PhaseScan.ModeScan s = PhaseScan.scan(rope, i, context, delta);
        return new PhaseErrors(Horizon.of(s.firstErrorAboveDelta()), s.maxError());
    }

    /**
     * Positions near the end of the context where errors are largest: the last {@value #TAIL} positions and,
     * where positions are rounded, the positions half a spacing away from the last grid values (there
     * the position's own rounding error peaks).
     */
    private static long[] tailPositions(RopeEmulator rope, long context) {
        java.util.TreeSet<Long> ps = new java.util.TreeSet<>();
        for (long p = Math.max(0, context - TAIL); p <= context - 1; p++) {
            ps.add(p);
        }
        if (context - 1 > rope.exactPositions()) {
            // the spacing of the positions as they enter the product: the coarser of the two formats' ulps there
            Rational at = Rational.of(context - 1);
            BinaryRational ulp = rope.pipeline().position().ulp(at);
            BinaryRational phaseUlp = rope.pipeline().phase().ulp(at);
            ulp = ulp.compareTo(phaseUlp) >= 0 ? ulp : phaseUlp;
            long spacing = ulp.compareTo(BinaryRational.ONE) <= 0 ? 1
                    : ulp.toBigInteger().min(BigInteger.valueOf(1L << 61)).longValueExact();
            long half = spacing / 2;
            long grid = (context - 1) / spacing * spacing;
            for (int j = 0; j < TAIL && grid - j * spacing > half; j++) {
                long g = grid - j * spacing;
                for (long p : new long[] {g - half, g - half + 1, g + half - 1, g + half}) {
                    if (p >= 0 && p <= context - 1) {
                        ps.add(p);
                    }
                }
            }
        }
        return ps.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * For long contexts: U(P), a bound on |error| over p <= P that grows with P, shows where the tolerance
     * can first fail; a window of positions after that point and one at the end of the context are
     * visited exactly.
     *
     * @param tailPositions {@link #tailPositions}, the same for every mode; tail: those positions as they enter the product
     */
    private static PhaseErrors boundAndWindows(RopeEmulator rope, int i, long context, Rational delta, long[] tailPositions,
                                               double[] tail, boolean shortcuts) {
        Enclosure theta = PhaseScan.theta(rope, i, 160);
        ErrorBound bound = new ErrorBound(rope, i, theta);
        long start = firstNotShownSafe(bound::upperBound, 0, context, delta);
        Horizon horizon = Horizon.none();
        Rational witness = Rational.ZERO;
        long exactLimit = rope.exactPositions();
        FloatValue frequency = rope.invFreqInPhase(i);
        if (start <= context - 1 && start <= exactLimit && frequency.isFinite() && !frequency.isZero()) {
            // positions are exact here: the structure of the product's rounding finds the first failure
            long to = Math.min(context - 1, exactLimit);
            PhaseErrorSearch.Result found = PhaseErrorSearch.search(rope, i, theta, start, to, delta);
            if (found.first().isPresent()) {
                horizon = Horizon.at(found.first().get());
            }
            start = found.searchedTo() + 1; // where the search stopped, if its budget ran out; else past the exact positions
        }
        // the tail first: its witness may make the window's irrelevant
        PhaseScan.WindowScan end = PhaseScan.witness(rope, i, theta, tailPositions, tail);
        if (horizon instanceof Horizon.None && start <= context - 1) {
            long last = Math.min(context - 1, start + WINDOW - 1);
            // the window's witness cannot change the maximum when it is unbounded (a tail phase is not finite) or when
            // U(last), which bounds every error the window sees, is at most the tail's witness: only its first failure is wanted
            double windowTop = bound.upperBound(last);
            boolean firstOnly = shortcuts && (end.nonFinite() || (Double.isFinite(windowTop)
                    && BinaryRational.ofDouble(windowTop).toRational().compareTo(end.maxErrorLowerBound()) <= 0));
            PhaseScan.WindowScan w = PhaseScan.window(rope, i, theta, start, last, delta, null, firstOnly);
            witness = witness.max(w.maxErrorLowerBound());
            if (w.firstAbove().isPresent()) {
                horizon = Horizon.at(w.firstAbove().getAsLong());
            } else if (last < context - 1) {
                horizon = Horizon.within(last + 1, context - 1);
            }
        }
        witness = witness.max(end.maxErrorLowerBound());
        PhaseErrorBound top = end.nonFinite() ? PhaseErrorBound.unbounded() : bound.at(context - 1);
        return new PhaseErrors(horizon, top.max(PhaseErrorBound.of(witness, witness)));
    }

    /**
     * U(P), an upper bound on |phase_i(p) - p theta_i| over 0 <= p <= P, non-decreasing in P (unbounded from
     * some P on, if at all), computed in doubles with every operation rounded up (so it bounds the exact bound).
     */
    private static final class ErrorBound {
        private final PhaseBoundTerms t;

        ErrorBound(RopeEmulator rope, int i, Enclosure theta) {
            this.t = rope.boundTerms(i, theta);
        }

        /**
         * |T(p) - p| theta + T(p) |f - theta| + ulp(T f)/2, maximised over p <= P: the position's rounding
         * (none while positions are exact), the drift of the stored frequency, and the product's rounding.
         */
        PhaseErrorBound at(long p) {
            double bound = upperBound(p);
            return Double.isFinite(bound) ? PhaseErrorBound.atMost(BinaryRational.ofDouble(bound).toRational()) : PhaseErrorBound.unbounded();
        }

        /** {@link #at} as a double, infinite where no finite bound holds. */
        double upperBound(long p) {
            if (Double.isNaN(t.f)) {
                return Double.POSITIVE_INFINITY; // non-finite phases: no finite bound
            }
            double position = InlineMath.up((double) p);
            double tau = t.tau(p, position);
            double tMax = InlineMath.up(position + tau);
            double phaseMax = InlineMath.up(tMax * t.f);
            if (tMax >= t.maxPosition || phaseMax >= t.maxPhase) {
                return Double.POSITIVE_INFINITY; // a position or phase may round to infinity (or NaN)
            }
            double sum = InlineMath.up(InlineMath.up(tau * t.thetaHi) + InlineMath.up(tMax * t.drift));
            return InlineMath.up(sum + PhaseBoundTerms.halfUlp(t.pl.phase(), phaseMax));
        }
    }

    /**
     * The first failing position over all modes: the least located horizon, unless a mode whose horizon
     * is only bracketed could fail earlier; then a bracket from the earliest such start to the least
     * located horizon (or, when none is located, to the last bracket's end).
     */
    private static Horizon overallHorizon(List<ErasureReport.Mode> modes) {
        return firstFailure(modes.stream().map(ErasureReport.Mode::phaseErrorHorizon).toList());
    }

    /** {@link #overallHorizon} for any per-mode horizons (the relative-position analysis uses it too). */
    static Horizon firstFailure(List<Horizon> horizons) {
        OptionalLong located = horizons.stream().map(Horizon::located).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
        List<Horizon.Within> brackets = horizons.stream().filter(h -> h instanceof Horizon.Within).map(h -> (Horizon.Within) h).toList();
        OptionalLong bracketStart = brackets.stream().mapToLong(Horizon.Within::first).min();
        if (bracketStart.isEmpty() || (located.isPresent() && located.getAsLong() < bracketStart.getAsLong())) {
            return Horizon.of(located);
        }
        long last = located.isPresent() ? located.getAsLong() : brackets.stream().mapToLong(Horizon.Within::last).max().orElseThrow();
        return Horizon.within(bracketStart.getAsLong(), last);
    }

    private static PhaseErrorBound overallMax(List<ErasureReport.Mode> modes) {
        PhaseErrorBound max = PhaseErrorBound.of(Rational.ZERO, Rational.ZERO);
        for (ErasureReport.Mode m : modes) {
            max = max.max(m.maxPhaseError());
        }
        return max;
    }

    /**
     * The first position in [from, context) that a bound growing with P does not show safe: the least P >= from with
     * U(P) &gt; delta, found by bisection, or {@code context} when U(context - 1) &lt;= delta. Shared by the absolute and the
     * relative-position analyses; U must be non-decreasing in P (each bound's derivation says why it is). U is a double
     * (+infinity where unbounded) and delta enters as the largest double at most delta: for a double u, u &lt;= delta
     * exactly when u &lt;= that double, so the comparisons are the exact ones.
     */
    static long firstNotShownSafe(java.util.function.LongToDoubleFunction bound, long from, long context, Rational delta) {
        double limit = delta.toDouble(org.ropebounds.format.RoundingMode.TOWARD_NEGATIVE);
        if (bound.applyAsDouble(context - 1) <= limit) {
            return context;
        }
        if (!(bound.applyAsDouble(from) <= limit)) {
            return from;
        }
        long lo = from; // U(lo) <= delta < U(hi)
        long hi = context - 1;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (bound.applyAsDouble(mid) <= limit) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
