package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.model.ConfigReader;
import org.ropebounds.model.ModelRope;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.Pipeline;

/**
 * ExpectedValues with a model's spectrum and attention factor (YaRN, LongRoPE): the double filter against the
 * certified path on random entries, and hand-derived values at p = 0.
 */
class ScaledExpectedValuesTest {
    private static final long SEED = 0x5ca1_ed14L;
    private static final List<String> MODELS = List.of("yarn", "longrope");
    private static final List<Format> FORMATS = List.of(Format.FP32, Format.BF16, Format.FP16, Format.FP64);
    private static final List<Quantity> QUANTITIES = List.of(Quantity.COS, Quantity.SIN);
    private final Map<String, ExpectedValues> cache = new HashMap<>();

    private static Frequencies model(String name) {
        return ModelRope.of(ConfigReader.read(Paths.get("src/test/resources/fixtures/crosscheck/models/" + name + ".json")),
                "config " + name + ".json").frequencies();
    }

    private ExpectedValues values(int m, int q, int f, String pipeline) {
        return cache.computeIfAbsent(m + "/" + q + "/" + f + "/" + pipeline, k -> {
            Format file = FORMATS.get(f);
            return new ExpectedValues(QUANTITIES.get(q), model(MODELS.get(m)).emulator(Pipeline.preset(pipeline, file)), file);
        });
    }

    @Test
    void theExactFilterAgreesWithEnclosuresWheneverItDecides() {
        qt().withFixedSeed(SEED).withExamples(200).forAll(integers().between(0, 1), integers().between(0, 1), integers().between(0, 3),
                longs().between(0, 1L << 40)).checkAssert((m, q, f, raw) -> {
                    ExpectedValues ev = values(m, q, f, "hf");
                    int mode = (int) (raw % ev.rope().modes());
                    long p = (raw >> 6) >> (raw % 3 == 0 ? 0 : 20);
                    double fast = ev.exactFast(mode, p);
                    if (!Double.isNaN(fast)) {
                        assertEquals(ev.exactSlow(mode, p), fast, () -> MODELS.get(m) + " mode " + mode + ", p " + p);
                    }
                });
    }

    @Test
    void thePipelineFilterAgreesWithTheEmulatorWheneverItDecides() {
        List<String> pipelines = List.of("hf", "bf16-all", "fp16-all", "fp64");
        qt().withFixedSeed(SEED).withExamples(200).forAll(integers().between(0, 1), integers().between(0, 1),
                integers().between(0, pipelines.size() - 1), longs().between(0, 1L << 30)).checkAssert((m, q, pi, raw) -> {
                    String name = pipelines.get(pi);
                    int f = name.equals("fp64") ? 3 : name.equals("fp16-all") ? 2 : name.equals("bf16-all") ? 1 : 0;
                    ExpectedValues ev = values(m, q, f, name);
                    int mode = (int) (raw % ev.rope().modes());
                    long p = (raw >> 6) % (name.equals("fp16-all") ? 60000 : 1L << 25);
                    double fast = ev.pipelineFast(mode, p);
                    if (!Double.isNaN(fast)) {
                        assertEquals(ev.pipelineSlow(mode, p), fast, () -> name + ", mode " + mode + ", p " + p);
                    }
                });
    }

    @Test
    void theFilterStillDecidesNearlyEveryFp32Entry() {
        ExpectedValues ev = new ExpectedValues(Quantity.COS, model("yarn").emulator(Pipeline.preset("hf", Format.FP32)), Format.FP32);
        int undecided = 0;
        int entries = 0;
        for (long p = 1 << 20; p < (1 << 20) + 64; p++) {
            for (int i = 0; i < ev.rope().modes(); i++) {
                entries++;
                undecided += Double.isNaN(ev.exactFast(i, p)) ? 1 : 0;
                undecided += Double.isNaN(ev.pipelineFast(i, p)) ? 1 : 0;
            }
        }
        assertTrue(undecided < entries / 100, undecided + " of " + 2 * entries + " undecided");
    }

    /**
     * At p = 0 every phase is 0: cos is exactly a and sin exactly 0. YaRN's a = 0.1 ln 4 + 1 = 1.13862943611198906...
     * = 0x1.237d37fe5d29...p+0, so RN32(a) = 0x1.237d38p+0 (the bits after the 24th are 0x...fe5d.., above half) and
     * RN_bf16(a) = 0x1.24p+0 (1.0010001|1011.. rounds up); the pipeline computes fl32(cos 0 * fl32(a)) = fl32(a) too,
     * and its bf16 cast is the same RN_bf16 (no double-rounding tie: fl32(a) is not a bf16 midpoint).
     */
    @Test
    void atPositionZeroCosIsTheAttentionFactorRounded() {
        ExpectedValues fp32 = new ExpectedValues(Quantity.COS, model("yarn").emulator(Pipeline.preset("hf", Format.FP32)), Format.FP32);
        ExpectedValues bf16 = new ExpectedValues(Quantity.COS, model("yarn").emulator(Pipeline.preset("hf", Format.BF16)), Format.BF16);
        ExpectedValues sin = new ExpectedValues(Quantity.SIN, model("yarn").emulator(Pipeline.preset("hf", Format.FP32)), Format.FP32);
        for (int i : new int[] {0, 17, 63}) {
            assertEquals(0x1.237d38p+0, fp32.exact(i, 0));
            assertEquals(0x1.237d38p+0, fp32.pipeline(i, 0));
            assertEquals(0x1.24p+0, bf16.exact(i, 0));
            assertEquals(0x1.24p+0, bf16.pipeline(i, 0));
            assertEquals(0.0, sin.exact(i, 0));
        }
    }
}
