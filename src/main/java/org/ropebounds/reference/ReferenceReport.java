package org.ropebounds.reference;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link ReferenceWriter#write} wrote: the request, the .npy file, its sidecar JSON and pytest file, the
 * SHA-256 of the .npy file's bytes (lower-case hex), the number of entries and the tolerance.
 */
public record ReferenceReport(ReferenceRequest request, Path file, Path sidecar, Optional<Path> pytest, String sha256, long entries,
                              Tolerance tolerance) {
}
