package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/** The structural horizons against a scan of every position, and facts worked out by hand. */
class CollisionHorizonsTest {

    @Test
    void positionHorizonsByHand() {
        // a format with p significand bits holds every integer up to 2^p; 2^p + 1 needs p + 1 bits
        assertEquals(257, CollisionHorizons.positionHorizon(Format.BF16));        // 2^8 + 1
        assertEquals(2049, CollisionHorizons.positionHorizon(Format.FP16));       // 2^11 + 1
        assertEquals(16777217, CollisionHorizons.positionHorizon(Format.FP32));   // 2^24 + 1
        // and 2^p + 1 rounds to 2^p (a tie, to the even significand): positions 2^p and 2^p + 1 collide, and
        // the collision is named by the pair's second position (the first position that fails), 2^p + 1
        assertEquals(257, CollisionHorizons.positionCollision(Pipeline.preset("bf16-all", Format.BF16)));
        assertEquals(16777217, CollisionHorizons.positionCollision(Pipeline.preset("hf", Format.BF16)));
    }

    @Test
    void mode0OfHfCollidesOnlyWherePositionsDo() {
        // inv_freq_0 = 1/b^0 = 1 exactly, so phase_0(p) = fl32(p): distinct until 2^24; fl32(2^24 + 1) = 2^24
        RopeEmulator rope = new RopeEmulator(Rational.of(500000), 128, Pipeline.preset("hf", Format.BF16));
        assertEquals(OptionalLong.of(16777217), CollisionHorizons.modeCollision(rope, 0, 1L << 40));
        assertEquals(OptionalLong.of(16777217), CollisionHorizons.modeCollision(rope, 0, 16777218)); // the last position of L = 2^24 + 2
        assertEquals(OptionalLong.empty(), CollisionHorizons.modeCollision(rope, 0, 16777217)); // the pair needs position 2^24 + 1
    }

    @Test
    void narrowPhaseFormatsAgreeWithAScan() {
        // positions in fp32 and inv_freq in fp32, phases rounded to a narrower format: collisions come early
        List<Format> phases = List.of(Format.FP16, Format.BF16, Format.TF32, Format.FP8_E5M2, Format.FP8_E4M3);
        qt().withFixedSeed(0x0A77_0126L).withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Format ph = phases.get(r.nextInt(phases.size()));
            Pipeline pipeline = new Pipeline("custom", Format.FP32, Format.FP32, Format.FP32, ph, Format.FP32, Format.BF16);
            long base = (long) Math.pow(10, 1 + 7 * r.nextDouble());
            int d = 2 * (1 + r.nextInt(64));
            RopeEmulator rope = new RopeEmulator(Rational.of(base), d, pipeline);
            long context = 2 + r.nextInt(300_000);
            int i = r.nextInt(rope.modes());
            OptionalLong structural = CollisionHorizons.modeCollision(rope, i, context);
            OptionalLong scanned = PhaseScan.scan(rope, i, context, Rational.parse("0.1")).collision();
            assertEquals(scanned, structural, () -> ph + " b=" + base + " d=" + d + " mode " + i + " L=" + context);
        });
    }

    @Test
    void hfModesCollideFromAbout2To23() {
        // the fp32 product p f has ulp 2^(floor(log2 pf) - 23), which exceeds f itself from p ~ 2^23 on
        RopeEmulator rope = new RopeEmulator(Rational.of(10000), 64, Pipeline.preset("hf", Format.BF16));
        long context = (1L << 24) + 2;
        for (int i : new int[] {1, 7, 31}) {
            OptionalLong scanned = PhaseScan.scan(rope, i, context, Rational.parse("0.1")).collision();
            assertEquals(scanned, CollisionHorizons.modeCollision(rope, i, context), "mode " + i);
            long p = scanned.orElseThrow();
            assertEquals(true, p > (1L << 22) && p <= (1L << 24) + 1, "mode " + i + " collides at " + p);
        }
    }

    @Test
    void structureAgreesWithAScanOfEveryPosition() {
        List<String> pipelines = List.of("hf", "hf-bf16-inv-freq", "bf16-all", "fp16-all", "fp64");
        qt().withFixedSeed(0x5CA11126L).withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            String name = pipelines.get(r.nextInt(pipelines.size()));
            Pipeline pipeline = Pipeline.preset(name, Format.BF16);
            long base = (long) Math.pow(10, 2 + 6 * r.nextDouble());
            int d = 2 * (1 + r.nextInt(32));
            RopeEmulator rope = new RopeEmulator(Rational.of(base), d, pipeline);
            long context = 1 + r.nextInt(name.equals("fp64") || name.startsWith("hf") ? 200_000 : 5_000);
            for (int i = 0; i < rope.modes(); i += 1 + r.nextInt(4)) {
                OptionalLong structural = CollisionHorizons.modeCollision(rope, i, context);
                OptionalLong scanned = PhaseScan.scan(rope, i, context, Rational.parse("0.1")).collision();
                int mode = i;
                assertEquals(scanned, structural, () -> name + " b=" + base + " d=" + d + " mode " + mode + " L=" + context);
            }
        });
    }
}
