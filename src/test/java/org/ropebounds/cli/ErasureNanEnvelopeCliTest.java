package org.ropebounds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ropebounds.cli.CliTest.run;

import org.junit.jupiter.api.Test;

/**
 * {@code erasure --format all --libm faithful} where the base overflows a format: b = 500000 is above fp8-e4m3fn's
 * largest value 448 (and fp16's 65504), so the stored base is NaN, pow(NaN, y) = NaN for y != 0 in every C99 libm,
 * and the envelope's only inv_freq is NaN. It used to refuse the whole run ("unboundedly many values ... from nan to
 * nan"); the NaN formats are analysed as the correctly rounded pipeline is.
 */
class ErasureNanEnvelopeCliTest {
    private static String row(String out, String name) {
        return out.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow(() -> new AssertionError(name + " in\n" + out));
    }

    @Test
    void aFormatTheBaseOverflowsIsAnalysedUnderALibmModelAsWithout() {
        CliTest.Result libm = run("erasure", "-b", "500000", "-d", "64", "-L", "2^20", "--pipeline", "hf", "--format", "fp8-e4m3,fp16",
                "--libm", "faithful");
        assertEquals(0, libm.code(), libm.err());
        CliTest.Result exact = run("erasure", "-b", "500000", "-d", "64", "-L", "2^20", "--pipeline", "hf", "--format", "fp8-e4m3,fp16");
        assertEquals(0, exact.code(), exact.err());
        for (String f : new String[] {"fp8-e4m3", "fp16"}) {
            String r = row(libm.out(), f);
            // every mode but mode 0 (pow(NaN, 0) = 1) is NaN, so the phase columns say unbounded, with or without the libm model
            assertTrue(r.contains("unbounded (a phase is inf or NaN)"), r);
            assertEquals(row(exact.out(), f).replaceAll("\\s+", " "), r.replaceAll("\\s+", " "));
        }
        // positions: e4m3 holds the integers up to 2^4 = 16 exactly (3 fraction bits), 17 rounds to 16; fp16 up to 2^11 = 2048
        assertTrue(row(libm.out(), "fp8-e4m3").matches("fp8-e4m3\\s+17\\s.*"), row(libm.out(), "fp8-e4m3"));
        assertTrue(row(libm.out(), "fp16").matches("fp16\\s+2049\\s.*"), row(libm.out(), "fp16"));
    }
}
