package org.netwright.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.netwright.export.ExportException;
import org.netwright.export.Exporter;
import org.netwright.export.KernelAvailability;
import org.netwright.export.LabTopology;
import org.netwright.export.Models;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.ListenProtocol;
import org.netwright.model.Listener;
import org.netwright.model.Network;
import org.netwright.model.Route;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.NamespaceConfig;

/**
 * A model instantiated in network namespaces on this machine: the kernel referee, and {@code netwright lab up}.
 *
 * <p>{@link #up} exports the model ({@link Exporter}) into the lab's work folder, creates one namespace per modelled
 * namespace through {@link NetnsLab} (kernel name {@code nw<tag>-<lab>-<ns>}, so labs never collide; leftovers of a
 * crashed lab of the same name are removed first), cables the veth pairs and links of the model
 * ({@link LabTopology}), gives every interface a fresh namespace lacks a stand-in, then loads the exported files with
 * the real tools: each namespace's {@code setup.sh} (devices, bridges, addresses, sysctls, routes, rules, xfrm), its
 * {@code ruleset.nft} with {@code nft -f} and its {@code iptables.rules} with {@code iptables-restore}. Any failure
 * removes everything before the exception leaves {@code up}; {@link #close()} removes everything.
 *
 * <p>Isolation: every cable joins two namespaces of the lab; nothing is connected to the root namespace or any other
 * namespace, which {@code up} verifies from the kernel's own view ({@code link-netns} of every interface), so no
 * packet can be routed out of the lab whatever its routes say.
 *
 * <p>What the kernel cannot do is reported in {@link #notes()}, never hidden: a stand-in for a device whose driver is
 * missing, a vlan pair joined untagged, an xfrm state the kernel refused because it has no ESP/AH transform.
 */
public final class ModelLab implements AutoCloseable {
    /** Time limit of one setup.sh, nft or iptables-restore run. */
    public static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param legacyIptables load iptables.rules with iptables-legacy-restore instead of iptables-restore (nft back end)
     * @param check also let the tools judge the files: {@code nft -c -f} before loading, {@code iptables-restore --test}
     *        and {@code iptables-legacy-restore --test}, setup.sh applied twice (idempotent), ruleset.nft loaded twice
     *        (same ruleset); each passed check is listed in {@link ModelLab#checks()}
     */
    public record Options(boolean legacyIptables, boolean check) {
        public static final Options DEFAULT = new Options(false, false);
        public static final Options CHECK = new Options(false, true);
    }

    private final NetnsLab lab;
    private final Map<String, String> shortNames;
    private final Path exportDir;
    private final List<String> notes = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final List<String> standIns = new ArrayList<>();
    private final List<String> extraCables = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<Listener, String> listenerNamespace = new LinkedHashMap<>();
    private int xfrmStatesRefused;

    private ModelLab(NetnsLab lab, Map<String, String> shortNames, Path exportDir) {
        this.lab = lab;
        this.shortNames = Collections.unmodifiableMap(shortNames);
        this.exportDir = exportDir;
    }

    /** {@code model} with the files it imports ({@link Models#withImports}), with default options. */
    public static ModelLab up(Network model, String labName) {
        return up(Models.withImports(model), labName, Options.DEFAULT);
    }

    /**
     * Instantiates the namespaces of {@code networks} as lab {@code labName} (1-10 of [a-z0-9]).
     *
     * @throws ExportException the model cannot be exported (nothing was created)
     * @throws LabException a tool refused something or the lab is not isolated (everything created was removed)
     */
    public static ModelLab up(Collection<Network> networks, String labName, Options options) {
        LabNames.lab(labName);
        List<NamespaceConfig> namespaces = NamespaceConfig.of(networks);
        Map<String, String> files = Exporter.render(networks);
        LabTopology topology = LabTopology.of(namespaces, Exporter.links(networks));
        Map<String, String> names = shortNames(namespaces.stream().map(NamespaceConfig::name).toList());
        NetnsLab lab = NetnsLab.up(labName);
        try {
            Path dir = lab.workDir().resolve("export");
            Exporter.write(files, dir);
            ModelLab m = new ModelLab(lab, names, dir);
            m.build(namespaces, topology, options);
            return m;
        } catch (IOException e) {
            closeQuietly(lab, e);
            throw new LabException("cannot write the export of lab " + labName + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            closeQuietly(lab, e);
            throw e;
        }
    }

    private static void closeQuietly(NetnsLab lab, Throwable cause) {
        try {
            lab.close();
        } catch (RuntimeException second) {
            cause.addSuppressed(second);
        }
    }

    /** Lab namespace names: the model name in lower case without other characters than [a-z0-9], at most 12, unique. */
    static Map<String, String> shortNames(List<String> modelNames) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String model : modelNames) {
            String base = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (base.isEmpty()) {
                base = "ns";
            }
            base = base.substring(0, Math.min(base.length(), 12));
            String candidate = base;
            for (int i = 2; !used.add(candidate); i++) {
                String suffix = Integer.toString(i);
                candidate = base.substring(0, Math.min(base.length(), 12 - suffix.length())) + suffix;
            }
            out.put(model, candidate);
        }
        return out;
    }

    private void build(List<NamespaceConfig> namespaces, LabTopology topology, Options options) {
        for (NamespaceConfig ns : namespaces) {
            String s = shortNames.get(ns.name());
            lab.namespace(s);
            lab.alias(ns.name(), s);
            if (usesIpv6(ns)) {
                lab.sysctl(s, "net.ipv6.conf.all.disable_ipv6", "0");
                lab.sysctl(s, "net.ipv6.conf.default.disable_ipv6", "0");
                // no duplicate address detection in a lab: set before the veths exist, their link-locals and every
                // address are usable at once (a tentative link-local delays forwarding by 1-2 s)
                lab.sysctl(s, "net.ipv6.conf.all.accept_dad", "0");
                lab.sysctl(s, "net.ipv6.conf.default.accept_dad", "0");
            }
            for (Listener l : ns.all(ConfigContainer::getListeners)) {
                listeners.add(l);
                listenerNamespace.put(l, ns.name());
            }
        }
        Drivers drivers = namespaces.isEmpty() ? new Drivers(true, true) : Drivers.probe(lab, shortNames.get(namespaces.get(0).name()));
        cable(topology, drivers);
        for (NamespaceConfig ns : namespaces) {
            load(ns.name(), options);
        }
        verifyIsolation();
    }

    private static boolean usesIpv6(NamespaceConfig ns) {
        for (Interface itf : ns.interfaces()) {
            if (itf.getAddresses().stream().anyMatch(a -> a.getAddress() != null && a.getAddress().isIpv6())) {
                return true;
            }
        }
        for (Route r : ns.all(ConfigContainer::getRoutes)) {
            if ((r.getDestination() != null && r.getDestination().family() == IpAddress.Family.IPV6) || (r.getVia() != null && r.getVia().isIpv6())) {
                return true;
            }
        }
        return false;
    }

    /** Which virtual device drivers the kernel has; without one, the lab uses a stand-in. */
    private record Drivers(boolean dummy, boolean vlan) {
        static Drivers probe(NetnsLab lab, String ns) {
            Duration t = NetnsLab.TIMEOUT;
            boolean dummy = lab.exec(ns, t, "ip", "link", "add", "nwprobe0", "type", "dummy").ok();
            lab.exec(ns, t, "ip", "link", "del", "nwprobe0");
            lab.exec(ns, t, "ip", "link", "add", "nwprobe0", "type", "veth", "peer", "name", "nwprobe1").orThrow();
            boolean vlan = lab.exec(ns, t, "ip", "link", "add", "link", "nwprobe0", "name", "nwprobe0.9", "type", "vlan", "id", "9").ok();
            lab.exec(ns, t, "ip", "link", "del", "nwprobe0").orThrow();
            return new Drivers(dummy, vlan);
        }
    }

    private void cable(LabTopology topology, Drivers drivers) {
        for (LabTopology.Cable c : topology.cables()) {
            lab.veth(shortNames.get(c.nsA().getName()), c.a().getName(), shortNames.get(c.nsB().getName()), c.b().getName());
        }
        String stub = null;
        Set<Interface> joined = new HashSet<>();
        for (LabTopology.Device d : topology.devices()) {
            String where = d.ns().getName() + ":" + d.itf().getName();
            switch (d.kind()) {
                case DUMMY -> {
                    if (drivers.dummy()) {
                        continue;
                    }
                    notes.add(where + ": this kernel has no dummy driver; a veth whose peer waits in the stub namespace stands in");
                }
                case VLAN -> {
                    if (drivers.vlan()) {
                        continue;
                    }
                    if (joined.contains(d.itf())) {
                        continue;
                    }
                    if (d.peerVlan() != null) {
                        lab.veth(shortNames.get(d.ns().getName()), d.itf().getName(), shortNames.get(d.peerNs().getName()), d.peerVlan().getName());
                        joined.add(d.itf());
                        joined.add(d.peerVlan());
                        notes.add(where + " and " + d.peerNs().getName() + ":" + d.peerVlan().getName()
                                + ": this kernel has no vlan (8021q) driver; the two vlans are joined directly by a veth pair (same segment, untagged)");
                        standIns.add(where);
                        standIns.add(d.peerNs().getName() + ":" + d.peerVlan().getName());
                        extraCables.add(where + " <-> " + d.peerNs().getName() + ":" + d.peerVlan().getName());
                        continue;
                    }
                    notes.add(where + ": this kernel has no vlan (8021q) driver and the vlan has no peer vlan; a veth to the stub namespace stands in");
                }
                case UNCONNECTED -> notes.add(where + " is connected to nothing in the model; a veth whose peer waits in the stub namespace stands in");
            }
            if (stub == null) {
                stub = stubName();
                lab.namespace(stub);
            }
            lab.veth(shortNames.get(d.ns().getName()), d.itf().getName(), stub, "s" + standIns.size());
            standIns.add(where);
        }
    }

    private String stubName() {
        String candidate = "stub";
        for (int i = 2; shortNames.containsValue(candidate); i++) {
            candidate = "stub" + i;
        }
        return candidate;
    }

    private void load(String ns, Options options) {
        String s = shortNames.get(ns);
        Path dir = exportDir.resolve(ns);
        Path setup = dir.resolve(Exporter.SETUP_FILE);
        if (Files.exists(setup)) {
            ExecResult r = run(s, "env", "NW_XFRM_MISSING=warn", "sh", setup.toString());
            for (String line : r.stderr().lines().filter(l -> l.startsWith("setup.sh: warning:")).toList()) {
                notes.add(ns + "/" + line);
                if (line.contains("xfrm state")) {
                    xfrmStatesRefused++;
                }
            }
            checks.add(ns + "/setup.sh applied");
            if (options.check()) {
                run(s, "env", "NW_XFRM_MISSING=warn", "sh", setup.toString());
                checks.add(ns + "/setup.sh applied again (idempotent)");
            }
        }
        Path nft = dir.resolve(Exporter.NFT_FILE);
        if (Files.exists(nft)) {
            if (options.check()) {
                run(s, "nft", "-c", "-f", nft.toString());
                checks.add(ns + "/ruleset.nft: nft -c -f");
            }
            run(s, "nft", "-f", nft.toString());
            checks.add(ns + "/ruleset.nft: nft -f");
            if (options.check()) {
                String first = run(s, "nft", "list", "ruleset").stdout();
                run(s, "nft", "-f", nft.toString());
                String second = run(s, "nft", "list", "ruleset").stdout();
                if (!first.equals(second)) {
                    throw new LabException(ns + "/ruleset.nft: loading it twice changed the ruleset:\n" + first + "\n---\n" + second);
                }
                checks.add(ns + "/ruleset.nft: nft -f twice, same ruleset");
            }
        }
        restore(ns, dir.resolve(Exporter.IPTABLES_FILE), "iptables", options);
        restore(ns, dir.resolve(Exporter.IP6TABLES_FILE), "ip6tables", options);
    }

    /** Loads an iptables-restore file with {@code tool}-restore ({@code tool}: iptables or ip6tables), checked first. */
    private void restore(String ns, Path file, String tool, Options options) {
        if (!Files.exists(file)) {
            return;
        }
        String s = shortNames.get(ns);
        String name = ns + "/" + file.getFileName();
        if (options.check()) {
            for (String t : List.of(tool + "-restore", tool + "-legacy-restore")) {
                if (KernelAvailability.which(t) == null) {
                    notes.add(name + ": " + t + " is not installed; not checked with it");
                    continue;
                }
                run(s, t, "--test", file.toString());
                checks.add(name + ": " + t + " --test");
            }
        }
        String t = tool + (options.legacyIptables() ? "-legacy-restore" : "-restore");
        run(s, t, file.toString());
        checks.add(name + ": " + t);
    }

    private ExecResult run(String ns, String... argv) {
        ExecResult r = lab.exec(ns, LOAD_TIMEOUT, argv);
        if (!r.ok()) {
            throw new LabException("lab " + lab.name() + ", namespace " + ns + ": " + r.describe());
        }
        return r;
    }

    /** Every interface whose peer is in another namespace must have it in this lab (named, and one of ours). */
    private void verifyIsolation() {
        Set<String> ours = new LinkedHashSet<>();
        for (String s : lab.namespaces()) {
            ours.add(lab.netns(s));
        }
        for (String s : lab.namespaces()) {
            ExecResult r = lab.exec(s, NetnsLab.TIMEOUT, "ip", "-o", "link", "show").orThrow();
            for (String line : r.stdout().lines().toList()) {
                String[] f = line.trim().split("\\s+");
                for (int i = 0; i + 1 < f.length; i++) {
                    if (f[i].equals("link-netnsid") || (f[i].equals("link-netns") && !ours.contains(f[i + 1]))) {
                        throw new LabException("lab " + lab.name() + " is not isolated: in " + lab.netns(s) + ", " + line.trim());
                    }
                }
            }
        }
        checks.add("isolation: every link of the lab's " + ours.size() + " namespaces ends inside the lab");
    }

    /**
     * Starts one echo server per {@code listen tcp|udp} of the model (they answer the {@link KernelProbe} clients);
     * they stop when the lab closes. {@code listen esp} needs no program: the kernel answers ESP itself, where it can.
     */
    public List<LabProcess> startListeners() {
        KernelProbe probe = new KernelProbe(lab);
        List<LabProcess> started = new ArrayList<>();
        for (Listener l : listeners) {
            String s = ns(listenerNamespace.get(l));
            ListenProtocol p = l.getProtocol() == null ? ListenProtocol.TCP : l.getProtocol();
            switch (p) {
                case TCP -> started.add(probe.tcpEchoServer(s, l.getAddress() == null ? null : l.getAddress().toString(), l.getPort()));
                case UDP -> started.add(probe.udpEchoServer(s, l.getAddress() == null ? null : l.getAddress().toString(), l.getPort()));
                case ESP -> notes.add(listenerNamespace.get(l) + ": listen esp needs no program (xfrm states answer ESP)");
            }
        }
        return started;
    }

    /** The underlying lab: for {@link KernelProbe}, captures and conntrack (they take {@link #ns} names). */
    public NetnsLab lab() {
        return lab;
    }

    public String name() {
        return lab.name();
    }

    /** Model namespace name to lab namespace name (for {@link NetnsLab} and {@link KernelProbe}), in model order. */
    public Map<String, String> namespaces() {
        return shortNames;
    }

    /** The lab namespace name of a model namespace. */
    public String ns(String modelNamespace) {
        String s = shortNames.get(modelNamespace);
        if (s == null) {
            throw new LabException("the model of lab " + lab.name() + " has no namespace '" + modelNamespace + "'");
        }
        return s;
    }

    /** The kernel's name of a model namespace ({@code ip netns exec NAME ...}). */
    public String netns(String modelNamespace) {
        return lab.netns(ns(modelNamespace));
    }

    /** Runs a program in a model namespace; killed at the timeout. */
    public ExecResult exec(String modelNamespace, Duration timeout, String... argv) {
        return lab.exec(ns(modelNamespace), timeout, argv);
    }

    /** The folder holding the exported files that were loaded (one subfolder per model namespace). */
    public Path exportDir() {
        return exportDir;
    }

    /** What the lab could not do as modelled, and why (stand-ins, refused xfrm states). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The steps that ran and passed, e.g. "host/ruleset.nft: nft -f". */
    public List<String> checks() {
        return List.copyOf(checks);
    }

    /** Veth pairs the lab made that the model does not have ("ns:if <-> ns:if"): vlans joined without a vlan driver. */
    public List<String> extraCables() {
        return List.copyOf(extraCables);
    }

    /** How many xfrm states of the model the kernel refused (it has no ESP/AH transform); their policies are installed. */
    public int xfrmStatesRefused() {
        return xfrmStatesRefused;
    }

    /** Removes every namespace of the lab, its programs and files. */
    @Override
    public void close() {
        lab.close();
    }

    @Override
    public String toString() {
        return "model lab " + lab.name() + " " + shortNames;
    }
}
