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
 */
public record CrosscheckReport(CrosscheckRequest request, String source, Format format, long rows, int columns, Layout layout,
                               UlpSummary againstExact, Optional<PipelineComparison> againstPipeline) {

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
     */
    public record PipelineComparison(Pipeline pipeline, UlpSummary summary, long explainedByPipeline, long beyondPipeline) {
        public PipelineComparison {
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(summary, "summary");
        }

        /** Whether every entry is within the tolerance of the pipeline's value. */
        public boolean explainsEverything() {
            return beyondPipeline == 0;
        }
    }

    public CrosscheckReport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(againstExact, "againstExact");
        if (againstPipeline.isPresent() != request.pipeline().isPresent()) {
            throw new IllegalArgumentException("a pipeline comparison belongs to a request that names a pipeline");
        }
    }

    /** {@link Reference#PIPELINE} when there is a pipeline comparison, else {@link Reference#EXACT}. */
    public Reference verdictAgainst() {
        return againstPipeline.isPresent() ? Reference.PIPELINE : Reference.EXACT;
    }

    /** The summary the verdict is taken from: against the pipeline when there is one, else against the exact values. */
    public UlpSummary decisive() {
        return againstPipeline.map(PipelineComparison::summary).orElse(againstExact);
    }

    /** The verdict: whether every entry is within {@link CrosscheckRequest#toleranceUlps()} of {@link #decisive()}'s reference. */
    public boolean withinTolerance() {
        return decisive().withinTolerance(request.toleranceUlps());
    }

    /** What the exact values are, in one line: {@code cos(p * theta_i) correctly rounded to bf16} ({@link CrosscheckRequest#exactFormula()}). */
    public String exactReference() {
        return request.exactFormula() + " correctly rounded to " + format.name();
    }
}
