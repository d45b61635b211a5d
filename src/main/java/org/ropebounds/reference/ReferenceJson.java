package org.ropebounds.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.ropebounds.libm.LibmModels;

/**
 * The JSON form of a {@link ReferenceReport}: the sidecar file's content and {@code reference --json}'s output (keys and
 * types: {@code ropebounds schema reference}). Integers that may reach 2^53 (positions, entries, ulps) are strings of
 * digits; every bound is a decimal string beside its guarantee.
 */
public final class ReferenceJson {
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private ReferenceJson() {
    }

    /** The report, naming the .npy file as {@code fileText} (as the user gave it, or its bare name in the sidecar). */
    public static ObjectNode of(ReferenceReport r, String fileText) {
        ReferenceRequest q = r.request();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("file", fileText);
        o.put("sha256", r.sha256());
        o.put("sidecar", r.sidecar().getFileName().toString());
        if (r.pytest().isPresent()) {
            o.put("pytest", r.pytest().get().getFileName().toString());
        } else {
            o.putNull("pytest");
        }
        o.put("quantity", q.quantity().label());
        o.put("base", q.frequencies().base().toCompactDecimalStringOrFraction());
        o.put("head_dim", q.frequencies().rotaryDim());
        o.put("spectrum_source", q.frequencies().source());
        o.put("dtype", q.dtype().name());
        o.put("torch_dtype", TorchDefaults.torchName(q.dtype()));
        o.put("numpy_dtype", TorchDefaults.numpyName(q.dtype()));
        o.put("storage", storage(q));
        ArrayNode shape = o.putArray("shape");
        for (long s : q.shape()) {
            shape.add(s);
        }
        o.put("layout", q.layout().label());
        if (q.quantity().hasPositions()) {
            o.put("first_position", Long.toString(q.firstPosition()));
            o.put("positions_end", Long.toString(q.firstPosition() + q.rows()));
        } else {
            o.putNull("first_position");
            o.putNull("positions_end");
        }
        o.put("entries", Long.toString(r.entries()));
        o.put("values", q.valuesDescription());
        ObjectNode env = o.putObject("envelope");
        env.put("pipeline", q.envelopePipeline().resolve(q.dtype()).name());
        env.put("pipeline_description", q.envelopePipeline().resolve(q.dtype()).describe());
        LibmModels libm = q.libm();
        env.put("pow", libm.pow().label());
        env.put("cos", libm.cos().label());
        env.put("sin", libm.sin().label());
        env.put("libm_given", q.libmGiven());
        Tolerance t = r.tolerance();
        o.put("envelope_max_ulps", Long.toUnsignedString(t.maxUlps()));
        o.put("envelope_max_ulps_guarantee", Tolerance.MAX_ULPS_GUARANTEE);
        o.put("envelope_max_abs", plain(t.maxAbs()));
        o.put("envelope_max_abs_guarantee", t.maxAbsGuarantee());
        ObjectNode ac = o.putObject("assert_close");
        ac.put("rtol", plain(t.rtol()));
        ac.put("atol", plain(t.atol()));
        ac.put("check_dtype", t.checkDtype());
        ac.put("rtol_guarantee", Tolerance.RTOL_GUARANTEE);
        ac.put("atol_guarantee", t.atolGuarantee());
        if (t.nmse().isPresent()) {
            o.put("nmse_bound", plain(t.nmse().get()));
        } else {
            o.putNull("nmse_bound");
        }
        o.put("nmse_guarantee", t.nmseGuarantee());
        return o;
    }

    /** How the file stores the dtype, in words. */
    public static String storage(ReferenceRequest q) {
        return switch (TorchDefaults.npyDescr(q.dtype())) {
            case "<u2", "|u1" -> "the " + q.dtype().name() + " encodings as " + TorchDefaults.numpyName(q.dtype())
                    + " (view as torch." + TorchDefaults.torchName(q.dtype()) + " or ml_dtypes." + TorchDefaults.torchName(q.dtype()) + ")";
            default -> "native " + TorchDefaults.numpyName(q.dtype()) + ", little-endian";
        };
    }

    /** A decimal as plain text when short ({@code 0.016}), else in scientific form ({@code 1.3E-6} as {@code 1.3e-6}). */
    public static String plain(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        String p = d.toPlainString();
        return p.length() <= 12 ? p : d.toString().replace('E', 'e').replace("e+", "e");
    }

    /** The node as two-space-indented JSON with LF line ends, ending in a newline. */
    public static String text(ObjectNode node) {
        try {
            return WRITER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
