package org.ropebounds.cli;

import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.libm.LibmFunction;
import org.ropebounds.libm.LibmModel;
import org.ropebounds.libm.LibmModels;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The command line's libm models ({@code --libm}, {@code --libm-pow/-cos/-sin}); what they mean is {@link LibmModels}. */
final class LibmModelOptions {
    @Option(names = "--libm", paramLabel = "MODEL", converter = ModelsConverter.class,
            description = "The pipeline's libm: a preset (correct, faithful, glibc, sleef-u10, cuda, cuda-fast-math) or one model for "
                    + "pow, cos and sin (correct, faithful, ulps:K, abs:E, with @R for |x| <= R, unbounded). crosscheck: the verdict "
                    + "becomes every entry inside the envelope of what such an implementation can compute (needs --pipeline); erasure and phase: "
                    + "horizons and phases become ranges over that envelope (only pow moves them); reference: the tolerance is taken over it.")
    LibmModels libm;

    @Option(names = "--libm-pow", paramLabel = "MODEL", converter = ModelConverter.class, description = "The model of pow (after --libm).")
    LibmModel pow;

    @Option(names = "--libm-cos", paramLabel = "MODEL", converter = ModelConverter.class, description = "The model of cos (after --libm).")
    LibmModel cos;

    @Option(names = "--libm-sin", paramLabel = "MODEL", converter = ModelConverter.class, description = "The model of sin (after --libm).")
    LibmModel sin;

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
