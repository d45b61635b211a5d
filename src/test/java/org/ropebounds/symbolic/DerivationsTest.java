package org.ropebounds.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The derivations of the seven closed forms of bounds.md (approximate and exact spectrum). */
class DerivationsTest {

    private static SymbolicEngine engine;

    @BeforeAll
    static void start() {
        engine = SymbolicEngine.create();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Derivation derive(String name, String bound, String... solveFor) {
        return Derivations.derive(engine, name, bound, List.of(solveFor));
    }

    /** Each solved form, substituted for its variable, turns the bound into b (checked at exact points, 50 digits). */
    private static void assertSolvesBoundEqualsB(Derivation d, String bound) {
        List<Map<String, String>> points = List.of(
                Map.of("b", "10000000", "L", "131072", "N", "32", "eps", "9/10", "d", "128", "p", "24"),
                Map.of("b", "500000", "L", "4096", "N", "3", "eps", "1/2", "d", "64", "p", "11"));
        for (Map.Entry<String, Derivation.Rendering> e : d.solutions().entrySet()) {
            String substituted = engine.eval("ReplaceAll(" + bound + ", " + e.getKey() + " -> (" + e.getValue().symja() + "))");
            for (Map<String, String> point : points) {
                String value = "N(" + engine.evaluateAt(substituted + " - b", point) + ", 50)";
                assertEquals("True", engine.eval("Abs(" + value + ") < 10^(-35)*" + point.get("b")),
                        d.name() + ": " + e.getKey() + " = " + e.getValue().symja() + " at " + point);
            }
        }
    }

    @Test
    void aliasing() {
        Derivation d = derive("aliasing", "L/(2*Pi)", "L");
        assertEquals("L/(2*Pi)", d.bound().symja());
        assertEquals("L/(2*pi)", d.bound().text());
        assertEquals("2*b*Pi", d.solutions().get("L").symja());
        assertEquals(List.of("L"), List.copyOf(d.partials().keySet()));
        assertEquals("1/(2*Pi)", d.partials().get("L").derivative().symja());
        assertEquals(Sign.POSITIVE, d.partials().get("L").sign());
        assertTrue(d.bound().tex().contains("\\pi"), d.bound().tex());
        assertSolvesBoundEqualsB(d, "L/(2*Pi)");
    }

    @Test
    void aliasingWithoutDepthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> derive("aliasing", "L/(2*Pi)", "N"));
        assertTrue(e.getMessage().contains("does not depend on N"), e.getMessage());
    }

    @Test
    void dcStability() {
        Derivation d = derive("dc_stability", "L/ArcCos(eps)", "L", "eps");
        assertEquals("b*ArcCos(eps)", d.solutions().get("L").symja());
        assertEquals("Cos(L/b)", d.solutions().get("eps").symja());
        assertEquals("L/(Sqrt(1-eps^2)*ArcCos(eps)^2)", d.partials().get("eps").derivative().symja());
        assertEquals(Sign.POSITIVE, d.partials().get("eps").sign());
        assertSolvesBoundEqualsB(d, "L/ArcCos(eps)");
    }

    @Test
    void depthStability() {
        String bound = "L/ArcCos(eps^(1/N))";
        Derivation d = derive("depth_stability", bound, "L", "N", "eps");
        assertEquals("L/ArcCos(eps^(1/N))", d.bound().symja());
        assertTrue(d.bound().tex().contains("\\arccos"), d.bound().tex());
        assertEquals("b*ArcCos(eps^(1/N))", d.solutions().get("L").symja());
        assertEquals("Log(eps)/Log(Cos(L/b))", d.solutions().get("N").symja());
        assertEquals("log(eps)/log(cos(L/b))", d.solutions().get("N").text());
        assertEquals("Cos(L/b)^N", d.solutions().get("eps").symja());
        assertEquals(List.of("L", "N", "eps"), List.copyOf(d.partials().keySet()));
        assertEquals("(-eps^(1/N)*L*Log(eps))/(Sqrt(1-eps^(2/N))*N^2*ArcCos(eps^(1/N))^2)",
                d.partials().get("N").derivative().symja());
        for (Derivation.Partial p : d.partials().values()) {
            assertEquals(Sign.POSITIVE, p.sign(), p.derivative().symja());
        }
        assertSolvesBoundEqualsB(d, bound);
        // N = 1 gives the DC bound
        assertEquals("L/ArcCos(eps)", engine.eval(bound + " /. N -> 1"));
    }

    @Test
    void precisionCeiling() {
        Derivation d = derive("precision_ceiling", "2^(p-1)", "p");
        assertEquals("2^(-1+p)", d.bound().symja());
        assertEquals("Log(2*b)/Log(2)", d.solutions().get("p").symja());
        assertEquals(List.of("p"), List.copyOf(d.partials().keySet()));
        assertEquals(Sign.POSITIVE, d.partials().get("p").sign());
        assertEquals("8388608", engine.evaluateAt(d.bound().symja(), Map.of("p", "24")));
        assertSolvesBoundEqualsB(d, "2^(p-1)");
    }

    @Test
    void exactSpectrumBoundsAreSolvedThroughTheirBase() {
        assertEquals("L/(2*Pi)", Derivations.exactSpectrumBase(engine, "(L/(2*Pi))^(d/(d-2))"));
        assertEquals("2^(p-1)", Derivations.exactSpectrumBase(engine, "( 2^(p-1) )^( d/(d-2) )"));
        assertNull(Derivations.exactSpectrumBase(engine, "(L/(2*Pi))^(d/(d-1))"));
        assertNull(Derivations.exactSpectrumBase(engine, "(L)/(2*Pi)^(d/(d-2))"));
        assertNull(Derivations.exactSpectrumBase(engine, "L/(2*Pi)"));

        Derivation alias = derive("aliasing_exact", "(L/(2*Pi))^(d/(d-2))", "L");
        assertEquals("2*b^(1-2/d)*Pi", alias.solutions().get("L").symja());
        assertSolvesBoundEqualsB(alias, "(L/(2*Pi))^(d/(d-2))");

        String depth = "(L/ArcCos(eps^(1/N)))^(d/(d-2))";
        Derivation d = derive("depth_stability_exact", depth, "L", "N", "eps");
        assertEquals("b^(1-2/d)*ArcCos(eps^(1/N))", d.solutions().get("L").symja());
        assertEquals("Log(eps)/Log(Cos(L/b^(1-2/d)))", d.solutions().get("N").symja());
        assertEquals("Cos(L/b^(1-2/d))^N", d.solutions().get("eps").symja());
        for (Derivation.Partial p : d.partials().values()) {
            assertEquals(Sign.POSITIVE, p.sign(), p.derivative().symja());
        }
        assertSolvesBoundEqualsB(d, depth);

        Derivation dc = derive("dc_stability_exact", "(L/ArcCos(eps))^(d/(d-2))", "L", "eps");
        assertSolvesBoundEqualsB(dc, "(L/ArcCos(eps))^(d/(d-2))");

        Derivation ceiling = derive("precision_ceiling_exact", "(2^(p-1))^(d/(d-2))", "p");
        assertEquals("Log(2*b^(1-2/d))/Log(2)", ceiling.solutions().get("p").symja());
        assertEquals(Sign.POSITIVE, ceiling.partials().get("p").sign());
        assertSolvesBoundEqualsB(ceiling, "(2^(p-1))^(d/(d-2))");
    }

    @Test
    void badClosedFormsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> derive("x", "L/ArcCos(0.9)", "L"));
        assertThrows(IllegalArgumentException.class, () -> derive("x", "L/b", "L"));
        assertThrows(IllegalArgumentException.class, () -> derive("x", "L/ArcCos(eps)", "d"));
    }

    @Test
    void derivationsAreImmutable() {
        Derivation d = derive("dc_stability", "L/ArcCos(eps)", "L");
        assertThrows(UnsupportedOperationException.class, () -> d.solutions().clear());
        assertThrows(UnsupportedOperationException.class, () -> d.partials().clear());
    }
}
