package org.netwright.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports that fail for real, in a separate JVM ({@link ExportChild}): killed with SIGKILL at each step of a
 * publication; and, as root in a private mount namespace (gone with the process, so nothing stays mounted), onto a
 * 64 KiB tmpfs that fills up, into a read-only folder and into a folder without write permission (root without
 * CAP_DAC_OVERRIDE). Each time the previous export stays complete and the reason is said in words.
 */
class AtomicFolderFaultTest {
    private static final Map<String, String> SMALL = ExportChild.files(1);
    private static final Map<String, String> LARGE = ExportChild.files(100);

    private static List<String> child(String... steps) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ExportChild.class.getName()));
        cmd.addAll(List.of(steps));
        return cmd;
    }

    /** Runs {@code command} to its end (at most two minutes), returns its output lines. */
    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "unreadable output: " + e;
                }
            });
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "child did not finish: " + command);
            assertEquals(0, p.exitValue(), () -> "child failed: " + out.join());
            return out.get(10, TimeUnit.SECONDS).lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }

    private static List<String> siblings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aKillAtAnyStepLeavesThePreviousExportWhichTheNextExportFindsAgain(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        for (AtomicFolder.Step step : List.of(AtomicFolder.Step.FILE_STAGED, AtomicFolder.Step.STAGED, AtomicFolder.Step.PREVIOUS_MOVED)) {
            AtomicFolder.publish(out, SMALL);
            Process p = new ProcessBuilder(child("hang", out.toString(), step.name())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("at " + step, CompletableFuture.supplyAsync(() -> {
                    try {
                        return lines.readLine();
                    } catch (IOException e) {
                        return e.toString();
                    }
                }).get(2, TimeUnit.MINUTES));
            } finally {
                p.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook of the child runs
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            }
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            List<String> left = siblings(dir);
            assertTrue(left.stream().anyMatch(n -> n.startsWith(".out" + AtomicFolder.NEW)), "the kill left its staging folder: " + left);
            if (step == AtomicFolder.Step.PREVIOUS_MOVED) {
                assertFalse(Files.exists(out), "killed between the two renames");
                Path previous = dir.resolve(left.stream().filter(n -> n.startsWith(".out" + AtomicFolder.OLD)).findFirst().orElseThrow());
                assertEquals(ExportChild.expectedListing(previous, previous, SMALL).stream().filter(l -> !l.equals("dir ")).toList(),
                        ExportChild.listing(previous), "the previous export is complete under its temporary name");
            } else {
                AtomicFolderTest.assertHolds(out, SMALL);
            }
            // the next export cleans up and, when it fails itself, leaves the previous export in place
            AtomicFolder.Hook fail = (s, path) -> {
                throw new java.nio.file.FileSystemException(path.toString(), null, "No space left on device");
            };
            assertThrows(ExportWriteException.class, () -> AtomicFolder.publish(out, LARGE, fail));
            AtomicFolderTest.assertHolds(out, SMALL);
            assertEquals(List.of("out"), siblings(dir), "left over after the next export");
            AtomicFolder.publish(out, LARGE);
            AtomicFolderTest.assertHolds(out, LARGE);
        }
    }

    /** Steps for {@link ExportChild}, run as root in a private mount namespace on a 64 KiB tmpfs at {@code mnt}. */
    private static List<String> onSmallTmpfs(Path mnt, boolean withoutDacOverride, String... steps) throws Exception {
        KernelAvailability.require("unshare", "setpriv", "mount");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        if (withoutDacOverride) {
            // uid 0 without the capabilities that bypass file permissions: a mode of 555 then means "no writing"
            cmd.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"));
        }
        List<String> all = new ArrayList<>(List.of("sh", "mount -t tmpfs -o size=64k,mode=0755 nwfault " + mnt));
        all.addAll(List.of(steps));
        cmd.addAll(child(all.toArray(String[]::new)));
        List<String> out = run(cmd);
        assertEquals("sh 0", out.get(0), "tmpfs mounted");
        try (Stream<Path> s = Files.list(mnt)) {
            assertEquals(0, s.count(), "the tmpfs was private to the child and is gone with it");
        }
        return out;
    }

    private static List<String> listed(List<String> output) {
        return output.stream().filter(l -> l.startsWith("dir ") || l.startsWith("file ")).toList();
    }

    @Test
    void aFullFileSystemFailsWithItsReasonAndLeavesThePreviousExport(@TempDir Path dir) throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        Path out = mnt.resolve("out");
        List<String> result = onSmallTmpfs(mnt, false, "export", out.toString(), "1", "export", out.toString(), "100", "list", mnt.toString());
        assertEquals("export ok", result.get(1));
        assertEquals("export failed: cannot write " + out + "/pad/ruleset.nft: no space left on device (the previous export in "
                + out + " is unchanged)", result.get(2));
        assertEquals(ExportChild.expectedListing(mnt, out, SMALL), listed(result), "the previous export, complete, and nothing else");
    }

    @Test
    void aReadOnlyFolderFailsWithItsReasonAndLeavesThePreviousExport(@TempDir Path dir) throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        Path ro = mnt.resolve("ro");
        Path out = ro.resolve("out");
        List<String> result = onSmallTmpfs(mnt, false, "export", out.toString(), "1",
                "sh", "mount --bind " + ro + " " + ro + " && mount -o remount,bind,ro " + ro,
                "export", out.toString(), "2", "list", mnt.toString());
        assertEquals(List.of("export ok", "sh 0"), result.subList(1, 3));
        assertEquals("export failed: cannot create a folder in " + ro + ": read-only file system (the previous export in "
                + out + " is unchanged)", result.get(3));
        assertEquals(ExportChild.expectedListing(mnt, out, SMALL), listed(result));
    }

    @Test
    void aFolderWithoutWritePermissionFailsSayingSoAndLeavesThePreviousExport(@TempDir Path dir) throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        Path locked = mnt.resolve("locked");
        Path out = locked.resolve("out");
        List<String> result = onSmallTmpfs(mnt, true, "export", out.toString(), "1", "sh", "chmod 555 " + locked,
                "export", out.toString(), "2", "export", mnt.resolve("locked/new/out").toString(), "1", "list", mnt.toString());
        assertEquals(List.of("export ok", "sh 0"), result.subList(1, 3));
        assertEquals("export failed: cannot create a folder in " + locked + ": permission denied (the previous export in "
                + out + " is unchanged)", result.get(3));
        assertEquals("export failed: cannot create " + locked.resolve("new") + ": permission denied", result.get(4));
        assertEquals(ExportChild.expectedListing(mnt, out, SMALL), listed(result));
    }
}
