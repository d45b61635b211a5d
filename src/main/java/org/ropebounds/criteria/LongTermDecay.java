package org.ropebounds.criteria;

import java.math.BigInteger;
import java.util.Optional;
import org.ropebounds.criteria.CriteriaReport.MaxContext;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.format.Rational;

/** Where Men et al.'s decay bound enters the side-by-side report. */
final class LongTermDecay {
    private LongTermDecay() {
    }

    /** Not computed in this build: the certified decay search is not part of it. */
    static MinimumBase minimumBase(BigInteger context, CriteriaQuery q) {
        return MinimumBase.notComputed(Criterion.DECAY, "the certified decay search is not in this build");
    }

    /** Not computed in this build. */
    static MaxContext maxContext(Rational base, CriteriaQuery q) {
        return MaxContext.of(Criterion.DECAY, Optional.empty(), "not computed: the certified decay search is not in this build");
    }
}
