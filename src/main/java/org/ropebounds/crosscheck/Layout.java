package org.ropebounds.crosscheck;

import java.util.Locale;
import org.ropebounds.InvalidInputException;

/**
 * How the columns of a row map to modes i = 0 .. d/2-1.
 * <ul>
 *   <li>{@code modes}: d/2 columns, column j is mode j (inv_freq, transformers' {@code freqs});</li>
 *   <li>{@code concat}: d columns, column j is mode j mod d/2 (transformers' {@code emb = cat(freqs, freqs)},
 *       the usual cos/sin cache);</li>
 *   <li>{@code interleave}: d columns, column j is mode floor(j/2) (GPT-J, Mesh-TF).</li>
 * </ul>
 */
public enum Layout {
    MODES("modes"), CONCAT("concat"), INTERLEAVE("interleave");

    private final String label;

    Layout(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Columns per row for d/2 modes. */
    public int columns(int modes) {
        return this == MODES ? modes : 2 * modes;
    }

    /** The mode of column j ({@code 0 <= j < columns(modes)}). */
    public int mode(int column, int modes) {
        return switch (this) {
            case MODES -> column;
            case CONCAT -> column < modes ? column : column - modes;
            case INTERLEAVE -> column >> 1;
        };
    }

    /** The layout a row of {@code columns} entries has: modes for d/2, concat for d. */
    public static Layout forColumns(long columns, int modes) {
        if (columns == modes) {
            return MODES;
        }
        if (columns == 2L * modes) {
            return CONCAT;
        }
        throw new InvalidInputException("rows of " + columns + " entries do not fit head dim " + 2 * modes
                + "; accepted: " + modes + " (one per mode) or " + 2 * modes + " (modes repeated, as transformers' cos/sin cache)");
    }

    /** @throws InvalidInputException unless the text is modes, concat or interleave */
    public static Layout parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "modes" -> MODES;
            case "concat", "concatenated", "halves" -> CONCAT;
            case "interleave", "interleaved", "pairs" -> INTERLEAVE;
            default -> throw new InvalidInputException("unknown layout '" + InvalidInputException.quoted(text)
                    + "'; accepted: modes, concat, interleave");
        };
    }
}
