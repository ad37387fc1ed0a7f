package org.netwright.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lets the real tools judge an export directory written by {@link Exporter}: builds the lab
 * topology in throw-away namespaces, applies every {@code setup.sh} twice, checks every
 * {@code ruleset.nft} with {@code nft -c -f} and then loads it twice (the second load must give the
 * same ruleset), and checks every {@code iptables.rules} with {@code iptables-restore --test} and
 * {@code iptables-legacy-restore --test}. Every namespace with the prefix is deleted afterwards,
 * also on failure. Needs root.
 * <p>
 * Where the kernel has no ESP/AH transform, {@code ip xfrm state add} is parsed by {@code ip} but
 * refused by the kernel ("Requested type not found"); such states are reported in
 * {@link Result#notes()}, every other failure fails the check.
 */
public final class LabCheck {
    private static final Pattern PREFIX = Pattern.compile("nwexp-[A-Za-z0-9]{1,16}-");
    private static final List<String> TOOLS = List.of("sh", "ip", "nft", "iptables-restore", "iptables-legacy-restore");
    private static final List<String> NO_XFRM_TRANSFORM = List.of("Requested type not found", "Protocol not supported", "algorithm not found");

    private LabCheck() {
    }

    /** @param passed one line per tool run that accepted a file; notes: what could not be checked and why */
    public record Result(List<String> passed, List<String> notes) {
    }

    /** A failed check, with the tool's output. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** Why the check cannot run here (not root, a tool missing), or empty. */
    public static Optional<String> missingPrerequisite() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            var uid = Pattern.compile("(?m)^Uid:\\s+(\\d+)\\s+(\\d+)").matcher(status);
            if (!uid.find() || !uid.group(2).equals("0")) {
                return Optional.of("the kernel checks need root (they create network namespaces)");
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status: " + e.getMessage());
        }
        for (String tool : TOOLS) {
            if (which(tool) == null) {
                return Optional.of("the kernel checks need '" + tool + "', which is not installed");
            }
        }
        return Optional.empty();
    }

    static Path which(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, tool);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** A fresh prefix for throw-away namespaces: nwexp-XXXXXXXX- */
    public static String randomPrefix() {
        return String.format("nwexp-%08x-", new java.security.SecureRandom().nextInt());
    }

    /** @param prefix the lab prefix the export was rendered with; must look like {@link #randomPrefix()} */
    public static Result run(Path exportDir, String prefix) throws Failure, IOException, InterruptedException {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("lab prefix must look like nwexp-<letters/digits>-, got '" + prefix + "'");
        }
        Path ip = which("ip");
        List<String> passed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Path tmp = Files.createTempDirectory("nwexp-shim");
        try {
            Path topology = exportDir.resolve(Exporter.TOPOLOGY_FILE);
            if (Files.exists(topology)) {
                String out = exec(exportDir, Map.of(), "sh", topology.toString(), "up");
                passed.add("topology.sh up");
                out.lines().filter(l -> l.startsWith("topology.sh: warning")).forEach(notes::add);
            }
            Map<String, String> env = new HashMap<>();
            Path xfrmLog = tmp.resolve("xfrm-unsupported.log");
            if (!kernelHasEsp(prefix, ip)) {
                Path shim = tmp.resolve("bin");
                Files.createDirectories(shim);
                Files.writeString(shim.resolve("ip"), shim(ip, xfrmLog));
                shim.resolve("ip").toFile().setExecutable(true);
                env.put("PATH", shim + ":" + System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
            }
            List<Path> dirs;
            try (Stream<Path> s = Files.list(exportDir)) {
                dirs = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path dir : dirs) {
                String ns = prefix + dir.getFileName();
                Path setup = dir.resolve(Exporter.SETUP_FILE);
                if (Files.exists(setup)) {
                    Files.deleteIfExists(xfrmLog);
                    String out = exec(dir, env, "ip", "netns", "exec", ns, "sh", setup.toString());
                    passed.add(dir.getFileName() + "/setup.sh applied");
                    out.lines().filter(l -> l.startsWith("setup.sh: warning")).forEach(l -> notes.add(dir.getFileName() + "/" + l));
                    exec(dir, env, "ip", "netns", "exec", ns, "sh", setup.toString());
                    passed.add(dir.getFileName() + "/setup.sh applied again (idempotent)");
                    if (Files.exists(xfrmLog)) {
                        List<String> lines = Files.readAllLines(xfrmLog).stream().distinct().toList();
                        notes.add(dir.getFileName() + "/setup.sh: " + (Files.readAllLines(xfrmLog).size() / 2) + " xfrm state(s) parsed by ip but not installed: this kernel has no"
                                + " ESP/AH transform (" + lines.get(0).trim() + ")");
                    }
                }
                Path nft = dir.resolve(Exporter.NFT_FILE);
                if (Files.exists(nft)) {
                    exec(dir, Map.of(), "ip", "netns", "exec", ns, "nft", "-c", "-f", nft.toString());
                    passed.add(dir.getFileName() + "/ruleset.nft: nft -c -f");
                    exec(dir, Map.of(), "ip", "netns", "exec", ns, "nft", "-f", nft.toString());
                    String first = exec(dir, Map.of(), "ip", "netns", "exec", ns, "nft", "list", "ruleset");
                    exec(dir, Map.of(), "ip", "netns", "exec", ns, "nft", "-f", nft.toString());
                    String second = exec(dir, Map.of(), "ip", "netns", "exec", ns, "nft", "list", "ruleset");
                    if (!first.equals(second)) {
                        throw new Failure(dir.getFileName() + "/ruleset.nft: loading it twice changed the ruleset:\n" + first + "\n---\n" + second);
                    }
                    passed.add(dir.getFileName() + "/ruleset.nft: nft -f twice, same ruleset");
                }
                Path ipt = dir.resolve(Exporter.IPTABLES_FILE);
                if (Files.exists(ipt)) {
                    for (String tool : List.of("iptables-restore", "iptables-legacy-restore")) {
                        exec(dir, Map.of(), "ip", "netns", "exec", ns, tool, "--test", ipt.toString());
                        passed.add(dir.getFileName() + "/iptables.rules: " + tool + " --test");
                    }
                }
            }
            return new Result(passed, notes);
        } finally {
            cleanup(prefix);
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean kernelHasEsp(String prefix, Path ip) throws IOException, InterruptedException {
        String ns = prefix + "nw.probe";
        try {
            exec(Path.of("/"), Map.of(), ip.toString(), "netns", "add", ns);
            exec(Path.of("/"), Map.of(), ip.toString(), "-n", ns, "xfrm", "state", "add", "src", "192.0.2.1", "dst", "192.0.2.2", "proto", "esp",
                    "spi", "0x1", "enc", "cbc(aes)", IpScriptExporter.LAB_ENC_KEY, "auth-trunc", "hmac(sha256)", IpScriptExporter.LAB_AUTH_KEY,
                    "128");
            return true;
        } catch (Failure e) {
            return false;
        } finally {
            runQuietly(ip.toString(), "netns", "del", ns);
        }
    }

    private static String shim(Path ip, Path log) {
        String real = KernelNames.shellQuote(ip.toString());
        StringBuilder cases = new StringBuilder();
        for (String m : NO_XFRM_TRANSFORM) {
            cases.append(cases.isEmpty() ? "\t" : "|").append("*").append(KernelNames.shellQuote(m)).append("*");
        }
        return "#!/bin/sh\n"
                + "# LabCheck: an xfrm state the kernel cannot hold (no ESP/AH transform) is recorded, not fatal\n"
                + "if [ \"${1:-}\" = xfrm ] && [ \"${2:-}\" = state ] && [ \"${3:-}\" = add ]; then\n"
                + "\tif out=$(" + real + " \"$@\" 2>&1); then exit 0; fi\n"
                + "\tcase \"$out\" in\n" + cases + ")\n"
                + "\t\tprintf '%s\\n' \"$out\" >> " + KernelNames.shellQuote(log.toString()) + "; exit 0 ;;\n"
                + "\tesac\n"
                + "\tprintf '%s\\n' \"$out\" >&2; exit 1\n"
                + "fi\n"
                + "exec " + real + " \"$@\"\n";
    }

    /** Deletes every namespace whose name starts with the prefix. */
    public static void cleanup(String prefix) throws IOException, InterruptedException {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("refusing to clean up namespaces with prefix '" + prefix + "'");
        }
        for (String ns : namespaces(prefix)) {
            runQuietly("ip", "netns", "del", ns);
        }
    }

    /** The namespaces that exist now with this prefix. */
    public static List<String> namespaces(String prefix) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> result = new ArrayList<>();
        for (String line : out.split("\n")) {
            String name = line.trim().split("\\s+")[0];
            if (name.startsWith(prefix)) {
                result.add(name);
            }
        }
        return result;
    }

    private static void runQuietly(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private static String exec(Path dir, Map<String, String> env, String... command) throws Failure, IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new Failure(String.join(" ", command) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new Failure(String.join(" ", command) + " (in " + dir + ") exited " + p.exitValue() + ":\n" + out);
        }
        return out;
    }
}
