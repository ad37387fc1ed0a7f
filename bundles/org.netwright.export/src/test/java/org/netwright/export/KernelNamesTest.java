package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelNamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "eth0", "client-veth0", "eth1.100", "abcdefghijklmno" })
    void acceptsNamesTheKernelAccepts(String name) {
        assertTrue(KernelNames.interfaceNameProblem(name).isEmpty(), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "abcdefghijklmnop", "a/b", "a b", "eth0\n", "..", "eth1:1" })
    void rejectsNamesTheKernelRejects(String name) {
        assertTrue(KernelNames.interfaceNameProblem(name).isPresent(), name);
        assertThrows(IllegalArgumentException.class, () -> KernelNames.requireInterfaceName(name));
    }

    @Test
    void quotedValuesSurviveTheShellUnchanged() throws Exception {
        String hostile = "x'; rm -rf / #$(id)`id`";
        Process p = new ProcessBuilder("sh", "-c", "printf %s " + KernelNames.shellQuote(hostile)).start();
        String echoed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(hostile, echoed);
    }

    @Test
    void atomicWriteReplacesWholeFileAndLeavesNoTemporaries(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ruleset.nft");
        AtomicFiles.write(out, "flush ruleset\n");
        AtomicFiles.write(out, "flush ruleset\ntable inet f {}\n", false);
        assertEquals("flush ruleset\ntable inet f {}\n", Files.readString(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary file left behind");
        }
        Path script = dir.resolve("setup.sh");
        AtomicFiles.write(script, "#!/bin/sh\n", true);
        assertTrue(Files.isExecutable(script));
    }
}
