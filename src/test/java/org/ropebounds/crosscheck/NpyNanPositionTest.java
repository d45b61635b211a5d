package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ropebounds.InvalidInputException;

/**
 * fp32 .npy data is widened and checked for NaN in one pass: the first NaN is named by its row and column however far
 * into the file it is (past the first read and the first buffer), in either byte order, and the entries before it
 * are delivered as they are.
 */
class NpyNanPositionTest {
    @TempDir
    Path tmp;

    private Path npy(ByteOrder order, int rows, int columns, int nanAt) throws IOException {
        String dict = "{'descr': '" + (order == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + "f4', 'fortran_order': False, 'shape': ("
                + rows + ", " + columns + "), }";
        int padded = (10 + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * rows * columns).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).order(order);
        for (int k = 0; k < rows * columns; k++) {
            b.putFloat(k == nanAt ? Float.intBitsToFloat(0xffc00001) : k * 0.5f); // a negative quiet NaN with a payload
        }
        return Files.write(tmp.resolve(order + ".npy"), b.array());
    }

    @Test
    void theFirstNanIsNamedByRowAndColumnInEitherByteOrder() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int nanAt = 40000 * 3 + 2; // row 40000, column 2: in the second read of 65536 entries
            try (NpyArray a = NpyArray.open(npy(order, 50000, 3, nanAt), Optional.empty())) {
                double[] chunk = new double[65536];
                assertEquals(65536, a.read(chunk));
                for (int k = 0; k < 65536; k += 997) {
                    assertEquals(k * 0.5, chunk[k], order.toString()); // exact: k / 2 with k < 2^24
                }
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> a.read(chunk));
                assertEquals(order + ".npy, row 40000, column 2 holds NaN; crosscheck compares numbers, and NaN is never a correct entry",
                        e.getMessage());
            }
        }
    }
}
