package org.netwright.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.netwright.engine.Packet;

/**
 * A set of headers in words, as boxes: "tcp from 10.0.0.0/24 to 192.0.2.10 dport 22,443". The BDD's variables are
 * ordered field by field, so below the variables of a field every node is the rest of the set for the values of the
 * field that lead to it: grouping those values by node splits the set exactly, field after field.
 */
final class Describe {
    private static final Field[] ORDER = {Field.PROTO, Field.DST, Field.SRC, Field.DPORT, Field.SPORT, Field.ICMP_TYPE};

    private final HeaderSpace hs;
    private final Bdd bdd;
    private int expanded;

    Describe(HeaderSpace hs) {
        this.hs = hs;
        this.bdd = hs.bdd();
    }

    /** At most {@code max} boxes; {@code more[0]} gets how many were left out. */
    List<String> boxes(int space, int max, int[] more) {
        List<Map<Field, List<EngineValues.Range>>> boxes = new ArrayList<>();
        int start = bdd.exists(space, 0, hs.offset(Field.PROTO));
        split(start, 0, new LinkedHashMap<>(), boxes, max + 1);
        List<String> out = new ArrayList<>();
        for (Map<Field, List<EngineValues.Range>> b : boxes) {
            if (out.size() == max) {
                break;
            }
            out.add(text(b));
        }
        more[0] = boxes.size() > max ? boxes.size() - max : 0;
        return out;
    }

    private void split(int node, int fieldIndex, Map<Field, List<EngineValues.Range>> prefix,
            List<Map<Field, List<EngineValues.Range>>> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (fieldIndex == ORDER.length || node == Bdd.TRUE) {
            out.add(new LinkedHashMap<>(prefix));
            return;
        }
        Field f = ORDER[fieldIndex];
        Map<Integer, List<EngineValues.Range>> byRest = new LinkedHashMap<>();
        values(node, f, 0, 0, byRest);
        for (Map.Entry<Integer, List<EngineValues.Range>> e : byRest.entrySet()) {
            Map<Field, List<EngineValues.Range>> next = new LinkedHashMap<>(prefix);
            next.put(f, merge(e.getValue()));
            split(e.getKey(), fieldIndex + 1, next, out, limit);
        }
    }

    /** Walks the variables of {@code f} from bit {@code bit} with {@code value} so far; groups value ranges by node. */
    private void values(int node, Field f, int bit, long value, Map<Integer, List<EngineValues.Range>> byRest) {
        if (node == Bdd.FALSE) {
            return;
        }
        int v = bdd.var(node);
        int first = hs.offset(f);
        if (bit == f.bits() || v >= first + f.bits()) {
            int free = f.bits() - bit;
            long lo = value << free;
            long hi = lo | ((1L << free) - 1);
            byRest.computeIfAbsent(node, k -> new ArrayList<>()).add(new EngineValues.Range(lo, hi));
            return;
        }
        if (v > first + bit && ++expanded > 4096) {
            // free bits above a tested one (a mask test): described by the whole range below them (words only)
            long lo = value << (f.bits() - bit);
            byRest.computeIfAbsent(bdd.exists(node, first, first + f.bits()), k -> new ArrayList<>())
                    .add(new EngineValues.Range(lo, lo | ((1L << (f.bits() - bit)) - 1)));
            return;
        }
        if (v > first + bit) {
            // this bit is free: both values lead to the same node
            values(node, f, bit + 1, value << 1, byRest);
            values(node, f, bit + 1, (value << 1) | 1, byRest);
            return;
        }
        values(bdd.low(node), f, bit + 1, value << 1, byRest);
        values(bdd.high(node), f, bit + 1, (value << 1) | 1, byRest);
    }

    static List<EngineValues.Range> merge(List<EngineValues.Range> rs) {
        List<EngineValues.Range> sorted = new ArrayList<>(rs);
        sorted.sort((a, b) -> Long.compare(a.lo(), b.lo()));
        List<EngineValues.Range> out = new ArrayList<>();
        for (EngineValues.Range r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).hi() + 1 >= r.lo()) {
                EngineValues.Range last = out.remove(out.size() - 1);
                out.add(new EngineValues.Range(last.lo(), Math.max(last.hi(), r.hi())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private String text(Map<Field, List<EngineValues.Range>> box) {
        List<EngineValues.Range> protos = box.getOrDefault(Field.PROTO, List.of(new EngineValues.Range(0, 255)));
        StringBuilder sb = new StringBuilder(protoText(protos));
        boolean ports = protos.stream().allMatch(r -> r.lo() == r.hi() && (r.lo() == Packet.TCP || r.lo() == Packet.UDP));
        append(sb, "from", Field.SRC, box.get(Field.SRC));
        append(sb, "to", Field.DST, box.get(Field.DST));
        if (ports) {
            append(sb, "sport", Field.SPORT, box.get(Field.SPORT));
            append(sb, "dport", Field.DPORT, box.get(Field.DPORT));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String word, Field f, List<EngineValues.Range> rs) {
        if (rs == null || (rs.size() == 1 && rs.get(0).lo() == 0 && rs.get(0).hi() == f.max())) {
            return;
        }
        List<EngineValues.Range> complement = complement(f, rs);
        String direct = values(f, rs);
        String negated = values(f, complement);
        sb.append(' ').append(word).append(' ')
                .append(negated.length() + 4 < direct.length() ? "not " + negated : direct);
    }

    /** The values of {@code f} outside sorted, disjoint {@code rs}. */
    static List<EngineValues.Range> complement(Field f, List<EngineValues.Range> rs) {
        List<EngineValues.Range> out = new ArrayList<>();
        long next = 0;
        for (EngineValues.Range r : rs) {
            if (r.lo() > next) {
                out.add(new EngineValues.Range(next, r.lo() - 1));
            }
            next = r.hi() + 1;
        }
        if (next <= f.max()) {
            out.add(new EngineValues.Range(next, f.max()));
        }
        return out;
    }

    static String values(Field f, List<EngineValues.Range> rs) {
        List<String> parts = new ArrayList<>();
        for (EngineValues.Range r : rs) {
            if (f.address()) {
                parts.addAll(prefixes(r));
            } else {
                parts.add(r.lo() == r.hi() ? Long.toString(r.lo()) : r.lo() + "-" + r.hi());
            }
        }
        if (parts.size() > 8) {
            List<String> shown = new ArrayList<>(parts.subList(0, 8));
            shown.add("... (" + (parts.size() - 8) + " more)");
            parts = shown;
        }
        return parts.size() == 1 ? parts.get(0) : "{" + String.join(",", parts) + "}";
    }

    /** A range of addresses as prefixes (ranges that need more than four as first-last). */
    private static List<String> prefixes(EngineValues.Range r) {
        List<String> out = new ArrayList<>();
        long lo = r.lo();
        while (lo <= r.hi() && out.size() <= 4) {
            int len = Field.ADDRESS_BITS;
            while (len > 0) {
                long size = 1L << (Field.ADDRESS_BITS - len + 1);
                if ((lo & (size - 1)) != 0 || lo + size - 1 > r.hi()) {
                    break;
                }
                len--;
            }
            out.add(EngineValues.addrText(lo) + (len == Field.ADDRESS_BITS ? "" : "/" + len));
            lo += 1L << (Field.ADDRESS_BITS - len);
        }
        if (lo <= r.hi()) {
            return List.of(EngineValues.addrText(r.lo()) + "-" + EngineValues.addrText(r.hi()));
        }
        return out;
    }

    private static String protoText(List<EngineValues.Range> rs) {
        List<String> names = new ArrayList<>();
        for (EngineValues.Range r : rs) {
            if (r.hi() - r.lo() > 16) {
                names.add(r.lo() + "-" + r.hi());
                continue;
            }
            for (long x = r.lo(); x <= r.hi(); x++) {
                names.add(Packet.protoName((int) x));
            }
        }
        return names.size() == 1 ? names.get(0) : "{" + String.join(",", names) + "}";
    }
}
