package org.netwright.model.semantics;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.NftFamily;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.Probe;
import org.netwright.model.Route;
import org.netwright.model.RoutingRule;
import org.netwright.model.semantics.IpAddress.Family;

/**
 * IPv4 and IPv6 in one place: which address family a table, a ruleset, a match, a route, a rule or a probe is of,
 * and the kernel's per-family sysctls (checked on kernel 6.18: /work/helpers/research/ipv6-kernel.md, sections 0, 1
 * and 10). Validators, printers, exporters and importers ask here instead of knowing it each.
 */
public final class Families {

    private Families() {
    }

    /** The address families an nft table of {@code family} sees: ip one, ip6 the other, inet, bridge and netdev both. */
    public static Set<Family> ofNftTable(NftFamily family) {
        if (family == null) {
            return EnumSet.allOf(Family.class);
        }
        return switch (family) {
        case IP -> EnumSet.of(Family.IPV4);
        case IP6 -> EnumSet.of(Family.IPV6);
        case ARP -> EnumSet.noneOf(Family.class);
        default -> EnumSet.allOf(Family.class);
        };
    }

    /** The family whose packets an nft payload protocol matches (ip, icmp, igmp: IPv4; ip6, icmpv6: IPv6), else null. */
    public static Family ofPayload(NftPayloadProto protocol) {
        if (protocol == null) {
            return null;
        }
        return switch (protocol) {
        case IP, ICMP, IGMP -> Family.IPV4;
        case IP6, ICMPV6 -> Family.IPV6;
        default -> null;
        };
    }

    /** The nft family keyword of an address family (meta nfproto ipv4/ipv6 names them so). */
    public static String nfproto(Family family) {
        return family == Family.IPV6 ? "ipv6" : "ipv4";
    }

    /** The family of an iptables block: ip6tables blocks hold IPv6 rules. */
    public static Family of(IptablesRuleset ruleset) {
        return ruleset != null && ruleset.isIpv6() ? Family.IPV6 : Family.IPV4;
    }

    /** The family of the iptables block that holds {@code element} (a rule, a match, a target); IPv4 outside one. */
    public static Family ofIptables(EObject element) {
        for (EObject e = element; e != null; e = e.eContainer()) {
            if (e instanceof IptablesRuleset rs) {
                return of(rs);
            }
        }
        return Family.IPV4;
    }

    /** The command that loads a ruleset of the family from a file. */
    public static String iptablesRestore(Family family) {
        return family == Family.IPV6 ? "ip6tables-restore" : "iptables-restore";
    }

    /**
     * A route's family: that of its destination, gateway or preferred source, whichever is an address; a route
     * whose destination is {@code default} and that names no address is IPv4's (as {@code ip route} without -6).
     */
    public static Family of(Route route) {
        return first(route.getDestination(), route.getVia(), route.getSrc());
    }

    /** A rule's family: that of its from or to prefix; a rule with neither (fwmark, iif only) is IPv4's. */
    public static Family of(RoutingRule rule) {
        return first(rule.getFrom(), rule.getTo());
    }

    /** A probe's family: its destination's. */
    public static Family of(Probe probe) {
        return probe.getDst() == null ? Family.IPV4 : probe.getDst().family();
    }

    private static Family first(Object... values) {
        for (Object v : values) {
            if (v instanceof IpAddress a) {
                return a.family();
            }
            if (v instanceof IpPrefix p && !p.isAny()) {
                return p.family();
            }
        }
        return Family.IPV4;
    }

    /** Every address of the family as a prefix: 0.0.0.0/0 or ::/0 (what ip route's "default" is for it). */
    public static IpPrefix everything(Family family) {
        return IpPrefix.of(IpAddress.parse(family == Family.IPV6 ? "::" : "0.0.0.0"), 0);
    }

    /** The name of a family in messages. */
    public static String name(Family family) {
        return family == Family.IPV6 ? "IPv6" : "IPv4";
    }

    // ------------------------------------------------------------------ sysctls

    private static final Pattern CONF = Pattern.compile("net\\.ipv([46])\\.conf\\.([^.]+)\\.(.+)");

    /**
     * The per-interface IPv6 settings (net.ipv6.conf.{all,default,IF}.NAME) worth knowing, with the values the kernel
     * takes; a fresh namespace has forwarding 0, disable_ipv6 0, accept_ra 1, accept_dad 1, addr_gen_mode 0.
     */
    public static final Map<String, String> IPV6_CONF_VALUES = Map.ofEntries(Map.entry("forwarding", "[01]"),
            Map.entry("force_forwarding", "[01]"), Map.entry("disable_ipv6", "[01]"), Map.entry("accept_ra", "[012]"),
            Map.entry("accept_dad", "[012]"), Map.entry("addr_gen_mode", "[0-3]"), Map.entry("autoconf", "[01]"),
            Map.entry("proxy_ndp", "[01]"), Map.entry("accept_redirects", "[01]"), Map.entry("use_oif_addrs_only", "[01]"),
            Map.entry("keep_addr_on_down", "-1|0|1"), Map.entry("hop_limit", "[0-9]+"), Map.entry("mtu", "[0-9]+"),
            Map.entry("dad_transmits", "[0-9]+"), Map.entry("use_tempaddr", "-1|0|1|2"));

    /** The other IPv6 sysctls a snapshot keeps (besides net.ipv6.conf.*). */
    public static final Set<String> IPV6_OTHER_SYSCTLS = Set.of("net.ipv6.icmp.ratelimit", "net.ipv6.icmp.ratemask",
            "net.ipv6.route.mtu_expires");

    /** The family a sysctl key belongs to (net.ipv4.*, net.ipv6.*), else null. */
    public static Family ofSysctl(String key) {
        if (key == null) {
            return null;
        }
        return key.startsWith("net.ipv4.") ? Family.IPV4 : key.startsWith("net.ipv6.") ? Family.IPV6 : null;
    }

    /**
     * What an IPv6 conf key takes, as a regular expression of its values, or null when the key is not one of
     * {@link #IPV6_CONF_VALUES} (e.g. a name this list does not know).
     */
    public static String ipv6ConfValues(String key) {
        Matcher m = key == null ? null : CONF.matcher(key);
        if (m == null || !m.matches() || !m.group(1).equals("6")) {
            return null;
        }
        return IPV6_CONF_VALUES.get(m.group(3));
    }

    /** Whether an IPv6 sysctl is one a snapshot collects. */
    public static boolean snapshotIpv6(String key) {
        return ipv6ConfValues(key) != null || IPV6_OTHER_SYSCTLS.contains(key);
    }
}
