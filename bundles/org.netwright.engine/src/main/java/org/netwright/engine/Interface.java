package org.netwright.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A network interface of a namespace. Immutable; build with {@link #builder(String)}. */
public final class Interface {
    /** Interface kinds. */
    public enum Kind {
        LOOPBACK, PHYSICAL, VETH, BRIDGE, DUMMY
    }

    private final String name;
    private final Kind kind;
    private final List<IfAddress> addresses;
    private final long mac;
    private final boolean up;
    private final PeerRef peer;
    private final String master;

    private Interface(Builder b) {
        this.name = Objects.requireNonNull(b.name);
        this.kind = b.kind;
        this.addresses = List.copyOf(b.addresses);
        this.mac = b.mac;
        this.up = b.up;
        this.peer = b.peer;
        this.master = b.master;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** Addresses in configuration order; the first one in a subnet is that subnet's primary. */
    public List<IfAddress> addresses() {
        return addresses;
    }

    public long mac() {
        return mac;
    }

    public boolean up() {
        return up;
    }

    /**
     * The veth peer or the interface at the other end of a wire; {@code null} when nothing modelled is
     * attached (packets sent there leave the modelled network).
     */
    public PeerRef peer() {
        return peer;
    }

    /** Name of the bridge this interface is a port of, or {@code null}. */
    public String master() {
        return master;
    }

    public boolean hasAddress(IpAddr a) {
        for (IfAddress ia : addresses) {
            if (ia.addr().equals(a)) {
                return true;
            }
        }
        return false;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String toString() {
        return name + "(" + kind + ")";
    }

    /** Builder for {@link Interface}. */
    public static final class Builder {
        private final String name;
        private Kind kind = Kind.PHYSICAL;
        private final List<IfAddress> addresses = new ArrayList<>();
        private long mac;
        private boolean up = true;
        private PeerRef peer;
        private String master;

        private Builder(String name) {
            this.name = name;
        }

        public Builder kind(Kind k) {
            this.kind = k;
            return this;
        }

        public Builder address(String cidr) {
            addresses.add(IfAddress.parse(cidr));
            return this;
        }

        public Builder mac(String m) {
            this.mac = Ip4.parseMac(m);
            return this;
        }

        public Builder up(boolean u) {
            this.up = u;
            return this;
        }

        public Builder peer(String ns, String ifname) {
            this.peer = new PeerRef(ns, ifname);
            return this;
        }

        public Builder master(String bridge) {
            this.master = bridge;
            return this;
        }

        public Interface build() {
            return new Interface(this);
        }
    }

    /**
     * Whether interface {@code name} matches {@code pattern}: a trailing {@code +} (iptables) or {@code *} (nft) matches
     * every name with that prefix; null (no interface) matches nothing.
     */
    public static boolean nameMatches(String pattern, String name) {
        if (name == null) {
            return false;
        }
        if (pattern.endsWith("+") || pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }
}
