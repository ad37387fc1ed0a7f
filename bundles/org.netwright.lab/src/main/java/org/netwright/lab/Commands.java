package org.netwright.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one program with an argv list (never through a shell string), an optional stdin and a timeout.
 * A command that outlives its timeout is killed together with its descendants.
 */
public final class Commands {
    private Commands() {
    }

    public static ExecResult run(List<String> argv, byte[] stdin, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
        for (String a : argv) {
            if (a == null || a.indexOf('\0') >= 0) {
                throw new LabException("invalid argument in " + argv);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ExecResult(List.copyOf(argv), 127, "", "cannot start: " + e.getMessage(), false);
        }
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the program exited without reading its input: its exit code tells
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            kill(p);
        }
        String so = text(out);
        String se = text(err);
        return new ExecResult(List.copyOf(argv), finished ? p.exitValue() : -1, so, se, !finished);
    }

    /** Kills a process this library started, and its descendants. */
    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream s) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (s) {
                s.transferTo(b);
            } catch (IOException e) {
                // stream closed by a kill: keep what was read
            }
            return b.toByteArray();
        });
    }

    private static String text(CompletableFuture<byte[]> f) {
        try {
            return new String(f.get(3, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
