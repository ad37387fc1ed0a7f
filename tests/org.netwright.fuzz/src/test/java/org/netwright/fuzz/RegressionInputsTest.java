package org.netwright.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every seed and every regression input of every target, read once, without the fuzzer: none breaks a contract. */
class RegressionInputsTest {

    @TestFactory
    List<DynamicTest> everyInputKeepsItsContract() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FuzzTarget target : FuzzTarget.values()) {
            List<Path> inputs = new ArrayList<>(Corpus.seeds(target));
            assertFalse(inputs.isEmpty(), "no seed for " + target.id());
            inputs.addAll(Corpus.regressions(target));
            for (Path input : inputs) {
                // a hang is a finding too: each input gets the fuzzer's time-out, with room for a loaded machine
                tests.add(DynamicTest.dynamicTest(target.id() + " " + FuzzTarget.repo().relativize(input),
                        () -> assertTimeoutPreemptively(Duration.ofSeconds(30), () -> target.check(Files.readAllBytes(input)))));
            }
        }
        return tests;
    }

    /** Each known finding still fails as recorded; once it does not, its input belongs in regressions/. */
    @TestFactory
    List<DynamicTest> knownFindingsAreStillOpen() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KnownFinding k : KnownFinding.ALL) {
            tests.add(DynamicTest.dynamicTest(k.target().id() + " " + k.reproducer(), () -> {
                byte[] input = Files.readAllBytes(Corpus.resources().resolve(k.reproducer()));
                Throwable thrown = null;
                try {
                    k.target().read(input);
                } catch (RuntimeException | Error e) {
                    thrown = e;
                }
                assertTrue(thrown != null && k.matches(k.target(), thrown), () -> k.reproducer()
                        + " no longer fails as recorded: move it to regressions/" + k.target().id() + "/ and remove its KnownFinding");
            }));
        }
        return tests;
    }
}
