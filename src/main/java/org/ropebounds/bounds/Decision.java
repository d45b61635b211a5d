package org.ropebounds.bounds;

import java.util.Optional;

/** One decision of a {@link ZoneCalculator} zone: pending until a precision level takes it, then kept; not thread-safe. */
final class Decision<V> {
    private Optional<V> value = Optional.empty();

    /** Whether no level has taken it yet. */
    boolean pending() {
        return value.isEmpty();
    }

    /** The value taken, or empty while pending. */
    Optional<V> value() {
        return value;
    }

    /** Takes v (non-null); a later take replaces it, which the calculator never does (it asks {@link #pending} first). */
    void take(V v) {
        value = Optional.of(v);
    }
}
