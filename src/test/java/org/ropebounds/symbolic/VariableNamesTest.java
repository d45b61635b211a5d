package org.ropebounds.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The caller-to-Symja name mapping, without Symja. */
class VariableNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // caller input                              | Symja input
        "N                                           | nlayers",
        "L/ArcCos(eps^(1/N))                         | L/ArcCos(eps^(1/nlayers))",
        "D(L/ArcCos(eps^(1/N)), N)                   | D(L/ArcCos(eps^(1/nlayers)), nlayers)",
        "N(L/ArcCos(eps^(1/N)) /. {N->32}, 50)       | N(L/ArcCos(eps^(1/nlayers)) /. {nlayers->32}, 50)",
        "N (1/3)                                     | N (1/3)",
        "Nmax + xN + N2 + $N                         | Nmax + xN + N2 + $N",
        "2*N*L                                       | 2*nlayers*L",
        "acos(x) + arccos(y) + ln(z) + log(w)        | ArcCos(x) + ArcCos(y) + Log(z) + Log(w)",
        "L/(2*pi)                                    | L/(2*Pi)",
        "L/(2*\u03c0)                                | L/(2*Pi)",
        "2**(p-1)                                    | 2^(p-1)",
        "b - L + d + p + eps                         | b - L + d + p + eps",
    })
    void callerInputBecomesSymjaInput(String caller, String internal) {
        assertEquals(internal, VariableNames.toInternal(caller));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nlayers                                  | N",
        "(-eps^(1/nlayers)*L)/(nlayers^2)         | (-eps^(1/N)*L)/(N^2)",
        "{{nlayers->Log(eps)/Log(Cos(L/b))}}      | {{N->Log(eps)/Log(Cos(L/b))}}",
        "xnlayers + nlayers2                      | xnlayers + nlayers2",
    })
    void symjaOutputBecomesCallerOutput(String internal, String caller) {
        assertEquals(caller, VariableNames.toCaller(internal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"L/ArcCos(eps^(1/N))", "{N->32, L->131072}", "N*(N+1)", "Log(eps)/Log(Cos(L/b))"})
    void roundTripIsTheIdentity(String caller) {
        assertEquals(caller, VariableNames.toCaller(VariableNames.toInternal(caller)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nlayers", "NLAYERS + 1", "f(nLayers)", "   "})
    void reservedOrBlankInputIsRejected(String input) {
        assertThrows(IllegalArgumentException.class, () -> VariableNames.toInternal(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.9", "x + .5", "1.0*L"})
    void decimalLiteralsAreDetected(String text) {
        assertTrue(VariableNames.hasDecimalLiteral(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9/10", "L/ArcCos(eps^(1/N))", "x1.y"})
    void exactTextHasNoDecimalLiteral(String text) {
        assertFalse(VariableNames.hasDecimalLiteral(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"N | nlayers", "L | L", "eps | eps", "x2 | x2"})
    void aVariableToSolveForIsAPlainIdentifierWithNRenamed(String caller, String internal) {
        assertEquals(internal, VariableNames.internalVariable(caller));
    }

    @ParameterizedTest
    @ValueSource(strings = {"L+1", "2x", "", " L", "N(1)", "nlayers"})
    void anythingButAPlainIdentifierIsNotAVariable(String notAVariable) {
        assertThrows(IllegalArgumentException.class, () -> VariableNames.internalVariable(notAVariable));
    }
}
