package org.netwright.engine;

import java.util.Set;

/** A named nftables set ({@code set NAME { type ...; flags interval; elements = {...} }}). */
public record NamedSet(String name, Kind kind, AddrSet addrs, PortSet ports, Set<String> strings) {
    /** Element type of the set. */
    public enum Kind {
        IPV4_ADDR, IPV6_ADDR, INET_SERVICE, IFNAME
    }

    public static NamedSet addresses(String name, String... elements) {
        return new NamedSet(name, Kind.IPV4_ADDR, AddrSet.of(elements), null, null);
    }

    public static NamedSet addresses(String name, AddrSet set) {
        return new NamedSet(name, set.hasV6() && !set.hasV4() ? Kind.IPV6_ADDR : Kind.IPV4_ADDR, set, null, null);
    }

    public static NamedSet ports(String name, PortSet ports) {
        return new NamedSet(name, Kind.INET_SERVICE, null, ports, null);
    }

    public static NamedSet ifnames(String name, String... names) {
        return new NamedSet(name, Kind.IFNAME, null, null, Set.of(names));
    }
}
