package org.ropebounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the artifacts hold. The library jar and the runnable jar are built from the main output directory
 * (target/classes) after the tests run, so the tests check that directory: no benchmark class and no
 * logging configuration may be in it. The runnable jar adds src/cli/resources/log4j2.xml itself (see pom.xml).
 * The jars themselves are checked after packaging, in the verify phase (pom.xml, check-jar-contents).
 */
class PackagingTest {

    /** The directory the main classes were compiled into, found from a class that is certainly there. */
    private static Path mainOutput() throws URISyntaxException {
        Path p = Path.of(InvalidInputException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(p), "the main classes are expected in a directory during the tests, not " + p);
        return p;
    }

    /** Every file under {@code dir}, as a path relative to it with '/' separators. */
    private static List<String> entries(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> out.add(dir.relativize(f).toString().replace('\\', '/')));
        }
        return out;
    }

    @Test
    void theMainOutputHoldsNoBenchmarkClass() throws Exception {
        Path main = mainOutput();
        List<String> all = entries(main);
        assertTrue(all.contains("org/ropebounds/cli/Main.class"), "not the main output: " + main);
        List<String> bench = all.stream().filter(e -> e.startsWith("org/ropebounds/bench/")).toList();
        assertEquals(List.of(), bench);
    }

    @Test
    void theBenchmarksAreTestSourcesOutsideTheMainOutput() throws Exception {
        Path main = mainOutput();
        for (String name : List.of("RoundingBenchmark", "ZoneBenchmark", "TablesBenchmark", "ErasureBenchmark",
                "CrosscheckBenchmark")) {
            Class<?> c = Class.forName("org.ropebounds.bench." + name);
            Path from = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertFalse(from.equals(main), name + " was compiled into the main output " + main);
            c.getMethod("main", String[].class); // still a runnable harness
        }
    }

    @Test
    void theMainOutputHoldsNoLoggingConfiguration() throws Exception {
        List<String> config = entries(mainOutput()).stream()
                .filter(e -> e.matches("(?i)log4j2?([-.].*)?\\.(xml|json|jsn|yaml|yml|properties)|logback.*\\.xml|simplelogger\\.properties"))
                .toList();
        assertEquals(List.of(), config);
    }

    /** The tests keep Symja quiet with their own copy of the CLI's configuration (src/test/resources). */
    @Test
    void theTestsAndTheRunnableJarShareOneSilencingConfiguration() throws Exception {
        URL url = PackagingTest.class.getResource("/log4j2.xml");
        assertTrue(url != null, "no log4j2.xml on the test classpath");
        String testCopy;
        try (InputStream in = url.openStream()) {
            testCopy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String cli = Files.readString(Path.of("src/cli/resources/log4j2.xml"), StandardCharsets.UTF_8);
        String rootOff = "<Root level=\"off\"/>";
        assertTrue(testCopy.contains(rootOff), testCopy);
        assertTrue(cli.contains(rootOff), cli);
    }
}
