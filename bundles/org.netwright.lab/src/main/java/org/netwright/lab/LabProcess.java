package org.netwright.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A background program the lab started inside one of its namespaces (a server, a capture). Its output
 * goes to files in the lab's work directory. {@link #close()} kills it; the lab kills every one it
 * started when it closes, and a time limit given at start is enforced by {@code timeout(1)}.
 */
public final class LabProcess implements AutoCloseable {
    private final String namespace;
    private final List<String> argv;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    LabProcess(String namespace, List<String> argv, Process process, Path stdout, Path stderr) {
        this.namespace = namespace;
        this.argv = argv;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public String namespace() {
        return namespace;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Waits until stderr or stdout contains {@code text}; false on timeout or when the program ended first. */
    public boolean awaitOutput(String text, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (stderr().contains(text) || stdout().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return stderr().contains(text) || stdout().contains(text);
            }
            sleep(20);
        }
        return false;
    }

    /** Sends SIGTERM and waits up to {@code grace}; then kills. Returns the exit code (-1 when killed). */
    public int stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    Commands.kill(process);
                    return -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Commands.kill(process);
                return -1;
            }
        }
        return process.exitValue();
    }

    /** Waits for the program to end by itself. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(1));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return namespace + ": " + String.join(" ", argv) + " (pid " + process.pid() + ")";
    }
}
