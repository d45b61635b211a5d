package org.ropebounds.crosscheck;

import java.util.Objects;
import java.util.Optional;
import org.ropebounds.format.Format;
import org.ropebounds.rope.Pipeline;

/**
 * The outcome of a cross-check: how far the entries are from the exact values and, when the request
 * names a pipeline, from what the pipeline computes; and the verdict, which is against the pipeline when
 * there is one (its own rounding is then not held against the array) and against the exact values otherwise.
 *
 * @param request what was asked
 * @param source what the array is ({@link ArraySource#describe()})
 * @param format the entries' format
 * @param rows rows read (positions; 1 for inv_freq)
 * @param columns entries per row
 * @param layout how columns map to modes
 * @param againstExact distances to the exact values correctly rounded to the format
 * @param againstPipeline distances to the pipeline's values; present exactly when the request names a pipeline
 * @param storedInvFreq the check of the implementation's own inv_freq (quantity inv_freq, same pipeline and libm), when
 *                      the downstream stages started from it ({@link Crosscheck#run(CrosscheckRequest, ArraySource, ArraySource)})
 */
public record CrosscheckReport(CrosscheckRequest request, String source, Format format, long rows, int columns, Layout layout,
                               UlpSummary againstExact, Optional<PipelineComparison> againstPipeline,
                               Optional<CrosscheckReport> storedInvFreq) {

    /** What the verdict is measured against. */
    public enum Reference {
        EXACT("exact"), PIPELINE("pipeline");

        private final String label;

        Reference(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The comparison with a pipeline, and the diagnosis it allows.
     *
     * @param pipeline the pipeline, resolved with the array's format as its activation
     * @param summary distances to the pipeline's values, converted to the array's format
     * @param explainedByPipeline entries beyond the tolerance from the exact value but within it from the
     *                            pipeline's (the pipeline's own rounding explains them)
     * @param beyondPipeline entries beyond the tolerance from the pipeline's value (nothing explains them)
     * @param envelope the entries against the pipeline's envelope under the request's libm models (correctly
     *                 rounded when it names none: the envelope is then the pipeline's value itself)
     */
    public record PipelineComparison(Pipeline pipeline, UlpSummary summary, long explainedByPipeline, long beyondPipeline,
                                     EnvelopeSummary envelope) {
        public PipelineComparison {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(envelope, "envelope");
        }

        /** Whether every entry is within the tolerance of the pipeline's value. */
        public boolean explainsEverything() {
            return beyondPipeline == 0;
        }
    }

    /** A report without a stored inv_freq. */
    public CrosscheckReport(CrosscheckRequest request, String source, Format format, long rows, int columns, Layout layout,
                            UlpSummary againstExact, Optional<PipelineComparison> againstPipeline) {
        this(request, source, format, rows, columns, layout, againstExact, againstPipeline, Optional.empty());
    }

    public CrosscheckReport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(storedInvFreq, "storedInvFreq");
        Objects.requireNonNull(againstExact, "againstExact");
        if (againstPipeline.isPresent() != request.pipeline().isPresent()) {
            throw new IllegalArgumentException("a pipeline comparison belongs to a request that names a pipeline");
        }
    }

    /** How the verdict is decided. */
    public enum VerdictRule {
        /** Every entry inside the envelope of the pipeline and its libm models (a request with libm models). */
        ENVELOPE("every entry inside the envelope"),
        /** Every entry within the tolerance of the reference's value. */
        TOLERANCE("every entry within the tolerance");

        private final String label;

        VerdictRule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@link VerdictRule#ENVELOPE} for a request with a pipeline and libm models, else {@link VerdictRule#TOLERANCE}. */
    public VerdictRule verdictRule() {
        return againstPipeline.isPresent() && request.libm().isPresent() ? VerdictRule.ENVELOPE : VerdictRule.TOLERANCE;
    }

    /**
     * The verdict on the array (a stored inv_freq is judged separately, in {@link #storedInvFreq}): every entry inside
     * the envelope under {@link VerdictRule#ENVELOPE}, else {@link #withinTolerance()}.
     */
    public boolean passes() {
        return verdictRule() == VerdictRule.ENVELOPE ? againstPipeline.orElseThrow().envelope().everyEntryInside() : withinTolerance();
    }

    /** {@link Reference#PIPELINE} when there is a pipeline comparison, else {@link Reference#EXACT}. */
    public Reference verdictAgainst() {
        return againstPipeline.isPresent() ? Reference.PIPELINE : Reference.EXACT;
    }

    /** The summary the verdict is taken from: against the pipeline when there is one, else against the exact values. */
    public UlpSummary decisive() {
        return againstPipeline.map(PipelineComparison::summary).orElse(againstExact);
    }

    /**
     * Whether every entry is within {@link CrosscheckRequest#toleranceUlps()} of {@link #decisive()}'s reference: the
     * verdict under {@link VerdictRule#TOLERANCE}, a secondary statistic under {@link VerdictRule#ENVELOPE}.
     */
    public boolean withinTolerance() {
        return decisive().withinTolerance(request.toleranceUlps());
    }

    /** What the exact values are, in one line: {@code cos(p * theta_i) correctly rounded to bf16} ({@link CrosscheckRequest#exactFormula()}). */
    public String exactReference() {
        return request.exactFormula() + " correctly rounded to " + format.name();
    }
}
