package org.ropebounds.bounds;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ropebounds.InvalidInputException;
import org.ropebounds.format.Rational;

/** Context lengths as people write them: 131072, 2^17, 1e6, 128k, 1M (k = 1024, M = 2^20, G = 2^30, as model cards use them). */
public final class ContextLength {
    private static final Pattern POWER = Pattern.compile("2\\^(\\d{1,3})");
    private static final Pattern SUFFIXED = Pattern.compile("([0-9.eE+-]+)([kKmMgG])");
    private static final String ACCEPTED = "accepted: a positive integer such as 131072, 2^17, 1e6, 128k (k = 1024), 1M (M = 1048576)";

    private ContextLength() {
    }

    /**
     * The integer that {@code text} denotes.
     *
     * @throws InvalidInputException if it is not a positive integer of at most 2^62
     */
    public static BigInteger parse(String text) {
        String t = text.strip();
        BigInteger value;
        Matcher power = POWER.matcher(t);
        Matcher suffixed = SUFFIXED.matcher(t);
        try {
            if (power.matches()) {
                value = BigInteger.ONE.shiftLeft(Integer.parseInt(power.group(1)));
            } else if (suffixed.matches()) {
                int shift = switch (Character.toLowerCase(suffixed.group(2).charAt(0))) {
                    case 'k' -> 10;
                    case 'm' -> 20;
                    default -> 30;
                };
                value = integer(Rational.parse(suffixed.group(1)).multiply(Rational.of(BigInteger.ONE.shiftLeft(shift), BigInteger.ONE)), t);
            } else {
                value = integer(Rational.parse(t), t);
            }
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith("context")) {
                throw e;
            }
            throw new InvalidInputException("context '" + InvalidInputException.quoted(t) + "' is " + (e.getMessage().contains("out of range")
                    ? "out of range; accepted: 1 <= L <= 2^62" : "not a number; " + ACCEPTED));
        }
        if (value.signum() <= 0 || value.compareTo(ZoneQuery.MAX_CONTEXT) > 0) {
            throw new InvalidInputException("context '" + InvalidInputException.quoted(t) + "' is out of range; accepted: 1 <= L <= 2^62");
        }
        return value;
    }

    private static BigInteger integer(Rational x, String t) {
        if (!x.denominator().equals(BigInteger.ONE)) {
            throw new InvalidInputException("context '" + InvalidInputException.quoted(t) + "' is not an integer; " + ACCEPTED);
        }
        return x.numerator();
    }
}
