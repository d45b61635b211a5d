package org.ropebounds.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ropebounds.bounds.Bound;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.symbolic.Derivation;
import org.ropebounds.symbolic.Derivation.Partial;
import org.ropebounds.symbolic.Derivation.Rendering;
import org.ropebounds.table.TableWriters;

/** {@code derive --tex --standalone}: the derivations as a complete LaTeX document (article, T1 fonts, amsmath). */
final class DeriveTex {
    private DeriveTex() {
    }

    /** The preamble, then {@code body}, then the end of the document: compiles with pdflatex given a base TeX installation. */
    static String document(String body) {
        return "% ropebounds derive --tex --standalone: compile with pdflatex (packages: fontenc, amsmath)\n"
                + "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{amsmath}\n\\begin{document}\n\n"
                + body + "\\end{document}\n";
    }

    /**
     * One bound: an unnumbered section (heading, spectrum), its source and assumptions as text (escaped by
     * {@link TableWriters#texText}), and an {@code align*} of the bound with its relation to b, each solved form,
     * and each partial derivative with its sign.
     */
    static String section(Bound b, Spectrum s, Derivation d) {
        StringBuilder sb = new StringBuilder();
        sb.append("\\section*{").append(TableWriters.texText(DeriveCommand.heading(b) + ", " + s.label() + " spectrum")).append("}\n");
        sb.append("Source: ").append(TableWriters.texText(b.source())).append(".\n\n");
        for (String a : b.assumptions()) {
            sb.append("Assumes: ").append(TableWriters.texText(a)).append(".\n\n");
        }
        String relation = b.side() == Bound.Side.LOWER ? (b.strict() ? ">" : "\\ge") : (b.strict() ? "<" : "\\le");
        List<String> lines = new ArrayList<>();
        lines.add("b &" + relation + " " + d.bound().tex());
        for (Map.Entry<String, Rendering> e : d.solutions().entrySet()) {
            lines.add(symbol(e.getKey()) + " &= " + e.getValue().tex());
        }
        for (Map.Entry<String, Partial> e : d.partials().entrySet()) {
            lines.add("\\frac{\\partial b}{\\partial " + symbol(e.getKey()) + "} &= " + e.getValue().derivative().tex()
                    + " && \\text{" + e.getValue().sign().name().toLowerCase(Locale.ROOT) + " under the assumptions}");
        }
        sb.append("\\begin{align*}\n").append(String.join(" \\\\\n", lines)).append("\n\\end{align*}\n\n");
        return sb.toString();
    }

    /** A variable as the renderings write it: eps as \varepsilon, the others (L, N, b, p, d) as they are. */
    private static String symbol(String variable) {
        return variable.equals("eps") ? "\\varepsilon" : variable;
    }
}
