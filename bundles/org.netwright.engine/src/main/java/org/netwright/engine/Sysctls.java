package org.netwright.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * The sysctls of one namespace the engine honours. rp_filter follows the kernel rule: the value used
 * for an interface is {@code max(conf/all/rp_filter, conf/IFACE/rp_filter)}; an interface without an
 * explicit value has the {@code conf/default} value (the kernel copies it when the interface is created).
 */
public final class Sysctls {
    private final boolean ipForward;
    private final int rpFilterAll;
    private final int rpFilterDefault;
    private final Map<String, Integer> rpFilterIf;
    private final boolean bridgeNfCallIptables;
    private final Boolean conntrack;
    private final boolean icmpEchoIgnoreAll;
    private final boolean ip6Forward;
    private final java.util.Set<String> forceForwarding;

    private Sysctls(Builder b) {
        this.ip6Forward = b.ip6Forward;
        this.forceForwarding = java.util.Set.copyOf(b.forceForwarding);
        this.ipForward = b.ipForward;
        this.rpFilterAll = b.rpFilterAll;
        this.rpFilterDefault = b.rpFilterDefault;
        this.rpFilterIf = Map.copyOf(b.rpFilterIf);
        this.bridgeNfCallIptables = b.bridgeNfCallIptables;
        this.conntrack = b.conntrack;
        this.icmpEchoIgnoreAll = b.icmpEchoIgnoreAll;
    }

    public static final Sysctls DEFAULTS = builder().build();

    public boolean ipForward() {
        return ipForward;
    }

    /**
     * {@code net.ipv6.conf.all.forwarding}: the only switch that makes IPv6 forward (a per-interface
     * {@code forwarding} is the interface's router role, not a forwarding switch; pinned by e02 in the research).
     */
    public boolean ip6Forward() {
        return ip6Forward;
    }

    /** Whether IPv6 packets arriving on {@code iif} are forwarded: all.forwarding or the interface's force_forwarding. */
    public boolean ip6Forwards(String iif) {
        return ip6Forward || iif != null && forceForwarding.contains(iif);
    }

    /** Interfaces with {@code net.ipv6.conf.IF.force_forwarding=1} (Linux 6.17+). */
    public java.util.Set<String> forceForwarding() {
        return forceForwarding;
    }

    public int rpFilterAll() {
        return rpFilterAll;
    }

    public int rpFilterDefault() {
        return rpFilterDefault;
    }

    public Map<String, Integer> rpFilterPerInterface() {
        return rpFilterIf;
    }

    /** Effective rp_filter mode of an interface: max(all, iface-or-default). */
    public int effectiveRpFilter(String dev) {
        return Math.max(rpFilterAll, rpFilterIf.isEmpty() ? rpFilterDefault : rpFilterIf.getOrDefault(dev, rpFilterDefault));
    }

    /** {@code net.bridge.bridge-nf-call-iptables} (br_netfilter loaded and enabled). */
    public boolean bridgeNfCallIptables() {
        return bridgeNfCallIptables;
    }

    /**
     * Whether conntrack runs in this namespace: {@code null} means automatic (the kernel registers the
     * conntrack hooks once some rule needs them: a nat chain or a ct expression).
     */
    public Boolean conntrack() {
        return conntrack;
    }

    public boolean icmpEchoIgnoreAll() {
        return icmpEchoIgnoreAll;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link Sysctls}. */
    public static final class Builder {
        private boolean ipForward;
        private int rpFilterAll;
        private int rpFilterDefault;
        private final Map<String, Integer> rpFilterIf = new HashMap<>();
        private boolean bridgeNfCallIptables;
        private Boolean conntrack;
        private boolean icmpEchoIgnoreAll;
        private boolean ip6Forward;
        private final java.util.Set<String> forceForwarding = new java.util.HashSet<>();

        public Builder ip6Forward(boolean v) {
            this.ip6Forward = v;
            return this;
        }

        public Builder forceForwarding(String dev) {
            this.forceForwarding.add(dev);
            return this;
        }

        public Builder ipForward(boolean v) {
            this.ipForward = v;
            return this;
        }

        public Builder rpFilterAll(int v) {
            this.rpFilterAll = v;
            return this;
        }

        public Builder rpFilterDefault(int v) {
            this.rpFilterDefault = v;
            return this;
        }

        public Builder rpFilter(String dev, int v) {
            this.rpFilterIf.put(dev, v);
            return this;
        }

        public Builder bridgeNfCallIptables(boolean v) {
            this.bridgeNfCallIptables = v;
            return this;
        }

        public Builder conntrack(Boolean v) {
            this.conntrack = v;
            return this;
        }

        public Builder icmpEchoIgnoreAll(boolean v) {
            this.icmpEchoIgnoreAll = v;
            return this;
        }

        public Sysctls build() {
            return new Sysctls(this);
        }
    }
}
