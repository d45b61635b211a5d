package org.ropebounds.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.ArraySource;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.format.Format;
import org.ropebounds.libm.LibmFunction;
import org.ropebounds.libm.LibmModel;
import org.ropebounds.libm.LibmModels;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The command line's libm models and stored inv_freq for {@code crosscheck}; what they mean is {@link LibmModels}. */
final class LibmOptions {
    @Option(names = "--libm", paramLabel = "MODEL", converter = ModelsConverter.class,
            description = "The pipeline's libm: a preset (correct, faithful, glibc, sleef-u10, cuda, cuda-fast-math) or one model for "
                    + "pow, cos and sin (correct, faithful, ulps:K, abs:E, with @R for |x| <= R, unbounded). The verdict becomes: "
                    + "every entry inside the envelope of what such an implementation can compute. Needs --pipeline.")
    LibmModels libm;

    @Option(names = "--libm-pow", paramLabel = "MODEL", converter = ModelConverter.class, description = "The model of pow (after --libm).")
    LibmModel pow;

    @Option(names = "--libm-cos", paramLabel = "MODEL", converter = ModelConverter.class, description = "The model of cos (after --libm).")
    LibmModel cos;

    @Option(names = "--libm-sin", paramLabel = "MODEL", converter = ModelConverter.class, description = "The model of sin (after --libm).")
    LibmModel sin;

    @Option(names = "--inv-freq", paramLabel = "FILE",
            description = "The implementation's own inv_freq (d/2 entries, any file kind): the pipeline's phase, cos and sin start from it, "
                    + "and it is checked itself (against exact and the pipeline's pow envelope). Needs --pipeline.")
    Path invFreq;

    @Option(names = "--inv-freq-file-dtype", paramLabel = "FORMAT",
            description = "The --inv-freq file's number format (needed for text and CSV; default: the .npy header, else --dtype).")
    Format invFreqDtype;

    /** The models given, if any option was: --libm (default correct), then the per-function ones. */
    Optional<LibmModels> models() {
        if (libm == null && pow == null && cos == null && sin == null) {
            return Optional.empty();
        }
        LibmModels m = libm == null ? LibmModels.CORRECT : libm;
        try {
            m = pow == null ? m : m.with(LibmFunction.POW, pow);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--libm-pow: " + e.getMessage());
        }
        m = cos == null ? m : m.with(LibmFunction.COS, cos);
        return Optional.of(sin == null ? m : m.with(LibmFunction.SIN, sin));
    }

    /** The --inv-freq file, opened; empty without it. */
    Optional<ArraySource> openInvFreq(Optional<Format> fileDtype) throws IOException {
        if (invFreq == null) {
            return Optional.empty();
        }
        if (invFreq.toString().isEmpty()) {
            throw new InvalidInputException("--inv-freq '' is an empty path; accepted: the path of a .npy, .safetensors, CSV or text file");
        }
        Optional<Format> dtype = invFreqDtype != null ? Optional.of(invFreqDtype) : fileDtype;
        try {
            return Optional.of(ArraySource.open(invFreq, FileKind.AUTO, dtype));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--inv-freq: " + e.getMessage());
        }
    }

    static final class ModelsConverter implements ITypeConverter<LibmModels> {
        @Override
        public LibmModels convert(String text) {
            try {
                return LibmModels.parse(text);
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ModelConverter implements ITypeConverter<LibmModel> {
        @Override
        public LibmModel convert(String text) {
            try {
                return LibmModel.parse(text);
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
