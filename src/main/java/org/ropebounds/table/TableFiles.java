package org.ropebounds.table;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.ropebounds.InvalidInputException;
import org.ropebounds.io.OutputDirectory;
import org.ropebounds.io.PathText;

/**
 * The files of a set of tables: each table in every form, plus {@code manifest.json} (every file with its
 * SHA-256, the tool version and the parameters). Rendering is pure and deterministic; writing is atomic
 * per file (a temporary file in the same folder, then a rename), so an interrupted run leaves no
 * half-written file.
 */
public final class TableFiles {
    private TableFiles() {
    }

    /**
     * File name to content, sorted by name: the tables, the figures, and the manifest. The forms of the tables (on the
     * common pool) and the figures (on the calling thread and the pool) are rendered at the same time; each is a pure
     * function of its input, so the bytes are those of rendering one after another.
     */
    public static Map<String, byte[]> render(List<Table> tables, GridSpec spec, String version) {
        // the tables are written out (each table's four forms in one pass over its cells, a pure function of the table)
        // while the figures are drawn on this thread and the pool's (a thread waiting on a future would not help draw them)
        record Form(Table table, String extension) {
        }
        List<Form> forms = new ArrayList<>();
        for (Table t : tables) {
            for (var w : TableWriters.ALL) {
                forms.add(new Form(t, w.getKey()));
            }
        }
        // each form's SHA-256 is taken as soon as its bytes exist, on the pool, while the figures are drawn
        record Written(byte[] bytes, String sha256) {
        }
        java.util.concurrent.CompletableFuture<List<Written>> written = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> tables.parallelStream().flatMap(t -> TableWriters.forms(t).stream().map(text -> {
                    byte[] b = text.getBytes(StandardCharsets.UTF_8);
                    return new Written(b, sha256(b));
                })).toList()); // in the order of forms: per table, the forms of TableWriters.ALL
        Map<String, byte[]> figures = Plots.render(spec, tables);
        List<Written> bytes;
        try {
            bytes = written.join();
        } catch (java.util.concurrent.CompletionException e) { // what a writer threw, as writing on this thread would throw it
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        Map<String, String> digests = new java.util.HashMap<>();
        for (int k = 0; k < forms.size(); k++) {
            String name = forms.get(k).table().id() + "." + forms.get(k).extension();
            files.put(name, bytes.get(k).bytes());
            digests.put(name, bytes.get(k).sha256());
        }
        files.putAll(figures);
        files.put(MANIFEST, manifest(files, digests, spec, version));
        return files;
    }

    /** The manifest of the files; {@code known} holds the SHA-256 of some of them already (the rest are taken here). */
    private static byte[] manifest(TreeMap<String, byte[]> files, Map<String, String> known, GridSpec spec, String version) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("tool", "ropebounds");
        o.put("version", version);
        o.set("parameters", mapper.valueToTree(new TreeMap<>(spec.describe())));
        ArrayNode list = o.putArray("files");
        List<Map.Entry<String, byte[]>> entries = List.copyOf(files.entrySet());
        List<String> digests = entries.parallelStream().map(f -> {
            String d = known.get(f.getKey());
            return d != null ? d : sha256(f.getValue());
        }).toList(); // in name order
        for (int k = 0; k < entries.size(); k++) {
            ObjectNode e = list.addObject();
            e.put("name", entries.get(k).getKey());
            e.put("bytes", entries.get(k).getValue().length);
            e.put("sha256", digests.get(k));
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

    /** The name of the manifest, written last so that its presence says the files it lists were all written. */
    public static final String MANIFEST = "manifest.json";
    private static final Pattern TOOL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(md|csv|tex|json|svg|png)");
    private static final int MANIFEST_MAX_BYTES = 1 << 20;

    /** Every file name {@link #render} gives for tables of these specs, sorted: known before any table is computed. */
    public static List<String> names(List<TableSpec> specs) {
        TreeSet<String> names = new TreeSet<>();
        for (TableSpec t : specs) {
            for (var w : TableWriters.ALL) {
                names.add(t.id() + "." + w.getKey());
            }
        }
        for (String stem : Plots.FIGURES.keySet()) {
            names.add(stem + ".svg");
            names.add(stem + ".png");
        }
        names.add(MANIFEST);
        return List.copyOf(names);
    }

    /**
     * Checks {@code dir} as the destination of the files {@code names}, before any work, writing nothing: the
     * directory passes {@link OutputDirectory#check}, no file to be written exists as anything but a regular file,
     * and the directory is new, empty (hidden entries aside), or a previous output: it holds a {@code manifest.json}
     * written by ropebounds, or only regular files among {@code names} (a run stopped before its manifest). The files the
     * previous manifest lists that this run does not write are removed by {@link Destination#write}.
     *
     * @throws InvalidInputException naming the directory (and an entry that is not ours) when it is refused
     */
    public static Destination destination(Path dir, Collection<String> names) throws IOException {
        OutputDirectory out = OutputDirectory.check(dir);
        for (String name : names) {
            out.checkTarget(name);
        }
        Optional<Set<String>> previous = previousManifest(out.path().resolve(MANIFEST));
        List<String> foreign = out.entries().stream().filter(n -> !n.startsWith("."))
                .filter(n -> n.equals(MANIFEST) || !names.contains(n) || !Files.isRegularFile(out.path().resolve(n), LinkOption.NOFOLLOW_LINKS))
                .toList();
        if (previous.isEmpty() && !foreign.isEmpty()) {
            throw new InvalidInputException(PathText.quote(dir) + " is not empty and not a previous output of ropebounds: it holds "
                    + PathText.quote(foreign.get(0)) + (foreign.size() > 1 ? " and " + (foreign.size() - 1) + " more" : "")
                    + " that this run does not write, and no manifest.json of a ropebounds run; accepted: a new or empty directory,"
                    + " or one a previous run wrote");
        }
        TreeSet<String> stale = new TreeSet<>(previous.orElse(Set.of()));
        stale.removeIf(n -> !isToolName(n));
        stale.removeAll(names);
        return new Destination(out, Set.copyOf(names), List.copyOf(stale));
    }

    /**
     * Whether a name a previous manifest lists may be removed as stale: a name this tool could have written (lower-case
     * letters, digits and '-', then one of its extensions), so no path, hidden file or foreign name a hand-edited manifest adds.
     */
    static boolean isToolName(String name) {
        return TOOL_NAME.matcher(name).matches();
    }

    /** The names a ropebounds manifest lists, or empty if the file is absent, not a regular file, too large or not such a manifest. */
    private static Optional<Set<String>> previousManifest(Path manifest) {
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(manifest, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MANIFEST_MAX_BYTES + 1);
            if (bytes.length > MANIFEST_MAX_BYTES) {
                return Optional.empty();
            }
            JsonNode o = new ObjectMapper().readTree(bytes);
            if (o == null || !o.path("tool").asText("").equals("ropebounds") || !o.path("files").isArray()) {
                return Optional.empty();
            }
            Set<String> listed = new TreeSet<>();
            for (JsonNode f : o.get("files")) {
                if (f.path("name").isTextual()) {
                    listed.add(f.get("name").asText());
                }
            }
            return Optional.of(listed);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A checked destination for a set of table files: see {@link #destination}. */
    public static final class Destination {
        private final OutputDirectory dir;
        private final Set<String> names;
        private final List<String> stale;

        private Destination(OutputDirectory dir, Set<String> names, List<String> stale) {
            this.dir = dir;
            this.names = names;
            this.stale = stale;
        }

        /** The directory, absolute. */
        public Path path() {
            return dir.path();
        }

        /**
         * Writes every file (the directory created if needed), each through {@link org.ropebounds.io.AtomicFile} and
         * the manifest last, then removes the files of the previous output that are not written now (regular files only).
         * The files before the manifest are written at the same time (each forced to disk before its rename, which is
         * most of writing it); when one fails, the others are finished and the first failure, in the files' order, is
         * thrown as it was raised, before the manifest is written.
         *
         * @return the names of the files removed, sorted
         * @throws IllegalArgumentException if a file was not among the names checked
         * @throws InvalidInputException if a target has meanwhile become something other than a regular file
         */
        public List<String> write(Map<String, byte[]> files) throws IOException {
            if (!names.containsAll(files.keySet())) {
                throw new IllegalArgumentException("files not checked before writing: " + files.keySet() + " against " + names);
            }
            writeAtOnce(dir, files.entrySet().stream().filter(f -> !f.getKey().equals(MANIFEST)).toList());
            if (files.containsKey(MANIFEST)) {
                dir.write(MANIFEST, files.get(MANIFEST));
            }
            List<String> removed = new ArrayList<>();
            for (String name : stale) {
                if (dir.deleteRegularFile(name)) {
                    removed.add(name);
                }
            }
            return List.copyOf(removed);
        }
    }

    /** Writes the files on a few threads and waits for all of them; rethrows the first failure in list order. */
    private static void writeAtOnce(OutputDirectory dir, List<Map.Entry<String, byte[]>> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(files.size(), WRITERS), r -> {
            Thread t = new Thread(r, "ropebounds-table-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files) {
                writes.add(pool.submit(() -> {
                    dir.write(f.getKey(), f.getValue());
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<?> w : writes) {
                try {
                    w.get();
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    first = first == null ? new InterruptedIOException("interrupted while writing the tables") : first;
                }
            }
            if (first instanceof IOException io) {
                throw io;
            }
            if (first instanceof RuntimeException r) {
                throw r;
            }
            if (first instanceof Error e) {
                throw e;
            }
            if (first != null) {
                throw new IOException(first);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Files written at the same time: their forcing to disk overlaps. */
    private static final int WRITERS = 8;

    /**
     * Writes every file into {@code dir}: {@link #destination destination(dir, files.keySet())}, then its
     * {@link Destination#write write}.
     *
     * @return the names of the previous output's files removed
     * @throws InvalidInputException if {@link #destination} refuses the directory
     */
    public static List<String> write(Path dir, Map<String, byte[]> files) throws IOException {
        return destination(dir, files.keySet()).write(files);
    }
}
