package org.ropebounds.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.ropebounds.crosscheck.CrosscheckReport;
import org.ropebounds.crosscheck.CrosscheckRequest;
import org.ropebounds.crosscheck.Discrepancy;
import org.ropebounds.crosscheck.EnvelopeMiss;
import org.ropebounds.crosscheck.EnvelopeSummary;
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
        boolean byEnvelope = r.verdictRule() == CrosscheckReport.VerdictRule.ENVELOPE;
        r.againstPipeline().ifPresent(p -> envelope(out, p.envelope(), byEnvelope, byEnvelope || !r.withinTolerance(), r.storedInvFreq().isPresent()));
        r.storedInvFreq().ifPresent(inv -> storedInvFreq(out, inv));
        String tolerance = (r.withinTolerance() ? "WITHIN" : "BEYOND") + " tolerance of " + ulps + " (max " + r.decisive().maxUlps()
                + " against " + (r.verdictAgainst() == CrosscheckReport.Reference.PIPELINE ? "the pipeline" : "the exact values") + ")";
        if (byEnvelope) {
            EnvelopeSummary e = r.againstPipeline().orElseThrow().envelope();
            out.print("verdict: " + (e.everyEntryInside() ? "INSIDE" : "OUTSIDE") + " the envelope of the pipeline with libm " + e.libm().describe()
                    + " (" + e.outside() + " entries outside); secondary: " + tolerance + "\n");
        } else {
            out.print("verdict: " + tolerance + "\n");
        }
        out.flush();
    }

    /**
     * The envelope: printed in full when it decides the verdict; otherwise only when a faithful libm explains entries the
     * pipeline's own value does not (the numpy case: its float32 pow is 1 ulp off), so that they are not taken for a bug.
     */
    private static void envelope(PrintWriter out, EnvelopeSummary e, boolean decides, boolean diagnose, boolean storedInvFreq) {
        if (decides) {
            out.print("\nenvelope (libm " + e.libm().describe() + "; every value such an implementation of the pipeline can compute):\n");
            out.print("  inside " + e.inside() + ", outside " + e.outside() + (e.unbounded() > 0 ? ", of the inside " + e.unbounded()
                    + " where the libm model has no bound (argument outside its documented range)" : "") + "\n");
            if (!e.worst().isEmpty()) {
                TextTable t = new TextTable(new boolean[] {true, true, true, false, false, false, true}, "index", "position", "mode", "got",
                        "envelope low", "envelope high", "ulps");
                for (EnvelopeMiss m : e.worst()) {
                    t.add(Long.toString(m.index()), m.position().isPresent() ? Long.toString(m.position().getAsLong()) : "-",
                            Integer.toString(m.mode()), m.got().toHexString(), m.low().toHexString(), m.high().toHexString(), m.ulps().toString());
                }
                out.print("  entries outside the envelope (ulps to its nearer end):\n");
                StringWriter sw = new StringWriter();
                t.print(new PrintWriter(sw));
                sw.toString().lines().forEach(line -> out.print("    " + line + "\n"));
            }
        }
        if (diagnose && e.outside() > 0 && e.insideFaithful() > 0) {
            out.print("\nlibm: " + e.insideFaithful() + " of the " + e.outside() + " entries outside the envelope are inside it when pow, cos and"
                    + " sin are only faithful (either neighbour of the exact value, as numpy's float32 pow"
                    + (storedInvFreq ? "" : ", 1 ulp off in some modes") + "): explained by a libm allowance, not a bug by themselves; judge them with"
                    + " --libm faithful (or a preset)" + (storedInvFreq ? "" : ", or give the implementation's own inv_freq with --inv-freq") + "\n");
        }
    }

    private static void storedInvFreq(PrintWriter out, CrosscheckReport inv) {
        EnvelopeSummary e = inv.againstPipeline().orElseThrow().envelope();
        out.print("\nstored inv_freq (" + inv.source() + ", " + inv.format().name() + "; the phases above start from it): "
                + inv.againstExact().exactMatches() + " of " + inv.againstExact().entries() + " equal the exact values correctly rounded, max "
                + inv.againstExact().maxUlps() + " ulps from them; " + e.outside() + " outside the pipeline's pow envelope (libm pow "
                + e.libm().pow().label() + ")" + (e.outside() > 0 && e.insideFaithful() > 0 ? ", " + e.insideFaithful()
                + " of them inside a faithful pow's" : "") + "\n");
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
