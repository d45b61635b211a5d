package org.ropebounds.bounds;

import java.util.Optional;

/**
 * One decision of a {@link ZoneCalculator} zone: pending until a precision level takes it, then kept; not thread-safe.
 * The value is held bare (null while pending): a zone takes some thirty decisions, and an Optional per take was as
 * many allocations before the JIT's optimising compiler runs.
 */
final class Decision<V> {
    private V value;

    /** Whether no level has taken it yet. */
    boolean pending() {
        return value == null;
    }

    /** The value taken, or empty while pending. */
    Optional<V> value() {
        return Optional.ofNullable(value);
    }

    /** The value taken, or null while pending (for callers that would only unwrap {@link #value()}). */
    V valueOrNull() {
        return value;
    }

    /** Takes v (non-null); a later take replaces it, which the calculator never does (it asks {@link #pending} first). */
    void take(V v) {
        value = java.util.Objects.requireNonNull(v);
    }
}
