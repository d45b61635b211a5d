package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LaTeX of zone and derive: the verdict for --base, a standalone document that compiles, the headings. */
class TexOutputTest {

    @Test
    void zoneTexHasTheVerdictForTheBase() {
        CliTest.Result r = CliTest.run("zone", "-L", "4096", "-N", "12", "--tolerance", "0.5", "--format", "fp32,bf16", "--base", "10000",
                "--digits", "6", "--tex");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.contains("Format & Ceiling & Zone & Max.\\ context & Min.\\ bits & Verdict for $b = 10000$ \\\\"), r.out());
        // lower = 4096/acos(0.5^(1/12)) = 12167.7877...; b/lower = 10000/12167.7877... = 0.82184207..., rounded down to 0.821842;
        // ceiling/b: fp32 2^23/10^4 = 838.8608 exactly, rounded down to 6 digits 838.860; bf16 2^7/10^4 = 0.0128 exactly.
        // 10000 < lower: below; and 10000 >= 128, the bf16 ceiling: below and above
        assertTrue(lines.contains("\\texttt{fp32} & $8388608$ & $[12167.8, 8388608)$ & 2823827 & 15 & below ($b/\\mathrm{lower} = 0.821842$,"
                + " $\\mathrm{ceiling}/b = 838.860$) \\\\"), r.out());
        assertTrue(lines.contains("\\texttt{bf16} & $128$ & empty & 43 & 15 & below and above ($b/\\mathrm{lower} = 0.821842$,"
                + " $\\mathrm{ceiling}/b = 0.0128$) \\\\"), r.out());
        assertTrue(lines.contains("% needs \\usepackage{booktabs}"), r.out());
        CliTest.Result none = CliTest.run("zone", "-L", "4096", "-N", "12", "--tolerance", "0.5", "--format", "fp32", "--tex");
        assertTrue(none.out().lines().anyMatch(l -> l.equals("Format & Ceiling & Zone & Max.\\ context & Min.\\ bits \\\\")), none.out());
        assertFalse(none.out().contains("Verdict"), none.out());
    }

    @Test
    void deriveNamesAliasingOnce() {
        CliTest.Result r = CliTest.run("derive", "aliasing");
        assertEquals(0, r.code(), r.err());
        assertEquals("aliasing (Nyquist-like), approx spectrum", r.out().lines().findFirst().orElseThrow());
        assertFalse(r.out().contains("aliasing (aliasing"), r.out());
        CliTest.Result depth = CliTest.run("derive", "depth_stability");
        assertEquals("depth_stability (depth-compounded stability), approx spectrum", depth.out().lines().findFirst().orElseThrow());
    }

    @Test
    void standaloneIsACompleteDocument(@TempDir Path dir) throws Exception {
        CliTest.Result r = CliTest.run("derive", "all", "--tex", "--standalone");
        assertEquals(0, r.code(), r.err());
        String doc = r.out();
        List<String> lines = doc.lines().toList();
        assertEquals(List.of("\\documentclass{article}", "\\usepackage[T1]{fontenc}", "\\usepackage{amsmath}", "\\begin{document}"),
                lines.subList(1, 5));
        assertTrue(doc.endsWith("\n\\end{document}\n"), doc);
        assertEquals(4, lines.stream().filter(l -> l.startsWith("\\section*{")).count(), doc);
        assertTrue(lines.contains("\\section*{aliasing (Nyquist-like), approx spectrum}"), doc);
        assertTrue(lines.contains("\\section*{depth\\_stability (depth-compounded stability), approx spectrum}"), doc);
        // b > L/(2 pi): strict, a lower bound; text-mode relations are math: "0 < eps < 1" of dc_stability
        assertTrue(lines.contains("b &> \\frac{L}{2 \\cdot \\pi} \\\\"), doc);
        assertTrue(lines.contains("Assumes: 0 $<$ eps $<$ 1."), doc);
        assertEquals(lines.stream().filter(l -> l.equals("\\begin{align*}")).count(), lines.stream().filter(l -> l.equals("\\end{align*}")).count());
        assertFalse(doc.contains(">=") || doc.contains("<="), doc);

        CliTest.assertUsageError(CliTest.run("derive", "aliasing", "--standalone"), "--standalone");
        CliTest.assertUsageError(CliTest.run("derive", "aliasing", "--tex", "--standalone", "--json"), "--standalone");

        // compiled when a TeX installation is present (none is installed for the build)
        Assumptions.assumeTrue(onPath("pdflatex"), "pdflatex is not on the PATH");
        Path tex = dir.resolve("derive.tex");
        Files.writeString(tex, doc);
        Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "derive.tex").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pdflatex did not finish");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        assertTrue(Files.size(dir.resolve("derive.pdf")) > 0);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
