package org.netwright.app;

/**
 * A generated .nwp of {@code namespaces} namespaces for the large-network benchmark and tests: sites of one router
 * and nine hosts, each host on a veth to its site's router, the routers chained by veths to their neighbours, every
 * router with a small nftables filter and nat table. Names are {@code r<site>} and {@code h<site>-<n>}; host
 * {@code h<s>-<n>} has 10.<s/250>.<s%250>.<n*4+1>/30 (the router side .+1 of it), so a namespace can be found by
 * address.
 */
final class LargeNetwork {
    static final int PER_SITE = 10;

    private LargeNetwork() {
    }

    static String hostAddress(int site, int host) {
        return "10." + site / 250 + "." + site % 250 + "." + (host * 4 + 1);
    }

    static String text(int namespaces) {
        int sites = (namespaces + PER_SITE - 1) / PER_SITE;
        StringBuilder sb = new StringBuilder(namespaces * 400);
        sb.append("# generated: ").append(namespaces).append(" namespaces in ").append(sites).append(" sites\n");
        int written = 0;
        for (int s = 0; s < sites && written < namespaces; s++) {
            int hosts = Math.min(PER_SITE - 1, namespaces - written - 1);
            sb.append("namespace r").append(s).append(" {\n\tloopback lo\n");
            for (int h = 0; h < hosts; h++) {
                sb.append("\tveth h").append(h).append(" <-> h").append(s).append('-').append(h).append(":eth0 { address ")
                    .append(routerSide(s, h)).append("/30 }\n");
            }
            if (s > 0) {
                sb.append("\tveth north <-> r").append(s - 1).append(":south { address 172.").append(16 + s / 250 % 16).append('.')
                    .append(s % 250).append(".2/30 }\n");
            }
            if (s + 1 < sites && written + PER_SITE < namespaces) {
                sb.append("\tveth south <-> r").append(s + 1).append(":north { address 172.").append(16 + (s + 1) / 250 % 16)
                    .append('.').append((s + 1) % 250).append(".1/30 }\n");
            }
            sb.append("\tsysctl net.ipv4.ip_forward = 1\n");
            sb.append("\tnftables {\n\t\ttable inet filter {\n\t\t\tchain forward {\n")
                .append("\t\t\t\ttype filter hook forward priority filter; policy drop;\n")
                .append("\t\t\t\tct state established,related accept\n")
                .append("\t\t\t\tip saddr 10.0.0.0/8 accept\n\t\t\t}\n\t\t}\n")
                .append("\t\ttable ip nat {\n\t\t\tchain postrouting {\n")
                .append("\t\t\t\ttype nat hook postrouting priority srcnat; policy accept;\n")
                .append("\t\t\t\toif north masquerade\n\t\t\t}\n\t\t}\n\t}\n}\n");
            written++;
            for (int h = 0; h < hosts; h++) {
                sb.append("namespace h").append(s).append('-').append(h).append(" {\n\tloopback lo\n\tveth eth0 <-> r").append(s)
                    .append(":h").append(h).append(" { address ").append(hostAddress(s, h)).append("/30 }\n")
                    .append("\troute default via ").append(routerSide(s, h)).append(" dev eth0\n}\n");
                written++;
            }
        }
        return sb.toString();
    }

    private static String routerSide(int site, int host) {
        return "10." + site / 250 + "." + site % 250 + "." + (host * 4 + 2);
    }
}
