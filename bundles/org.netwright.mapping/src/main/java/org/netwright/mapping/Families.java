package org.netwright.mapping;

import org.netwright.engine.IpAddr;
import org.netwright.model.RoutingRule;
import org.netwright.model.semantics.IpAddress;

/** Address families of model values as the engine needs them. */
final class Families {
    private Families() {
    }

    /** The engine's address for a model address: the same 128 bits and family. */
    static IpAddr addr(IpAddress a) {
        return IpAddr.parse(a.toString());
    }

    /**
     * Whether the model gives a route, a routing rule or an iptables block to IPv6: asked of the model's semantics
     * layer, the one place that knows how each is spelt.
     */
    static boolean isV6(org.netwright.model.Route r) {
        return org.netwright.model.semantics.Families.of(r) == IpAddress.Family.IPV6;
    }

    static boolean isV6(RoutingRule r) {
        return org.netwright.model.semantics.Families.of(r) == IpAddress.Family.IPV6;
    }

    static boolean isV6(org.netwright.model.IptablesRuleset rs) {
        return org.netwright.model.semantics.Families.of(rs) == IpAddress.Family.IPV6;
    }
}
