package org.ropebounds.reference;

import java.math.BigDecimal;
import org.ropebounds.format.Format;

/**
 * How torch and NumPy name and compare the dtypes of {@link ReferenceRequest#DTYPES}: torch.testing.assert_close's
 * default rtol ({@code _DTYPE_PRECISIONS} in torch/testing/_comparison.py, torch 2.13: float16 (0.001, 1e-5), bfloat16
 * (0.016, 1e-5), float32 (1.3e-6, 1e-5), float64 (1e-7, 1e-7); any other dtype (0, 0)), the dtype its isclose
 * computes in, and how an array of the dtype is stored in a .npy file.
 */
final class TorchDefaults {
    private TorchDefaults() {
    }

    /** assert_close's default rtol for the dtype, exact; 0 for fp8 (torch lists none). */
    static BigDecimal rtol(Format dtype) {
        return switch (dtype.name()) {
            case "fp16" -> new BigDecimal("0.001");
            case "bf16" -> new BigDecimal("0.016");
            case "fp32" -> new BigDecimal("1.3e-6");
            case "fp64" -> new BigDecimal("1e-7");
            default -> BigDecimal.ZERO;
        };
    }

    /** The dtype isclose computes in: the array's own, or fp32 for fp8 (the emitted test upcasts fp8 to float32). */
    static Format checkFormat(Format dtype) {
        return isFp8(dtype) ? Format.FP32 : dtype;
    }

    static boolean isFp8(Format dtype) {
        return dtype.equals(Format.FP8_E4M3) || dtype.equals(Format.FP8_E5M2);
    }

    /** The torch dtype's name: {@code bfloat16}, {@code float8_e4m3fn}. */
    static String torchName(Format dtype) {
        return switch (dtype.name()) {
            case "fp64" -> "float64";
            case "fp32" -> "float32";
            case "fp16" -> "float16";
            case "bf16" -> "bfloat16";
            case "fp8-e4m3" -> "float8_e4m3fn";
            case "fp8-e5m2" -> "float8_e5m2";
            default -> throw new IllegalArgumentException(dtype.name());
        };
    }

    /** The .npy descr the array is stored as: native floats, bf16 as {@code <u2}, fp8 as {@code |u1} (the encodings). */
    static String npyDescr(Format dtype) {
        return switch (dtype.name()) {
            case "fp64" -> "<f8";
            case "fp32" -> "<f4";
            case "fp16" -> "<f2";
            case "bf16" -> "<u2";
            default -> "|u1";
        };
    }

    /** The NumPy dtype the file holds: float64, float32, float16, uint16 or uint8. */
    static String numpyName(Format dtype) {
        return switch (npyDescr(dtype)) {
            case "<f8" -> "float64";
            case "<f4" -> "float32";
            case "<f2" -> "float16";
            case "<u2" -> "uint16";
            default -> "uint8";
        };
    }

    /** Bytes per entry. */
    static int entryBytes(Format dtype) {
        return (dtype.encodingBits() + 7) / 8;
    }
}
