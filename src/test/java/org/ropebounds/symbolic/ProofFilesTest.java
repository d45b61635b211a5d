package org.ropebounds.symbolic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Re-runs every step of every {@code proofs/*.md} file (one fresh engine per file) and fails on any Out or
 * Sign that differs, naming file, line, expected and actual. Surefire runs tests in the project root, so
 * the folder is {@code proofs} relative to the working directory.
 */
class ProofFilesTest {

    private static final Path PROOFS = Paths.get("proofs");

    /** The files the project promises; each must exist and contain checked steps. */
    private static final List<String> REQUIRED = List.of("aliasing.md", "dc-stability.md", "depth-stability.md",
            "precision-ceiling.md", "zone-and-lmax.md", "exact-spectrum.md", "stability-dominates-aliasing.md");

    private static List<Path> proofFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROOFS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyRequiredProofFileExistsAndHasSteps() throws IOException {
        assertTrue(Files.isDirectory(PROOFS), "no proofs/ folder under " + Paths.get("").toAbsolutePath());
        for (String name : REQUIRED) {
            Path file = PROOFS.resolve(name);
            assertTrue(Files.isRegularFile(file), "missing " + file);
            ProofScript script = ProofScript.parse(name, Files.readString(file, StandardCharsets.UTF_8));
            assertFalse(script.steps().isEmpty(), name + " has no symja steps");
            assertTrue(script.steps().stream().anyMatch(s -> s.input().startsWith("D(") || s.signClaim().isPresent()
                    || s.input().startsWith("Solve(")), name + " has no Solve, D or Sign step");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyStepOfEveryProofFileReproduces() throws IOException {
        return proofFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            ProofScript script = ProofScript.parse(name, Files.readString(file, StandardCharsets.UTF_8));
            List<ProofScript.Failure> failures;
            try (SymbolicEngine engine = SymbolicEngine.create()) {
                failures = script.check(engine);
            }
            if (!failures.isEmpty()) {
                fail(failures.size() + " of " + script.steps().size() + " steps differ:\n"
                        + failures.stream().map(ProofScript.Failure::message).collect(Collectors.joining("\n")));
            }
        }));
    }
}
