package org.netwright.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether kernel tests can run here: root, and the tools on the PATH. {@link #require} makes a test fail
 * when the environment variable CI is "true" (a CI machine must run them) and skip it otherwise, with a
 * message naming what is missing. Skipping throws JUnit's {@code TestAbortedException}, looked up by name
 * so that this bundle has no dependency.
 */
public final class KernelAvailability {
    /** The tools every lab uses. */
    public static final List<String> TOOLS = List.of("ip", "nft", "iptables-restore", "conntrack", "socat", "tcpdump",
            "ping", "timeout", "ss", "sysctl");

    private KernelAvailability() {
    }

    /** What is missing for the lab plus {@code extraTools}; empty when kernel tests can run. */
    public static List<String> missing(String... extraTools) {
        List<String> out = new ArrayList<>();
        if (!isRoot()) {
            out.add("root (uid 0; network namespaces need CAP_SYS_ADMIN and CAP_NET_ADMIN)");
        }
        Set<String> tools = new LinkedHashSet<>(TOOLS);
        tools.addAll(List.of(extraTools));
        for (String t : tools) {
            if (which(t) == null) {
                out.add("tool '" + t + "' (not on PATH, /usr/sbin or /sbin)");
            }
        }
        return out;
    }

    /** Fails (CI=true) or skips the calling test when {@link #missing} is not empty. */
    public static void require(String... extraTools) {
        List<String> m = missing(extraTools);
        if (m.isEmpty()) {
            return;
        }
        String msg = "kernel test needs " + String.join(", ", m);
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(msg + " (CI=true: kernel tests must run)");
        }
        throw skip(msg + " (skipped; set CI=true to make this an error)");
    }

    private static RuntimeException skip(String msg) {
        try {
            Class<?> c = Class.forName("org.opentest4j.TestAbortedException");
            return (RuntimeException) c.getConstructor(String.class).newInstance(msg);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new UnsupportedOperationException(msg);
        }
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Full path of an executable on the PATH (or /usr/sbin, /sbin), or null. */
    public static Path which(String tool) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }
}
