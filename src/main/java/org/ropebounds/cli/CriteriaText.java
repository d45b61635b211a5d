package org.ropebounds.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ropebounds.criteria.CriteriaReport.Ceiling;
import org.ropebounds.criteria.CriteriaReport.MaxContext;
import org.ropebounds.criteria.CriteriaReport.MaxContexts;
import org.ropebounds.criteria.CriteriaReport.MinimumBase;
import org.ropebounds.criteria.CriteriaReport.MinimumBases;
import org.ropebounds.criteria.Criterion;
import org.ropebounds.criteria.DistanceRange;
import org.ropebounds.real.CertifiedDecimal;

/** The text form of {@code ropebounds criteria}. */
final class CriteriaText {
    private CriteriaText() {
    }

    /**
     * The decay bound's range of relative distances, checked.
     *
     * @throws org.ropebounds.InvalidInputException unless inclusive or exclusive
     */
    static DistanceRange range(String text) {
        String r = text.strip().toLowerCase(Locale.ROOT);
        if (r.equals("inclusive") || r.equals("exclusive")) {
            return r.equals("inclusive") ? DistanceRange.INCLUSIVE : DistanceRange.EXCLUSIVE;
        }
        throw new org.ropebounds.InvalidInputException("--range '" + org.ropebounds.InvalidInputException.quoted(text)
                + "' is not accepted; accepted: inclusive (m in [0, L]), exclusive (m in [0, L-1])");
    }

    /** How a range reads: "inclusive (m in [0, L])". */
    static String describe(DistanceRange range) {
        return range + (range == DistanceRange.INCLUSIVE ? " (m in [0, L], as in Men et al.)" : " (m in [0, L-1])");
    }

    static String of(MinimumBases r, String asTyped, String ceilingNote) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        w.print("Minimum RoPE base per published criterion\n");
        w.print("  L = " + r.context() + (asTyped.equals(r.context().toString()) ? "" : " (" + asTyped + ")") + " positions, d = "
                + r.query().headDim() + parameters(r.query()) + "\n");
        w.print("  decay distance range: " + describe(r.query().range()) + "\n");
        w.print("  minimum bases are rounded up to " + r.query().digits() + " significant digits (their safe direction) unless marked\n\n");
        TextTable t = new TextTable(new boolean[] {false, false, false}, "  criterion", "min base", "robust (every larger base)");
        for (MinimumBase m : r.criteria()) {
            t.add("  " + m.criterion().id(), m.value().map(CriteriaText::value).orElse(m.guarantee() + CriteriaCommand.optionNeeded(m.criterion())),
                    m.robust().map(x -> x.text()).orElse(""));
        }
        t.print(w);
        w.print("\nGuarantees and sources:\n");
        for (MinimumBase m : r.criteria()) {
            // every criterion gets its heading, computed or not, so that each source line sits under its own criterion
            w.print("  " + m.criterion().id() + ": " + m.guarantee() + (m.value().isPresent() ? "" : CriteriaCommand.optionNeeded(m.criterion())) + "\n");
            if (m.value().isPresent()) {
                m.robust().ifPresent(x -> w.print("    robust: " + x.guarantee() + "\n"));
                if (!m.feasibleIntervals().isEmpty()) {
                    w.print("    feasible intervals: " + m.feasibleIntervals().stream().map(i -> "[" + i.lo() + ", " + i.hi() + "]")
                            .collect(Collectors.joining(" ")) + "\n");
                }
                m.witnessM().ifPresent(x -> w.print("    bases just below the first feasible one fail at m = " + x + "\n"));
            }
            w.print("    source: " + m.criterion().source() + "\n");
        }
        w.print("\nPrecision ceilings (b < 2^(p-1), eps_mach convention):\n");
        for (Ceiling c : r.ceilings()) {
            w.print("  " + c.format().name() + " " + c.ceiling().text() + ": minimum base at or above it: "
                    + (c.criteriaAbove().isEmpty() ? "none" : c.criteriaAbove().stream().map(Criterion::id).collect(Collectors.joining(", "))) + "\n");
        }
        w.print("  ceiling: " + ceilingNote + "\n");
        w.flush();
        return s.toString();
    }

    static String of(MaxContexts r, String ceilingNote) {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        w.print("Longest context per published criterion\n");
        w.print("  b = " + Json.exact(r.base()) + ", d = " + r.query().headDim() + parameters(r.query()) + "\n");
        w.print("  decay distance range: " + describe(r.query().range()) + "\n");
        w.print("  longest contexts are exact integers (rounded down from the real bound)\n\n");
        TextTable t = new TextTable(new boolean[] {false, true, false}, "  criterion", "max context", "");
        for (MaxContext m : r.criteria()) {
            String extra = m.criticalDimension().map(k -> "critical dimension " + k).orElse("")
                    + m.tExtra().map(x -> ", T_extra = " + value(x)).orElse("")
                    + m.firstNegativeM().map(x -> "first negative m = " + x).orElse("");
            t.add("  " + m.criterion().id(), m.maxContext().map(Object::toString).orElse("-"), extra);
        }
        t.print(w);
        w.print("\nGuarantees and sources:\n");
        for (MaxContext m : r.criteria()) {
            w.print("  " + m.criterion().id() + ": " + m.guarantee() + (m.guarantee().startsWith("not computed")
                    ? CriteriaCommand.optionNeeded(m.criterion()) : "") + "\n");
            w.print("    source: " + m.criterion().source() + "\n");
        }
        w.print("\nPrecision ceilings (b < 2^(p-1), eps_mach convention):\n");
        for (Ceiling c : r.ceilings()) {
            w.print("  " + c.format().name() + " " + c.ceiling().text() + ": b is " + c.baseAtOrAbove().map(a -> a ? "at or above it" : "below it")
                    .orElse("undecided against it") + "\n");
        }
        w.print("  ceiling: " + ceilingNote + "\n");
        w.flush();
        return s.toString();
    }

    private static String parameters(org.ropebounds.criteria.CriteriaQuery q) {
        return q.layers().map(n -> ", N = " + n).orElse("") + q.tolerance().map(e -> ", eps = " + Json.exact(e)).orElse("")
                + q.trainContext().map(t -> ", T_train = " + t).orElse("");
    }

    private static String value(CertifiedDecimal d) {
        return ZoneCommand.value(d);
    }
}
