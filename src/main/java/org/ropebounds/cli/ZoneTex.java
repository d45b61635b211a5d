package org.ropebounds.cli;

import java.math.BigInteger;
import org.ropebounds.bounds.ZoneReport;
import org.ropebounds.bounds.ZoneReport.FormatZone;
import org.ropebounds.bounds.ZoneReport.LowerBound;
import org.ropebounds.real.CertifiedDecimal;

/**
 * A LaTeX (booktabs) rendering of a {@link ZoneReport}, ready to paste into a paper: the lower bounds, then per format
 * the ceiling, zone, largest context and fewest bits, and, when the report has a base, the verdict for it with the
 * margins b/lower and ceiling/b (rounded down, their safe direction).
 */
final class ZoneTex {
    private ZoneTex() {
    }

    static String of(ZoneReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("% ropebounds zone: L = ").append(r.query().context()).append(", N = ").append(r.query().layers())
                .append(", eps = ").append(r.query().tolerance().toCompactDecimalStringOrFraction())
                .append(", d = ").append(r.query().rotaryDim()).append(", spectrum ").append(r.query().spectrum().label())
                .append(", ").append(r.query().convention().description()).append('\n');
        sb.append("% needs \\usepackage{booktabs}\n");
        sb.append("% bounds rounded to ").append(r.digits()).append(" significant digits in their safe direction (lower bounds up,")
                .append(" ceilings down) unless exact\n");
        sb.append("\\begin{tabular}{lr}\n\\toprule\nLower bound & $b$ \\\\\n\\midrule\n");
        for (LowerBound lb : r.lowerBounds()) {
            sb.append(lb.bound().title()).append(" & $").append(lb.bound().strict() ? ">" : "\\geq").append(' ')
                    .append(num(lb.value())).append("$ \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n\n");
        boolean verdicts = r.base().isPresent();
        sb.append("\\begin{tabular}{lllrr").append(verdicts ? "l" : "").append("}\n\\toprule\nFormat & Ceiling & Zone & Max.\\ context & Min.\\ bits");
        r.base().ifPresent(b -> sb.append(" & Verdict for $b = ").append(b.toCompactDecimalStringOrFraction()).append('$'));
        sb.append(" \\\\\n\\midrule\n");
        for (FormatZone z : r.formats()) {
            sb.append("\\texttt{").append(z.format().name()).append("} & $").append(num(z.ceiling())).append("$ & ")
                    .append(z.empty().map(e -> e ? "empty" : "$[" + num(z.zoneLower()) + ", " + num(z.ceiling()) + ")$")
                            .orElse("undecided"))
                    .append(" & ").append(z.maxContext().map(BigInteger::toString).orElse("?"))
                    .append(" & ").append(z.minPrecisionBits().map(String::valueOf).orElse("?"));
            if (verdicts) {
                sb.append(" & ").append(z.verdict().map(v -> v.label() + " ($b/\\mathrm{lower} = " + z.marginLower().map(ZoneTex::num).orElse("?")
                        + "$, $\\mathrm{ceiling}/b = " + z.marginUpper().map(ZoneTex::num).orElse("?") + "$)").orElse("undecided"));
            }
            sb.append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
    }

    /** 1.234e+5 as 1.234\times 10^{5}. */
    private static String num(CertifiedDecimal d) {
        String t = d.text();
        int e = t.indexOf('e');
        if (e < 0) {
            return t;
        }
        String exponent = t.substring(e + 1).replaceFirst("^\\+", "");
        return t.substring(0, e) + "\\times 10^{" + exponent + "}";
    }
}
