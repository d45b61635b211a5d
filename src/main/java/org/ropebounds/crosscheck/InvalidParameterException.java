package org.ropebounds.crosscheck;

import org.ropebounds.InvalidInputException;

/**
 * Input refused because of one parameter of a {@link CrosscheckRequest} (or the format an array is
 * read in). The message is {@code parameter.label() + " " + detail()} ("positions 9:3 is not accepted;
 * ..."), so a caller with its own name for the parameter (a command-line flag) can say
 * {@code name + " " + detail()} instead.
 */
public final class InvalidParameterException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** The parameters a cross-check takes, by their library names. */
    public enum Parameter {
        /** {@link CrosscheckRequest#firstPosition()} and {@link CrosscheckRequest#positionCount()}. */
        POSITIONS("positions"),
        /** The number format an array is read in. */
        FORMAT("format"),
        /** {@link CrosscheckRequest#layout()}. */
        LAYOUT("layout"),
        /** {@link CrosscheckRequest#toleranceUlps()}. */
        TOLERANCE("tolerance in ulps"),
        /** {@link CrosscheckRequest#worst()}. */
        WORST("number of worst entries"),
        /** {@link CrosscheckRequest#threads()}. */
        THREADS("threads"),
        /** Which tensor of a .safetensors file to read ({@link SafetensorsArray}). */
        TENSOR("tensor"),
        /** {@link CrosscheckRequest#libm()}. */
        LIBM("libm models"),
        /** The stored inv_freq an implementation's downstream stages start from ({@link Crosscheck#run(CrosscheckRequest, ArraySource, ArraySource)}). */
        INV_FREQ("stored inv_freq");

        private final String label;

        Parameter(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Parameter parameter;
    private final String detail;

    /**
     * @param parameter the parameter at fault
     * @param detail the rest of the one-line message: the value, what is wrong and what is accepted
     */
    public InvalidParameterException(Parameter parameter, String detail) {
        super(parameter.label() + " " + detail);
        this.parameter = parameter;
        this.detail = detail;
    }

    public Parameter parameter() {
        return parameter;
    }

    /** The message without the parameter's name in front. */
    public String detail() {
        return detail;
    }
}
