package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.rope.PipelineSpec;
import org.ropebounds.rope.StageOverrides.Stage;

/** A request exists only when valid; each refusal names its parameter and the accepted range. */
class CrosscheckRequestTest {
    private static CrosscheckRequest.Builder cos() {
        return CrosscheckRequest.builder(Quantity.COS, Rational.of(500000), 128);
    }

    private static void refused(Parameter p, String detail, CrosscheckRequest.Builder b) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, b::build);
        assertEquals(p, e.parameter());
        assertEquals(detail, e.detail());
        assertEquals(p.label() + " " + detail, e.getMessage());
    }

    @Test
    void defaults() {
        CrosscheckRequest r = cos().build();
        assertEquals(0, r.firstPosition());
        assertEquals(OptionalLong.empty(), r.positionCount());
        assertEquals(Optional.empty(), r.pipeline());
        assertEquals(Optional.empty(), r.layout());
        assertEquals(1, r.toleranceUlps());
        assertEquals(10, r.worst());
        assertEquals(64, r.modes());
        assertTrue(r.threads() >= 1 && r.threads() <= CrosscheckRequest.MAX_THREADS);
        assertEquals(CrosscheckRequest.defaultThreads(), r.threads());
    }

    @Test
    void theGivenValuesAreKept() {
        CrosscheckRequest r = cos().positions(100, 256).pipeline("hf+phase=bf16").layout(Layout.INTERLEAVE).toleranceUlps(0)
                .worst(1000).threads(64).build();
        assertEquals(100, r.firstPosition());
        assertEquals(OptionalLong.of(256), r.positionCount());
        assertEquals(Optional.of(PipelineSpec.preset("hf").with(Stage.PHASE, Format.BF16)), r.pipeline());
        assertEquals(Optional.of(Layout.INTERLEAVE), r.layout());
        assertEquals(0, r.toleranceUlps());
        assertEquals(1000, r.worst());
        assertEquals(64, r.threads());
        assertEquals(1L << 53, cos().positions((1L << 53) - 1, 1).build().firstPosition() + 1);
        assertEquals(OptionalLong.empty(), cos().positions(3, 4).firstPosition(7).build().positionCount());
    }

    @Test
    void outOfRangeParametersAreRefused() {
        refused(Parameter.POSITIONS, "9:3 is not accepted; need 0 <= first < end <= 2^53", cos().positions(9, -6));
        refused(Parameter.POSITIONS, "5:5 is not accepted; need 0 <= first < end <= 2^53", cos().positions(5, 0));
        refused(Parameter.POSITIONS, "-1:1 is not accepted; need 0 <= first < end <= 2^53", cos().positions(-1, 2));
        refused(Parameter.POSITIONS, "1:9007199254740993 is not accepted; need 0 <= first < end <= 2^53", cos().positions(1, 1L << 53));
        refused(Parameter.POSITIONS, "from 9007199254740992 is not accepted; need 0 <= first < 2^53", cos().firstPosition(1L << 53));
        refused(Parameter.POSITIONS, "does not apply to inv_freq, which has no positions",
                CrosscheckRequest.builder(Quantity.INV_FREQ, Rational.of(2), 4).positions(0, 1));
        refused(Parameter.LAYOUT, "concat does not apply to inv_freq; inv_freq has one entry per mode",
                CrosscheckRequest.builder(Quantity.INV_FREQ, Rational.of(2), 4).layout(Layout.CONCAT));
        refused(Parameter.TOLERANCE, "-1 is negative; accepted: an integer >= 0", cos().toleranceUlps(-1));
        refused(Parameter.WORST, "1001 is out of range; accepted: 0..1000", cos().worst(1001));
        refused(Parameter.WORST, "-1 is out of range; accepted: 0..1000", cos().worst(-1));
        refused(Parameter.THREADS, "0 is out of range; accepted: 1..64", cos().threads(0));
        refused(Parameter.THREADS, "65 is out of range; accepted: 1..64", cos().threads(65));
        // the modes layout is inv_freq's own
        assertEquals(Optional.of(Layout.MODES), CrosscheckRequest.builder(Quantity.INV_FREQ, Rational.of(2), 4).layout(Layout.MODES).build().layout());
    }

    @Test
    void baseAndHeadDimAreThoseTheEmulatorAccepts() {
        InvalidInputException base = assertThrows(InvalidInputException.class,
                () -> CrosscheckRequest.builder(Quantity.COS, Rational.ONE, 128).build());
        assertEquals("base 1 is out of range; accepted: b > 1", base.getMessage());
        for (int d : new int[] {0, 3, 1026}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CrosscheckRequest.builder(Quantity.COS, Rational.of(2), d).build());
            assertTrue(e.getMessage().startsWith("head dim " + d + " is not accepted"), e.getMessage());
        }
        assertEquals(1024, CrosscheckRequest.builder(Quantity.COS, Rational.of(2), 1024).build().headDim());
        assertThrows(InvalidInputException.class, () -> cos().pipeline("hf+phase=bf17"));
        assertThrows(InvalidInputException.class, () -> cos().pipeline("tf"));
    }
}
