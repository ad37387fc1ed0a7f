package org.netwright.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A probes file for {@code netwright walk --probes}:
 * <pre>
 * {"servers": [{"ns": "inet", "udp": [5000], "tcp": [8080], "esp": "reply"}],
 *  "probes": [{"probe": "name", "from": "client", "proto": "udp", "src": "10.0.0.1", "dst": "8.8.8.8",
 *              "sport": 40001, "dport": 5000, "icmp_id": 1, "spi": "0x1001"}]}
 * </pre>
 * Errors name the file and the line:column (syntax) or the JSON path (content).
 */
final class ProbesFile {
    /** Listening sockets to add to a namespace. */
    record Server(String ns, List<Integer> udp, List<Integer> tcp, boolean espReply, String path) {
    }

    /** One probe; numbers 0 = not given. */
    record ProbeSpec(String name, String from, String proto, String src, String dst, int sport, int dport,
            int icmpId, long spi, String path) {
    }

    final List<Server> servers = new ArrayList<>();
    final List<ProbeSpec> probes = new ArrayList<>();
    private final String file;

    private ProbesFile(String file) {
        this.file = file;
    }

    static ProbesFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new Main.UsageException("cannot read probes file " + path + ": " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    static ProbesFile parse(String file, String text) {
        Object root;
        try {
            root = MiniJson.parse(text);
        } catch (MiniJson.ParseException e) {
            throw new Main.UsageException(file + ":" + e.where() + ": " + e.getMessage());
        }
        ProbesFile pf = new ProbesFile(file);
        Map<String, Object> top = pf.object(root, "$");
        pf.only(top, "$", Set.of("servers", "probes"));
        Object servers = top.get("servers");
        if (servers != null) {
            List<Object> l = pf.array(servers, "$.servers");
            for (int i = 0; i < l.size(); i++) {
                pf.servers.add(pf.server(l.get(i), "$.servers[" + i + "]"));
            }
        }
        if (!top.containsKey("probes")) {
            throw pf.error("$", "missing \"probes\"");
        }
        List<Object> l = pf.array(top.get("probes"), "$.probes");
        if (l.isEmpty()) {
            throw pf.error("$.probes", "no probe given");
        }
        for (int i = 0; i < l.size(); i++) {
            pf.probes.add(pf.probe(l.get(i), "$.probes[" + i + "]"));
        }
        return pf;
    }

    private Main.UsageException error(String path, String message) {
        return new Main.UsageException(file + ": " + path + ": " + message);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object v, String path) {
        if (!(v instanceof Map)) {
            throw error(path, "expected an object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private List<Object> array(Object v, String path) {
        if (!(v instanceof List)) {
            throw error(path, "expected an array");
        }
        return (List<Object>) v;
    }

    private void only(Map<String, Object> m, String path, Set<String> keys) {
        for (String k : m.keySet()) {
            if (!keys.contains(k)) {
                throw error(path + "." + k, "unknown member (expected one of " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private String string(Map<String, Object> m, String key, String path, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                throw error(path, "missing \"" + key + "\"");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw error(path + "." + key, "expected a string");
        }
        return s;
    }

    private int port(Object v, String path, int max) {
        if (!(v instanceof Long n) || n < 0 || n > max) {
            throw error(path, "expected an integer 0.." + max);
        }
        return n.intValue();
    }

    private int intOpt(Map<String, Object> m, String key, String path, int max) {
        Object v = m.get(key);
        return v == null ? 0 : port(v, path + "." + key, max);
    }

    private Server server(Object v, String path) {
        Map<String, Object> m = object(v, path);
        only(m, path, Set.of("ns", "udp", "tcp", "esp"));
        String ns = string(m, "ns", path, true);
        List<Integer> udp = ports(m.get("udp"), path + ".udp");
        List<Integer> tcp = ports(m.get("tcp"), path + ".tcp");
        Object esp = m.get("esp");
        boolean espReply = false;
        if (esp != null) {
            if (esp.equals("reply") || esp.equals(Boolean.TRUE)) {
                espReply = true;
            } else if (!esp.equals(Boolean.FALSE) && !esp.equals("none")) {
                throw error(path + ".esp", "expected \"reply\" or a boolean");
            }
        }
        return new Server(ns, udp, tcp, espReply, path);
    }

    private List<Integer> ports(Object v, String path) {
        List<Integer> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        List<Object> l = array(v, path);
        for (int i = 0; i < l.size(); i++) {
            int p = port(l.get(i), path + "[" + i + "]", 65535);
            if (p == 0) {
                throw error(path + "[" + i + "]", "port 0");
            }
            out.add(p);
        }
        return out;
    }

    private ProbeSpec probe(Object v, String path) {
        Map<String, Object> m = object(v, path);
        only(m, path, Set.of("probe", "from", "proto", "src", "dst", "sport", "dport", "icmp_id", "spi"));
        String name = string(m, "probe", path, false);
        String from = string(m, "from", path, true);
        String proto = string(m, "proto", path, true);
        if (!Set.of("icmp", "ping", "udp", "tcp", "esp", "gre", "ah").contains(proto)) {
            throw error(path + ".proto", "unknown protocol \"" + proto + "\" (icmp, udp, tcp, esp, gre)");
        }
        String src = string(m, "src", path, false);
        String dst = string(m, "dst", path, true);
        int sport = intOpt(m, "sport", path, 65535);
        int dport = intOpt(m, "dport", path, 65535);
        if ((proto.equals("udp") || proto.equals("tcp")) && dport == 0) {
            throw error(path, "missing \"dport\" for " + proto);
        }
        int icmpId = m.containsKey("icmp_id") ? intOpt(m, "icmp_id", path, 65535) : 1;
        long spi = 0;
        Object s = m.get("spi");
        if (s instanceof Long n) {
            spi = n;
        } else if (s instanceof String str) {
            try {
                spi = str.startsWith("0x") || str.startsWith("0X") ? Long.parseLong(str.substring(2), 16)
                        : Long.parseLong(str);
            } catch (NumberFormatException e) {
                throw error(path + ".spi", "not a number: \"" + str + "\"");
            }
        } else if (s != null) {
            throw error(path + ".spi", "expected a number or a \"0x...\" string");
        }
        return new ProbeSpec(name, from, proto, src, dst, sport, dport, icmpId, spi, path);
    }
}
