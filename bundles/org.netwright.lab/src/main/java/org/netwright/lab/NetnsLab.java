package org.netwright.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A set of network namespaces on this machine that together form one test topology, and the programs
 * running in them.
 *
 * <p>Namespaces are named {@code nw-<lab>-<ns>}. Links exist only between namespaces of the lab (veth
 * pairs created directly inside them, never in the root namespace), and a route's gateway must be an
 * address configured in the lab, so nothing is ever routed out of it. Every command runs with a timeout
 * and with its arguments as separate argv elements. A state file {@code /run/netwright/labs/<lab>}
 * lists what was created; {@link #up(String)} first removes the leftovers of a lab of the same name
 * (a crashed run), and {@link #close()} removes everything. IPv6 is disabled in lab namespaces (no
 * router solicitations in the captures); every other sysctl keeps the kernel's default for a new
 * namespace unless set with {@link #sysctl}.
 */
public final class NetnsLab implements AutoCloseable {
    /** Lab state files; one folder per {@link LabNames#PREFIX}, so tagged runs keep apart. */
    public static final Path STATE_ROOT = Path.of("/run/netwright/labs" + (LabNames.PREFIX.equals("nw-") ? ""
            : "-" + LabNames.PREFIX.substring(2, LabNames.PREFIX.length() - 1)));
    /** Default time limit of one command. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Path stateFile;
    private final Path workDir;
    private final Map<String, String> namespaces = new LinkedHashMap<>();
    private final Map<String, Set<String>> interfaces = new LinkedHashMap<>();
    private final Map<String, List<String>> addresses = new LinkedHashMap<>();
    private final List<LabProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger fileSeq = new AtomicInteger();
    private boolean closed;

    private NetnsLab(String name) {
        this.name = name;
        this.stateFile = STATE_ROOT.resolve(name);
        this.workDir = STATE_ROOT.resolve(name + ".d");
    }

    /** Removes leftovers of a previous lab of this name, then starts an empty lab. */
    public static NetnsLab up(String name) {
        LabNames.lab(name);
        removeLeftovers(name);
        NetnsLab lab = new NetnsLab(name);
        try {
            Files.createDirectories(lab.workDir);
            Files.writeString(lab.stateFile, "# netwright lab " + name + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write lab state under " + STATE_ROOT + ": " + e.getMessage(), e);
        }
        return lab;
    }

    /**
     * Removes what a lab of this name left behind: the namespaces its state file lists and any namespace
     * with its prefix (with the programs running in them), its work files and its state file.
     */
    public static List<String> removeLeftovers(String name) {
        LabNames.lab(name);
        Set<String> victims = new LinkedHashSet<>();
        Path state = STATE_ROOT.resolve(name);
        if (Files.exists(state)) {
            try {
                for (String line : Files.readAllLines(state, StandardCharsets.UTF_8)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 2 && f[0].equals("netns") && f[1].startsWith(LabNames.labPrefix(name))) {
                        victims.add(f[1]);
                    }
                }
            } catch (IOException e) {
                // fall back to the prefix scan
            }
        }
        for (String ns : listNetns()) {
            if (ns.startsWith(LabNames.labPrefix(name))) {
                victims.add(ns);
            }
        }
        for (String ns : victims) {
            deleteNetns(ns);
        }
        deleteTree(STATE_ROOT.resolve(name + ".d"));
        try {
            Files.deleteIfExists(state);
        } catch (IOException e) {
            // next up() tries again
        }
        return List.copyOf(victims);
    }

    /** Names of all network namespaces known to {@code ip netns}. */
    public static List<String> listNetns() {
        ExecResult r = Commands.run(List.of("ip", "netns", "list"), null, TIMEOUT);
        List<String> out = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            String t = line.trim();
            if (!t.isEmpty()) {
                out.add(t.split("\\s+")[0]);
            }
        }
        return out;
    }

    private static void deleteNetns(String full) {
        killAllIn(full);
        Commands.run(List.of("ip", "netns", "delete", full), null, TIMEOUT);
    }

    /** Kills every process inside a lab namespace (they can only be ours: the lab created it). */
    private static void killAllIn(String full) {
        for (int round = 0; round < 3; round++) {
            ExecResult r = Commands.run(List.of("ip", "netns", "pids", full), null, TIMEOUT);
            boolean any = false;
            for (String s : r.stdout().split("\\s+")) {
                if (s.matches("[0-9]+")) {
                    any = true;
                    ProcessHandle.of(Long.parseLong(s)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            if (!any) {
                return;
            }
            LabProcess.sleep(50);
        }
    }

    public String name() {
        return name;
    }

    /** A folder for this lab's files (exports, captures); removed with the lab. */
    public Path workDir() {
        return workDir;
    }

    /**
     * Records that {@code label} (e.g. the model's name of a namespace, which need not be a valid lab name) means
     * lab namespace {@code ns}, so that other processes ({@code netwright lab exec}) can find it in the state file.
     */
    public NetnsLab alias(String label, String ns) {
        netns(ns);
        if (label == null || !label.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new LabException("invalid alias '" + label + "': 1-64 of [A-Za-z0-9_.-]");
        }
        record("alias " + label + " " + ns);
        return this;
    }

    /** What a lab's state file says: its namespaces (kernel names) and aliases (label to kernel name). */
    public record State(String name, List<String> netns, Map<String, String> aliases) {
        /** The kernel name of a namespace given by alias, by short name or by kernel name; null when unknown. */
        public String resolve(String ns) {
            if (aliases.containsKey(ns)) {
                return aliases.get(ns);
            }
            String full = LabNames.PREFIX + name + "-" + ns;
            if (netns.contains(full)) {
                return full;
            }
            return netns.contains(ns) ? ns : null;
        }
    }

    /** The labs that have a state file (running, or left behind by a crash), in name order. */
    public static List<State> states() {
        List<State> out = new ArrayList<>();
        if (!Files.isDirectory(STATE_ROOT)) {
            return out;
        }
        try (var s = Files.list(STATE_ROOT)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.matches("[a-z0-9]{1,10}")) {
                    state(n).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot list " + STATE_ROOT + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The state of one lab, or empty when it has no state file. */
    public static java.util.Optional<State> state(String name) {
        LabNames.lab(name);
        Path file = STATE_ROOT.resolve(name);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        List<String> netns = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        Map<String, String> shortToFull = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && f[0].equals("netns") && f[1].startsWith(LabNames.labPrefix(name))) {
                    netns.add(f[1]);
                    shortToFull.put(f[1].substring(LabNames.labPrefix(name).length()), f[1]);
                } else if (f.length == 3 && f[0].equals("alias") && shortToFull.containsKey(f[2])) {
                    aliases.put(f[1], shortToFull.get(f[2]));
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return java.util.Optional.of(new State(name, List.copyOf(netns), java.util.Collections.unmodifiableMap(aliases)));
    }

    /** Kernel name of a lab namespace. */
    public String netns(String ns) {
        String full = namespaces.get(ns);
        if (full == null) {
            throw new LabException("no namespace '" + ns + "' in lab " + name);
        }
        return full;
    }

    public List<String> namespaces() {
        return List.copyOf(namespaces.keySet());
    }

    /** Addresses configured through {@link #addr} in a namespace. */
    public List<String> addresses(String ns) {
        return List.copyOf(addresses.getOrDefault(ns, List.of()));
    }

    /** The namespace owning an address configured through {@link #addr}, or null. */
    public String ownerOf(String address) {
        for (Map.Entry<String, List<String>> e : addresses.entrySet()) {
            if (e.getValue().contains(address)) {
                return e.getKey();
            }
        }
        return null;
    }

    // ---- topology

    /** Creates a namespace, brings up lo, disables IPv6. */
    public NetnsLab namespace(String ns) {
        open();
        LabNames.namespace(ns);
        if (namespaces.containsKey(ns)) {
            throw new LabException("namespace " + ns + " exists");
        }
        String full = LabNames.netns(name, ns);
        record("netns " + full);
        namespaces.put(ns, full);
        interfaces.put(ns, new LinkedHashSet<>(List.of("lo")));
        run(List.of("ip", "netns", "add", full)).orThrow();
        ip(ns, "link", "set", "lo", "up");
        sysctl(ns, "net.ipv6.conf.all.disable_ipv6", "1");
        sysctl(ns, "net.ipv6.conf.default.disable_ipv6", "1");
        return this;
    }

    /** A veth pair between two lab namespaces, both ends up. */
    public NetnsLab veth(String nsA, String ifA, String nsB, String ifB) {
        String a = netns(nsA);
        String b = netns(nsB);
        newIface(nsA, ifA);
        newIface(nsB, ifB);
        run(List.of("ip", "link", "add", ifA, "netns", a, "type", "veth", "peer", "name", ifB, "netns", b)).orThrow();
        ip(nsA, "link", "set", ifA, "up");
        ip(nsB, "link", "set", ifB, "up");
        return this;
    }

    /** A bridge, up. */
    public NetnsLab bridge(String ns, String br) {
        newIface(ns, br);
        ip(ns, "link", "add", br, "type", "bridge");
        ip(ns, "link", "set", br, "up");
        return this;
    }

    /**
     * A dummy interface (addresses that exist in one namespace only), up. On kernels without the dummy
     * driver a bridge without ports stands in: it is up, carries addresses and their local routes, and
     * never sends anything, like a dummy.
     */
    public NetnsLab dummy(String ns, String ifname) {
        newIface(ns, ifname);
        List<String> argv = new ArrayList<>(List.of("ip", "-n", netns(ns), "link", "add", ifname, "type", "dummy"));
        ExecResult r = run(argv);
        if (!r.ok()) {
            if (!r.stderr().contains("Unknown device type")) {
                r.orThrow();
            }
            ip(ns, "link", "add", ifname, "type", "bridge");
        }
        ip(ns, "link", "set", ifname, "up");
        return this;
    }

    /** {@code ip addr add CIDR dev IF}. */
    public NetnsLab addr(String ns, String ifname, String cidr) {
        knownIface(ns, ifname);
        String a = LabNames.cidrAddress(cidr);
        ip(ns, "addr", "add", cidr, "dev", ifname);
        addresses.computeIfAbsent(ns, k -> new ArrayList<>()).add(a);
        return this;
    }

    /**
     * {@code ip route add ARGS}: the gateway of a {@code via} must be an address configured in the lab,
     * so that no route points outside it.
     */
    public NetnsLab route(String ns, String... args) {
        checkGateway(args);
        List<String> a = new ArrayList<>(List.of("route", "add"));
        a.addAll(Arrays.asList(args));
        ip(ns, a.toArray(String[]::new));
        return this;
    }

    /** {@code ip rule add ARGS}. */
    public NetnsLab rule(String ns, String... args) {
        List<String> a = new ArrayList<>(List.of("rule", "add"));
        a.addAll(Arrays.asList(args));
        ip(ns, a.toArray(String[]::new));
        return this;
    }

    /** {@code sysctl -w KEY=VALUE} inside the namespace (network keys only). */
    public NetnsLab sysctl(String ns, String key, String value) {
        LabNames.sysctlKey(key);
        if (!value.matches("[0-9A-Za-z_ .-]{1,64}")) {
            throw new LabException("invalid sysctl value '" + value + "'");
        }
        exec(ns, TIMEOUT, "sysctl", "-q", "-w", key + "=" + value).orThrow();
        return this;
    }

    /** Runs {@code ip ARGS} in the namespace ({@code ip -n NETNS ...}), failing on error. */
    public ExecResult ip(String ns, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", netns(ns)));
        argv.addAll(Arrays.asList(args));
        return run(argv).orThrow();
    }

    // ---- configuration files, loaded with the real tools

    /** {@code nft -f FILE} inside the namespace. */
    public ExecResult nft(String ns, String ruleset) {
        return exec(ns, TIMEOUT, "nft", "-f", writeFile("nft", ruleset).toString()).orThrow();
    }

    /** {@code iptables-restore FILE} (or {@code iptables-legacy-restore}) inside the namespace. */
    public ExecResult iptablesRestore(String ns, String rules, boolean legacy) {
        return exec(ns, TIMEOUT, legacy ? "iptables-legacy-restore" : "iptables-restore",
                writeFile("ipt", rules).toString()).orThrow();
    }

    /** {@code ip -n NETNS -batch FILE}. */
    public ExecResult ipBatch(String ns, String batch) {
        return run(List.of("ip", "-n", netns(ns), "-batch", writeFile("batch", batch).toString())).orThrow();
    }

    /** A {@code set -eu} shell script run inside the namespace. */
    public ExecResult script(String ns, String body) {
        Path f = writeFile("sh", "set -eu\n" + body + (body.endsWith("\n") ? "" : "\n"));
        return exec(ns, TIMEOUT, "/bin/sh", "-eu", f.toString()).orThrow();
    }

    // ---- programs

    /** Runs a program inside the namespace and waits for it (killed at the timeout). */
    public ExecResult exec(String ns, Duration timeout, String... argv) {
        return exec(ns, null, timeout, argv);
    }

    /** Same, with bytes on stdin. */
    public ExecResult exec(String ns, byte[] stdin, Duration timeout, String... argv) {
        open();
        List<String> a = new ArrayList<>(List.of("ip", "netns", "exec", netns(ns)));
        a.addAll(Arrays.asList(argv));
        return Commands.run(a, stdin, timeout);
    }

    /**
     * Starts a program in the background inside the namespace, limited to {@code limit} by
     * {@code timeout(1)}; it is killed at the latest when the lab closes.
     */
    public LabProcess spawn(String ns, Duration limit, String... argv) {
        open();
        List<String> a = new ArrayList<>(List.of("ip", "netns", "exec", netns(ns), "timeout", "--signal=TERM",
                "--kill-after=1", Math.max(1, limit.toSeconds()) + ""));
        a.addAll(Arrays.asList(argv));
        int n = fileSeq.incrementAndGet();
        Path out = workDir.resolve("p" + n + ".out");
        Path err = workDir.resolve("p" + n + ".err");
        try {
            Process p = new ProcessBuilder(a).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            LabProcess lp = new LabProcess(ns, List.copyOf(a), p, out, err);
            processes.add(lp);
            return lp;
        } catch (IOException e) {
            throw new LabException("cannot start " + a + ": " + e.getMessage(), e);
        }
    }

    /** Removes the namespaces (and everything in them), the work files and the state file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (processes) {
            for (LabProcess p : processes) {
                p.stop(Duration.ofMillis(300));
            }
        }
        for (String full : namespaces.values()) {
            deleteNetns(full);
        }
        deleteTree(workDir);
        List<String> left = new ArrayList<>();
        for (String ns : listNetns()) {
            if (namespaces.containsValue(ns)) {
                left.add(ns);
            }
        }
        if (left.isEmpty()) {
            try {
                Files.deleteIfExists(stateFile);
            } catch (IOException e) {
                // the next up() of this lab cleans up
            }
        } else {
            throw new LabException("could not remove namespaces " + left + " (state kept in " + stateFile + ")");
        }
    }

    // ---- internals

    private void open() {
        if (closed) {
            throw new LabException("lab " + name + " is closed");
        }
    }

    private ExecResult run(List<String> argv) {
        open();
        return Commands.run(argv, null, TIMEOUT);
    }

    private void newIface(String ns, String ifname) {
        netns(ns);
        LabNames.ifname(ifname);
        if (!interfaces.get(ns).add(ifname)) {
            throw new LabException("interface " + ns + "/" + ifname + " exists");
        }
    }

    private void knownIface(String ns, String ifname) {
        netns(ns);
        LabNames.ifname(ifname);
        if (!interfaces.get(ns).contains(ifname)) {
            throw new LabException("no interface " + ns + "/" + ifname + " created by the lab");
        }
    }

    private void checkGateway(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("via") || args[i].equals("nexthop")) {
                if (args[i].equals("nexthop")) {
                    throw new LabException("multipath routes are not supported by the lab");
                }
                String gw = i + 1 < args.length ? args[i + 1] : null;
                if (gw != null && (gw.equals("inet") || gw.equals("inet6")) && i + 2 < args.length) {
                    gw = args[i + 2];
                }
                if (gw == null || !LabNames.isIpv4(gw) || ownerOf(gw) == null) {
                    throw new LabException("gateway " + gw + " is not an address of this lab: configure it with addr() first");
                }
            }
        }
    }

    private Path writeFile(String kind, String content) {
        open();
        Path f = workDir.resolve(kind + "-" + fileSeq.incrementAndGet());
        try {
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cannot write " + f + ": " + e.getMessage(), e);
        }
        return f;
    }

    private void record(String line) {
        try {
            Files.writeString(stateFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new LabException("cannot record lab state in " + stateFile + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: the next up() of this lab tries again
        }
    }

    @Override
    public String toString() {
        return "lab " + name + " " + namespaces.values();
    }
}
