package org.ropebounds.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up, silence and shut-down: nothing on stdout/stderr, no lingering threads, a prompt JVM exit. */
class EngineLifecycleTest {

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    @Test
    void nothingReachesStdoutOrStderrDuringCreationAndEvaluation() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try (SymbolicEngine engine = SymbolicEngine.create()) {
            engine.solve("L/ArcCos(eps^(1/N))", "b", "N");
            engine.solve("2^(p-1)", "b", "p"); // Symja would print an InverseFunction message if not quiet
            engine.eval("1/0"); // and "Infinite expression 1/0 encountered"
            engine.eval("Print(\"noise\")");
            engine.tex("L/ArcCos(eps)");
            engine.mathml("L/ArcCos(eps)");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noNewNonDaemonThreadIsAliveAfterClose() throws InterruptedException {
        Set<Thread> before = new HashSet<>(liveNonDaemonThreads());
        try (SymbolicEngine engine = SymbolicEngine.create()) {
            engine.solve("L/ArcCos(eps^(1/N))", "b", "N");
            engine.eval("Factor(x^12 - 1)");
            engine.eval("PolynomialGCD(x^4 - 1, x^6 - 1)");
            engine.eval("Simplify(Log(2*b)/Log(2) - 1)");
        }
        Set<Thread> added = new HashSet<>(liveNonDaemonThreads());
        added.removeAll(before);
        for (Thread t : added) {
            t.join(2000); // a thread that is merely finishing gets a moment
        }
        added.removeIf(t -> !t.isAlive());
        assertTrue(added.isEmpty(), "non-daemon threads left alive: " + added);
    }

    @Test
    void lazyCreatesTheEngineOnlyWhenAsked() {
        try (SymbolicEngine.Lazy lazy = SymbolicEngine.lazy()) {
            assertFalse(lazy.isCreated());
        }
        SymbolicEngine created;
        try (SymbolicEngine.Lazy lazy = SymbolicEngine.lazy()) {
            created = lazy.get();
            assertTrue(lazy.isCreated());
            assertEquals(created, lazy.get());
            assertEquals("2", created.eval("1+1"));
        }
        assertTrue(created.isClosed());
    }

    /**
     * A fresh JVM (so Log4j, SLF4J and ANTLR start from scratch) prints nothing but the harness line and exits
     * within seconds of the end of main. With Symja's JAS worker threads alive it would linger about a minute.
     */
    @Test
    void aFreshJvmIsSilentAndExitsPromptly(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        Process process = new ProcessBuilder(java, "-cp", classpath, ForkedEngineMain.class.getName())
                .redirectOutput(out).redirectError(err).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        long exitedAt = System.currentTimeMillis();
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "forked JVM did not exit within 120 s");
        String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertEquals("", stderr);
        assertEquals(0, process.exitValue(), stdout);
        List<String> lines = stdout.lines().collect(Collectors.toList());
        assertEquals(1, lines.size(), stdout);
        String[] fields = lines.get(0).split(" ");
        assertEquals("OK", fields[0], stdout);
        long endOfMain = Long.parseLong(fields[4]);
        assertTrue(exitedAt - endOfMain < 10_000, "JVM exited " + (exitedAt - endOfMain) + " ms after main ended");
    }
}
