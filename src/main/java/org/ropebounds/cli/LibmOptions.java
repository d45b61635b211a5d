package org.ropebounds.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.ArraySource;
import org.ropebounds.crosscheck.FileKind;
import org.ropebounds.format.Format;
import org.ropebounds.libm.LibmModels;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line's libm models and stored inv_freq for {@code crosscheck}; what they mean is {@link LibmModels}. */
final class LibmOptions {
    @Mixin
    LibmModelOptions models;

    @Option(names = "--inv-freq", paramLabel = "FILE",
            description = "The implementation's own inv_freq (d/2 entries, any file kind): the pipeline's phase, cos and sin start from it, "
                    + "and it is checked itself (against exact and the pipeline's pow envelope). Needs --pipeline.")
    Path invFreq;

    @Option(names = "--inv-freq-file-dtype", paramLabel = "FORMAT",
            description = "The --inv-freq file's number format (needed for text and CSV; default: the .npy header, else --dtype).")
    Format invFreqDtype;

    /** The models given, if any option was: see {@link LibmModelOptions#models()}. */
    Optional<LibmModels> models() {
        return models.models();
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
}
