package org.ropebounds.symbolic;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TeX, MathML and plain-text forms of an evaluated expression, with the caller's names ({@code N},
 * {@code eps} shown as {@code \varepsilon} or {@code ε}). {@link SymbolicEngine}'s {@code tex},
 * {@code mathml} and {@code text} document the contract.
 */
final class Renderings {

    private static final Pattern READABLE_FUNCTION =
            Pattern.compile("(?<![A-Za-z0-9$])(ArcCos|ArcSin|ArcTan|Cos|Sin|Tan|Log|Sqrt|Exp|Floor|Ceiling|Abs)(?=\\()");
    private static final Pattern PI_TOKEN = Pattern.compile("(?<![A-Za-z0-9$])Pi(?![A-Za-z0-9$])");
    private static final Pattern TEX_EPS = Pattern.compile("(?<![A-Za-z\\\\])eps(?![A-Za-z])");
    private static final Pattern TEX_N =
            Pattern.compile("(?<![A-Za-z\\\\])" + VariableNames.INTERNAL_N + "(?![A-Za-z])");
    private static final String MATHML_NS = "http://www.w3.org/1998/Math/MathML";

    private final SymjaSession session;

    Renderings(SymjaSession session) {
        this.session = session;
    }

    /** See {@link SymbolicEngine#tex}. */
    String tex(String expr) {
        String t = session.evaluate("TeXForm(" + evaluatedInput(expr) + ")").toString();
        t = TEX_N.matcher(t).replaceAll("N");
        return TEX_EPS.matcher(t).replaceAll(Matcher.quoteReplacement("\\varepsilon"));
    }

    /** See {@link SymbolicEngine#mathml}. */
    String mathml(String expr) {
        String m = session.evaluate("MathMLForm(" + evaluatedInput(expr) + ")").toString();
        int start = m.indexOf("<math");
        int open = start < 0 ? -1 : m.indexOf('>', start);
        if (open < 0) {
            throw new SymbolicException("MathMLForm gave no <math> element: " + m);
        }
        String body = m.substring(open + 1).strip();
        body = body.replace("<mi>" + VariableNames.INTERNAL_N + "</mi>", "<mi>N</mi>")
                .replace("<mi>eps</mi>", "<mi>\u03b5</mi>");
        return "<math xmlns=\"" + MATHML_NS + "\" display=\"block\">" + body;
    }

    /** See {@link SymbolicEngine#text}. */
    String text(String expr) {
        String s = SymjaSession.render(session.evaluate(VariableNames.toInternal(expr)));
        Matcher m = READABLE_FUNCTION.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String lower = name.equals("Ceiling") ? "ceil" : name.toLowerCase(Locale.ROOT);
            m.appendReplacement(out, lower);
        }
        m.appendTail(out);
        return PI_TOKEN.matcher(out).replaceAll("pi");
    }

    /**
     * The canonical form of the evaluated expression, as Symja input with internal names. {@code MathMLForm}
     * holds its argument unevaluated, so both renderings are given the evaluated form to agree with
     * {@link SymbolicEngine#eval}.
     */
    private String evaluatedInput(String expr) {
        return SymjaSession.format(session.evaluate(VariableNames.toInternal(expr)));
    }
}
