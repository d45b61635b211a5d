package org.ropebounds.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/** The grid spec: strict JSON, exact numbers, typed values, every value in its domain, no value twice. */
class GridSpecTest {
    @TempDir
    Path dir;

    private GridSpec read(String json) throws IOException {
        return GridSpec.read(Files.writeString(dir.resolve("grid.json"), json));
    }

    private String refused(String json) throws IOException {
        Path f = Files.writeString(dir.resolve("grid.json"), json);
        String m = assertThrows(InvalidInputException.class, () -> GridSpec.read(f)).getMessage();
        assertTrue(m.startsWith(f + ": ") || m.startsWith(f.toString()), m);
        assertFalse(m.contains("\n") || m.contains("--"), m);
        return m;
    }

    @Test
    void numbersAreReadFromTheirTextExactly() throws IOException {
        // as a double, 0.90000000000000000001 is 0.9 (the nearest double to either is 0.9000000000000000222...)
        GridSpec g = read("{\"tolerances\": [0.9, 0.90000000000000000001], \"case_study_tolerance\": 0.50000000000000000001}");
        assertEquals(List.of(Rational.of(BigInteger.valueOf(9), BigInteger.TEN),
                Rational.of(new BigInteger("90000000000000000001"), BigInteger.TEN.pow(20))), g.tolerances());
        assertEquals(Rational.of(new BigInteger("50000000000000000001"), BigInteger.TEN.pow(20)), g.caseStudyTolerance());
        // JSON numbers and strings denote the same values: 1e6 and "2^11", 1e7 as an exponent
        GridSpec h = read("{\"contexts\": [1e6, \"2^11\", 131072], \"bases\": [1e7, \"10000\"], \"erasure_context\": 4096,"
                + " \"layers\": [32, \"1\"], \"rotary_dim\": \"64\", \"digits\": 8, \"delta\": 0.25}");
        assertEquals(List.of(BigInteger.valueOf(1_000_000), BigInteger.valueOf(2048), BigInteger.valueOf(131072)), h.contexts());
        assertEquals(List.of(Rational.of(10_000_000), Rational.of(10_000)), h.bases());
        assertEquals(List.of(32, 1), h.layers());
        assertEquals(4096, h.erasureContext());
        assertEquals(64, h.rotaryDim());
        assertEquals(8, h.digits());
        assertEquals(Rational.of(BigInteger.ONE, BigInteger.valueOf(4)), h.delta());
    }

    @Test
    void anExactValueJustOutsideTheDomainIsRefusedAsWritten() throws IOException {
        // 1.00000000000000000001 rounds to the double 1; read exactly it is above 1 and named in full
        String m = refused("{\"tolerances\": [1.00000000000000000001]}");
        assertTrue(m.endsWith(": tolerances 1.00000000000000000001 is out of range; accepted: 0 < eps < 1"), m);
        assertNotEquals(Rational.ONE, read("{\"tolerances\": [0.99999999999999999999]}").tolerances().get(0));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // duplicates in any list, named by value (2k = 2048; 0.5 = 1/2; fp32 = float32)
        "{\"contexts\": [\"2k\", 4096, 2048]}                      | contexts: 2048 is listed twice",
        "{\"layers\": [1, 32, \"32\"]}                             | layers: 32 is listed twice",
        "{\"tolerances\": [\"0.5\", \"1/2\"]}                      | tolerances: 0.5 is listed twice",
        "{\"spectra\": [\"approx\", \"paper\"]}                    | spectra: approx is listed twice",
        "{\"formats\": [\"fp32\", \"float32\"]}                    | formats: fp32 is listed twice",
        "{\"bases\": [10000, 1e4]}                                 | bases: 10000 is listed twice",
        // booleans only as JSON booleans
        "{\"case_study\": \"yes\"}                                 | case_study must be true or false (JSON booleans), got \"yes\"",
        "{\"case_study\": 1}                                       | case_study must be true or false",
        // a key given twice
        "{\"layers\": [1], \"layers\": [2]}                        | Duplicate field 'layers'",
        // domains
        "{\"case_study_tolerance\": 0}                             | case_study_tolerance 0 is out of range; accepted: 0 < eps < 1",
        "{\"case_study_tolerance\": \"1\"}                         | case_study_tolerance 1 is out of range; accepted: 0 < eps < 1",
        "{\"tolerances\": [0.5, -3]}                               | tolerances -3 is out of range; accepted: 0 < eps < 1",
        "{\"rotary_dim\": 127}                                     | rotary_dim 127 is not accepted; need an even d",
        "{\"rotary_dim\": 2}                                       | rotary_dim 2 with spectra exact",
        "{\"rotary_dim\": 2048}                                    | '2048' is not an integer in 2..1024",
        "{\"digits\": 41}                                          | '41' is not an integer in 1..40",
        "{\"layers\": [0]}                                         | layers[0]: '0' is not an integer in 1..1000000000",
        "{\"layers\": [1.5]}                                       | layers[0]: '1.5' is not an integer",
        "{\"bases\": [1]}                                          | bases: 1 is out of range; accepted: b > 1",
        "{\"delta\": 0}                                            | delta 0 is out of range; accepted: delta > 0",
        "{\"contexts\": [0]}                                       | contexts[0]: context '0' is out of range",
        "{\"erasure_context\": \"2^63\"}                           | erasure_context: context '2^63' is out of range",
        // types and shapes
        "{\"contexts\": []}                                        | contexts must be a non-empty list, got []",
        "{\"contexts\": 2048}                                      | contexts must be a non-empty list, got 2048",
        "{\"layers\": [true]}                                      | layers[0] must be a number or a string, got true",
        "{\"tolerances\": [null]}                                  | tolerances[0] must be a number or a string, got null",
        "{\"delta\": [0.1]}                                        | delta must be a number or a string, got [0.1]",
        "{\"colour\": \"blue\"}                                    | unknown key 'colour'; accepted: bases, case_study",
        "[1, 2]                                                    | a grid spec must be a JSON object",
        "{\"layers\": [1]} {}                                      | not valid JSON",
        "``                                                        | not valid JSON (no value",
    })
    void refusedNamingTheKeyAndValue(String json, String expected) throws IOException {
        String m = refused(json);
        assertTrue(m.contains(expected), m);
    }

    @Test
    void theConstructorChecksTheDomainToo() {
        GridSpec d = GridSpec.defaults();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new GridSpec(List.of(BigInteger.TWO, BigInteger.TWO),
                d.layers(), d.tolerances(), d.spectra(), d.rotaryDim(), d.formats(), d.digits(), d.bases(), d.erasureContext(),
                d.delta(), d.caseStudy(), d.caseStudyTolerance()));
        assertEquals("contexts: 2 is listed twice; accepted: each value once", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new GridSpec(d.contexts(), d.layers(), d.tolerances(), d.spectra(),
                d.rotaryDim(), d.formats(), d.digits(), d.bases(), d.erasureContext(), d.delta(), d.caseStudy(), Rational.ONE));
        assertEquals("case_study_tolerance 1 is out of range; accepted: 0 < eps < 1", e.getMessage());
        // 10^3 x 10^3 x 10 x 1 = 10^7 cells: the sweep of user story 7, accepted; 10001 x 10^3 x 10 x 1 > 10^8 is not
        List<BigInteger> contexts = java.util.stream.IntStream.rangeClosed(1, 10001).mapToObj(BigInteger::valueOf).toList();
        List<Integer> layers = java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toList();
        List<Rational> tol = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(k -> Rational.of(BigInteger.valueOf(k),
                BigInteger.valueOf(11))).toList();
        e = assertThrows(InvalidInputException.class, () -> new GridSpec(contexts, layers, tol, List.of(Spectrum.APPROX, Spectrum.EXACT,
                Spectrum.APPROX), 128, List.of(Format.FP32), 6, d.bases(), 64, d.delta(), false, d.caseStudyTolerance()));
        assertTrue(e.getMessage().contains("approx is listed twice"), e.getMessage());
        GridSpec sweep = new GridSpec(contexts.subList(0, 1000), layers, tol, List.of(Spectrum.APPROX), 128,
                List.of(Format.FP32), 6, d.bases(), 64, d.delta(), false, d.caseStudyTolerance());
        assertEquals(1000, sweep.contexts().size());
        e = assertThrows(InvalidInputException.class, () -> new GridSpec(contexts, layers, tol, List.of(Spectrum.APPROX), 128,
                List.of(Format.FP32), 6, d.bases(), 64, d.delta(), false, d.caseStudyTolerance()));
        assertEquals("the grid has 100010000 cells (contexts x layers x tolerances x spectra); accepted: at most 100000000", e.getMessage());
    }

    @Test
    void theDefaultsAreInTheirOwnDomain() {
        GridSpec d = GridSpec.defaults();
        assertEquals(16, d.contexts().size());
        assertEquals(Rational.of(BigInteger.ONE, BigInteger.TWO), d.caseStudyTolerance());
        assertThrows(UnsupportedOperationException.class, () -> d.layers().add(7));
    }
}
