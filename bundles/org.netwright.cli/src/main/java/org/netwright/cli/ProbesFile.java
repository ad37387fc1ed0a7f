package org.netwright.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.netwright.input.InputException;
import org.netwright.input.InputFiles;
import org.netwright.input.Json;

/**
 * A probes file for {@code netwright walk --probes}:
 * <pre>
 * {"servers": [{"ns": "inet", "udp": [5000], "tcp": [8080], "esp": "reply"}],
 *  "probes": [{"probe": "name", "from": "client", "proto": "udp", "src": "10.0.0.1", "dst": "8.8.8.8",
 *              "sport": 40001, "dport": 5000, "icmp_id": 1, "spi": "0x1001"}]}
 * </pre>
 * Errors are {@link InputException}s naming the file and the line:column (syntax, a byte that is not UTF-8) or the
 * JSON path (content). Reading is bounded ({@link InputFiles#SMALL_BYTES}, {@link Json.Limits#HAND_WRITTEN}) and only
 * regular files are opened: a FIFO given as {@code --probes} is refused, never waited on.
 */
public final class ProbesFile {
    /** Listening sockets to add to a namespace. */
    public record Server(String ns, List<Integer> udp, List<Integer> tcp, boolean espReply, String path) {
    }

    /** One probe; numbers 0 = not given. */
    public record ProbeSpec(String name, String from, String proto, String src, String dst, int sport, int dport,
            int icmpId, long spi, String path) {
    }

    private final List<Server> servers = new ArrayList<>();
    private final List<ProbeSpec> probes = new ArrayList<>();
    private final String file;

    private ProbesFile(String file) {
        this.file = file;
    }

    public List<Server> servers() {
        return Collections.unmodifiableList(servers);
    }

    public List<ProbeSpec> probes() {
        return Collections.unmodifiableList(probes);
    }

    /** The file given as {@code --probes}: read bounded (regular files only, UTF-8), then {@link #parse}d. */
    public static ProbesFile read(Path path) {
        String problem = InputFiles.problem(path, InputFiles.SMALL_BYTES);
        if (problem != null) {
            throw new InputException(null, "cannot read probes file " + path + " (--probes): " + problem);
        }
        return parse(path.toString(), InputFiles.readUtf8(path, InputFiles.SMALL_BYTES));
    }

    /** The probes in {@code text}, read from {@code file} (only for messages). */
    public static ProbesFile parse(String file, String text) {
        Json.Value root;
        try {
            root = Json.parse(text, Json.Limits.HAND_WRITTEN);
        } catch (Json.ParseException e) {
            throw e.in(file);
        }
        ProbesFile pf = new ProbesFile(file);
        Json.Value top = pf.object(root, "$");
        pf.only(top, "$", Set.of("servers", "probes"));
        Json.Value servers = top.get("servers");
        if (servers != null) {
            List<Json.Value> l = pf.array(servers, "$.servers");
            for (int i = 0; i < l.size(); i++) {
                pf.servers.add(pf.server(l.get(i), "$.servers[" + i + "]"));
            }
        }
        if (!top.has("probes")) {
            throw pf.error("$", "missing \"probes\"");
        }
        List<Json.Value> l = pf.array(top.get("probes"), "$.probes");
        if (l.isEmpty()) {
            throw pf.error("$.probes", "no probe given");
        }
        for (int i = 0; i < l.size(); i++) {
            pf.probes.add(pf.probe(l.get(i), "$.probes[" + i + "]"));
        }
        return pf;
    }

    /** A content error: the file, the JSON path, what is wrong (the position of the value when known). */
    private InputException error(String path, String message) {
        return new InputException(null, file + ": " + path + ": " + message);
    }

    private Json.Value object(Json.Value v, String path) {
        if (!v.isObject()) {
            throw error(path, "expected an object");
        }
        return v;
    }

    private List<Json.Value> array(Json.Value v, String path) {
        if (!v.isArray()) {
            throw error(path, "expected an array");
        }
        return v.items();
    }

    private void only(Json.Value m, String path, Set<String> keys) {
        for (String k : m.members().keySet()) {
            if (!keys.contains(k)) {
                throw error(m.get(k).path(), "unknown member (expected one of " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A member that is absent or JSON null is not given. */
    private static Json.Value member(Json.Value m, String key) {
        Json.Value v = m.get(key);
        return v == null || v.isNull() ? null : v;
    }

    private String string(Json.Value m, String key, String path, boolean required) {
        Json.Value v = member(m, key);
        if (v == null) {
            if (required) {
                throw error(path, "missing \"" + key + "\"");
            }
            return null;
        }
        if (!v.isString()) {
            throw error(path + "." + key, "expected a string");
        }
        return v.text();
    }

    private int port(Json.Value v, String path, int max) {
        Long n = v.isNumber() && v.text().matches("-?[0-9]{1,18}") ? v.asLong() : null;
        if (n == null || n < 0 || n > max) {
            throw error(path, "expected an integer 0.." + max);
        }
        return n.intValue();
    }

    private int intOpt(Json.Value m, String key, String path, int max) {
        Json.Value v = member(m, key);
        return v == null ? 0 : port(v, path + "." + key, max);
    }

    private Server server(Json.Value v, String path) {
        Json.Value m = object(v, path);
        only(m, path, Set.of("ns", "udp", "tcp", "esp"));
        String ns = string(m, "ns", path, true);
        List<Integer> udp = ports(member(m, "udp"), path + ".udp");
        List<Integer> tcp = ports(member(m, "tcp"), path + ".tcp");
        Json.Value esp = member(m, "esp");
        boolean espReply = false;
        if (esp != null) {
            if (esp.isString() && esp.text().equals("reply") || esp.isBoolean() && esp.bool()) {
                espReply = true;
            } else if (!(esp.isBoolean() || esp.isString() && esp.text().equals("none"))) {
                throw error(path + ".esp", "expected \"reply\" or a boolean");
            }
        }
        return new Server(ns, udp, tcp, espReply, path);
    }

    private List<Integer> ports(Json.Value v, String path) {
        List<Integer> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        List<Json.Value> l = array(v, path);
        for (int i = 0; i < l.size(); i++) {
            int p = port(l.get(i), path + "[" + i + "]", 65535);
            if (p == 0) {
                throw error(path + "[" + i + "]", "port 0");
            }
            out.add(p);
        }
        return out;
    }

    private ProbeSpec probe(Json.Value v, String path) {
        Json.Value m = object(v, path);
        only(m, path, Set.of("probe", "from", "proto", "src", "dst", "sport", "dport", "icmp_id", "spi"));
        String name = string(m, "probe", path, false);
        String from = string(m, "from", path, true);
        String proto = string(m, "proto", path, true);
        if (!Set.of("icmp", "ping", "udp", "tcp", "esp", "gre", "ah").contains(proto)) {
            throw error(path + ".proto", "unknown protocol " + Json.quote(proto) + " (icmp, udp, tcp, esp, gre)");
        }
        String src = string(m, "src", path, false);
        String dst = string(m, "dst", path, true);
        int sport = intOpt(m, "sport", path, 65535);
        int dport = intOpt(m, "dport", path, 65535);
        if ((proto.equals("udp") || proto.equals("tcp")) && dport == 0) {
            throw error(path, "missing \"dport\" for " + proto);
        }
        int icmpId = member(m, "icmp_id") != null ? intOpt(m, "icmp_id", path, 65535) : 1;
        long spi = 0;
        Json.Value s = member(m, "spi");
        if (s != null && s.isNumber()) {
            Long n = s.asLong();
            if (n == null || n < 0 || n > 0xffffffffL) {
                throw error(path + ".spi", "expected an integer 0..4294967295");
            }
            spi = n;
        } else if (s != null && s.isString()) {
            String str = s.text();
            try {
                spi = str.startsWith("0x") || str.startsWith("0X") ? Long.parseLong(str.substring(2), 16)
                        : Long.parseLong(str);
            } catch (NumberFormatException e) {
                throw error(path + ".spi", "not a number: " + Json.quote(str));
            }
            if (spi < 0 || spi > 0xffffffffL) {
                throw error(path + ".spi", "expected a number 0..0xffffffff");
            }
        } else if (s != null) {
            throw error(path + ".spi", "expected a number or a \"0x...\" string");
        }
        return new ProbeSpec(name, from, proto, src, dst, sport, dport, icmpId, spi, path);
    }
}
