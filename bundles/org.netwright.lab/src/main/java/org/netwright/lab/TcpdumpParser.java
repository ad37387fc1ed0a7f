package org.netwright.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text tcpdump prints with {@code -n -l} (tcpdump 4.9x): optional timestamp, optional
 * {@code IFNAME In|Out|B|M|P} (captures on {@code any}), then {@code IP src[.port] > dst[.port]: ...}.
 * Lines that are not IPv4 packets (ARP, IP6, banners) give null.
 */
public final class TcpdumpParser {
    private static final Pattern LINE = Pattern.compile(
            "^(?:\\d{2}:\\d{2}:\\d{2}\\.\\d+\\s+|\\d+\\.\\d+\\s+)?(?:(\\S+)\\s+(In|Out|B|M|P)\\s+)?IP\\s+(\\S+)\\s+>\\s+(\\S+):\\s*(.*)$");
    private static final Pattern ENDPOINT = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.(\\d+))?$");
    private static final Pattern ECHO = Pattern.compile("^ICMP echo (request|reply), id (\\d+)");
    private static final Pattern PORT_UNREACH = Pattern.compile(
            "^ICMP (\\d+\\.\\d+\\.\\d+\\.\\d+) (udp|tcp) port (\\d+) unreachable");
    private static final Pattern PROTO_UNREACH = Pattern.compile(
            "^ICMP (\\d+\\.\\d+\\.\\d+\\.\\d+) protocol (\\d+) unreachable");
    private static final Pattern HOST_UNREACH = Pattern.compile(
            "^ICMP (?:host|net) (\\d+\\.\\d+\\.\\d+\\.\\d+) unreachable");
    private static final Pattern LENGTH = Pattern.compile("\\blength (\\d+)");
    private static final Pattern FLAGS = Pattern.compile("^Flags \\[([^\\]]*)\\]");

    private TcpdumpParser() {
    }

    /** All IPv4 packets of a capture's output. */
    public static List<CapturedPacket> parse(String output) {
        List<CapturedPacket> out = new ArrayList<>();
        for (String l : output.split("\n")) {
            CapturedPacket p = parseLine(l);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    public static CapturedPacket parseLine(String raw) {
        if (raw == null) {
            return null;
        }
        String line = raw.strip();
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String iface = m.group(1);
        String dir = m.group(2);
        Matcher s = ENDPOINT.matcher(m.group(3));
        String dstText = m.group(4);
        Matcher d = ENDPOINT.matcher(dstText);
        if (!s.matches() || !d.matches()) {
            return null;
        }
        String rest = m.group(5);
        String src = s.group(1);
        String dst = d.group(1);
        int sport = s.group(2) == null ? CapturedPacket.NONE : Integer.parseInt(s.group(2));
        int dport = d.group(2) == null ? CapturedPacket.NONE : Integer.parseInt(d.group(2));
        String proto;
        int type = CapturedPacket.NONE;
        int code = CapturedPacket.NONE;
        int id = CapturedPacket.NONE;
        String flags = null;
        String innerDst = null;
        int innerDport = CapturedPacket.NONE;
        Matcher f;
        if (rest.startsWith("ICMP")) {
            proto = "icmp";
            if ((f = ECHO.matcher(rest)).find()) {
                type = f.group(1).equals("request") ? 8 : 0;
                code = 0;
                id = Integer.parseInt(f.group(2));
            } else if ((f = PORT_UNREACH.matcher(rest)).find()) {
                type = 3;
                code = 3;
                innerDst = f.group(1);
                innerDport = Integer.parseInt(f.group(3));
            } else if ((f = PROTO_UNREACH.matcher(rest)).find()) {
                type = 3;
                code = 2;
                innerDst = f.group(1);
            } else if ((f = HOST_UNREACH.matcher(rest)).find()) {
                type = 3;
                innerDst = f.group(1);
                boolean net = rest.startsWith("ICMP net");
                if (rest.contains("admin prohibited filter")) {
                    code = 13;
                } else if (rest.contains("admin prohibited")) {
                    code = net ? 9 : 10;
                } else {
                    code = net ? 0 : 1;
                }
            } else if (rest.startsWith("ICMP time exceeded")) {
                type = 11;
                code = rest.contains("reassembly") ? 1 : 0;
            } else if (rest.startsWith("ICMP redirect")) {
                type = 5;
            } else if (rest.contains("unreachable")) {
                type = 3;
            }
        } else if (sport >= 0 && dport >= 0) {
            // with ports: TCP prints its flags; anything else is UDP ("UDP, length N" or an application
            // decoder's text on a well-known port)
            if ((f = FLAGS.matcher(rest)).find()) {
                proto = "tcp";
                flags = f.group(1);
            } else {
                proto = "udp";
            }
        } else if (rest.startsWith("ESP")) {
            proto = "esp";
        } else if (rest.startsWith("GREv")) {
            proto = "gre";
        } else {
            Matcher ip = Pattern.compile("ip-proto-(\\d+)").matcher(rest);
            proto = ip.find() ? ip.group(1) : "other";
        }
        if (!proto.equals("udp") && !proto.equals("tcp")) {
            sport = CapturedPacket.NONE;
            dport = CapturedPacket.NONE;
        }
        int length = CapturedPacket.NONE;
        Matcher len = LENGTH.matcher(rest);
        while (len.find()) {
            length = Integer.parseInt(len.group(1));
        }
        return new CapturedPacket(iface, dir, proto, src, sport, dst, dport, type, code, id, flags, innerDst,
                innerDport, length, line);
    }
}
