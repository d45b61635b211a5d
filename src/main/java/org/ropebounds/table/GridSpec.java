package org.ropebounds.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;

/**
 * What the reference tables cover. The default is the published set; a JSON spec file may replace any
 * key (schema in the README): {@code contexts}, {@code layers}, {@code tolerances}, {@code spectra},
 * {@code rotary_dim}, {@code formats}, {@code digits}, {@code bases}, {@code erasure_context},
 * {@code delta}, {@code case_study}, {@code case_study_tolerance}.
 */
public record GridSpec(List<BigInteger> contexts, List<Integer> layers, List<Rational> tolerances, List<Spectrum> spectra,
                       int rotaryDim, List<Format> formats, int digits, List<Rational> bases, long erasureContext, Rational delta,
                       boolean caseStudy, Rational caseStudyTolerance) {

    private static final Set<String> KEYS = Set.of("contexts", "layers", "tolerances", "spectra", "rotary_dim", "formats", "digits",
            "bases", "erasure_context", "delta", "case_study", "case_study_tolerance");

    /** The default tables: L = 2^11..2^24, 10^6, 10^7; the ten depths; eps 0.5, 0.9, 0.99; both spectra; d = 128; all formats. */
    public static GridSpec defaults() {
        List<BigInteger> contexts = new ArrayList<>();
        for (int k = 11; k <= 24; k++) {
            contexts.add(BigInteger.ONE.shiftLeft(k));
        }
        contexts.add(BigInteger.valueOf(1_000_000));
        contexts.add(BigInteger.valueOf(10_000_000));
        contexts.sort(null);
        return new GridSpec(contexts, List.of(1, 12, 24, 32, 40, 48, 61, 80, 96, 126),
                List.of(Rational.parse("0.5"), Rational.parse("0.9"), Rational.parse("0.99")), List.of(Spectrum.APPROX, Spectrum.EXACT),
                128, Format.standard(), 6, List.of(Rational.of(10000), Rational.of(500000), Rational.of(1000000), Rational.of(10000000)),
                1L << 20, Rational.parse("0.1"), true, Rational.parse("0.5"));
    }

    /** The defaults with the keys of a JSON spec file replaced. @throws InvalidInputException naming the bad key */
    public static GridSpec read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > 1 << 20) {
                throw new InvalidInputException(file + ": a grid spec of " + Files.size(file) + " bytes is too large; at most 1 MiB");
            }
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a readable JSON grid spec (" + e.getMessage().split("\n")[0] + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file + ": a grid spec must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new InvalidInputException(file + ": unknown key '" + k + "'; accepted: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        GridSpec d = defaults();
        List<BigInteger> contexts = root.has("contexts") ? strings(root, "contexts").stream().map(ContextLength::parse).toList() : d.contexts;
        List<Integer> layers = root.has("layers") ? strings(root, "layers").stream().map(x -> integer(x, "layers", 1, 1_000_000_000)).toList() : d.layers;
        List<Rational> tol = root.has("tolerances") ? strings(root, "tolerances").stream().map(Rational::parse).toList() : d.tolerances;
        List<Spectrum> spectra = root.has("spectra") ? strings(root, "spectra").stream().map(Spectrum::parse).toList() : d.spectra;
        int dim = root.has("rotary_dim") ? integer(root.get("rotary_dim").asText(), "rotary_dim", 2, 1024) : d.rotaryDim;
        List<Format> formats = root.has("formats") ? strings(root, "formats").stream().map(Format::parse).toList() : d.formats;
        int digits = root.has("digits") ? integer(root.get("digits").asText(), "digits", 1, 40) : d.digits;
        List<Rational> bases = root.has("bases") ? strings(root, "bases").stream().map(Rational::parse).toList() : d.bases;
        long erasure = root.has("erasure_context") ? ContextLength.parse(root.get("erasure_context").asText()).longValueExact() : d.erasureContext;
        Rational delta = root.has("delta") ? Rational.parse(root.get("delta").asText()) : d.delta;
        boolean study = root.has("case_study") ? root.get("case_study").asBoolean() : d.caseStudy;
        Rational studyTol = root.has("case_study_tolerance") ? Rational.parse(root.get("case_study_tolerance").asText()) : d.caseStudyTolerance;
        if ((long) contexts.size() * layers.size() * tol.size() * spectra.size() > 1_000_000) {
            throw new InvalidInputException(file + ": the grid has more than 10^6 cells; split it");
        }
        return new GridSpec(contexts, layers, tol, spectra, dim, formats, digits, bases, erasure, delta, study, studyTol);
    }

    private static List<String> strings(JsonNode root, String key) {
        JsonNode v = root.get(key);
        if (!v.isArray() || v.isEmpty()) {
            throw new InvalidInputException("grid spec: " + key + " must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static int integer(String s, String key, int min, int max) {
        try {
            int v = Integer.parseInt(s.strip());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("grid spec: " + key + " value '" + s + "' is not an integer in " + min + ".." + max);
        }
    }

    /** The spec as JSON-ready values, for the manifest. */
    public Map<String, Object> describe() {
        return Map.ofEntries(Map.entry("contexts", contexts.stream().map(BigInteger::toString).toList()),
                Map.entry("layers", layers), Map.entry("tolerances", tolerances.stream().map(Rational::toCompactDecimalStringOrFraction).toList()),
                Map.entry("spectra", spectra.stream().map(Spectrum::label).toList()), Map.entry("rotary_dim", rotaryDim),
                Map.entry("formats", formats.stream().map(Format::name).toList()), Map.entry("digits", digits),
                Map.entry("bases", bases.stream().map(Rational::toCompactDecimalStringOrFraction).toList()),
                Map.entry("erasure_context", Long.toString(erasureContext)), Map.entry("delta", delta.toCompactDecimalStringOrFraction()),
                Map.entry("case_study", caseStudy), Map.entry("case_study_tolerance", caseStudyTolerance.toCompactDecimalStringOrFraction()));
    }
}
