package org.netwright.mapping;

import static org.netwright.testsupport.TestModels.F;

import org.netwright.model.ListenProtocol;
import org.netwright.model.Listener;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.model.VethInterface;
import org.netwright.testsupport.TestModels;

/** client (10.0.1.2) -- r (10.0.1.1 | 10.0.2.1) -- server (10.0.2.2, udp 53 and tcp 80 open), as a model. */
final class ModelLab {
    final Network net = F.createNetwork();
    final Namespace client = TestModels.ns(net, "client");
    final Namespace r = TestModels.ns(net, "r");
    final Namespace server = TestModels.ns(net, "server");

    ModelLab() {
        VethInterface c0 = TestModels.veth(client, "eth0", "10.0.1.2/24");
        VethInterface r0 = TestModels.veth(r, "eth0", "10.0.1.1/24");
        VethInterface r1 = TestModels.veth(r, "eth1", "10.0.2.1/24");
        VethInterface s0 = TestModels.veth(server, "eth0", "10.0.2.2/24");
        c0.setPeer(r0);
        s0.setPeer(r1);
        TestModels.sysctl(r, "net.ipv4.ip_forward", "1");
        TestModels.route(client, "default", "10.0.1.1", c0, null);
        TestModels.route(server, "default", "10.0.2.1", s0, null);
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
