package org.ropebounds.cli;

import java.nio.file.Path;
import org.ropebounds.format.Format;
import org.ropebounds.libm.LibmModel;
import org.ropebounds.libm.LibmModels;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of the mixins {@code crosscheck} uses ({@link CommonOptions}, {@link ModelOptions}, {@link PipelineOverrides},
 * {@link LibmOptions} with {@link LibmModelOptions}) and picocli's standard help options, built through picocli's
 * programmatic API for {@link CrosscheckSpec}, and the mixin objects filled from what was parsed. The annotated mixins
 * stay the definition (every other command reflects over them); {@code CrosscheckSpecParityTest} compares the two.
 */
final class CrosscheckMixinSpecs {
    private CrosscheckMixinSpecs() {
    }

    /** {@link CommonOptions}' options. */
    static void addCommon(CommandSpec s) {
        s.addOption(flag("--json", "Print machine-readable JSON (same content as the text output)."));
        s.addOption(flag("--debug", "Show stack traces of errors."));
    }

    /** {@link ModelOptions}' options. */
    static void addModel(CommandSpec s) {
        s.addOption(option("-c", "--config").paramLabel("FILE").type(Path.class)
                .description("Use this model's effective spectrum instead of --base/--head-dim: a Hugging Face config.json or a GGUF file.").build());
        s.addOption(option("-m", "--model").paramLabel("ID").type(String.class)
                .description("Use this registry model's effective spectrum instead of --base/--head-dim (see 'ropebounds models').").build());
    }

    /** {@link PipelineOverrides}' options. */
    static void addOverrides(CommandSpec s) {
        s.addOption(format("--inv-freq-dtype", "Override: the format inv_freq is computed and stored in."));
        s.addOption(format("--position-dtype", "Override: the format positions are held in."));
        s.addOption(format("--phase-dtype", "Override: the format of the phase product."));
        s.addOption(format("--trig-dtype", "Override: the format cos and sin are computed in."));
        s.addOption(format("--output-dtype", "Override: the format the cos/sin cache is cast to."));
    }

    /** {@link LibmOptions}' options, with those of its {@link LibmModelOptions}. */
    static void addLibm(CommandSpec s) {
        s.addOption(option("--libm").paramLabel("MODEL").type(LibmModels.class).converters(new LibmModelOptions.ModelsConverter())
                .description("The pipeline's libm: a preset (correct, faithful, glibc, sleef-u10, cuda, cuda-fast-math) or one model for "
                        + "pow, cos and sin (correct, faithful, ulps:K, abs:E, with @R for |x| <= R, unbounded). crosscheck: the verdict "
                        + "becomes every entry inside the envelope of what such an implementation can compute (needs --pipeline); erasure and phase: "
                        + "horizons and phases become ranges over that envelope (only pow moves them); reference: the tolerance is taken over it.")
                .build());
        s.addOption(libmModel("--libm-pow", "The model of pow (after --libm)."));
        s.addOption(libmModel("--libm-cos", "The model of cos (after --libm)."));
        s.addOption(libmModel("--libm-sin", "The model of sin (after --libm)."));
        s.addOption(option("--inv-freq").paramLabel("FILE").type(Path.class)
                .description("The implementation's own inv_freq (d/2 entries, any file kind): the pipeline's phase, cos and sin start from it, "
                        + "and it is checked itself (against exact and the pipeline's pow envelope). Needs --pipeline.").build());
        s.addOption(option("--inv-freq-file-dtype").paramLabel("FORMAT").type(Format.class)
                .description("The --inv-freq file's number format (needed for text and CSV; default: the .npy header, else --dtype).").build());
    }

    /** The {@link CommonOptions} parsed into {@code s}, as picocli would have filled the annotated mixin. */
    static CommonOptions common(CommandSpec s) {
        CommonOptions c = new CommonOptions();
        c.json = isSet(s, "--json");
        c.debug = isSet(s, "--debug");
        return c;
    }

    /** The {@link ModelOptions} parsed into {@code s}. */
    static ModelOptions model(CommandSpec s) {
        ModelOptions m = new ModelOptions();
        m.config = value(s, "--config");
        m.model = value(s, "--model");
        return m;
    }

    /** The {@link PipelineOverrides} parsed into {@code s}. */
    static PipelineOverrides overrides(CommandSpec s) {
        PipelineOverrides o = new PipelineOverrides();
        o.invFreqDtype = value(s, "--inv-freq-dtype");
        o.positionDtype = value(s, "--position-dtype");
        o.phaseDtype = value(s, "--phase-dtype");
        o.trigDtype = value(s, "--trig-dtype");
        o.outputDtype = value(s, "--output-dtype");
        return o;
    }

    /** The {@link LibmOptions} (with its {@link LibmModelOptions}) parsed into {@code s}. */
    static LibmOptions libm(CommandSpec s) {
        LibmOptions l = new LibmOptions();
        l.models = new LibmModelOptions();
        l.models.libm = value(s, "--libm");
        l.models.pow = value(s, "--libm-pow");
        l.models.cos = value(s, "--libm-cos");
        l.models.sin = value(s, "--libm-sin");
        l.invFreq = value(s, "--inv-freq");
        l.invFreqDtype = value(s, "--inv-freq-file-dtype");
        return l;
    }

    /** picocli's {@code mixinStandardHelpOptions}, which would read the annotations of its own mixin class. */
    static void addStandardHelpOptions(CommandSpec s) {
        CommandSpec help = CommandSpec.create();
        help.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).paramLabel("<helpRequested>").descriptionKey("mixinStandardHelpOptions.help")
                .description("Show this help message and exit.").build());
        help.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).paramLabel("<versionRequested>").descriptionKey("mixinStandardHelpOptions.version")
                .description("Print version information and exit.").build());
        s.addMixin("mixinStandardHelpOptions", help);
    }

    /** A builder with the annotation's defaults where picocli's builder has others (descriptionKey "" rather than null). */
    static OptionSpec.Builder option(String... names) {
        return OptionSpec.builder(names).descriptionKey("");
    }

    static OptionSpec flag(String name, String description) {
        return option(name).type(boolean.class).paramLabel("<" + name.substring(2) + ">").description(description).build(); // picocli labels a flag by its field
    }

    private static OptionSpec format(String name, String description) {
        return option(name).paramLabel("FORMAT").type(Format.class).description(description).build();
    }

    private static OptionSpec libmModel(String name, String description) {
        return option(name).paramLabel("MODEL").type(LibmModel.class).converters(new LibmModelOptions.ModelConverter())
                .description(description).build();
    }

    /** The value parsed into {@code s} for {@code option} (its default, or null, when not given). */
    static <T> T value(CommandSpec s, String option) {
        return s.findOption(option).getValue();
    }

    /** Whether the flag {@code option} was given. */
    static boolean isSet(CommandSpec s, String option) {
        return Boolean.TRUE.equals(s.findOption(option).getValue());
    }
}
