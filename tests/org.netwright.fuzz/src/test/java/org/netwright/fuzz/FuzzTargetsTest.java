package org.netwright.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Coverage-guided fuzzing of each target with Jazzer's libFuzzer driver, in a JVM of its own per target (the
 * instrumentation and libFuzzer's state belong to one process), for {@code netwright.fuzz.seconds} seconds (5 in the
 * build). Each input may take at most 10 s (a hang is a finding). A finding fails the test, names the saved input
 * under target/fuzz/TARGET/findings/ and shows the fuzzer's report; the input then goes to
 * src/test/resources/regressions/TARGET/ so that every build replays it ({@link RegressionInputsTest}).
 * The figures of each run are appended to target/fuzz/summary.txt.
 */
class FuzzTargetsTest {
    private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");
    private static final Pattern COVERAGE = Pattern.compile("#\\d+\\s+\\w+\\s+cov: (\\d+) ft: \\d+ corp: (\\d+)");

    @ParameterizedTest
    @EnumSource(FuzzTarget.class)
    void fuzz(FuzzTarget target) throws Exception {
        int seconds = Integer.getInteger("netwright.fuzz.seconds", 5);
        Path work = Path.of(System.getProperty("netwright.fuzz.work", "target/fuzz")).resolve(target.id());
        Path seeds = fresh(work.resolve("seeds"));
        Path corpus = work.resolve("corpus");
        Path findings = fresh(work.resolve("findings"));
        Files.createDirectories(corpus);
        int n = 0;
        for (Path seed : Corpus.seeds(target)) {
            Files.copy(seed, seeds.resolve(n++ + "-" + seed.getFileName()));
        }
        for (Path regression : Corpus.regressions(target)) {
            Files.copy(regression, seeds.resolve(n++ + "-" + regression.getFileName()));
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Xss4m", "-XX:+EnableDynamicAgentLoading", "-Dnetwright.fuzz.target=" + target.id(),
                "-Dnetwright.repo=" + FuzzTarget.repo(), "-cp", System.getProperty("java.class.path"),
                "com.code_intelligence.jazzer.Jazzer", "--target_class=" + JazzerEntry.class.getName(),
                "--instrumentation_includes=org.netwright.**", "--keep_going=1", "--reproducer_path=" + findings,
                "-max_total_time=" + seconds, "-timeout=30", "-report_slow_units=30", "-rss_limit_mb=3072", "-max_len=65536",
                "-print_final_stats=1",
                "-artifact_prefix=" + findings + "/", corpus.toString(), seeds.toString()));
        Path log = work.resolve("fuzz.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(seconds + 300L, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log, StandardCharsets.ISO_8859_1);
        List<Path> saved;
        try (Stream<Path> s = Files.list(findings)) {
            saved = s.sorted().toList();
        }
        assertTrue(ended, target.id() + ": the fuzzer did not stop; see " + log);
        assertEquals(List.of(), saved, () -> target.id() + ": findings (add each to " + Corpus.regressionFolder(target)
                + " and fix it):\n" + tail(out));
        assertEquals(0, p.exitValue(), () -> target.id() + ": the fuzzer failed:\n" + tail(out));
        Matcher done = DONE.matcher(out);
        assertTrue(done.find(), () -> target.id() + ": no final figures in the fuzzer's output:\n" + tail(out));
        String cov = "";
        for (Matcher m = COVERAGE.matcher(out); m.find();) {
            cov = ", coverage " + m.group(1) + ", corpus " + m.group(2);
        }
        String summary = "fuzz " + target.id() + ": " + done.group(1) + " executions in " + done.group(2) + " s" + cov
                + ", " + n + " seeds and regression inputs, no finding";
        System.out.println(summary);
        Files.writeString(work.getParent().resolve("summary.txt"), summary + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Path fresh(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static String tail(String out) {
        return out.length() <= 6000 ? out : "...\n" + out.substring(out.length() - 6000);
    }
}
