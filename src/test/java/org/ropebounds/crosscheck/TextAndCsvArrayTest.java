package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.Format;

/** TextArray and CsvArray read directly, and FileKind's choice between them and .npy. */
class TextAndCsvArrayTest {
    @TempDir
    Path tmp;

    private static double[] readAll(ArraySource a) throws IOException {
        double[] out = new double[64];
        double[] buf = new double[3]; // small chunks: rows split across reads
        int k = 0;
        int got;
        while ((got = a.read(buf)) > 0) {
            System.arraycopy(buf, 0, out, k, got);
            k += got;
        }
        return Arrays.copyOf(out, k);
    }

    @Test
    void textSkipsCommentsAndBlankLinesAndRoundsDecimals() throws IOException {
        // 0.1 is not an fp32 value: decimals round to nearest (0x1.99999ap-4); hex floats must be exact
        Path p = Files.writeString(tmp.resolve("a.txt"), "\uFEFF# cos cache\n1\r\n\n0.1\n  -0x1.8p-3  \n# end\ninf\n", StandardCharsets.UTF_8);
        try (TextArray a = TextArray.open(p, Format.FP32)) {
            assertEquals(new ArrayShape.Undeclared(), a.shape());
            assertArrayEquals(new double[] {1, 0x1.99999ap-4, -0.1875, Double.POSITIVE_INFINITY}, readAll(a));
            assertEquals("text, one number per line", a.describe());
        }
        Path inexact = Files.writeString(tmp.resolve("b.txt"), "1\n0x1.000001p0\n");
        try (TextArray a = TextArray.open(inexact, Format.BF16)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(a));
            assertTrue(e.getMessage().contains("b.txt, line 2"), e.getMessage());
        }
    }

    @Test
    void csvHasAHeaderRowAndRowsOfOneWidth() throws IOException {
        Path p = Files.writeString(tmp.resolve("a.csv"), "freq0,freq1\n# p = 0\n0,0\n\n1, 0.5\n2,1\n");
        try (CsvArray a = CsvArray.open(p, Format.FP32)) {
            assertEquals(new ArrayShape.Table(java.util.OptionalLong.empty(), 2), a.shape());
            assertArrayEquals(new double[] {0, 0, 1, 0.5, 2, 1}, readAll(a));
        }
        Path ragged = Files.writeString(tmp.resolve("r.csv"), "1,2\n3,4\n5\n");
        try (CsvArray a = CsvArray.open(ragged, Format.FP32)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(a));
            assertTrue(e.getMessage().contains("r.csv, line 3 has 1 fields; the first row has 2"), e.getMessage());
        }
        Path word = Files.writeString(tmp.resolve("w.csv"), "1,2\n3,x\n");
        try (CsvArray a = CsvArray.open(word, Format.FP32)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> readAll(a));
            assertTrue(e.getMessage().contains("line 2, field 2"), e.getMessage());
        }
    }

    @Test
    void csvThroughTheCrosscheckIsOneRowPerPosition() throws IOException {
        // b = 4, d = 4: positions 0..2 are (p, p/2) exactly; the CSV declares 2 columns, the rows come from reading
        Path p = Files.writeString(tmp.resolve("a.csv"), "0,0\n1,0.5\n2,1\n");
        CrosscheckRequest r = CrosscheckRequest.builder(Quantity.PHASE, org.ropebounds.format.Rational.of(4), 4).toleranceUlps(0).build();
        try (ArraySource s = ArraySource.open(p, FileKind.AUTO, Optional.of(Format.FP32))) {
            CrosscheckReport report = Crosscheck.run(r, s);
            assertEquals(3, report.rows());
            assertTrue(report.withinTolerance());
            assertEquals("CSV, one row per position", report.source());
        }
    }

    @Test
    void fileKindsAreChosenByMagicThenName() throws IOException {
        Path npyNamedTxt = Files.write(tmp.resolve("x.txt"), new NpyHeader("<f4", false, new long[] {1}).toBytes());
        Path csv = Files.writeString(tmp.resolve("x.CSV"), "1\n");
        Path text = Files.writeString(tmp.resolve("x.npy"), "1\n");
        assertEquals(FileKind.NPY, FileKind.AUTO.of(npyNamedTxt));
        assertEquals(FileKind.CSV, FileKind.AUTO.of(csv));
        assertEquals(FileKind.TEXT, FileKind.AUTO.of(text));
        assertEquals(FileKind.CSV, FileKind.CSV.of(text));
        assertEquals(FileKind.TEXT, FileKind.parse(" Text "));
        assertThrows(InvalidInputException.class, () -> FileKind.parse("xml"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ArraySource.open(csv, FileKind.AUTO, Optional.empty()));
        assertEquals(Parameter.FORMAT, e.parameter());
        assertTrue(e.getMessage().contains("a csv file does not say its number format"), e.getMessage());
        InvalidInputException dir = assertThrows(InvalidInputException.class, () -> ArraySource.open(tmp, FileKind.AUTO, Optional.empty()));
        assertTrue(dir.getMessage().contains("is a directory"), dir.getMessage());
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> ArraySource.open(tmp.resolve("none.npy"), FileKind.AUTO, Optional.empty()));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    /** A FIFO would block the magic-byte sniffing forever, and a device never ends: both are refused by kind, unopened. */
    @Test
    void devicesAndFifosAreRefusedBeforeTheyAreOpened() throws Exception {
        Path fifo = tmp.resolve("pipe.npy");
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThrows(InvalidInputException.class, () -> ArraySource.open(fifo, FileKind.AUTO, Optional.of(Format.FP32))));
        assertTrue(e.getMessage().contains("is a FIFO"), e.getMessage());
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "/dev/zero");
        for (FileKind kind : FileKind.values()) {
            InvalidInputException d = assertThrows(InvalidInputException.class, () -> ArraySource.open(zero, kind, Optional.of(Format.FP32)));
            assertTrue(d.getMessage().contains("/dev/zero is a character device"), d.getMessage());
        }
    }
}
