package org.ropebounds.crosscheck;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.ropebounds.InvalidInputException;
import org.ropebounds.crosscheck.InvalidParameterException.Parameter;
import org.ropebounds.format.Format;
import org.ropebounds.io.BoundedFiles;

/** How to read a file of numbers: {@link NpyArray}, {@link SafetensorsArray}, {@link CsvArray}, {@link TextArray}, or decided by the file. */
public enum FileKind {
    /**
     * npy when the file starts with the .npy magic bytes, else safetensors for a name ending in .safetensors or
     * a plausible safetensors header ({@link SafetensorsArray#looksLikeSafetensors}), else csv for a name
     * ending in .csv, else text.
     */
    AUTO("auto"),
    NPY("npy"),
    SAFETENSORS("safetensors"),
    CSV("csv"),
    TEXT("text");

    private final String label;

    FileKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** @throws InvalidInputException unless the text is auto, npy, safetensors, csv or text (any case) */
    public static FileKind parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "npy" -> NPY;
            case "safetensors" -> SAFETENSORS;
            case "csv" -> CSV;
            case "text" -> TEXT;
            default -> throw new InvalidInputException("input format '" + InvalidInputException.quoted(text)
                    + "' is unknown; accepted: auto, npy, safetensors, csv, text");
        };
    }

    /**
     * The kind AUTO stands for: by the .npy magic bytes, then the .safetensors extension or a plausible
     * safetensors header, then the .csv extension; other kinds are themselves.
     */
    public FileKind of(Path path) throws IOException {
        if (this != AUTO) {
            return this;
        }
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (NpyHeader.hasMagic(path)) {
            return NPY;
        }
        if (lower.endsWith(".safetensors") || SafetensorsArray.looksLikeSafetensors(path)) {
            return SAFETENSORS;
        }
        return lower.endsWith(".csv") ? CSV : TEXT;
    }

    /**
     * See {@link ArraySource#open}. With AUTO, a file named {@code .npy} that lacks the .npy magic (an empty
     * file, a truncated download, a sparse file of zeros) is refused as such, not read as text.
     */
    ArraySource open(Path path, Optional<Format> format, Optional<String> tensor) throws IOException {
        try {
            if (Files.isDirectory(path)) {
                throw new InvalidInputException("'" + InvalidInputException.quoted(path.toString()) + "' is a directory; accepted: a .npy, .safetensors, CSV or text file");
            }
            // before anything opens it: a FIFO would block the magic-byte sniffing, a device would never end
            BoundedFiles.requireRegularFile(path, "array file");
            FileKind kind = of(path);
            if (this == AUTO && kind != NPY && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
                throw new InvalidInputException("'" + InvalidInputException.quoted(path.toString()) + "' "
                        + (Files.size(path) == 0 ? "is empty (0 bytes)" : "is not a .npy file (it does not start with the .npy magic \\x93NUMPY)")
                        + "; accepted: a .npy file as numpy.save writes it, or a CSV or text file with its number format given");
            }
            if (tensor.isPresent() && kind != SAFETENSORS) {
                throw new InvalidParameterException(Parameter.TENSOR, "'" + InvalidInputException.quoted(tensor.get()) + "' applies only to a "
                        + ".safetensors file; " + InvalidInputException.quoted(path.getFileName().toString()) + " is read as " + kind.label);
            }
            if (kind != NPY && kind != SAFETENSORS && format.isEmpty()) {
                throw new InvalidParameterException(Parameter.FORMAT, "is needed: a " + kind.label
                        + " file does not say its number format; accepted: fp32, bf16, fp16, fp64, ...");
            }
            return switch (kind) {
                case NPY -> NpyArray.open(path, format);
                case SAFETENSORS -> SafetensorsArray.open(path, tensor, format);
                case CSV -> CsvArray.open(path, format.get());
                default -> TextArray.open(path, format.get());
            };
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("file '" + InvalidInputException.quoted(path.toString()) + "' does not exist");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("file '" + InvalidInputException.quoted(path.toString()) + "' cannot be read (access denied)");
        }
    }
}
