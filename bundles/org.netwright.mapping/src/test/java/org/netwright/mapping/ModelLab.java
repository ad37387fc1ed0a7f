package org.netwright.mapping;

import static org.netwright.mapping.Models.F;

import org.netwright.model.ListenProtocol;
import org.netwright.model.Listener;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.VethInterface;

/** client (10.0.1.2) -- r (10.0.1.1 | 10.0.2.1) -- server (10.0.2.2, udp 53 and tcp 80 open), as a model. */
final class ModelLab {
    final Network net = F.createNetwork();
    final Namespace client = Models.ns(net, "client");
    final Namespace r = Models.ns(net, "r");
    final Namespace server = Models.ns(net, "server");

    ModelLab() {
        VethInterface c0 = Models.veth(client, "eth0", "10.0.1.2/24");
        VethInterface r0 = Models.veth(r, "eth0", "10.0.1.1/24");
        VethInterface r1 = Models.veth(r, "eth1", "10.0.2.1/24");
        VethInterface s0 = Models.veth(server, "eth0", "10.0.2.2/24");
        c0.setPeer(r0);
        s0.setPeer(r1);
        Models.sysctl(r, "net.ipv4.ip_forward", "1");
        Models.route(client, "default", "10.0.1.1", c0, null);
        Models.route(server, "default", "10.0.2.1", s0, null);
        listen(server, ListenProtocol.UDP, 53);
        listen(server, ListenProtocol.TCP, 80);
    }

    static void listen(Namespace ns, ListenProtocol p, int port) {
        Listener l = F.createListener();
        l.setProtocol(p);
        l.setPort(port);
        ns.getListeners().add(l);
    }
}
