package org.netwright.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code conntrack -L -o extended} lines and {@code conntrack -S} output. An extended line reads
 * {@code ipv4 2 udp 17 26 [STATE] src=.. dst=.. sport=.. dport=.. [UNREPLIED] src=.. dst=.. sport=..
 * dport=.. [ASSURED] mark=0 [zone=N] use=1}; for ICMP the tuples carry {@code type= code= id=}.
 */
public final class ConntrackParser {
    private ConntrackParser() {
    }

    public static List<ConntrackEntry> parseEntries(String output) {
        List<ConntrackEntry> out = new ArrayList<>();
        for (String l : output.split("\n")) {
            ConntrackEntry e = parseLine(l);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** One entry, or null for lines that are not IPv4 entries (the summary line, IPv6). */
    public static ConntrackEntry parseLine(String line) {
        String[] t = line.strip().split("\\s+");
        if (t.length < 6 || !t[0].equals("ipv4")) {
            return null;
        }
        String proto = t[2];
        int protonum;
        try {
            protonum = Integer.parseInt(t[3]);
        } catch (NumberFormatException e) {
            return null;
        }
        String state = null;
        Set<String> flags = new LinkedHashSet<>();
        String[][] tuples = new String[2][];
        int tuple = -1;
        String[] cur = null;
        long mark = 0;
        int zone = 0;
        for (int i = 5; i < t.length; i++) {
            String tok = t[i];
            if (tok.startsWith("[") && tok.endsWith("]")) {
                flags.add(tok.substring(1, tok.length() - 1));
                continue;
            }
            int eq = tok.indexOf('=');
            if (eq < 0) {
                if (tuple < 0 && tok.matches("[A-Z_]+")) {
                    state = tok;
                }
                continue;
            }
            String k = tok.substring(0, eq);
            String v = tok.substring(eq + 1);
            switch (k) {
                case "src" -> {
                    tuple++;
                    if (tuple > 1) {
                        return null;
                    }
                    cur = new String[] {v, null, null, null, null, null, null};
                    tuples[tuple] = cur;
                }
                case "dst" -> set(cur, 1, v);
                case "sport" -> set(cur, 2, v);
                case "dport" -> set(cur, 3, v);
                case "type" -> set(cur, 4, v);
                case "code" -> set(cur, 5, v);
                case "id" -> set(cur, 6, v);
                case "mark" -> mark = parseLong(v);
                case "zone", "zone-orig" -> zone = (int) parseLong(v);
                default -> {
                    // use=, secctx=, labels=, delta-time=: not needed
                }
            }
        }
        if (tuples[0] == null || tuples[1] == null) {
            return null;
        }
        return new ConntrackEntry(proto, protonum, state, tuple(tuples[0]), tuple(tuples[1]), Set.copyOf(flags),
                mark, zone);
    }

    /** {@code conntrack -S}: one line per CPU, summed. */
    public static ConntrackStats parseStats(String output) {
        long[] s = new long[8];
        String[] keys = {"found", "invalid", "insert", "insert_failed", "drop", "early_drop", "error", "clash_resolve"};
        for (String line : output.split("\n")) {
            for (String tok : line.strip().split("\\s+")) {
                int eq = tok.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String k = tok.substring(0, eq);
                for (int i = 0; i < keys.length; i++) {
                    if (keys[i].equals(k)) {
                        s[i] += parseLong(tok.substring(eq + 1));
                    }
                }
            }
        }
        return new ConntrackStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
    }

    private static void set(String[] cur, int i, String v) {
        if (cur != null) {
            cur[i] = v;
        }
    }

    private static ConntrackEntry.Tuple tuple(String[] f) {
        return new ConntrackEntry.Tuple(f[0], f[1], num(f[2]), num(f[3]), num(f[4]), num(f[5]), num(f[6]));
    }

    private static int num(String s) {
        return s == null ? -1 : (int) parseLong(s);
    }

    private static long parseLong(String s) {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
