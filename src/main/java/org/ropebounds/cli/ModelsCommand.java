package org.ropebounds.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ropebounds.model.Registry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ropebounds models}: the bundled registry of published models. */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = RopeBoundsCommand.Version.class,
        description = {"List the bundled registry of published models and their RoPE settings, with the source of every",
            "number and how well it is verified (official config, copy, third party). Blank means not verified."})
final class ModelsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ArrayNode arr = Json.array();
            for (Registry.Entry e : Registry.entries()) {
                ObjectNode o = arr.addObject();
                o.put("id", e.id());
                o.put("name", e.name());
                o.put("hf_repo", e.hfRepo());
                e.ropeTheta().ifPresentOrElse(t -> o.put("rope_theta", t.toCompactDecimalStringOrFraction()), () -> o.putNull("rope_theta"));
                e.headDim().ifPresentOrElse(h -> o.put("head_dim", h), () -> o.putNull("head_dim"));
                e.rotaryDim().ifPresentOrElse(h -> o.put("rotary_dim", h), () -> o.putNull("rotary_dim"));
                e.layers().ifPresentOrElse(h -> o.put("layers", h), () -> o.putNull("layers"));
                e.context().ifPresentOrElse(h -> o.put("context", h), () -> o.putNull("context"));
                e.originalContext().ifPresentOrElse(h -> o.put("original_context", h), () -> o.putNull("original_context"));
                o.put("dtype", e.dtype());
                o.put("scaling_type", e.scalingType());
                o.put("scaling_params", e.scalingParams());
                o.put("extra", e.extra());
                o.put("source", e.source());
                o.put("verification", e.verification());
                o.put("notes", e.notes());
            }
            Json.print(out, arr);
            return Main.EXIT_OK;
        }
        TextTable t = new TextTable(new boolean[] {false, true, true, true, true, false, false, false},
                "id", "rope_theta", "head_dim", "layers", "context", "dtype", "scaling", "verified");
        for (Registry.Entry e : Registry.entries()) {
            t.add(e.id(), e.ropeTheta().map(x -> x.toCompactDecimalStringOrFraction()).orElse(""),
                    e.headDim().map(String::valueOf).orElse(""), e.layers().map(String::valueOf).orElse(""),
                    e.context().map(String::valueOf).orElse(""), e.dtype(), e.scalingType(), e.verification());
        }
        out.print(Registry.entries().size() + " models (blank: not verified; 'ropebounds model ID' analyses one)\n");
        t.print(out);
        return Main.EXIT_OK;
    }
}
