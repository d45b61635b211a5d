package org.ropebounds.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.ropebounds.crosscheck.CrosscheckReport;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.Discrepancy;
import org.ropebounds.crosscheck.UlpSummary;

/** The text form of a {@link CrosscheckReport}. */
final class CrosscheckText {
    private CrosscheckText() {
    }

    /** The report on {@code file} (named by its file name) as text, each line ending in LF. */
    static void print(PrintWriter out, CrosscheckReport r, Path file) {
        CrosscheckRequest q = r.request();
        String rows = q.quantity().hasPositions() ? r.rows() + " positions " + q.firstPosition() + ":" + (q.firstPosition() + r.rows())
                + " x " + r.columns() + " columns (layout " + r.layout().label() + ")" : r.columns() + " modes";
        out.print("crosscheck " + q.quantity().label() + ": b = " + q.base().toCompactDecimalStringOrFraction() + ", d = " + q.headDim()
                + ", " + r.format().name() + "; " + file.getFileName() + " (" + r.source() + "), " + rows + "\n");
        out.print(SpectrumSource.modelLines(q.frequencies()));
        out.print("Counts are exact; an ulp distance counts the " + r.format().name() + " values between an entry and what it should be.\n");
        section(out, "against exact (" + r.exactReference() + ")", r.againstExact());
        String ulps = q.toleranceUlps() + " ulp" + (q.toleranceUlps() == 1 ? "" : "s");
        r.againstPipeline().ifPresent(p -> section(out, "against pipeline " + p.pipeline().describe(), p.summary()));
        r.againstPipeline().ifPresent(p -> out.print("\ndiagnosis (tolerance " + ulps + "): " + p.explainedByPipeline()
                + " entries beyond it from the exact values are within it from the pipeline (the pipeline's own rounding); "
                + p.beyondPipeline() + " entries are beyond it from the pipeline "
                + (p.explainsEverything() ? "(none left to explain)" : "(not explained by this pipeline)") + "\n"));
        out.print("verdict: " + (r.withinTolerance() ? "WITHIN" : "BEYOND") + " tolerance of " + ulps + " (max " + r.decisive().maxUlps()
                + " against " + (r.verdictAgainst() == CrosscheckReport.Reference.PIPELINE ? "the pipeline" : "the exact values") + ")\n");
        out.flush();
    }

    private static void section(PrintWriter out, String title, UlpSummary s) {
        out.print("\n" + title + ":\n");
        out.print("  entries " + s.entries() + ", exact " + s.exactMatches() + ", 1 ulp " + s.oneUlp() + ", worse " + s.worse()
                + "; max " + s.maxUlps() + " ulps, mean " + s.meanUlpsDecimal().text() + " ulps (" + s.meanUlpsDecimal().guarantee() + ")\n");
        out.print("  largest |got - want| = " + absError(s.maxAbsError()) + "\n");
        if (s.decidedExactly() > 0) {
            out.print("  " + s.decidedExactly() + " expected values were decided by certified arithmetic (the double filter could not)\n");
        }
        if (!s.worst().isEmpty()) {
            TextTable t = new TextTable(new boolean[] {true, true, true, false, false, true}, "index", "position", "mode", "got", "want", "ulps");
            for (Discrepancy d : s.worst()) {
                t.add(Long.toString(d.index()), d.position().isPresent() ? Long.toString(d.position().getAsLong()) : "-",
                        Integer.toString(d.mode()), d.got().toHexString(), d.want().toHexString(), d.ulps().toString());
            }
            out.print("  worst entries (got and want as exact hex floats):\n");
            StringWriter sw = new StringWriter();
            t.print(new PrintWriter(sw));
            sw.toString().lines().forEach(line -> out.print("    " + line + "\n"));
        }
    }

    /**
     * The largest absolute error in the form this command has always printed: Java's shortest decimal with a
     * lower-case exponent, and Java's hex form with a power of two's ".0" left out ({@code 8.0 = 0x1p3}).
     */
    private static String absError(double e) {
        if (e == 0 || Double.isInfinite(e)) {
            return e == 0 ? "0 (exact)" : "inf";
        }
        boolean powerOfTwo = e >= Double.MIN_NORMAL && e == Math.scalb(1.0, Math.getExponent(e));
        return Double.toString(e).toLowerCase(Locale.ROOT) + " = "
                + (powerOfTwo ? "0x1p" + Math.getExponent(e) : Double.toHexString(e)) + " (correctly rounded to fp64)";
    }
}
