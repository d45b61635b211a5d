package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.real.CertifiedDecimal;
import org.ropebounds.real.Enclosure;
import org.ropebounds.rope.ErasureReport;
import org.ropebounds.rope.Frequencies;
import org.ropebounds.rope.Pipeline;
import org.ropebounds.rope.PipelineAnalyses;
import org.ropebounds.rope.RopeEmulator;

/**
 * erasure's table of decimals ({@link ErasureDecimals}) against {@link CertifiedDecimal} computed afresh: the same texts
 * for every enclosure, whatever was asked before (equal values, enclosures sharing one end, another number of digits),
 * and the same result objects as {@link ErasureJson#of(ErasureReport, int)} for pipelines that share their phases.
 */
class ErasureDecimalsTest {
    private static Rational q(long n, long d) {
        return Rational.of(n).divide(Rational.of(d));
    }

    /** The reference: CertifiedDecimal's own best digits (null when none are decided), guarantee and interval. */
    private static List<Object> fresh(Enclosure e, int digits) {
        CertifiedDecimal d = CertifiedDecimal.best(e, digits);
        return List.of(d.digits() == 0 && !d.exact() ? "none" : d.text(), d.guarantee(), CertifiedDecimal.interval(e, digits));
    }

    private static List<Object> texts(ErasureDecimals.Texts t) {
        return List.of(t.digits().orElse("none"), t.guarantee(), t.interval());
    }

    @Test
    void keptTextsAreTheFreshOnes() {
        // [1/16, 1/8] and [0, 1/8] share their upper end; 1/3 exactly decides every digit; [1/3, 1/2] decides none
        List<Enclosure> es = List.of(Enclosure.of(q(1, 16), q(1, 8)), Enclosure.of(Rational.ZERO, q(1, 8)),
                Enclosure.of(q(1, 3), q(1, 3)), Enclosure.of(q(1, 3), q(1, 2)), Enclosure.of(q(1, 16), q(1, 8)),
                Enclosure.of(q(2, 6), q(3, 9)));
        for (int digits : new int[] {2, 6}) {
            ErasureDecimals table = new ErasureDecimals(digits);
            for (int round = 0; round < 2; round++) {
                for (Enclosure e : es) {
                    assertEquals(fresh(e, digits), texts(table.of(e)), () -> e + " at " + digits + " digits");
                    assertEquals(fresh(e, digits), texts(ErasureDecimals.compute(e, digits)));
                }
            }
        }
        // the cases tell the texts apart: a table keyed by less than both ends, or shared across digits, would fail above
        assertNotEquals(fresh(es.get(0), 6), fresh(es.get(1), 6));
        assertNotEquals(fresh(es.get(2), 2), fresh(es.get(2), 6));
        assertEquals("none", fresh(es.get(3), 6).get(0));
    }

    @Test
    void refusesDigitsBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ErasureDecimals(0));
    }

    @Test
    void sharedTableGivesTheSameResultObjects() {
        Frequencies freq = Frequencies.plain(Rational.of(500000), 32);
        List<Pipeline> pipelines = List.of(Pipeline.preset("hf", Format.BF16), Pipeline.uniform("fp32", Format.FP32),
                Pipeline.preset("bf16-all", Format.BF16), Pipeline.uniform("bf16", Format.BF16));
        List<RopeEmulator> ropes = freq.emulators(pipelines);
        List<ErasureReport> reports = PipelineAnalyses.analyse(ropes, 1 << 15, Rational.parse("0.1"), Long.MAX_VALUE, true)
                .horizons().orElseThrow();
        for (int digits : new int[] {3, 6}) {
            ErasureDecimals shared = new ErasureDecimals(digits);
            for (ErasureReport r : reports) {
                ObjectNode expected = ErasureJson.of(r, digits);
                assertEquals(expected, ErasureJson.of(r, shared), r.pipeline().name());
                assertEquals(expected, ErasureJson.of(r, shared), r.pipeline().name() + ", asked again");
            }
        }
    }
}
