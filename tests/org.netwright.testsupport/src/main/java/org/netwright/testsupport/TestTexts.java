package org.netwright.testsupport;

import java.util.stream.Collectors;

/** Small `.nwp` texts that tests of several bundles build on. */
public final class TestTexts {
    private TestTexts() {
    }

    /**
     * r forwards between client (10.0.1.2) and server (10.0.2.2), with {@code iptables} (iptables-save lines) in r:
     * the first of them is at line 6 of the text.
     */
    public static String forwardingRouter(String iptables) {
        return """
                namespace r {
                    veth eth0 <-> client:eth0 { address 10.0.1.1/24 }
                    veth eth1 <-> server:eth0 { address 10.0.2.1/24 }
                    sysctl net.ipv4.ip_forward = 1
                    iptables {
                %s
                    }
                }
                namespace client {
                    veth eth0 <-> r:eth0 { address 10.0.1.2/24 }
                    route default via 10.0.1.1 dev eth0
                }
                namespace server {
                    veth eth0 <-> r:eth1 { address 10.0.2.2/24 }
                    route default via 10.0.2.1 dev eth0
                }
                """.formatted(iptables.lines().map(l -> "        " + l).collect(Collectors.joining("\n")));
    }
}
