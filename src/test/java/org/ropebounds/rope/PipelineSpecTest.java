package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Format;
import org.ropebounds.rope.StageOverrides.Stage;

/** Stage overrides and pipeline names: parse reads what Pipeline.name() writes. */
class PipelineSpecTest {
    @Test
    void overridesReplaceTheirStagesAndExtendTheName() {
        StageOverrides o = StageOverrides.NONE.with(Stage.PHASE, Format.BF16).with(Stage.POSITION, Format.BF16);
        Pipeline p = o.apply(Pipeline.preset("hf-bf16-inv-freq", Format.BF16));
        // the name lists overrides in stage order, whatever order they were given in
        assertEquals(new Pipeline("hf-bf16-inv-freq+position=bf16+phase=bf16", Format.FP32, Format.BF16, Format.BF16, Format.BF16,
                Format.FP32, Format.BF16), p);
        Pipeline inv = StageOverrides.NONE.with(Stage.INV_FREQ, Format.FP16).apply(Pipeline.uniform("fp64", Format.FP64));
        assertEquals(Format.FP16, inv.invFreqCompute()); // both inv_freq formats
        assertEquals(Format.FP16, inv.invFreq());
        Pipeline hf = Pipeline.preset("hf", Format.FP32);
        assertSame(hf, StageOverrides.NONE.apply(hf));
        assertEquals(Optional.of(Format.BF16), o.format(Stage.PHASE));
        assertEquals(Optional.empty(), o.format(Stage.TRIG));
    }

    @Test
    void parseReadsWhatNameWrites() {
        PipelineSpec s = PipelineSpec.parse("HF + phase = bf16 +trig=fp64");
        assertEquals("hf+phase=bf16+trig=fp64", s.name());
        assertEquals(s, PipelineSpec.parse(s.name()));
        Pipeline p = s.resolve(Format.FP16);
        assertEquals(s.name(), p.name());
        assertEquals(Format.FP16, p.output()); // the activation
        assertEquals(Format.BF16, p.phase());
        assertEquals(Format.FP64, p.trig());
        assertEquals(PipelineSpec.preset("fp64"), PipelineSpec.parse("fp64"));
        assertEquals(s, PipelineSpec.preset("hf").with(StageOverrides.NONE.with(Stage.TRIG, Format.FP64).with(Stage.PHASE, Format.BF16)));
    }

    @Test
    void unknownNamesAreRefused() {
        InvalidInputException preset = assertThrows(InvalidInputException.class, () -> PipelineSpec.parse("tf"));
        assertTrue(preset.getMessage().contains("unknown pipeline 'tf'"), preset.getMessage());
        InvalidInputException stage = assertThrows(InvalidInputException.class, () -> PipelineSpec.parse("hf+cos=fp32"));
        assertTrue(stage.getMessage().contains("unknown pipeline stage 'cos'"), stage.getMessage());
        assertThrows(InvalidInputException.class, () -> PipelineSpec.parse("hf+phase=fp17"));
        assertThrows(InvalidInputException.class, () -> PipelineSpec.parse("hf+"));
    }
}
