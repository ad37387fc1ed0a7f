package org.netwright.mapping;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
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
     * Whether a routing rule is an {@code ip -6 rule}: an IPv6 {@code from}/{@code to}, or a family the model states
     * (a {@code family} attribute naming inet6/ipv6, or an {@code ipv6}/{@code v6} flag; read reflectively, so the
     * mapping does not depend on how the model spells it).
     */
    static boolean isV6Rule(RoutingRule r) {
        if (r.getFrom() != null && !r.getFrom().isAny()) {
            return r.getFrom().toString().indexOf(':') >= 0;
        }
        if (r.getTo() != null && !r.getTo().isAny()) {
            return r.getTo().toString().indexOf(':') >= 0;
        }
        return statesV6(r);
    }

    /** Whether the object has a family attribute saying IPv6. */
    static boolean statesV6(EObject o) {
        for (String name : new String[] {"family", "ipv6", "v6", "inet6"}) {
            EStructuralFeature f = o.eClass().getEStructuralFeature(name);
            if (f == null) {
                continue;
            }
            Object v = o.eGet(f);
            if (v instanceof Boolean b) {
                return b;
            }
            if (v != null && v.toString().contains("6")) {
                return true;
            }
        }
        return false;
    }
}
