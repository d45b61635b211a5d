package org.ropebounds.cli;

import org.ropebounds.InvalidInputException;
import org.ropebounds.bounds.ContextLength;

/** Positions and contexts as integers: 131071, 2^17, 1e6, 128k. */
final class Positions {
    private Positions() {
    }

    /** A position p >= 0. */
    static long parse(String text) {
        if (text.strip().equals("0")) {
            return 0;
        }
        try {
            return ContextLength.parse(text).longValueExact();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.getMessage().replaceFirst("^context", "position"));
        }
    }
}
