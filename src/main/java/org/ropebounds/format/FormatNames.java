package org.ropebounds.format;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ropebounds.InvalidInputException;

/**
 * Names of formats: the canonical name of a custom format, and reading a name, an alias or a custom
 * {@code p=..,emin=..,emax=..[,specials=fn]} back into a {@link Format}. Stateless.
 */
final class FormatNames {
    private static final Pattern CUSTOM = Pattern.compile(
            "p=([+-]?\\d{1,9}),emin=([+-]?\\d{1,9}),emax=([+-]?\\d{1,9})(?:,specials=(ieee|fn))?");

    private FormatNames() {
    }

    /** {@code p=..,emin=..,emax=..}, with {@code ,specials=fn} unless IEEE: what {@link #parse} reads back. */
    static String customName(int precision, int emin, int emax, Format.Specials specials) {
        return "p=" + precision + ",emin=" + emin + ",emax=" + emax
                + (specials == Format.Specials.IEEE ? "" : ",specials=fn");
    }

    /** See {@link Format#parse(String)}. */
    static Format parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(" ", "")
                .replaceFirst("^(torch|numpy|np|jnp|ml-dtypes)\\.", "");
        for (Format f : Format.standard()) {
            if (f.name().equals(t) || f.aliases().contains(t)) {
                return f;
            }
        }
        Matcher m = CUSTOM.matcher(t);
        if (m.matches()) {
            return Format.custom(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    "fn".equals(m.group(4)) ? Format.Specials.FINITE_NAN_ONLY : Format.Specials.IEEE);
        }
        throw new InvalidInputException("unknown format '" + InvalidInputException.quoted(text) + "'; accepted: "
                + Format.standard().stream().map(Format::name).collect(Collectors.joining(", "))
                + " (or an alias such as float32, bfloat16, half, e4m3fn), or p=..,emin=..,emax=..[,specials=fn]");
    }
}
