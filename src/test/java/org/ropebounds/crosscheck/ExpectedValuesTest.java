package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.RopeEmulator;

/**
 * The double filter against the certified path: wherever the filter decides a value, it is the value
 * enclosures decide; and it decides nearly all of them. Also hand-derived expected values.
 */
class ExpectedValuesTest {
    private static final long SEED = 0x5eed_c0cc_2026L;
    private static final List<String> BASES = List.of("10000", "500000", "1000000", "123456.789", "25000000");
    private static final List<Format> FORMATS = List.of(Format.FP32, Format.BF16, Format.FP16, Format.FP64);
    private static final List<Quantity> QUANTITIES = List.of(Quantity.PHASE, Quantity.COS, Quantity.SIN);
    private final Map<String, ExpectedValues> cache = new HashMap<>();

    private static QuickTheory props(int examples) {
        return qt().withFixedSeed(SEED).withExamples(examples);
    }

    private ExpectedValues values(int base, int quantity, int format, String pipeline) {
        String key = base + "/" + quantity + "/" + format + "/" + pipeline;
        return cache.computeIfAbsent(key, k -> {
            Format f = FORMATS.get(format);
            return new ExpectedValues(QUANTITIES.get(quantity), new RopeEmulator(Rational.parse(BASES.get(base)), 64,
                    Pipeline.preset(pipeline, f)), f);
        });
    }

    @Test
    void theExactFilterAgreesWithEnclosuresWheneverItDecides() {
        props(400).forAll(integers().between(0, BASES.size() - 1), integers().between(0, 2), integers().between(0, 3),
                longs().between(0, 1L << 40)).checkAssert((b, q, f, raw) -> {
                    ExpectedValues ev = values(b, q, f, "hf");
                    int mode = (int) (raw % 32);
                    long p = (raw >> 5) >> (raw % 3 == 0 ? 0 : 20); // small positions too
                    double fast = ev.exactFast(mode, p);
                    if (!Double.isNaN(fast)) {
                        assertEquals(ev.exactSlow(mode, p), fast, () -> "mode " + mode + ", p " + p);
                    }
                });
    }

    @Test
    void thePipelineFilterAgreesWithTheEmulatorWheneverItDecides() {
        List<String> pipelines = List.of("hf", "hf-bf16-inv-freq", "bf16-all", "fp16-all", "fp64");
        props(400).forAll(integers().between(0, BASES.size() - 1), integers().between(0, 2), integers().between(0, pipelines.size() - 1),
                longs().between(0, 1L << 30)).checkAssert((b, q, pi, raw) -> {
                    String name = pipelines.get(pi);
                    int f = name.equals("fp64") ? 3 : name.equals("fp16-all") ? 2 : name.equals("bf16-all") ? 1 : 0;
                    ExpectedValues ev = values(b, q, f, name);
                    int mode = (int) (raw % 32);
                    long p = (raw >> 5) % (name.equals("fp16-all") ? 60000 : 1L << 25); // fp16 phases overflow past 65504
                    double fast = ev.pipelineFast(mode, p);
                    if (!Double.isNaN(fast)) {
                        assertEquals(ev.pipelineSlow(mode, p), fast, () -> name + ", mode " + mode + ", p " + p);
                    }
                });
    }

    @Test
    void theFilterDecidesNearlyEveryFp32CosEntry() {
        ExpectedValues ev = new ExpectedValues(Quantity.COS, new RopeEmulator(Rational.of(500000), 128, Pipeline.preset("hf", Format.FP32)),
                Format.FP32);
        int undecidedExact = 0;
        int undecidedPipeline = 0;
        for (long p = 0; p < 131072; p += 97) {
            for (int i = 0; i < 64; i++) {
                undecidedExact += Double.isNaN(ev.exactFast(i, p)) ? 1 : 0;
                undecidedPipeline += Double.isNaN(ev.pipelineFast(i, p)) ? 1 : 0;
            }
        }
        // 1352 * 64 = 86528 entries; the margins are a few 2^-53 against fp32 spacings of at least 2^-49 here
        assertTrue(undecidedExact <= 10, "undecided " + undecidedExact);
        assertTrue(undecidedPipeline <= 10, "undecided " + undecidedPipeline);
    }

    @Test
    void hugeBasesLeaveTheFilterForTheCertifiedPath() {
        // b = 2^2044, d = 4: theta_1 = 2^-1022, the smallest normal double; p theta_1 is near underflow
        ExpectedValues ev = new ExpectedValues(Quantity.PHASE, new RopeEmulator(Rational.parse("0x1p2044"), 4,
                Pipeline.preset("fp64", Format.FP64)), Format.FP64);
        for (long p : new long[] {1, 3, 12345, 1L << 40}) {
            assertTrue(Double.isNaN(ev.exactFast(1, p)), "p " + p);
            assertEquals(p * 0x1p-1022, ev.exactSlow(1, p)); // exact: p has at most 41 bits
            assertEquals(p * 0x1p-1022, ev.exact(1, p), "the one entry point falls back to enclosures");
        }
        // and where the filter decides, the entry point gives its value: theta_0 = 1, p theta_0 = p
        assertEquals(12345.0, ev.exact(0, 12345));
    }

    @Test
    void handDerivedValues() {
        // mode 0 has theta = 1: the phase is p itself; in bf16, 257 is a tie that goes to 256, 259 to 260
        ExpectedValues phase = new ExpectedValues(Quantity.PHASE, new RopeEmulator(Rational.of(10000), 64, Pipeline.preset("bf16-all", Format.BF16)),
                Format.BF16);
        assertEquals(256.0, phase.exactFast(0, 257));
        assertEquals(260.0, phase.exactFast(0, 259));
        // b = 4, d = 4: theta_1 = 4^(-1/2) = 1/2 exactly, so phase_1(p) = p/2
        ExpectedValues half = new ExpectedValues(Quantity.PHASE, new RopeEmulator(Rational.of(4), 4, Pipeline.preset("hf", Format.FP32)),
                Format.FP32);
        assertEquals(0.5, half.exactSlow(1, 1));
        assertEquals(12345.5, half.exactFast(1, 24691));
        // cos(0) = 1 and sin(0) = 0 exactly, in every mode
        ExpectedValues cos = new ExpectedValues(Quantity.COS, new RopeEmulator(Rational.of(10000), 64, Pipeline.preset("hf", Format.FP32)),
                Format.FP32);
        assertEquals(1.0, cos.exactFast(17, 0));
        ExpectedValues sin = new ExpectedValues(Quantity.SIN, new RopeEmulator(Rational.of(10000), 64, Pipeline.preset("hf", Format.FP32)),
                Format.FP32);
        assertEquals(0.0, sin.exactSlow(17, 0));
        // cos(1) = 0.5403023058681398 (mpmath); its fp32 neighbours are 0x1.14a28p-1 and 0x1.14a282p-1,
        // and 0.54030230586813971740 - 0.54030227851867675781 (= 0x1.14a28p-1) < 2^-25 (half the spacing)
        assertEquals(0x1.14a28p-1, cos.exactFast(0, 1));
        assertEquals(0x1.14a28p-1, cos.exactSlow(0, 1));
    }
}
