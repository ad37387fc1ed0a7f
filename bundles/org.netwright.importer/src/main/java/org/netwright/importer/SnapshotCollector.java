package org.netwright.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.netwright.model.semantics.Families;

import org.netwright.input.Json;

/**
 * {@code netwright snapshot}: collects from the live machine (as root) the folder that
 * {@link SnapshotImporter} reads: one subfolder per network namespace (the initial namespace as
 * {@value #ROOT_FOLDER}, plus every named namespace of {@code ip netns}) holding {@code link.json addr.json
 * route.json rule.json route6.json rule6.json neigh.json nft.json iptables-save.txt ip6tables-save.txt xfrm-state.txt
 * xfrm-policy.txt sysctl.txt}, and a
 * top-level {@code links.json} with the veth pairs and bridge ports. Every command runs with an argument
 * list (no shell) and a timeout; a command that fails or is missing is reported and its file left out.
 */
public final class SnapshotCollector {

    /** Folder name of the initial (root) network namespace. */
    public static final String ROOT_FOLDER = "root";

    public record Output(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command; an {@link IOException} means it could not be started (e.g. not installed). */
    @FunctionalInterface
    public interface Runner {
        Output run(List<String> argv, Duration timeout) throws IOException;
    }

    /** {@code tool}: iptables or ip6tables; both back ends, whose rules are all active in the kernel. */
    private void saveIptables(String ns, Path dir, String folder, String tool, String file, List<ImportProblem> problems) throws IOException {
        StringBuilder ipt = new StringBuilder();
        boolean anyTool = false;
        for (String save : List.of(tool + "-nft-save", tool + "-legacy-save")) {
            Output o = tryRun(exec(ns, save));
            if (o == null) {
                continue;
            }
            anyTool = true;
            if (o.exitCode() != 0) {
                problems.add(ImportProblem.warning(folder + "/" + file, 0, 0, save + " failed (" + o.exitCode() + "): " + o.stderr().strip()));
            } else if (o.stdout().lines().anyMatch(l -> l.startsWith("*"))) {
                ipt.append(o.stdout().endsWith("\n") ? o.stdout() : o.stdout() + "\n");
            }
        }
        if (!anyTool) {
            Output o = tryRun(exec(ns, tool + "-save"));
            if (o != null && o.exitCode() == 0) {
                ipt.append(o.stdout());
            }
        }
        if (ipt.length() > 0) {
            write(dir.resolve(file), ipt.toString());
        }
    }

    private final Runner runner;
    private final Duration timeout;

    public SnapshotCollector() {
        this(SnapshotCollector::exec, Duration.ofSeconds(30));
    }

    public SnapshotCollector(Runner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /** Collects the root namespace and every named namespace. */
    public List<ImportProblem> collect(Path out) throws IOException {
        return collect(out, ns -> true, true);
    }

    /**
     * @param includeNamespace which named namespaces to collect
     * @param includeRoot whether to collect the initial namespace as {@value #ROOT_FOLDER}
     */
    public List<ImportProblem> collect(Path out, Predicate<String> includeNamespace, boolean includeRoot) throws IOException {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, String> folders = new LinkedHashMap<>();
        for (String n : namedNamespaces(problems)) {
            if (includeNamespace.test(n)) {
                folders.put(n, includeRoot && n.equals(ROOT_FOLDER) ? ROOT_FOLDER + "-netns" : n);
                if (includeRoot && n.equals(ROOT_FOLDER)) {
                    problems.add(ImportProblem.error(ROOT_FOLDER, 0, 0,
                            "a named namespace is called '" + ROOT_FOLDER + "'; it is collected as '" + ROOT_FOLDER + "-netns'"));
                }
            }
        }
        problems.addAll(collect(out, folders, includeRoot));
        return problems;
    }

    /**
     * Collects the named namespaces given as keys into the folders given as values (e.g. a lab's namespaces under the
     * model's names), and the initial namespace as {@value #ROOT_FOLDER} when {@code includeRoot}. Veth pairs and bridge
     * ports in links.json use the folder names.
     */
    public List<ImportProblem> collect(Path out, Map<String, String> namespaceFolders, boolean includeRoot) throws IOException {
        List<ImportProblem> problems = new ArrayList<>();
        Files.createDirectories(out);
        Map<String, List<IpLinkJson.LinkRecord>> links = new LinkedHashMap<>();
        Map<String, Map<Integer, String>> nsids = new LinkedHashMap<>();
        if (includeRoot) {
            collectOne(out, ROOT_FOLDER, null, problems, links, nsids, namespaceFolders);
        }
        for (Map.Entry<String, String> e : namespaceFolders.entrySet()) {
            String folder = e.getValue();
            if (!folder.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") || folder.equals(ROOT_FOLDER) && includeRoot) {
                throw new IllegalArgumentException("invalid snapshot folder name '" + folder + "' for namespace " + e.getKey());
            }
            collectOne(out, folder, e.getKey(), problems, links, nsids, namespaceFolders);
        }
        VethPairing.Result pairing = VethPairing.pair(links, nsids);
        for (String u : pairing.unpaired()) {
            problems.add(ImportProblem.warning(u, 0, 0, "veth peer not found among the collected namespaces (peer in an unnamed namespace?)"));
        }
        write(out.resolve("links.json"), VethPairing.toJson(pairing));
        return problems;
    }

    /** Names of the named network namespaces ({@code ip -j netns list}). */
    private List<String> namedNamespaces(List<ImportProblem> problems) {
        List<String> names = new ArrayList<>();
        Output list = run(List.of("ip", "-j", "netns", "list"), problems, "ip netns list");
        if (list != null && !list.stdout().isBlank()) {
            try {
                for (Json.Value v : Json.parse(list.stdout()).items()) {
                    if (v.str("name") != null) {
                        names.add(v.str("name"));
                    }
                }
            } catch (Json.ParseException e) {
                problems.add(ImportProblem.error("ip -j netns list", e.line(), e.column(), "unreadable output: " + e.getMessage()));
            }
        }
        return names;
    }

    private void collectOne(Path out, String folder, String ns, List<ImportProblem> problems,
            Map<String, List<IpLinkJson.LinkRecord>> links, Map<String, Map<Integer, String>> nsids, Map<String, String> folders) throws IOException {
        Path dir = out.resolve(folder);
        Files.createDirectories(dir);
        String link = capture(dir, "link.json", ip(ns, "-d", "-j", "link", "show"), problems);
        capture(dir, "addr.json", ip(ns, "-j", "addr", "show"), problems);
        capture(dir, "route.json", ip(ns, "-j", "route", "show", "table", "all"), problems);
        capture(dir, "rule.json", ip(ns, "-j", "rule", "show"), problems);
        capture(dir, "route6.json", ip(ns, "-6", "-j", "route", "show", "table", "all"), problems);
        capture(dir, "rule6.json", ip(ns, "-6", "-j", "rule", "show"), problems);
        capture(dir, "neigh.json", ip(ns, "-j", "neigh", "show"), problems);
        capture(dir, "nft.json", exec(ns, "nft", "-j", "list", "ruleset"), problems);
        // nft -j of nftables 1.0.x leaves out the devices of netdev chains: the text listing has them
        capture(dir, "nft.txt", exec(ns, "nft", "list", "ruleset"), problems);
        capture(dir, "xfrm-state.txt", ip(ns, "xfrm", "state"), problems);
        capture(dir, "xfrm-policy.txt", ip(ns, "xfrm", "policy"), problems);
        saveIptables(ns, dir, folder, "iptables", "iptables-save.txt", problems);
        saveIptables(ns, dir, folder, "ip6tables", "ip6tables-save.txt", problems);
        Output sysctl = run(exec(ns, "sysctl", "-a"), problems, folder + "/sysctl.txt");
        if (sysctl != null && !sysctl.stdout().isEmpty()) { // sysctl -a exits non-zero for unreadable keys
            write(dir.resolve("sysctl.txt"), sysctl.stdout().lines().filter(l -> l.startsWith("net.ipv4.") || l.startsWith("net.bridge.")
                    || Families.snapshotIpv6(l.substring(0, Math.max(0, l.indexOf(" = "))))).collect(Collectors.joining("\n", "", "\n")));
        }
        Output ids = run(ip(ns, "-j", "netns", "list-id"), problems, folder + " netns list-id");
        Map<Integer, String> idMap = new LinkedHashMap<>();
        if (ids != null && !ids.stdout().isBlank()) {
            try {
                for (Json.Value v : Json.parse(ids.stdout()).items()) {
                    Long id = v.longOf("nsid");
                    if (id != null && v.str("name") != null) {
                        // peers are found by folder: a namespace's id names the folder it is collected into
                        idMap.put(id.intValue(), folders.getOrDefault(v.str("name"), v.str("name")));
                    }
                }
            } catch (Json.ParseException e) {
                problems.add(ImportProblem.warning(folder + " netns list-id", e.line(), e.column(), "unreadable output: " + e.getMessage()));
            }
        }
        nsids.put(folder, idMap);
        if (link != null) {
            IpLinkJson.Result r = new IpLinkJson().read(folder + "/link.json", link);
            problems.addAll(r.problems());
            links.put(folder, r.links());
        }
    }

    private static List<String> ip(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        if (ns != null) {
            argv.addAll(List.of("-n", ns));
        }
        argv.addAll(List.of(args));
        return argv;
    }

    private static List<String> exec(String ns, String... args) {
        List<String> argv = new ArrayList<>();
        if (ns != null) {
            argv.addAll(List.of("ip", "netns", "exec", ns));
        }
        argv.addAll(List.of(args));
        return argv;
    }

    private Output tryRun(List<String> argv) {
        try {
            Output o = runner.run(argv, timeout);
            // ip netns exec reports a missing program with exit status 255 and "No such file"
            if (o.exitCode() != 0 && o.stderr().contains("No such file or directory")) {
                return null;
            }
            return o;
        } catch (IOException e) {
            return null;
        }
    }

    private Output run(List<String> argv, List<ImportProblem> problems, String what) {
        try {
            Output o = runner.run(argv, timeout);
            if (o.exitCode() != 0 && o.stdout().isEmpty()) {
                problems.add(ImportProblem.warning(what, 0, 0, String.join(" ", argv) + " failed (exit " + o.exitCode() + "): " + o.stderr().strip()));
                return null;
            }
            return o;
        } catch (IOException e) {
            problems.add(ImportProblem.warning(what, 0, 0, String.join(" ", argv) + " could not run: " + e.getMessage()));
            return null;
        }
    }

    private String capture(Path dir, String file, List<String> argv, List<ImportProblem> problems) throws IOException {
        Output o = run(argv, problems, dir.getFileName() + "/" + file);
        if (o == null || o.exitCode() != 0) {
            if (o != null) {
                problems.add(ImportProblem.warning(dir.getFileName() + "/" + file, 0, 0, String.join(" ", argv) + " failed (exit " + o.exitCode() + "): " + o.stderr().strip()));
            }
            return null;
        }
        write(dir.resolve(file), o.stdout());
        return o.stdout();
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Runs argv without a shell; stdout and stderr are read concurrently; killed after the timeout. */
    public static Output exec(List<String> argv, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IOException("timed out after " + timeout.toSeconds() + " s");
            }
            return new Output(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not read the output of " + argv.get(0), e);
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
