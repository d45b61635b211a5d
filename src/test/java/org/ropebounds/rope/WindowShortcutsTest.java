package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.FloatValue;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/**
 * The shortcuts of the long-context analyses (proofs/relative-position-error.md, section 6): a window pass that stops at
 * its first failure when its witness cannot change the maximum and skips its history when no pair with a key there can
 * fail, and a tail whose last phase is not finite. The reports with them equal the reports of the passes that visit
 * every position of the windows (the analyses those replace, which the fixture and brute-force tests check), over many
 * spectra, pipelines, contexts and distances; and the bound that licenses skipping the history holds for every pair of
 * a brute force in exact arithmetic.
 */
class WindowShortcutsTest {
    private static final Rational DELTA = Rational.parse("0.1");

    /** The five presets (bf16 activations) and a pipeline computing every stage in each standard format. */
    static List<Pipeline> pipelines() {
        List<Pipeline> out = new ArrayList<>();
        for (String p : Pipeline.PRESETS) {
            out.add(Pipeline.preset(p, Format.BF16));
        }
        for (Format f : Format.standard()) {
            out.add(Pipeline.uniform(f.name(), f));
        }
        return out;
    }

    @Test
    void shortcutsLeaveEveryReportUnchanged() {
        Map<RelativeErrorAnalysis.WindowPlan, Integer> plans = new EnumMap<>(RelativeErrorAnalysis.WindowPlan.class);
        int cases = 0;
        for (String base : List.of("500000", "123456.5")) {
            Frequencies freq = Frequencies.plain(Rational.parse(base), 32);
            for (Pipeline pl : pipelines()) {
                RopeEmulator rope = freq.emulator(pl);
                for (long context : new long[] {1L << 40, (1L << 33) + 12345, 3_000_000L, 70_000L}) {
                    for (long reach : new long[] {Long.MAX_VALUE, 1000, 4097}) {
                        for (String delta : List.of("0.1", "0.01")) {
                            Rational d = Rational.parse(delta);
                            String where = pl.name() + " b = " + base + " L = " + context + " R = " + reach + " delta = " + delta;
                            // fullScan 0: bounds and windows even for the short contexts
                            assertEquals(RelativeErrorAnalysis.analyseChecked(rope, context, d, reach, 0, false),
                                    RelativeErrorAnalysis.analyseChecked(rope, context, d, reach, 0, true), where);
                            cases++;
                            if (reach == Long.MAX_VALUE && context > 70_000L) {
                                for (int i = 0; i < rope.modes(); i++) {
                                    RelativeErrorAnalysis.windowPlan(rope, i, context, d, reach).ifPresent(p -> plans.merge(p, 1, Integer::sum));
                                }
                            }
                        }
                    }
                    assertEquals(ErasureAnalysis.analyseChecked(rope, context, DELTA, 0, false),
                            ErasureAnalysis.analyseChecked(rope, context, DELTA, 0, true), pl.name() + " b = " + base + " L = " + context);
                }
            }
        }
        assertTrue(cases > 500, "cases: " + cases);
        // every plan is exercised
        for (RelativeErrorAnalysis.WindowPlan p : RelativeErrorAnalysis.WindowPlan.values()) {
            assertTrue(plans.getOrDefault(p, 0) >= 10, () -> "plans: " + plans);
        }
    }

    /**
     * Contexts that end just after a mode's first failure: the bound crosses delta near the end, the window reaches the
     * tail's positions and sees positions the tail does not, so the window's witness can be the larger one; the shortcut
     * must then keep the window whole.
     */
    @Test
    void windowsThatReachTheTailAreKept() {
        Frequencies freq = Frequencies.plain(Rational.of(500000), 32);
        int checked = 0;
        for (Pipeline pl : pipelines()) {
            RopeEmulator rope = freq.emulator(pl);
            ErasureReport far = ErasureAnalysis.analyseChecked(rope, 1L << 40, DELTA, 0, false);
            java.util.TreeSet<Long> contexts = new java.util.TreeSet<>();
            for (ErasureReport.Mode m : far.modes()) {
                m.phaseErrorHorizon().located().ifPresent(h -> {
                    contexts.add(h + 100);
                    contexts.add(h + 700);
                });
            }
            for (long context : contexts) {
                String where = pl.name() + " L = " + context;
                assertEquals(ErasureAnalysis.analyseChecked(rope, context, DELTA, 0, false),
                        ErasureAnalysis.analyseChecked(rope, context, DELTA, 0, true), where);
                assertEquals(RelativeErrorAnalysis.analyseChecked(rope, context, DELTA, Long.MAX_VALUE, 0, false),
                        RelativeErrorAnalysis.analyseChecked(rope, context, DELTA, Long.MAX_VALUE, 0, true), where);
                checked++;
            }
        }
        assertTrue(checked > 50, "contexts: " + checked);
        // positions just past 2^24 (fp32 spacing 2) in hf: the absolute window's witness exceeds the tail's (found by a
        // search with the witness check removed, which changes these reports)
        RopeEmulator hf = Frequencies.plain(Rational.of(10000), 32).emulator(Pipeline.preset("hf", Format.BF16));
        for (String[] c : new String[][] {{"0.01", "33554432"}, {"1", "33557432"}}) {
            Rational d = Rational.parse(c[0]);
            long context = Long.parseLong(c[1]);
            assertEquals(ErasureAnalysis.analyseChecked(hf, context, d, 0, false), ErasureAnalysis.analyseChecked(hf, context, d, 0, true),
                    "delta " + c[0] + " L = " + context);
        }
    }

    @Test
    void theFullCommandLineCaseIsUnchanged() {
        // the benchmark's spectrum at its context, d = 256 (128 modes), every pipeline
        Frequencies freq = Frequencies.plain(Rational.of(500000), 256);
        for (Pipeline pl : pipelines()) {
            RopeEmulator rope = freq.emulator(pl);
            assertEquals(RelativeErrorAnalysis.analyseChecked(rope, 1L << 40, DELTA, Long.MAX_VALUE, ErasureAnalysis.FULL_SCAN, false),
                    RelativeErrorAnalysis.analyseChecked(rope, 1L << 40, DELTA, Long.MAX_VALUE, ErasureAnalysis.FULL_SCAN, true), pl.name());
            assertEquals(ErasureAnalysis.analyseChecked(rope, 1L << 40, DELTA, ErasureAnalysis.FULL_SCAN, false),
                    ErasureAnalysis.analyseChecked(rope, 1L << 40, DELTA, ErasureAnalysis.FULL_SCAN, true), pl.name());
        }
    }

    /**
     * The history's bound U(P, D, Q) against every pair (p, q) with P - 59 <= p <= P, q in [Q - 59, Q] (so r <= D = P - Q + 59):
     * |e_i(p, p - q)| from the exact phases (rational rounding, not the scans' doubles) and theta_i at 160 bits. In hf
     * (positions exact below 2^24, so tau = 0) the bound is D |f - theta| plus half an ulp of the phase at P and half an ulp
     * at Q: with both phases in one binade, the largest |e| seen exceeds the drift and one half ulp, so the key's half ulp
     * cannot be dropped.
     */
    @Test
    void theHistoryBoundHoldsForEveryPairAndNeedsBothRoundings() {
        RopeEmulator hf = Frequencies.plain(Rational.of(500000), 256).emulator(Pipeline.preset("hf", Format.BF16));
        int i = 5;
        long bigP = 1_700_000;
        long bigQ = bigP - 4000;
        long span = bigP - (bigQ - 59);
        Enclosure theta = hf.thetaEnclosure(i);
        RelativeErrorAnalysis.DistanceBound bound = new RelativeErrorAnalysis.DistanceBound(hf, i, theta, Long.MAX_VALUE);
        double u = bound.upperBound(bigP, span, bigQ);
        Rational largest = Rational.ZERO;
        for (long p = bigP - 59; p <= bigP; p++) {
            Enclosure ep = error(hf, i, theta, p);
            for (long q = bigQ - 59; q <= bigQ; q++) {
                Enclosure eq = error(hf, i, theta, q);
                Rational lower = ep.lo().subtract(eq.hi()).max(eq.lo().subtract(ep.hi()));
                largest = largest.max(lower);
            }
        }
        assertTrue(largest.compareTo(org.ropebounds.format.BinaryRational.ofDouble(u).toRational()) <= 0, largest + " > " + u);
        // f = 0x1.32a862p-1 (about 0.6): P f is about 1.02e6, in [2^19, 2^20), where fp32's half ulp is 2^-5
        FloatValue f = hf.invFreqInPhase(i);
        assertEquals("0x1.32a862p-1", f.toHexString());
        Rational halfUlp = Rational.parse("1/32");
        Rational drift = f.value().toRational().subtract(theta.lo()).abs().max(f.value().toRational().subtract(theta.hi()).abs());
        Rational withoutKey = drift.multiply(Rational.of(span)).add(halfUlp);
        assertTrue(largest.compareTo(withoutKey) > 0, largest + " <= " + withoutKey);
    }

    /** [lo, hi] enclosing err_i(p) = phase_i(p) - p theta_i, the phase from the exact (rational) emulation. */
    private static Enclosure error(RopeEmulator rope, int i, Enclosure theta, long p) {
        Rational phase = rope.phase(i, p).value().toRational();
        Rational pr = Rational.of(p);
        return Enclosure.of(phase.subtract(theta.hi().multiply(pr)), phase.subtract(theta.lo().multiply(pr)));
    }
}
