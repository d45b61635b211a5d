package org.ropebounds.crosscheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers as NumPy's format.py lays them out, counted byte by byte; written and read back. */
class NpyHeaderTest {
    @TempDir
    Path tmp;

    @Test
    void writesVersionOneWithTheDictPaddedToSixtyFourBytes() {
        byte[] b = new NpyHeader("<u8", false, new long[] {3}).toBytes();
        String dict = "{'descr': '<u8', 'fortran_order': False, 'shape': (3,), }";
        assertEquals(57, dict.length());
        // 10 bytes of prefix + 57 + a newline = 68, padded to 128
        assertEquals(128, b.length);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, java.util.Arrays.copyOf(b, 10));
        String text = new String(b, 10, 118, StandardCharsets.ISO_8859_1);
        assertEquals(dict + " ".repeat(118 - 58) + "\n", text);
        assertEquals(256, new NpyHeader("<u8", true, new long[] {1024, 32}).toBytes(256).length);
        assertThrows(IllegalArgumentException.class, () -> new NpyHeader("<u8", false, new long[] {3}).toBytes(64)); // 68 > 64
        assertThrows(IllegalArgumentException.class, () -> new NpyHeader("<u8", false, new long[] {3}).toBytes(200)); // not a multiple of 64
        assertThrows(IllegalArgumentException.class, () -> new NpyHeader("<u8", false, new long[] {-1}));
    }

    @Test
    void shapesAsPythonWritesTuples() {
        assertEquals("()", NpyHeader.shapeText(new long[0]));
        assertEquals("(5,)", NpyHeader.shapeText(new long[] {5}));
        assertEquals("(3, 4)", NpyHeader.shapeText(new long[] {3, 4}));
        assertEquals(12, new NpyHeader("<f4", false, new long[] {3, 4}).entries());
        assertEquals(1, new NpyHeader("<f4", false, new long[0]).entries());
    }

    @Test
    void roundTrip() throws IOException {
        for (NpyHeader h : new NpyHeader[] {new NpyHeader("<f4", false, new long[] {131072, 64}), new NpyHeader(">f8", true, new long[] {2, 3, 4}),
                new NpyHeader("|V2", false, new long[0]), new NpyHeader("<u8", true, new long[] {7})}) {
            byte[] bytes = h.toBytes();
            assertEquals(0, bytes.length % 64);
            NpyHeader back = NpyHeader.read(Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), "x.npy");
            assertEquals(h, back);
            assertEquals(h.hashCode(), back.hashCode());
            assertArrayEquals(h.shape(), back.shape());
        }
    }

    @Test
    void readsVersionTwoAndLeavesTheChannelAtTheData() throws IOException {
        String dict = "{'shape': (2,), 'fortran_order': False, 'descr': '<f4'}\n";
        ByteBuffer b = ByteBuffer.allocate(12 + dict.length() + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(dict.length()).put(dict.getBytes(StandardCharsets.ISO_8859_1));
        b.putFloat(1.5f).putFloat(-2f);
        Path p = Files.write(tmp.resolve("v2.npy"), b.array());
        assertTrue(NpyHeader.hasMagic(p));
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(ch, "v2.npy");
            assertEquals("<f4", h.descr());
            assertFalse(h.fortranOrder());
            assertEquals(12 + dict.length(), ch.position());
        }
        assertFalse(NpyHeader.hasMagic(Files.writeString(tmp.resolve("t.txt"), "0.5\n")));
        assertFalse(NpyHeader.hasMagic(Files.write(tmp.resolve("short"), new byte[] {(byte) 0x93, 'N'})));
    }

    /** The --ulps-out writer's file: its header and its data, entries written out of order from "threads". */
    @Test
    void ulpsWriterWritesAHeaderNpyHeaderReads() throws IOException {
        Path out = tmp.resolve("u.npy");
        try (UlpsNpyWriter w = UlpsNpyWriter.create(out)) {
            w.write(2, new long[] {7, -1}, 2); // -1: 2^64 - 1 as uint64
            w.write(0, new long[] {0, 5}, 2);
            w.finish(new long[] {2, 2}, true);
        }
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(ch, "u.npy");
            assertEquals(new NpyHeader("<u8", true, new long[] {2, 2}), h);
            assertEquals(256, ch.position());
            ByteBuffer data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            while (data.hasRemaining() && ch.read(data) > 0) {
                // read all
            }
            data.flip();
            assertEquals(0, data.getLong());
            assertEquals(5, data.getLong());
            assertEquals(7, data.getLong());
            assertEquals(-1, data.getLong());
        }
        Path never = tmp.resolve("never.npy");
        try (UlpsNpyWriter w = UlpsNpyWriter.create(never)) {
            w.write(0, new long[] {1}, 1);
        }
        assertFalse(Files.exists(never)); // not finished: nothing left behind
    }
}
