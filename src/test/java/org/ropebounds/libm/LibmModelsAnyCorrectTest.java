package org.ropebounds.libm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LibmModels#anyCorrect()} answers what crosscheck used to ask by comparing records. */
class LibmModelsAnyCorrectTest {

    @Test
    void anyCorrectIsWhetherRelaxingChangesTheModels() {
        List<LibmModels> cases = new java.util.ArrayList<>();
        for (String preset : LibmModels.PRESETS) {
            cases.add(LibmModels.parse(preset));
        }
        for (String one : List.of("ulps:3", "abs:2^-20@pi", "unbounded")) {
            LibmModels m = LibmModels.parse(one);
            cases.add(m);
            cases.add(m.with(LibmFunction.COS, LibmModel.CORRECT));
            cases.add(m.with(LibmFunction.POW, LibmModel.CORRECT));
            cases.add(LibmModels.CORRECT.with(LibmFunction.SIN, m.sin()));
        }
        for (LibmModels m : cases) {
            assertEquals(!m.atLeastFaithful().equals(m), m.anyCorrect(), m.describe());
        }
        // by hand: correct has three correctly rounded functions, faithful and glibc none
        assertEquals(true, LibmModels.parse("correct").anyCorrect());
        assertEquals(false, LibmModels.parse("faithful").anyCorrect());
        assertEquals(false, LibmModels.parse("glibc").anyCorrect());
        assertEquals(true, LibmModels.parse("glibc").with(LibmFunction.SIN, LibmModel.CORRECT).anyCorrect());
    }
}
