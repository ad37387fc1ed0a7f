package org.netwright.dsl.ide.hover;

import static org.netwright.model.NftPriorityName.DSTNAT;
import static org.netwright.model.NftPriorityName.FILTER;
import static org.netwright.model.NftPriorityName.MANGLE;
import static org.netwright.model.NftPriorityName.OUT;
import static org.netwright.model.NftPriorityName.RAW;
import static org.netwright.model.NftPriorityName.SECURITY;
import static org.netwright.model.NftPriorityName.SRCNAT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.netwright.model.IptBuiltinChain;
import org.netwright.model.IptTableKind;
import org.netwright.model.NftFamily;
import org.netwright.model.NftPriorityName;
import org.netwright.model.semantics.IptFacts;
import org.netwright.model.semantics.NftFacts;

/**
 * What the words of a .nwp file mean to Linux, for hovers: hooks, priorities, chain types, verdicts, NAT,
 * conntrack, iptables tables and targets, policy routing, xfrm, expectations. Keyed by word, optionally
 * qualified by the kind of element the word appears in ("NftHookSpec:filter" is the chain type, "NftPriority:filter"
 * the priority).
 */
final class NetwrightGlossary {

    private static final Map<String, String> TEXT = new HashMap<>();

    private NetwrightGlossary() {
    }

    /** The explanation of {@code word} inside an element of class {@code context}, or null. */
    static String lookup(String context, String word) {
        String text = TEXT.get(context + ":" + word);
        return text != null ? text : TEXT.get(word);
    }

    private static void put(String key, String text) {
        TEXT.put(key, text);
    }

    /** The value of a standard priority name in the ip family, with the bridge family's where it differs. */
    private static String prio(NftPriorityName name) {
        Integer ip = NftFacts.standardPriority(NftFamily.IP, name);
        Integer bridge = NftFacts.standardPriority(NftFamily.BRIDGE, name);
        if (ip == null) {
            return bridge + " (bridge family only)";
        }
        return bridge == null || bridge.equals(ip) ? ip.toString() : ip + " (bridge: " + bridge + ")";
    }

    /** "raw -300, conntrack -200, ..." for a family, ordered by value. */
    private static String standardPoints(NftFamily family, List<NftPriorityName> names) {
        Map<String, Integer> points = new java.util.LinkedHashMap<>();
        for (NftPriorityName n : names) {
            points.put(n.getLiteral(), NftFacts.standardPriority(family, n));
        }
        if (family != NftFamily.BRIDGE) {
            points.put("conntrack", NftFacts.CONNTRACK_PRIORITY);
        }
        return points.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** The iptables table's priority: one number, or per built-in chain where it differs (nat). */
    private static String tablePriority(IptTableKind table) {
        Map<Integer, List<String>> byValue = new java.util.TreeMap<>();
        for (IptBuiltinChain c : IptFacts.builtinChains(table)) {
            byValue.computeIfAbsent(IptFacts.priority(table, c), v -> new java.util.ArrayList<>()).add(c.getLiteral());
        }
        if (byValue.size() == 1) {
            return byValue.keySet().iterator().next().toString();
        }
        return byValue.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(" / "));
    }

    static {
        // ------------------------------------------------------------ topology
        put("namespace", "**namespace** — a network namespace: its own interfaces, routes, rules, netfilter tables and "
                + "conntrack table. A host, a router, a container or a VM in the model.");
        put("extend", "**extend NS { }** — adds configuration to a namespace declared in an imported file (a policy "
                + "variant over a shared topology). Names inside resolve in that namespace.");
        put("import", "**import \"file.nwp\"** — makes the namespaces, interfaces and probes of another file visible. "
                + "The path is relative to this file.");
        put("loopback", "**loopback** — the namespace's `lo`. Packets to its own addresses are delivered locally.");
        put("interface", "**interface** — a physical-like interface; connect two of them with `link a:x <-> b:y`.");
        put("veth", "**veth** — one end of a virtual Ethernet pair; `<-> ns:name` names the other end. What enters one "
                + "end leaves the other, usually in another namespace.");
        put("bridge", "**bridge** — a software switch; `ports` are enslaved to it and forward at layer 2. With "
                + "`br_netfilter` loaded and `net.bridge.bridge-nf-call-iptables = 1`, bridged IPv4 also traverses the "
                + "ip/inet netfilter hooks.");
        put("dummy", "**dummy** — an interface that only holds addresses (for example the public addresses a host "
                + "answers for).");
        put("vlan", "**vlan NAME link PARENT id N** — an 802.1Q sub-interface of PARENT.");
        put("link", "**link a:x <-> b:y** — a cable between two physical interfaces of different namespaces.");
        put("address", "**address A/LEN** — an IPv4 address; it also makes LEN's prefix connected (reachable without "
                + "a gateway) through this interface. `secondary` and `label` are as in `ip addr`.");
        put("sysctl", "**sysctl** — a kernel setting of this namespace. The ones that change forwarding: "
                + "`net.ipv4.ip_forward` (route between interfaces), `net.ipv4.conf.IF.rp_filter` (0 off, 1 strict, 2 loose "
                + "reverse-path check), `net.bridge.bridge-nf-call-iptables` (bridged traffic through netfilter).");
        put("modprobe", "**modprobe MODULE** — a kernel module the configuration needs, e.g. `br_netfilter` for "
                + "netfilter on bridged traffic.");
        put("listen", "**listen tcp|udp PORT** — a socket that answers. Without one a TCP probe gets a reset and a UDP "
                + "probe an ICMP port-unreachable; `listen esp` answers ESP (an IPsec peer).");

        // ------------------------------------------------------------ routing
        put("route", "**route** — `ip route`: where packets to a destination go. `via` is the next hop (it must be "
                + "on-link), `dev` the output interface, `table` the routing table (main if omitted), `src` the preferred "
                + "source address for locally generated packets.");
        put("via", "**via GATEWAY** — the next hop. The kernel refuses a gateway that is not on-link (in a connected "
                + "prefix or behind a device route).");
        put("rule", "**rule** — `ip rule`, policy routing: selectors (`from`, `to`, `iif`, `oif`, `fwmark`) choose the "
                + "routing table to look up. Rules are tried by ascending priority; local (0), main (32766) and default "
                + "(32767) always exist.");
        put("fwmark", "**fwmark V[/MASK]** — matches the packet mark set by netfilter (`meta mark set`, `-j MARK`) before "
                + "routing, which is how firewall rules steer traffic to another table.");
        put("routing-table", "**routing-table NAME [id N]** — a routing table besides main (254), local (255) and "
                + "default (253).");
        put("lookup", "**lookup TABLE** — the table this rule selects.");

        // ------------------------------------------------------------ nftables structure
        put("nftables", "**nftables { }** — an `nft -f` ruleset for this namespace: tables, chains, sets, defines.");
        put("table", "**table FAMILY NAME** — an nftables table. The family decides which packets its chains see: ip "
                + "(IPv4), ip6, inet (both), arp, bridge (bridged frames), netdev (ingress/egress of a device, before "
                + "anything else).");
        put("chain", "**chain** — with `type ... hook ... priority ...;` a base chain the kernel calls at that hook; "
                + "without, a regular chain reached only by `jump`/`goto`.");
        put("NftHookSpec:type", "**type** — what the base chain may do: `filter` (accept/drop/mangle), `nat` "
                + "(address translation, consulted only for the first packet of a connection), `route` (re-route when "
                + "the mark or addresses change, output only).");
        put("NftHookSpec:filter", "**type filter** — a chain that sees every packet at its hook and may accept, drop "
                + "or change it.");
        put("NftHookSpec:nat", "**type nat** — a chain conntrack consults only for the first packet of a connection "
                + "(state NEW): the translation it chooses is stored in the connection and applied to every later packet "
                + "and, reversed, to the replies. Packets of known connections never traverse it, which is why a second "
                + "pass through netfilter in the same zone is not NATed again.");
        put("NftHookSpec:route", "**type route** — an output chain after which the kernel re-routes the packet if its "
                + "mark or addresses changed.");
        put("hook", "**hook** — where in the packet's path the chain runs: prerouting (every received packet, before "
                + "the routing decision), input (for this host), forward (routed through), output (generated here), "
                + "postrouting (every leaving packet, after routing), ingress/egress (netdev: at the device).");
        put("prerouting", "**prerouting** — every packet received on an interface, before the routing decision; "
                + "conntrack starts tracking here (priority " + NftFacts.CONNTRACK_PRIORITY + "), destination NAT runs here (dstnat "
                + NftFacts.standardPriority(NftFamily.IP, DSTNAT) + ").");
        put("input", "**input** — packets the routing decision delivers to this namespace.");
        put("forward", "**forward** — packets routed through this namespace (needs `net.ipv4.ip_forward = 1`).");
        put("output", "**output** — packets generated in this namespace, before they are routed; conntrack starts "
                + "tracking here for them.");
        put("postrouting", "**postrouting** — every packet leaving through an interface, after routing; source NAT "
                + "runs here (srcnat " + NftFacts.standardPriority(NftFamily.IP, SRCNAT) + ") and the connection is confirmed in "
                + "the conntrack table at the very end.");
        put("ingress", "**ingress** — (netdev, inet) the earliest hook: frames as they arrive on the device, before "
                + "prerouting, before conntrack. No connection tracking here.");
        put("egress", "**egress** — (netdev) the last hook: frames as they leave the device, after postrouting.");
        put("priority", "**priority** — the order of chains at one hook: lower numbers run first. Standard points "
                + "(ip/ip6/inet): " + standardPoints(NftFamily.IP, List.of(RAW, MANGLE, DSTNAT, FILTER, SECURITY, SRCNAT))
                + "; (bridge): " + standardPoints(NftFamily.BRIDGE, List.of(DSTNAT, FILTER, OUT, SRCNAT))
                + ". `ct zone set`, `notrack` and stateless address rewriting only work before conntrack, i.e. below "
                + NftFacts.CONNTRACK_PRIORITY + ".");
        put("NftPriority:raw", "**raw** = " + prio(RAW) + " — before conntrack (" + NftFacts.CONNTRACK_PRIORITY
                + "): the place for `notrack`, `ct zone set` and "
                + "stateless NAT that conntrack must see.");
        put("NftPriority:mangle", "**mangle** = " + prio(MANGLE) + " — after conntrack, before destination NAT.");
        put("NftPriority:dstnat", "**dstnat** = " + prio(DSTNAT) + " — the standard priority of destination NAT at "
                + "prerouting.");
        put("NftPriority:filter", "**filter** = " + prio(FILTER) + " — the standard priority of filtering.");
        put("NftPriority:security", "**security** = " + prio(SECURITY) + " — after filtering (SELinux/secmark).");
        put("NftPriority:srcnat", "**srcnat** = " + prio(SRCNAT) + " — the standard priority of source NAT at "
                + "postrouting.");
        put("NftPriority:out", "**out** = " + prio(OUT) + ", output hook only.");
        put("policy", "**policy accept|drop** — what happens to a packet that reaches the end of a base chain.");
        put("set", "**set** — a named set: `type` of its elements, `flags interval` for prefixes and ranges; match "
                + "with `@name`. In a rule, `X set V` assigns V to X (a mark, a header field).");
        put("NftSetStatement:set", "**set** — writes the value into the field: `meta mark set 1` marks the packet, "
                + "`ct mark set meta mark` copies it into the connection (replies carry it too), `ip daddr set A` "
                + "rewrites the header without conntrack (stateless NAT: nothing reverses it for the replies).");
        put("map", "**map** — a named map from keys to values, e.g. for `dnat to tcp dport map @m`.");
        put("define", "**define NAME = VALUE** — an nft variable, used as `$NAME`.");
        put("flush", "**flush ruleset** — removes every table of the namespace before loading this ruleset.");

        // ------------------------------------------------------------ nftables statements
        put("accept", "**accept** — ends this base chain for the packet, which continues to the next chain or hook. "
                + "It does not skip later base chains.");
        put("drop", "**drop** — discards the packet silently (the sender sees a time-out).");
        put("reject", "**reject** — discards the packet and answers with ICMP unreachable (or `with tcp reset`). Not "
                + "valid at postrouting.");
        put("jump", "**jump CHAIN** — runs a regular chain and comes back after it (unless it decides).");
        put("goto", "**goto CHAIN** — continues in a regular chain and does not come back: its end is this base "
                + "chain's policy.");
        put("return", "**return** — back to the calling chain; at the top of a base chain the policy applies.");
        put("continue", "**continue** — continue with the next rule.");
        put("queue", "**queue** — hands the packet to a userspace program (NFQUEUE).");
        put("counter", "**counter** — counts packets and bytes that reach it.");
        put("log", "**log** — writes the packet to the kernel log (or an nflog group) and continues.");
        put("masquerade", "**masquerade** — source NAT to the address of the interface the packet leaves through, "
                + "chosen when the connection's first packet leaves (postrouting, type nat). Replies are translated back "
                + "by conntrack. Later packets of the connection never see this rule; a connection that already exists "
                + "(for example in the same zone, from an earlier pass) is not masqueraded.");
        put("snat", "**snat to ADDR[:PORT]** — source NAT to a fixed address, decided on the connection's first packet "
                + "(postrouting or input, type nat). Used instead of masquerade to give flows distinct public addresses.");
        put("dnat", "**dnat to ADDR[:PORT]** — destination NAT (port forwarding), decided on the connection's first "
                + "packet at prerouting or output; the routing decision then uses the new address. Replies get the "
                + "original source back.");
        put("redirect", "**redirect to :PORT** — destination NAT to this host itself (transparent proxy).");
        put("notrack", "**notrack** — the packet is not tracked (state untracked): no NAT, no `ct state` but "
                + "untracked. Only effective before conntrack (priority below -200).");
        put("ct", "**ct** — the packet's connection in the conntrack table: `ct state` (new, established, related, "
                + "invalid, untracked), `ct mark` (a mark stored with the connection), `ct zone` (which conntrack table).");
        put("NftCtExpr:state", "**ct state** — new (first packet), established (seen both ways), related (an ICMP "
                + "error or helper connection of an existing one), invalid, untracked.");
        put("NftCtExpr:zone", "**ct zone** — the conntrack zone: connections are keyed by zone plus 5-tuple, so the "
                + "same flow passing twice (policy routing through a proxy namespace) can be tracked, and NATed, "
                + "separately. Must be set before conntrack (priority raw).");
        put("NftCtExpr:mark", "**ct mark** — a mark stored with the connection; replies carry it, unlike `meta mark`.");
        put("meta", "**meta** — packet metadata: `mark`, `iif`/`oif` (interface index, must exist when the rule is "
                + "loaded), `iifname`/`oifname` (by name, may not exist yet), `l4proto`, `ipsec` (arrived decrypted).");
        put("NftMetaExpr:mark", "**meta mark** — the packet mark (skb->mark): routing rules match it with `fwmark`; it "
                + "is not stored in the connection.");
        put("NftMetaExpr:iif", "**iif** — input interface by index: nft resolves the name when the ruleset is loaded.");
        put("NftMetaExpr:oif", "**oif** — output interface by index (known after routing).");
        put("NftMetaExpr:iifname", "**iifname** — input interface by name, may end with `*`.");
        put("NftMetaExpr:oifname", "**oifname** — output interface by name, may end with `*`.");
        put("NftMetaExpr:ipsec", "**meta ipsec exists** — the packet arrived through an IPsec SA (was decrypted); "
                + "input path only (prerouting, input, forward).");
        put("rt", "**rt ipsec exists** — the route of the packet will encrypt it (an xfrm policy matched): the way to "
                + "exempt tunnel traffic from NAT at postrouting, where the plaintext packet is seen before encryption.");
        put("ether", "**ether saddr/daddr** — the MAC addresses of the frame (`& mask == value` matches a prefix).");

        // ------------------------------------------------------------ iptables
        put("iptables", "**iptables { }** — an `iptables-save` ruleset for this namespace. Each `*table` hooks at a "
                + "fixed priority: " + java.util.Arrays.stream(IptTableKind.values()).map(t -> t.getLiteral() + " "
                        + tablePriority(t)).collect(Collectors.joining(", ")) + ".");
        put("IptablesTable:raw", "***raw** — priority " + tablePriority(IptTableKind.RAW)
                + ", before conntrack: `-j CT --zone N`, `-j CT --notrack`.");
        put("IptablesTable:mangle", "***mangle** — priority " + tablePriority(IptTableKind.MANGLE)
                + ": marks (`-j MARK`, `-j CONNMARK`).");
        put("IptablesTable:nat", "***nat** — consulted for the first packet of a connection only; the translation is "
                + "stored in conntrack and applied to the rest and, reversed, to the replies.");
        put("IptablesTable:filter", "***filter** — priority " + tablePriority(IptTableKind.FILTER)
                + ": INPUT, FORWARD, OUTPUT accept or drop.");
        put("IptablesTable:security", "***security** — priority " + tablePriority(IptTableKind.SECURITY) + ": SELinux marks.");
        put("PREROUTING", "**PREROUTING** — every received packet, before the routing decision (no output interface "
                + "yet: `-o` is not allowed).");
        put("INPUT", "**INPUT** — packets for this namespace.");
        put("FORWARD", "**FORWARD** — packets routed through this namespace.");
        put("OUTPUT", "**OUTPUT** — packets generated here (no input interface: `-i` is not allowed).");
        put("POSTROUTING", "**POSTROUTING** — every leaving packet, after routing (no input interface).");
        put("COMMIT", "**COMMIT** — ends the table; iptables-restore applies it atomically.");
        put("ACCEPT", "**ACCEPT** — ends this chain (and its table at this hook) for the packet.");
        put("DROP", "**DROP** — discards the packet silently.");
        put("REJECT", "**REJECT** — discards the packet and answers (`--reject-with`); INPUT, FORWARD, OUTPUT only.");
        put("RETURN", "**RETURN** — back to the calling chain; in a built-in chain its policy applies.");
        put("MASQUERADE", "**MASQUERADE** — source NAT to the address of the outgoing interface, chosen on the "
                + "connection's first packet (nat POSTROUTING). Later packets of the connection, and packets of a "
                + "connection conntrack already knows from an earlier pass, never reach the rule.");
        put("SNAT", "**SNAT --to-source ADDR** — source NAT to a fixed address (nat POSTROUTING or INPUT), on the "
                + "first packet. Rules before a general MASQUERADE take precedence.");
        put("DNAT", "**DNAT --to-destination ADDR[:PORT]** — destination NAT (nat PREROUTING or OUTPUT), on the first "
                + "packet; routing then sees the new destination.");
        put("REDIRECT", "**REDIRECT --to-ports P** — destination NAT to this host (nat PREROUTING/OUTPUT).");
        put("NETMAP", "**NETMAP --to PREFIX** — maps a whole prefix 1:1 (nat).");
        put("CT", "**CT** — (raw table) sets the connection tracking for the packet before conntrack: `--zone N` "
                + "(separate conntrack table), `--notrack`, `--helper`.");
        put("NOTRACK", "**NOTRACK** — (raw) do not track the packet.");
        put("MARK", "**MARK --set-mark V[/M]** — sets the packet mark (for `ip rule fwmark`).");
        put("CONNMARK", "**CONNMARK** — the connection's mark: `--save-mark` copies the packet mark into it, "
                + "`--restore-mark` back (so replies and later packets get it).");
        put("LOG", "**LOG** — writes the packet to the kernel log and continues.");
        put("TRACE", "**TRACE** — (raw) logs every rule the packet traverses.");
        put("IptPolicyMatch:policy", "**-m policy --dir in|out --pol ipsec|none** — matches whether the packet was "
                + "decrypted (`--dir in`: PREROUTING, INPUT, FORWARD) or will be encrypted (`--dir out`: FORWARD, OUTPUT, "
                + "POSTROUTING) by IPsec. `-m policy --dir out --pol ipsec -j ACCEPT` before a MASQUERADE keeps tunnel "
                + "traffic untranslated.");
        put("conntrack", "**-m conntrack --ctstate** — the connection's state: NEW, ESTABLISHED, RELATED, INVALID, "
                + "UNTRACKED, or DNAT/SNAT (the connection was translated).");
        put("ConntrackExpectation:conntrack", "**conntrack [absent] in NS [zone N] orig ... reply ...** — the "
                + "connection the namespace's conntrack table must (or must not) hold after the probe: original and "
                + "reply tuple, i.e. what NAT decided.");

        // ------------------------------------------------------------ xfrm
        put("xfrm", "**xfrm** — IPsec in the kernel (`ip xfrm`): policies (SPD) decide which packets must be "
                + "encrypted, states (SAs) how.");
        put("XfrmState:state", "**xfrm state** — a security association: outer src/dst, protocol (esp/ah), SPI, mode, "
                + "reqid. Identified by dst + proto + SPI.");
        put("XfrmPolicy:policy", "**xfrm policy** — selector (src/dst/proto/ports) + direction: `out` packets are "
                + "encrypted, `in`/`fwd` decrypted packets are checked. Output policies are looked up after the "
                + "routing decision, so NAT at postrouting sees the plaintext packet before encryption.");
        put("tmpl", "**tmpl** — the transformation a policy requires: protocol, mode, tunnel endpoints, reqid "
                + "(matched against states).");
        put("dir", "**dir in|out|fwd** — which packets the policy applies to.");

        // ------------------------------------------------------------ probes and expectations
        put("probe", "**probe NAME = ...** — a packet sent from a namespace (protocol, addresses, ports, marks, "
                + "payload), named for reuse in expectations.");
        put("expect", "**expect** — what Linux must do with the probe: delivered to a namespace (with the header it "
                + "arrives with), dropped or rejected where; whether the reply comes back; which conntrack entry exists. "
                + "The engine checks it by a packet walk; the lab checks it in real namespaces.");
        put("delivered", "**delivered to NS [with src ... dst ...]** — the packet reaches a socket (or the stack) of "
                + "NS with that header after all translation.");
        put("dropped", "**dropped [at NS]** — the packet is discarded (in NS).");
        put("rejected", "**rejected [at NS]** — the packet is discarded and answered with an ICMP error or reset.");
        put("reply", "**reply ...** — the answer to the probe: delivered back (with the un-NATed header), dropped, "
                + "none, port-unreachable or reset.");
        put("scenario", "**scenario** — expectations checked in order on shared state: conntrack entries made by one "
                + "step exist for the next.");
        put("payload", "**payload \"...\"** — data carried by the probe. NAT rewrites headers only: addresses inside "
                + "the payload stay as they were (seed 000).");
    }
}
