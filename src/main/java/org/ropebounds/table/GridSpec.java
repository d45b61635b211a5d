package org.ropebounds.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ContextLength;
import org.ropebounds.bounds.Spectrum;
import org.ropebounds.bounds.ZoneQuery;
import org.ropebounds.format.Format;
import org.ropebounds.format.Rational;
import org.ropebounds.io.BoundedFiles;
import org.ropebounds.io.StrictJson;

/**
 * What the reference tables cover. The default is the published set; a JSON spec file may replace any
 * key (schema in the README): {@code contexts}, {@code layers}, {@code tolerances}, {@code spectra},
 * {@code rotary_dim}, {@code formats}, {@code digits}, {@code bases}, {@code erasure_context},
 * {@code delta}, {@code case_study}, {@code case_study_tolerance}, and for the criteria table {@code criteria_contexts},
 * {@code criteria_layers}, {@code criteria_tolerance}, {@code criteria_train_context}, {@code criteria_decay_max_context} (the largest
 * context whose decay bound is searched: absent by default, since the certified search takes seconds to minutes per context).
 *
 * <p>Domain, checked on construction so that no table fails half-way: every list non-empty and without
 * a value listed twice; contexts and {@code erasureContext} in 1..2^62; layers in 1..{@value ZoneQuery#MAX_LAYERS};
 * tolerances and the case-study tolerance with 0 &lt; eps &lt; 1; {@code rotaryDim} even in
 * 2..{@value #MAX_ROTARY_DIM} (at least 4 with the exact spectrum); digits in 1..{@value #MAX_DIGITS};
 * bases b &gt; 1; delta &gt; 0; at most {@value #MAX_CELLS} cells (contexts x layers x tolerances x spectra); criteria
 * contexts in 1..2^62, criteria layers in 1..{@value ZoneQuery#MAX_LAYERS}, 0 &lt; criteria tolerance &lt; 1, criteria
 * train context in {@value org.ropebounds.criteria.CriticalDimension#MIN_TRAIN_CONTEXT}..2^62.
 */
public record GridSpec(List<BigInteger> contexts, List<Integer> layers, List<Rational> tolerances, List<Spectrum> spectra,
                       int rotaryDim, List<Format> formats, int digits, List<Rational> bases, long erasureContext, Rational delta,
                       boolean caseStudy, Rational caseStudyTolerance, List<BigInteger> criteriaContexts, int criteriaLayers,
                       Rational criteriaTolerance, long criteriaTrainContext, Optional<BigInteger> criteriaDecayMaxContext) {

    /** The largest rotary dimension of a grid (the emulated pipelines' limit). */
    public static final int MAX_ROTARY_DIM = 1024;
    /** The most certified digits of a grid. */
    public static final int MAX_DIGITS = 40;
    /**
     * The most cells of the minimum-base table: room for the 10^7-cell sweeps that labs split with
     * {@code --shard} (user story 7), while a merge of every shard still fits in memory.
     */
    public static final long MAX_CELLS = 100_000_000;

    private static final Set<String> KEYS = Set.of("contexts", "layers", "tolerances", "spectra", "rotary_dim", "formats", "digits",
            "bases", "erasure_context", "delta", "case_study", "case_study_tolerance", "criteria_contexts", "criteria_layers", "criteria_tolerance",
            "criteria_train_context", "criteria_decay_max_context");

    /** @throws InvalidInputException naming the key and the value outside the domain above */
    public GridSpec {
        contexts = distinct("contexts", contexts, BigInteger::toString);
        layers = distinct("layers", layers, String::valueOf);
        tolerances = distinct("tolerances", tolerances, Rational::toCompactDecimalStringOrFraction);
        spectra = distinct("spectra", spectra, Spectrum::label);
        formats = distinct("formats", formats, Format::name);
        bases = distinct("bases", bases, Rational::toCompactDecimalStringOrFraction);
        for (BigInteger l : contexts) {
            if (l.signum() < 1 || l.compareTo(ZoneQuery.MAX_CONTEXT) > 0) {
                throw new InvalidInputException("contexts: " + l + " is out of range; accepted: 1 <= L <= 2^62");
            }
        }
        for (int n : layers) {
            if (n < 1 || n > ZoneQuery.MAX_LAYERS) {
                throw new InvalidInputException("layers: " + n + " is out of range; accepted: 1 <= N <= " + ZoneQuery.MAX_LAYERS);
            }
        }
        for (Rational eps : tolerances) {
            checkTolerance("tolerances", eps);
        }
        if (rotaryDim < 2 || rotaryDim > MAX_ROTARY_DIM || rotaryDim % 2 != 0) {
            throw new InvalidInputException("rotary_dim " + rotaryDim + " is not accepted; need an even d with 2 <= d <= " + MAX_ROTARY_DIM);
        }
        if (rotaryDim == 2 && spectra.contains(Spectrum.EXACT)) {
            throw new InvalidInputException("rotary_dim 2 with spectra exact: " + ZoneQuery.EXACT_SPECTRUM_NEEDS_D4);
        }
        if (digits < 1 || digits > MAX_DIGITS) {
            throw new InvalidInputException("digits " + digits + " is out of range; accepted: 1.." + MAX_DIGITS);
        }
        for (Rational b : bases) {
            if (b.compareTo(Rational.ONE) <= 0) {
                throw new InvalidInputException("bases: " + b.toCompactDecimalStringOrFraction() + " is out of range; accepted: b > 1");
            }
        }
        if (erasureContext < 1 || BigInteger.valueOf(erasureContext).compareTo(ZoneQuery.MAX_CONTEXT) > 0) {
            throw new InvalidInputException("erasure_context " + erasureContext + " is out of range; accepted: 1 <= L <= 2^62");
        }
        if (delta.signum() <= 0) {
            throw new InvalidInputException("delta " + delta.toCompactDecimalStringOrFraction() + " is out of range; accepted: delta > 0");
        }
        checkTolerance("case_study_tolerance", caseStudyTolerance);
        criteriaContexts = distinct("criteria_contexts", criteriaContexts, BigInteger::toString);
        for (BigInteger l : criteriaContexts) {
            if (l.signum() < 1 || l.compareTo(ZoneQuery.MAX_CONTEXT) > 0) {
                throw new InvalidInputException("criteria_contexts: " + l + " is out of range; accepted: 1 <= L <= 2^62");
            }
        }
        if (criteriaLayers < 1 || criteriaLayers > ZoneQuery.MAX_LAYERS) {
            throw new InvalidInputException("criteria_layers " + criteriaLayers + " is out of range; accepted: 1 <= N <= " + ZoneQuery.MAX_LAYERS);
        }
        checkTolerance("criteria_tolerance", criteriaTolerance);
        java.util.Objects.requireNonNull(criteriaDecayMaxContext);
        if (criteriaTrainContext < org.ropebounds.criteria.CriticalDimension.MIN_TRAIN_CONTEXT
                || BigInteger.valueOf(criteriaTrainContext).compareTo(ZoneQuery.MAX_CONTEXT) > 0) {
            throw new InvalidInputException("criteria_train_context " + criteriaTrainContext + " is out of range; accepted: "
                    + org.ropebounds.criteria.CriticalDimension.MIN_TRAIN_CONTEXT + " <= T_train <= 2^62");
        }
        if ((long) contexts.size() * layers.size() * tolerances.size() * spectra.size() > MAX_CELLS) {
            throw new InvalidInputException("the grid has " + (long) contexts.size() * layers.size() * tolerances.size() * spectra.size()
                    + " cells (contexts x layers x tolerances x spectra); accepted: at most " + MAX_CELLS);
        }
    }

    /**
     * A grid with the default criteria table (contexts 2^10..2^20, N = 32, eps = 0.5, T_train = 4096) and the other keys given.
     *
     * @throws InvalidInputException as the canonical constructor
     */
    public GridSpec(List<BigInteger> contexts, List<Integer> layers, List<Rational> tolerances, List<Spectrum> spectra, int rotaryDim,
                    List<Format> formats, int digits, List<Rational> bases, long erasureContext, Rational delta, boolean caseStudy,
                    Rational caseStudyTolerance) {
        this(contexts, layers, tolerances, spectra, rotaryDim, formats, digits, bases, erasureContext, delta, caseStudy, caseStudyTolerance,
                defaultCriteriaContexts(), DEFAULT_CRITERIA_LAYERS, DEFAULT_CRITERIA_TOLERANCE, DEFAULT_CRITERIA_TRAIN_CONTEXT, Optional.empty());
    }

    /** The criteria table's default depth, tolerance and training context: a 7B-8B model's N = 32, eps = 1/2, Llama 2's 4096. */
    static final int DEFAULT_CRITERIA_LAYERS = 32;
    static final Rational DEFAULT_CRITERIA_TOLERANCE = Rational.of(BigInteger.ONE, BigInteger.TWO);
    static final long DEFAULT_CRITERIA_TRAIN_CONTEXT = 4096;

    /** 2^10..2^20: the contexts of Men et al.'s Table 2. */
    static List<BigInteger> defaultCriteriaContexts() {
        List<BigInteger> out = new ArrayList<>();
        for (int k = 10; k <= 20; k++) {
            out.add(BigInteger.ONE.shiftLeft(k));
        }
        return List.copyOf(out);
    }

    /**
     * Refuses a coherence tolerance outside 0 &lt; eps &lt; 1, the domain of every bound.
     *
     * @param name how the value is named in the message ("case_study_tolerance")
     * @return {@code eps}
     * @throws InvalidInputException "name eps is out of range; accepted: 0 &lt; eps &lt; 1"
     */
    public static Rational checkTolerance(String name, Rational eps) {
        if (eps.signum() <= 0 || eps.compareTo(Rational.ONE) >= 0) {
            throw new InvalidInputException(name + " " + eps.toCompactDecimalStringOrFraction() + " is out of range; accepted: 0 < eps < 1");
        }
        return eps;
    }

    private static <T> List<T> distinct(String key, List<T> values, Function<T, String> text) {
        if (values.isEmpty()) {
            throw new InvalidInputException(key + " is empty; accepted: a non-empty list");
        }
        Set<T> seen = new HashSet<>();
        for (T v : values) {
            if (!seen.add(v)) {
                throw new InvalidInputException(key + ": " + text.apply(v) + " is listed twice; accepted: each value once");
            }
        }
        return List.copyOf(values);
    }

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
                1L << 20, Rational.parse("0.1"), true, Rational.parse("0.5"), defaultCriteriaContexts(), DEFAULT_CRITERIA_LAYERS,
                DEFAULT_CRITERIA_TOLERANCE, DEFAULT_CRITERIA_TRAIN_CONTEXT, Optional.empty());
    }

    /**
     * The defaults with the keys of a JSON spec file replaced. The file is read through {@link BoundedFiles}
     * (a regular file of at most {@value BoundedFiles#JSON_MAX_BYTES} bytes) as {@link StrictJson} (a key given
     * twice is refused); a number, given as a JSON number or a string, is read exactly from its text;
     * {@code case_study} must be JSON {@code true} or {@code false}.
     *
     * @throws InvalidInputException one line naming the file, the key and the value: an unreadable or
     *     non-regular file, invalid JSON, an unknown key, a value of the wrong type, or outside the domain
     */
    public static GridSpec read(Path file) {
        String name = InvalidInputException.quoted(file.toString());
        JsonNode root = StrictJson.parse(BoundedFiles.readAll(file, BoundedFiles.JSON_MAX_BYTES, "grid spec"), name);
        try {
            return fromJson(root);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
    }

    private static GridSpec fromJson(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidInputException("a grid spec must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new InvalidInputException("unknown key '" + InvalidInputException.quoted(k) + "'; accepted: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        GridSpec d = defaults();
        List<BigInteger> contexts = root.has("contexts") ? list(root, "contexts", ContextLength::parse) : d.contexts;
        List<Integer> layers = root.has("layers") ? list(root, "layers", x -> integer(x, 1, ZoneQuery.MAX_LAYERS)) : d.layers;
        List<Rational> tol = root.has("tolerances") ? list(root, "tolerances", Rational::parse) : d.tolerances;
        List<Spectrum> spectra = root.has("spectra") ? list(root, "spectra", Spectrum::parse) : d.spectra;
        int dim = root.has("rotary_dim") ? integer(scalar(root.get("rotary_dim"), "rotary_dim"), 2, MAX_ROTARY_DIM) : d.rotaryDim;
        List<Format> formats = root.has("formats") ? list(root, "formats", Format::parse) : d.formats;
        int digits = root.has("digits") ? integer(scalar(root.get("digits"), "digits"), 1, MAX_DIGITS) : d.digits;
        List<Rational> bases = root.has("bases") ? list(root, "bases", Rational::parse) : d.bases;
        long erasure = root.has("erasure_context")
                ? value("erasure_context", scalar(root.get("erasure_context"), "erasure_context"), ContextLength::parse).longValueExact()
                : d.erasureContext;
        Rational delta = root.has("delta") ? value("delta", scalar(root.get("delta"), "delta"), Rational::parse) : d.delta;
        boolean study = d.caseStudy;
        if (root.has("case_study")) {
            JsonNode v = root.get("case_study");
            if (!v.isBoolean()) {
                throw new InvalidInputException("case_study must be true or false (JSON booleans), got " + shown(v));
            }
            study = v.booleanValue();
        }
        Rational studyTol = root.has("case_study_tolerance")
                ? value("case_study_tolerance", scalar(root.get("case_study_tolerance"), "case_study_tolerance"), Rational::parse)
                : d.caseStudyTolerance;
        List<BigInteger> criteriaContexts = root.has("criteria_contexts") ? list(root, "criteria_contexts", ContextLength::parse) : d.criteriaContexts;
        int criteriaLayers = root.has("criteria_layers")
                ? value("criteria_layers", scalar(root.get("criteria_layers"), "criteria_layers"), x -> integer(x, 1, ZoneQuery.MAX_LAYERS))
                : d.criteriaLayers;
        Rational criteriaTol = root.has("criteria_tolerance")
                ? value("criteria_tolerance", scalar(root.get("criteria_tolerance"), "criteria_tolerance"), Rational::parse) : d.criteriaTolerance;
        long train = root.has("criteria_train_context") ? value("criteria_train_context", scalar(root.get("criteria_train_context"),
                "criteria_train_context"), ContextLength::parse).longValueExact() : d.criteriaTrainContext;
        Optional<BigInteger> decayMax = d.criteriaDecayMaxContext;
        if (root.has("criteria_decay_max_context")) {
            String text = scalar(root.get("criteria_decay_max_context"), "criteria_decay_max_context");
            decayMax = text.strip().equals("none") ? Optional.empty() : Optional.of(value("criteria_decay_max_context", text, ContextLength::parse));
        }
        return new GridSpec(contexts, layers, tol, spectra, dim, formats, digits, bases, erasure, delta, study, studyTol, criteriaContexts,
                criteriaLayers, criteriaTol, train, decayMax);
    }

    /** The elements of a list-valued key, each read from its text. */
    private static <T> List<T> list(JsonNode root, String key, Function<String, T> parse) {
        JsonNode v = root.get(key);
        if (!v.isArray() || v.isEmpty()) {
            throw new InvalidInputException(key + " must be a non-empty list, got " + shown(v));
        }
        List<T> out = new ArrayList<>();
        for (JsonNode x : v) {
            String where = key + "[" + out.size() + "]";
            out.add(value(where, scalar(x, where), parse));
        }
        return out;
    }

    private static <T> T value(String where, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage());
        }
    }

    /**
     * The text of a string or number: a number's exact decimal text (it was read as a BigDecimal or
     * BigInteger, never a double), so that 0.90000000000000000001 stays that number.
     */
    private static String scalar(JsonNode v, String where) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            return v.decimalValue().toString();
        }
        throw new InvalidInputException(where + " must be a number or a string, got " + shown(v));
    }

    private static int integer(String s, int min, int max) {
        Rational v;
        try {
            v = Rational.parse(s);
        } catch (InvalidInputException e) {
            v = null;
        }
        if (v == null || !v.denominator().equals(BigInteger.ONE) || v.numerator().compareTo(BigInteger.valueOf(min)) < 0
                || v.numerator().compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidInputException("'" + InvalidInputException.quoted(s) + "' is not an integer in " + min + ".." + max);
        }
        return v.numerator().intValueExact();
    }

    private static String shown(JsonNode v) {
        return InvalidInputException.quoted(v.toString());
    }

    /** The spec as JSON-ready values, for the manifest. */
    public Map<String, Object> describe() {
        return Map.ofEntries(Map.entry("contexts", contexts.stream().map(BigInteger::toString).toList()),
                Map.entry("layers", layers), Map.entry("tolerances", tolerances.stream().map(Rational::toCompactDecimalStringOrFraction).toList()),
                Map.entry("spectra", spectra.stream().map(Spectrum::label).toList()), Map.entry("rotary_dim", rotaryDim),
                Map.entry("formats", formats.stream().map(Format::name).toList()), Map.entry("digits", digits),
                Map.entry("bases", bases.stream().map(Rational::toCompactDecimalStringOrFraction).toList()),
                Map.entry("erasure_context", Long.toString(erasureContext)), Map.entry("delta", delta.toCompactDecimalStringOrFraction()),
                Map.entry("case_study", caseStudy), Map.entry("case_study_tolerance", caseStudyTolerance.toCompactDecimalStringOrFraction()),
                Map.entry("criteria_contexts", criteriaContexts.stream().map(BigInteger::toString).toList()),
                Map.entry("criteria_layers", criteriaLayers),
                Map.entry("criteria_tolerance", criteriaTolerance.toCompactDecimalStringOrFraction()),
                Map.entry("criteria_train_context", Long.toString(criteriaTrainContext)),
                Map.entry("criteria_decay_max_context", criteriaDecayMaxContext.map(BigInteger::toString).orElse("none")));
    }
}
