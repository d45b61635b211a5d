package org.ropebounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Library" section is code, not prose: its Java block is extracted, compiled against the
 * project's classes and run here, so the README cannot drift from the API.
 */
class ReadmeLibraryExampleTest {
    @TempDir
    Path dir;

    static String exampleSource() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n## Library\n");
        assertTrue(section >= 0, "README.md has a '## Library' section");
        int end = readme.indexOf("\n## ", section + 1);
        String body = readme.substring(section, end < 0 ? readme.length() : end);
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(body);
        assertTrue(m.find(), "the Library section has a ```java block");
        return m.group(1);
    }

    @Test
    void libraryExampleCompilesAndRuns() throws Exception {
        String source = exampleSource();
        Matcher cls = Pattern.compile("public\\s+class\\s+(\\w+)").matcher(source);
        assertTrue(cls.find(), "the example declares a public class");
        String name = cls.group(1);
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK compiler");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-d", dir.toString(), "-cp", classpath, "-Xlint:all,-path", "-Werror"), null,
                    files.getJavaFileObjects(file)).call();
            assertTrue(ok, () -> "the README example does not compile:\n" + diagnostics.getDiagnostics());
        }

        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        List<String> lines = printed.lines().toList();
        EXPECTED.forEach(want -> assertTrue(lines.contains(want), () -> "expected line '" + want + "' in:\n" + printed));
    }

    /**
     * What the example must print. Derived independently of the code: 131072/(2 pi) and
     * 131072/acos(0.9^(1/32)) to 40 digits by mpmath (20860.7567009409|0544..., 1616104.05604327|034...),
     * lower bounds, so rounded UP here by hand to 15 digits (20860.7567009410, the trailing zero printed as
     * one of the 15 digits; 1616104.05604328); the fp32 ceiling 2^(24-1); 500000 below the depth bound; inv_freq
     * for b = 10000, d = 8 is 10^-i, whose correctly rounded fp32 values are Java's float literals (JLS
     * 3.10.2), so exactly the one entry moved by Math.nextUp is one ulp off.
     */
    private static final List<String> EXPECTED = List.of(
            "aliasing: b > 20860.7567009410",
            "depth: b >= 1616104.05604328 (rounded up to 15 significant digits: the exact value is at most this)",
            "fp32 ceiling: 8388608 (exact)",
            "b = 500000 in fp32: below",
            "exact matches: 3 of 4, largest distance 1 ulp",
            "within 1 ulp: true");

    /** The README shows the same lines it promises, so a reader sees what the test checks. */
    @Test
    void readmeShowsTheLinesTheTestExpects() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        EXPECTED.forEach(line -> assertTrue(readme.contains("\n" + line + "\n"), () -> "README.md lacks '" + line + "'"));
    }
}
