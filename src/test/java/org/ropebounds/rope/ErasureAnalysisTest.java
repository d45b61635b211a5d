package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * The long-context analysis (bounds and windows) against visiting every position, and the
 * output-collision argument against computing every cos/sin output.
 */
class ErasureAnalysisTest {

    private static final List<String> PRESETS = Pipeline.PRESETS;

    @Test
    void boundsAndWindowsAgreeWithAFullScan() {
        qt().withFixedSeed(0xE7A5_0126L).withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Pipeline pl = Pipeline.preset(PRESETS.get(r.nextInt(PRESETS.size())), Format.BF16);
            RopeEmulator rope = new RopeEmulator(Rational.of((long) Math.pow(10, 2 + 6 * r.nextDouble())), 2 * (1 + r.nextInt(8)), pl);
            long context = 1 + r.nextInt(30_000);
            Rational delta = Rational.parse(r.nextBoolean() ? "0.1" : "0.01");
            ErasureReport full = ErasureAnalysis.analyse(rope, context, delta, Long.MAX_VALUE);
            ErasureReport windows = ErasureAnalysis.analyse(rope, context, delta, 0);
            String where = pl.name() + " b=" + rope.base() + " d=" + rope.rotaryDim() + " L=" + context + " delta=" + delta;
            for (int i = 0; i < rope.modes(); i++) {
                ErasureReport.Mode f = full.modes().get(i);
                ErasureReport.Mode w = windows.modes().get(i);
                String mode = where + " mode " + i;
                // a full scan locates every horizon
                assertTrue(!(f.phaseErrorHorizon() instanceof Horizon.Within), mode);
                if (w.phaseErrorHorizon() instanceof Horizon.Within b) {
                    long h = f.phaseErrorHorizon().located().orElse(Long.MAX_VALUE);
                    assertTrue(h == Long.MAX_VALUE || (b.first() <= h && h <= b.last()), mode);
                } else {
                    assertEquals(f.phaseErrorHorizon(), w.phaseErrorHorizon(), mode);
                }
                if (f.maxPhaseError() instanceof PhaseErrorBound.Finite fe) {
                    // both enclose the same maximum
                    Enclosure we = ((PhaseErrorBound.Finite) w.maxPhaseError()).enclosure();
                    assertTrue(fe.enclosure().lo().compareTo(we.hi()) <= 0 && we.lo().compareTo(fe.enclosure().hi()) <= 0,
                            mode + ": " + fe + " vs " + we);
                }
            }
            // overall: the full scan's horizon is the least located over modes; the windows' either equals it
            // or brackets it (when it exists)
            OptionalLong least = full.modes().stream().map(m -> m.phaseErrorHorizon().located()).filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong).min();
            assertEquals(Horizon.of(least), full.phaseErrorHorizon(), where);
            if (windows.phaseErrorHorizon() instanceof Horizon.Within b) {
                assertTrue(least.isEmpty() || (b.first() <= least.getAsLong() && least.getAsLong() <= b.last()), where + ": " + b);
            } else {
                assertEquals(full.phaseErrorHorizon(), windows.phaseErrorHorizon(), where);
            }
        });
    }

    @Test
    void theStructuralSearchFindsTheScansFirstFailure() {
        // hf phases reach an ulp of 1/4 from 2^21 on: the first failures of delta = 0.1 come a few million positions in
        qt().withFixedSeed(0x5EA2_C411L).withExamples(12).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            RopeEmulator rope = new RopeEmulator(Rational.of((long) Math.pow(10, 3 + 5 * r.nextDouble())), 128,
                    Pipeline.preset(r.nextBoolean() ? "hf" : "hf-bf16-inv-freq", Format.BF16));
            int i = r.nextInt(8);
            long context = 1 << 22;
            Rational delta = Rational.parse(r.nextBoolean() ? "0.1" : "0.05");
            OptionalLong scanned = PhaseScan.scan(rope, i, context, delta).firstErrorAboveDelta();
            OptionalLong searched = PhaseErrorSearch.firstExceeding(rope, i, PhaseScan.theta(rope, i, 160), 0, context - 1, delta)
                    .map(OptionalLong::of).orElse(OptionalLong.empty());
            assertEquals(scanned, searched, rope.pipeline().name() + " b=" + rope.base() + " mode " + i + " delta " + delta);
        });
    }

    @Test
    void aToleranceNoVisitedPositionReachesIsBracketed() {
        // hf, delta = 1000 rad. Up to 2^24 fp32 positions are exact and |e| <= p |f - theta| + ulp(p f)/2 with
        // |f - theta| <= 2^-24 f and ulp(p f)/2 <= 2^-24 p f, so |e| <= 2 f <= 2 rad: nothing fails there. Beyond,
        // positions round by up to 2^(k-24) near 2^k, and mode 0 (f = theta = 1) errs by that much: over 1000 rad
        // only from about 2^34 on, where no window looks; the rest of the context is a bracket, never "none"
        RopeEmulator rope = new RopeEmulator(Rational.of(500000), 128, Pipeline.preset("hf", Format.BF16));
        long context = 1L << 40;
        ErasureReport r = ErasureAnalysis.analyse(rope, context, Rational.of(1000));
        Horizon.Within b = (Horizon.Within) r.phaseErrorHorizon();
        assertTrue(b.first() > (1L << 24), b.toString());
        assertEquals(context - 1, b.last());
        assertEquals(b.first(), r.modes().stream().mapToLong(m -> m.phaseErrorHorizon().earliest().orElse(Long.MAX_VALUE)).min().orElseThrow());
        assertEquals("if any, in [" + b.first() + ", " + (context - 1) + "]", r.phaseErrorHorizon().describeHedged());
    }

    @Test
    void positionsBeyondFp16sRangeMakeTheErrorUnbounded() {
        // fp16's largest value is 65504; from 65520 on positions round to infinity, and so do the phases
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 8, Pipeline.preset("fp16-all", Format.BF16));
        for (long fullScan : new long[] {Long.MAX_VALUE, 0}) {
            ErasureReport r = ErasureAnalysis.analyse(rope, 70_000, Rational.parse("0.1"), fullScan);
            assertEquals(PhaseErrorBound.unbounded(), r.maxPhaseError(), "fullScan " + fullScan);
        }
        assertTrue(ErasureAnalysis.analyse(rope, 60_000, Rational.parse("0.1")).maxPhaseError() instanceof PhaseErrorBound.Finite);
    }

    @Test
    void outputCollisionsHappenExactlyWherePositionsCollide() {
        // every cos/sin output of every mode, at every pair of positions up to a little past 2^p
        for (String name : List.of("bf16-all", "fp16-all")) {
            for (long base : new long[] {100, 10000}) {
                RopeEmulator rope = new RopeEmulator(Rational.of(base), 8, Pipeline.preset(name, Format.BF16));
                long context = CollisionHorizons.positionCollision(rope.pipeline()) + 2;
                long first = -1;
                for (long p = 0; p + 1 < context && first < 0; p++) {
                    boolean all = true;
                    for (int i = 0; i < rope.modes() && all; i++) {
                        for (int which = 0; which < 2; which++) {
                            FloatValue a = rope.output(i, p, which);
                            FloatValue b = rope.output(i, p + 1, which);
                            all &= a.equals(b);
                        }
                    }
                    if (all) {
                        first = p;
                    }
                }
                // the horizon names the pair's second position: the first p equal to p - 1
                assertEquals(OptionalLong.of(first + 1), ErasureAnalysis.outputCollision(rope, context), name + " b=" + base);
                assertEquals(OptionalLong.empty(), ErasureAnalysis.outputCollision(rope, first + 1), name + " b=" + base + ", L = p");
            }
        }
    }
}
