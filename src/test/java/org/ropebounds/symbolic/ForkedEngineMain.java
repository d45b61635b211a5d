package org.ropebounds.symbolic;

/**
 * Run in a fresh JVM by {@link EngineLifecycleTest}: creates an engine, solves, renders, closes, and prints
 * one line {@code OK <create ms> <first raw Solve ms> <first validated solve ms> <epoch ms at the end of main>}.
 * Anything else on stdout or stderr is noise the test rejects. Also a harness for measuring start-up.
 */
public final class ForkedEngineMain {

    private ForkedEngineMain() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        SymbolicEngine engine = SymbolicEngine.create();
        long t1 = System.nanoTime();
        String raw = engine.eval("Solve(L/b == ArcCos(eps^(1/N)), b)");
        long t2 = System.nanoTime();
        String n = engine.solve("L/ArcCos(eps^(1/N))", "b", "N");
        long t3 = System.nanoTime();
        engine.tex(n);
        engine.mathml(n);
        engine.eval("Factor(x^12 - 1)"); // polynomial code (JAS)
        engine.close();
        if (!raw.equals("{{b->L/ArcCos(eps^(1/N))}}") || !n.equals("Log(eps)/Log(Cos(L/b))")) {
            System.out.println("WRONG " + raw + " " + n);
            System.exit(1);
        }
        System.out.printf("OK %d %d %d %d%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                System.currentTimeMillis());
    }
}
