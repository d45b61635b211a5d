package org.ropebounds.crosscheck;

import java.util.List;
import java.util.Objects;
import org.ropebounds.libm.LibmModels;

/**
 * How the entries of an array lie against the envelope of a pipeline under libm models.
 *
 * @param libm the models the envelope allows
 * @param inside entries inside the envelope (explained by the pipeline and its libm), unbounded ones included
 * @param outside entries outside it
 * @param unbounded entries where the envelope has no bound (a model without a documented bound there)
 * @param insideFaithful of the entries outside, those inside the envelope once every correctly rounded function
 *                       is only faithful ({@link LibmModels#atLeastFaithful()}); 0 when the models already are
 * @param worst the entries furthest outside, worst first (more ulps, then the earlier index)
 */
public record EnvelopeSummary(LibmModels libm, long inside, long outside, long unbounded, long insideFaithful, List<EnvelopeMiss> worst) {
    public EnvelopeSummary {
        Objects.requireNonNull(libm, "libm");
        worst = List.copyOf(worst);
    }

    /** Whether every entry is inside the envelope. */
    public boolean everyEntryInside() {
        return outside == 0;
    }
}
