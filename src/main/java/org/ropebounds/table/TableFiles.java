package org.ropebounds.table;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ropebounds.io.AtomicFile;

/**
 * The files of a set of tables: each table in every form, plus {@code manifest.json} (every file with its
 * SHA-256, the tool version and the parameters). Rendering is pure and deterministic; writing is atomic
 * per file (a temporary file in the same folder, then a rename), so an interrupted run leaves no
 * half-written file.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /** File name to content, sorted by name: the tables, the figures, and the manifest. */
    public static Map<String, byte[]> render(List<Table> tables, GridSpec spec, String version) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        for (Table t : tables) {
            for (var w : TableWriters.ALL) {
                files.put(t.id() + "." + w.getKey(), w.getValue().apply(t).getBytes(StandardCharsets.UTF_8));
            }
        }
        files.putAll(Plots.render(spec, tables));
        files.put("manifest.json", manifest(files, spec, version));
        return files;
    }

    private static byte[] manifest(TreeMap<String, byte[]> files, GridSpec spec, String version) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("tool", "ropebounds");
        o.put("version", version);
        o.set("parameters", mapper.valueToTree(new TreeMap<>(spec.describe())));
        ArrayNode list = o.putArray("files");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ObjectNode e = list.addObject();
            e.put("name", f.getKey());
            e.put("bytes", f.getValue().length);
            e.put("sha256", sha256(f.getValue()));
        }
        try {
            return (mapper.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))).writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes every file into {@code dir} (created if needed), each through {@link AtomicFile}.
     *
     * @throws org.ropebounds.InvalidInputException if a target exists and is not a regular file
     */
    public static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            AtomicFile.write(dir.resolve(f.getKey()), f.getValue());
        }
    }
}
