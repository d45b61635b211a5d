package org.ropebounds.rope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.ropebounds.format.Rational;
import org.ropebounds.real.Enclosure;

/** The horizon and error-bound values: their invariants, accessors and the one wording of each form. */
class HorizonTest {

    @Test
    void eachFormIsWordedOnce() {
        Horizon at = Horizon.at(1234);
        Horizon within = Horizon.within(1024, 1048575);
        Horizon none = Horizon.none();
        assertEquals("1234", at.describe());
        assertEquals("in [1024, 1048575]", within.describe());
        assertEquals("none", none.describe());
        assertEquals("1234", at.describeHedged());
        assertEquals("if any, in [1024, 1048575]", within.describeHedged());
        assertEquals("none", none.describeHedged());
        assertEquals("1234", at.describeFrom());
        assertEquals("from 1024", within.describeFrom());
        assertEquals("none", none.describeFrom());
    }

    @Test
    void onlyALocatedHorizonHasAPosition() {
        assertEquals(OptionalLong.of(0), Horizon.at(0).located());
        assertEquals(OptionalLong.empty(), Horizon.within(5, 5).located());
        assertEquals(OptionalLong.empty(), Horizon.none().located());
        assertEquals(OptionalLong.of(5), Horizon.within(5, 9).earliest());
        assertEquals(OptionalLong.of(7), Horizon.at(7).earliest());
        assertEquals(OptionalLong.empty(), Horizon.none().earliest());
        assertEquals(Horizon.at(3), Horizon.of(OptionalLong.of(3)));
        assertEquals(Horizon.none(), Horizon.of(OptionalLong.empty()));
    }

    @Test
    void impossibleHorizonsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Horizon.at(-1));
        assertThrows(IllegalArgumentException.class, () -> Horizon.within(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> Horizon.within(4, 3));
    }

    @Test
    void errorBoundsCompareOnlyWhenCertain() {
        PhaseErrorBound small = PhaseErrorBound.of(Rational.parse("0.01"), Rational.parse("0.02"));
        PhaseErrorBound large = PhaseErrorBound.of(Rational.parse("0.05"), Rational.parse("0.3"));
        Rational delta = Rational.parse("0.1");
        assertTrue(small.isAtMost(delta));
        assertFalse(large.isAtMost(delta)); // its upper end 0.3 > 0.1: not certainly within
        assertTrue(PhaseErrorBound.atMost(delta).isAtMost(delta)); // <= holds at equality
        assertFalse(PhaseErrorBound.unbounded().isAtMost(Rational.of(1000000)));
        // the maximum of two magnitudes lies between the larger lower ends and the larger upper ends
        assertEquals(PhaseErrorBound.of(Rational.parse("0.05"), Rational.parse("0.3")), small.max(large));
        assertEquals(PhaseErrorBound.unbounded(), small.max(PhaseErrorBound.unbounded()));
        assertEquals(PhaseErrorBound.unbounded(), PhaseErrorBound.unbounded().max(small));
        assertThrows(IllegalArgumentException.class, () -> new PhaseErrorBound.Finite(Enclosure.of(Rational.of(-1), Rational.ONE)));
    }

    @Test
    void aReportPairsTheCollisionModeWithALocatedCollision() {
        Pipeline pl = Pipeline.uniform("bf16-all", org.ropebounds.format.Format.BF16);
        assertThrows(IllegalArgumentException.class, () -> new ErasureReport(pl, 10, Rational.ONE, Horizon.none(), Horizon.at(3),
                java.util.OptionalInt.empty(), Horizon.none(), Horizon.none(), PhaseErrorBound.atMost(Rational.ONE), java.util.List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ErasureReport(pl, 10, Rational.ONE, Horizon.none(), Horizon.none(),
                java.util.OptionalInt.of(2), Horizon.none(), Horizon.none(), PhaseErrorBound.atMost(Rational.ONE), java.util.List.of()));
    }
}
