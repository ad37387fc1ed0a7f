package org.netwright.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.netwright.input.Json;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.NftAnonymousSet;
import org.netwright.model.NftArpAddrKind;
import org.netwright.model.NftBinop;
import org.netwright.model.NftBinopKind;
import org.netwright.model.NftConcatExpr;
import org.netwright.model.NftDynset;
import org.netwright.model.NftDynsetOp;
import org.netwright.model.NftFibExpr;
import org.netwright.model.NftFibFlag;
import org.netwright.model.NftFibResult;
import org.netwright.model.NftHashExpr;
import org.netwright.model.NftHashKind;
import org.netwright.model.NftNumgenExpr;
import org.netwright.model.NftNumgenMode;
import org.netwright.model.NftObject;
import org.netwright.model.NftObjectKind;
import org.netwright.model.NftObjectLine;
import org.netwright.model.NftSetDecl;
import org.netwright.model.NftVmap;
import org.netwright.model.NftChain;
import org.netwright.model.NftChainType;
import org.netwright.model.NftCmpOp;
import org.netwright.model.NftCounter;
import org.netwright.model.NftCtExpr;
import org.netwright.model.NftCtKey;
import org.netwright.model.NftExpr;
import org.netwright.model.NftExprValue;
import org.netwright.model.NftFamily;
import org.netwright.model.NftHook;
import org.netwright.model.NftHookSpec;
import org.netwright.model.NftListValue;
import org.netwright.model.NftLiteral;
import org.netwright.model.NftLog;
import org.netwright.model.NftMap;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftMatch;
import org.netwright.model.NftMetaExpr;
import org.netwright.model.NftMetaKey;
import org.netwright.model.NftNat;
import org.netwright.model.NftNatFlag;
import org.netwright.model.NftNatKind;
import org.netwright.model.NftPayloadExpr;
import org.netwright.model.NftPayloadField;
import org.netwright.model.NftPayloadProto;
import org.netwright.model.NftPolicy;
import org.netwright.model.NftPriority;
import org.netwright.model.NftPriorityName;
import org.netwright.model.NftReject;
import org.netwright.model.NftRejectProto;
import org.netwright.model.NftRtExpr;
import org.netwright.model.NftRtKey;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftSetFlag;
import org.netwright.model.NftSetRef;
import org.netwright.model.NftSetStatement;
import org.netwright.model.NftStatement;
import org.netwright.model.NftTable;
import org.netwright.model.NftValue;
import org.netwright.model.NftVerdict;
import org.netwright.model.NftVerdictKind;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;
import org.netwright.model.semantics.NftFacts;
import org.netwright.model.semantics.PortRange;

/**
 * Imports {@code nft -j list ruleset} (libnftables JSON schema 1) into an {@link NftRuleset}: tables,
 * base and regular chains with hook, priority, devices and policy, sets and maps, and rules built from
 * matches on payload/meta/ct/rt, set statements, verdicts, counters, log, reject, NAT and notrack.
 * <p>
 * A rule with an expression the model cannot express is kept whole as an <em>opaque</em> rule: no
 * statements (so it neither matches nor decides anything in the engine) and the comment
 * {@value #OPAQUE_PREFIX} followed by the rule's raw JSON; a warning names the expression. Rules written
 * by iptables-nft contain xtables-compat ({@code xt}) expressions; their tables are listed in
 * {@link Result#xtablesTables()}, and the caller can ask for such tables to be skipped when the same
 * rules are imported from iptables-save.
 */
public final class NftJsonImporter {

    /** Comment prefix of a rule kept opaque; the raw JSON of its expressions follows. */
    public static final String OPAQUE_PREFIX = "netwright: opaque nft rule, not understood: ";

    /**
     * @param xtablesTables tables ("ip filter") holding iptables-nft (xtables-compat) rules
     * @param skippedTables tables left out because the caller imports them from iptables-save
     */
    public record Result(NftRuleset ruleset, Set<String> xtablesTables, Set<String> skippedTables, int opaqueRules,
            List<ImportProblem> problems) {
    }

    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Json.Value where;
        final boolean xt;

        Unsupported(String message, Json.Value where) {
            this(message, where, false);
        }

        Unsupported(String message, Json.Value where, boolean xt) {
            super(message);
            this.where = where;
            this.xt = xt;
        }
    }

    private String file;
    private ConfigContainer ns;
    private List<ImportProblem> problems;
    private final Map<String, NftTable> tables = new LinkedHashMap<>();
    private final Map<String, NftChain> chains = new LinkedHashMap<>();
    private final Map<String, NftSet> sets = new LinkedHashMap<>();
    private final Map<String, NftMap> maps = new LinkedHashMap<>();
    private final Set<String> xtTables = new LinkedHashSet<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private int opaque;
    /** Map elements with verdicts: read once every chain is known (nft -j lists maps before chains). */
    private final List<Runnable> deferred = new ArrayList<>();
    private NftTextDevices.Listing listing = NftTextDevices.Listing.NONE;

    /** Imports without namespace (chain devices stay unresolved). */
    public Result parse(String file, String text) {
        return importInto(null, file, text, Set.of());
    }

    /**
     * @param ns namespace whose interfaces chain devices refer to; the ruleset is added to it when not null
     * @param skipIpTables names of {@code ip}-family tables (filter, nat, ...) not to import from nft because
     *        iptables-save has them, and "ip6 NAME" for {@code ip6} tables ip6tables-save has
     */
    public Result importInto(ConfigContainer ns, String file, String text, Set<String> skipIpTables) {
        return importInto(ns, file, text, skipIpTables, Map.of());
    }

    /**
     * @param chainDevices devices of base chains ("family table chain" to names, {@link NftTextDevices}) for chains whose
     *        JSON names none: nft -j of nftables 1.0.x leaves them out
     */
    public Result importInto(ConfigContainer ns, String file, String text, Set<String> skipIpTables, Map<String, List<String>> chainDevices) {
        return importInto(ns, file, text, skipIpTables, new NftTextDevices.Listing(chainDevices, Map.of(), Set.of(), Set.of(), Set.of()));
    }

    /** @param listing what the text listing ({@code nft list ruleset}) adds to the JSON: {@link NftTextDevices#read} */
    public Result importInto(ConfigContainer ns, String file, String text, Set<String> skipIpTables, NftTextDevices.Listing listing) {
        this.listing = listing;
        this.file = file;
        this.ns = ns;
        this.problems = new ArrayList<>();
        NftRuleset ruleset = NsModel.F.createNftRuleset();
        Json.Value doc = NsModel.load(file, text, problems);
        List<Json.Value> items = List.of();
        if (doc != null) {
            Json.Value list = doc.get("nftables");
            if (list == null || !list.isArray()) {
                problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, doc,
                        "expected an object {\"nftables\": [...]} (output of nft -j list ruleset)"));
            } else {
                items = list.items();
            }
        }
        List<Json.Value> rules = new ArrayList<>();
        for (Json.Value item : items) {
            if (NsModel.skipIncomplete(file, item, problems)) {
                continue;
            }
            String kind = item.singleKey();
            Json.Value body = kind == null ? null : item.get(kind);
            if (kind == null || !body.isObject()) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, item, "expected one object such as {\"table\": {...}}; skipped"));
                continue;
            }
            if (!"metainfo".equals(kind) && body.has("table") || "table".equals(kind)) {
                String tableName = "table".equals(kind) ? body.str("name") : body.str("table");
                if (tableName == null || body.str("family") == null) {
                    problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, item,
                            "a " + kind + " needs its family and " + ("table".equals(kind) ? "name" : "table") + " as strings; not imported"));
                    continue;
                }
                String key = body.str("family") + " " + tableName;
                if ("ip".equals(body.str("family")) && skipIpTables.contains(tableName)
                        || "ip6".equals(body.str("family")) && skipIpTables.contains("ip6 " + tableName)) {
                    skipped.add(key);
                    continue;
                }
            }
            switch (kind) {
                case "metainfo" -> { }
                case "table" -> table(ruleset, body);
                case "chain" -> chain(body);
                case "set" -> set(body, false);
                case "map" -> set(body, true);
                case "rule" -> rules.add(body);
                case "counter", "quota", "limit", "ct helper", "ct expectation", "ct timeout", "synproxy", "secmark", "flowtable" ->
                    object(kind, body, item);
                default -> problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, item,
                        "nft object '" + kind + "' is not modelled; not imported: " + body.compact()));
            }
        }
        deferred.forEach(Runnable::run);
        for (Json.Value r : rules) {
            rule(r);
        }
        if (ns != null && !ruleset.getTables().isEmpty()) {
            ns.getNftRulesets().add(ruleset);
        }
        return new Result(ruleset, xtTables, skipped, opaque, problems);
    }

    /**
     * Which {@code ip} tables of a dump iptables-nft owns (each with the number of its rules iptables-nft did not write),
     * and which are native.
     * iptables-nft gives every rule a counter and writes xtables-compat ({@code xt}) expressions for what nft has no
     * native form of; it never creates sets or maps. So a table with an xt expression is iptables-nft's (nft itself says
     * "managed by iptables-nft"); one without xt but with a rule that has no counter, or with a set or map, is native:
     * iptables-nft-save still prints it, but through a lossy translation (it prints {@code tcp dport { 22, 80 } accept} as
     * {@code -p tcp -j ACCEPT}, {@code ip saddr @blocked drop} as {@code -j DROP}, and leaves out what it cannot parse).
     * A table with neither (built-in chains and counted rules only) reads the same either way and counts as iptables-nft's.
     */
    public record IptablesNftTables(Map<String, Integer> owned, Set<String> nativeTables) {
    }

    public static IptablesNftTables iptablesNftTables(String json) {
        Map<String, Integer> foreign = new LinkedHashMap<>();
        Set<String> xt = new LinkedHashSet<>();
        Set<String> all = new LinkedHashSet<>();
        Set<String> withSets = new LinkedHashSet<>();
        Json.Value doc;
        try {
            doc = Json.parse(json);
        } catch (Json.ParseException e) {
            return new IptablesNftTables(Map.of(), Set.of());
        }
        Json.Value items = doc == null ? null : doc.get("nftables");
        for (Json.Value item : items == null || !items.isArray() ? List.<Json.Value>of() : items.items()) {
            String kind = item.isObject() ? item.singleKey() : null;
            Json.Value body = kind == null ? null : item.get(kind);
            if (body == null || !body.isObject() || !"ip".equals(body.str("family"))) {
                continue;
            }
            switch (kind) {
                case "table" -> all.add(body.str("name"));
                case "set", "map", "counter", "quota", "limit", "ct helper", "ct expectation", "ct timeout", "synproxy", "secmark",
                        "flowtable" -> withSets.add(body.str("table"));
                case "rule" -> {
                    boolean hasXt = false;
                    boolean counter = false;
                    for (Json.Value e : body.get("expr") == null ? List.<Json.Value>of() : body.get("expr").items()) {
                        hasXt |= e.isObject() && e.has("xt");
                        counter |= e.isObject() && e.has("counter");
                    }
                    if (hasXt) {
                        xt.add(body.str("table"));
                    } else if (!counter) {
                        foreign.merge(body.str("table"), 1, Integer::sum);
                    }
                }
                default -> { }
            }
        }
        Map<String, Integer> owned = new LinkedHashMap<>();
        Set<String> nativeTables = new LinkedHashSet<>();
        for (String t : all) {
            if (xt.contains(t) || !foreign.containsKey(t) && !withSets.contains(t)) {
                owned.put(t, foreign.getOrDefault(t, 0));
            } else {
                nativeTables.add(t);
            }
        }
        return new IptablesNftTables(owned, nativeTables);
    }

    private static String key(String family, String table) {
        return family + " " + table;
    }

    private void table(NftRuleset ruleset, Json.Value t) {
        NftFamily family = NftFamily.get(String.valueOf(t.str("family")));
        if (family == null) {
            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, t, "unknown table family '" + t.str("family") + "'; table not imported"));
            return;
        }
        NftTable table = NsModel.F.createNftTable();
        table.setName(t.str("name"));
        table.setFamily(family);
        ruleset.getTables().add(table);
        tables.put(key(t.str("family"), t.str("name")), table);
        table.setComment(t.str("comment") != null ? t.str("comment") : listing.comments().get(key(t.str("family"), t.str("name"))));
        if (t.has("flags")) {
            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, t.get("flags"), "table flags are not modelled: " + t.get("flags").compact()));
        }
    }

    private NftTable tableOf(Json.Value o) {
        NftTable t = tables.get(key(o.str("family"), o.str("table")));
        if (t == null) {
            problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, o,
                    "refers to table " + key(o.str("family"), o.str("table")) + " which is not declared before it; not imported"));
        }
        return t;
    }

    private void chain(Json.Value c) {
        NftTable table = tableOf(c);
        if (table == null) {
            return;
        }
        NftChain chain = NsModel.F.createNftChain();
        chain.setName(c.str("name"));
        String chainKey = key(c.str("family"), c.str("table")) + " " + c.str("name");
        chain.setComment(c.str("comment") != null ? c.str("comment") : listing.comments().get(chainKey));
        table.getChains().add(chain);
        chains.put(key(c.str("family"), c.str("table")) + " " + c.str("name"), chain);
        if (c.has("hook")) {
            NftHookSpec spec = NsModel.F.createNftHookSpec();
            NftChainType type = NftChainType.get(String.valueOf(c.str("type")));
            NftHook hook = NftHook.get(String.valueOf(c.str("hook")));
            if (type == null || hook == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, c,
                        "chain " + c.str("name") + ": type '" + c.str("type") + "' / hook '" + c.str("hook") + "' not modelled; imported as a regular chain"));
            } else {
                spec.setType(type);
                spec.setHook(hook);
                Long prio = c.longOf("prio");
                spec.setPriority(priority(table.getFamily(), hook, prio == null ? 0 : prio.intValue()));
                Json.Value dev = c.get("dev");
                List<String> devs = new ArrayList<>();
                (dev == null ? List.<Json.Value>of() : dev.isArray() ? dev.items() : List.of(dev)).forEach(d -> devs.add(d.text()));
                if (devs.isEmpty()) {
                    devs.addAll(listing.devices().getOrDefault(c.str("family") + " " + c.str("table") + " " + c.str("name"), List.of()));
                }
                for (String d : devs) {
                    Interface i = NsModel.iface(ns, d);
                    if (i == null) {
                        problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, dev == null ? c : dev,
                                "chain " + c.str("name") + " is bound to device " + d + " which is not in this namespace's link dump"));
                    } else {
                        spec.getDevices().add(i);
                    }
                }
                if (devs.isEmpty() && (hook == NftHook.INGRESS || hook == NftHook.EGRESS)) {
                    problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, c,
                            "chain " + c.str("name") + " hooks " + hook.getLiteral() + " but the dump names no device"
                                    + " (nft -j of nftables 1.0.x omits them; a snapshot's nft.txt, the text listing, supplies them)"));
                }
                chain.setHook(spec);
                NftPolicy policy = c.has("policy") ? NftPolicy.get(c.str("policy")) : NftPolicy.UNSPECIFIED;
                chain.setPolicy(policy == null ? NftPolicy.UNSPECIFIED : policy);
            }
        }
    }

    /** nft prints the numeric priority; use the standard name when nft accepts one for it here. */
    static NftPriority priority(NftFamily family, NftHook hook, int value) {
        NftPriority p = NsModel.F.createNftPriority();
        NftPriorityName name = NftFacts.priorityName(family, hook, value);
        p.setKeyword(name);
        p.setValue(name == NftPriorityName.NUMERIC ? value : 0);
        return p;
    }

    private void set(Json.Value s, boolean isMap) {
        NftTable table = tableOf(s);
        if (table == null) {
            return;
        }
        String name = s.str("name");
        String tkey = key(s.str("family"), s.str("table")) + " " + name;
        Json.Value elems = s.get("elem");
        NftSetDecl decl;
        if (isMap) {
            NftMap map = NsModel.F.createNftMap();
            map.getKeyTypes().addAll(dataTypes(s, "type", name));
            map.getValueTypes().addAll(dataTypes(s, "map", name));
            decl = map;
            table.getMaps().add(map);
            maps.put(tkey, map);
            if (elems != null) {
                // verdicts name chains, which nft -j lists after the maps
                deferred.add(() -> {
                    for (Json.Value e : elems.items()) {
                        try {
                            map.getElements().add(mapElement(e, tkey.substring(0, tkey.lastIndexOf(' '))));
                        } catch (Unsupported u) {
                            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, u.where, "map " + name + ": element not imported: " + u.getMessage()));
                        }
                    }
                });
            }
        } else {
            NftSet set = NsModel.F.createNftSet();
            set.getTypes().addAll(dataTypes(s, "type", name));
            decl = set;
            if (elems != null) {
                for (Json.Value e : elems.items()) {
                    try {
                        set.getElements().add(element(e));
                    } catch (Unsupported u) {
                        problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, u.where, "set " + name + ": element not imported: " + u.getMessage()));
                    }
                }
            }
            table.getSets().add(set);
            sets.put(tkey, set);
        }
        decl.setName(name);
        Json.Value f = s.get("flags");
        for (Json.Value fv : f == null ? List.<Json.Value>of() : f.isArray() ? f.items() : List.of(f)) {
            NftSetFlag flag = NftSetFlag.get(String.valueOf(fv.text()));
            if (flag == null) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, fv, "set flag '" + fv.text() + "' of " + name + " is not modelled; not imported"));
            } else {
                decl.getFlags().add(flag);
            }
        }
        declOptions(s, decl, name);
        // nft -j of 1.0.x leaves these out; the text listing has them
        decl.setAutoMerge(decl.isAutoMerge() || listing.autoMerge().contains(tkey));
        if (listing.dynamic().contains(tkey) && !decl.getFlags().contains(NftSetFlag.DYNAMIC)) {
            decl.getFlags().add(NftSetFlag.DYNAMIC);
        }
        if (decl.getComment() == null) {
            decl.setComment(listing.comments().get(tkey));
        }
        if (listing.typeof().contains(tkey)) {
            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, s, "set/map " + name
                    + " is declared with typeof (nft.txt); nft -j gives only its data type, which is imported instead"));
        }
    }

    /** Size, policy, timeouts, auto-merge, counter and comment of a set or map; anything else is reported. */
    private void declOptions(Json.Value s, NftSetDecl decl, String name) {
        Long size = s.longOf("size");
        if (size != null) {
            decl.setSize(size.intValue());
        }
        decl.setPolicy(s.str("policy"));
        Long timeout = s.longOf("timeout");
        if (timeout != null) {
            decl.setTimeout(time(timeout));
        }
        Long gc = s.longOf("gc-interval");
        if (gc != null) {
            decl.setGcInterval(time(gc));
        }
        decl.setComment(s.str("comment"));
        Json.Value merge = s.get("auto-merge");
        decl.setAutoMerge(merge != null && merge.bool());
        Json.Value stmts = s.get("stmt");
        for (Json.Value st : stmts == null ? List.<Json.Value>of() : stmts.items()) {
            if ("counter".equals(st.singleKey())) {
                decl.setCounter(true);
            } else {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, st,
                        "set/map " + name + ": statement " + st.compact() + " for its elements is not modelled; not imported"));
            }
        }
        for (String key : s.members().keySet()) {
            if (!Set.of("family", "name", "table", "handle", "type", "map", "flags", "elem", "size", "policy", "timeout", "gc-interval",
                    "comment", "auto-merge", "stmt").contains(key)) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, s.get(key),
                        "set/map " + name + ": '" + key + "' is not modelled; not imported"));
            }
        }
    }

    /** Seconds as nft prints a time: 3h, 1d2h, 10m30s. */
    static String time(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long[] units = { 86400, 3600, 60, 1 };
        String[] names = { "d", "h", "m", "s" };
        long rest = seconds;
        for (int i = 0; i < units.length; i++) {
            if (rest >= units[i]) {
                b.append(rest / units[i]).append(names[i]);
                rest %= units[i];
            }
        }
        return b.toString();
    }

    /** A data type name, or several for a concatenation, kept as nft names them. */
    private List<String> dataTypes(Json.Value s, String key, String name) {
        Json.Value t = s.get(key);
        List<String> out = new ArrayList<>();
        for (Json.Value x : t == null ? List.<Json.Value>of() : t.isArray() ? t.items() : List.of(t)) {
            if (x.isString()) {
                // a concatenated map value is one string: "ipv4_addr . inet_service"
                out.addAll(List.of(x.text().split(" \\. ")));
            } else {
                out.clear();
                break;
            }
        }
        if (out.isEmpty()) {
            problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, t == null ? s : t,
                    "set/map " + name + ": data type " + (t == null ? "missing" : t.compact()) + " cannot be read; the set cannot be exported"));
        }
        return out;
    }

    /** A set element: value (a concatenation too) with its timeout, expiry, counter and comment. */
    private NftLiteral element(Json.Value e) throws Unsupported {
        if (e.isObject() && e.has("elem") && e.get("elem").isObject()) {
            Json.Value el = e.get("elem");
            NftLiteral l = literal(el.get("val"), null);
            Long timeout = el.longOf("timeout");
            if (timeout != null) {
                l.setTimeout(time(timeout));
            }
            Long expires = el.longOf("expires");
            if (expires != null) {
                l.setExpires(time(expires));
            }
            l.setComment(el.str("comment"));
            Json.Value counter = el.get("counter");
            if (counter != null && counter.isObject()) {
                NftCounter c = NsModel.F.createNftCounter();
                c.setPackets(counter.longOf("packets") == null ? 0 : counter.longOf("packets"));
                c.setBytes(counter.longOf("bytes") == null ? 0 : counter.longOf("bytes"));
                l.setCounter(c);
            }
            for (String key : el.members().keySet()) {
                if (!Set.of("val", "timeout", "expires", "comment", "counter").contains(key)) {
                    throw new Unsupported("element option '" + key + "'", el);
                }
            }
            return l;
        }
        return literal(e, null);
    }

    private NftMapElement mapElement(Json.Value e, String tkey) throws Unsupported {
        if (!e.isArray() || e.items().size() != 2) {
            throw new Unsupported("expected [key, value]: " + e.compact(), e);
        }
        NftMapElement me = NsModel.F.createNftMapElement();
        me.setKey(element(e.items().get(0)));
        Json.Value v = e.items().get(1);
        if (v.isObject() && v.singleKey() != null && verdictKind(v.singleKey()) != null) {
            me.setVerdict((NftVerdict) statement(v, tkey));
        } else {
            me.setValue(literal(v, null));
        }
        return me;
    }

    /** A named stateful object or flowtable, kept as the lines nft lists for its body. */
    private void object(String kind, Json.Value o, Json.Value item) {
        NftTable table = tableOf(o);
        if (table == null) {
            return;
        }
        NftObject obj = NsModel.F.createNftObject();
        obj.setName(o.str("name"));
        obj.setKind(NftObjectKind.get(kind));
        List<String> lines = new ArrayList<>();
        Set<String> known = new java.util.HashSet<>(Set.of("family", "name", "table", "handle"));
        switch (kind) {
            case "counter" -> {
                lines.add("packets " + num(o, "packets") + " bytes " + num(o, "bytes"));
                known.addAll(Set.of("packets", "bytes"));
            }
            case "quota" -> {
                Json.Value inv = o.get("inv");
                Long used = o.longOf("used");
                lines.add((inv != null && inv.bool() ? "over " : "") + bytes(o.longOf("bytes")) + (used == null || used == 0 ? "" : " used " + bytes(used)));
                known.addAll(Set.of("bytes", "used", "inv"));
            }
            case "ct helper" -> {
                lines.add("type \"" + o.str("type") + "\" protocol " + o.str("protocol"));
                lines.add("l3proto " + o.str("l3proto"));
                known.addAll(Set.of("type", "protocol", "l3proto"));
            }
            case "synproxy" -> {
                lines.add("mss " + num(o, "mss"));
                lines.add("wscale " + num(o, "wscale"));
                Json.Value fl = o.get("flags");
                List<String> flags = new ArrayList<>();
                for (Json.Value x : fl == null ? List.<Json.Value>of() : fl.isArray() ? fl.items() : List.of(fl)) {
                    flags.add(x.text());
                }
                if (!flags.isEmpty()) {
                    lines.add(String.join(" ", flags));
                }
                known.addAll(Set.of("mss", "wscale", "flags"));
            }
            default -> {
                // limit, ct expectation, ct timeout, secmark, flowtable: their units and defaults are not modelled
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, item,
                        "nft " + kind + " " + o.str("name") + " is not modelled; not imported: " + o.compact()));
                return;
            }
        }
        for (String key : o.members().keySet()) {
            if (!known.contains(key)) {
                problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, o.get(key),
                        "nft " + kind + " " + o.str("name") + ": '" + key + "' is not modelled; not imported"));
            }
        }
        for (String line : lines) {
            NftObjectLine l = NsModel.F.createNftObjectLine();
            for (String w : line.split(" ")) {
                l.getWords().add(w);
            }
            obj.getLines().add(l);
        }
        table.getObjects().add(obj);
    }

    private static String num(Json.Value o, String key) {
        Long v = o.longOf(key);
        return v == null ? "0" : v.toString();
    }

    /** Bytes as nft prints a quota: the largest of bytes, kbytes, mbytes, gbytes that divides it. */
    static String bytes(Long value) {
        long v = value == null ? 0 : value;
        String[] units = { "bytes", "kbytes", "mbytes", "gbytes" };
        int u = 0;
        while (v != 0 && v % 1024 == 0 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v + " " + units[u];
    }

    private void rule(Json.Value r) {
        NftTable table = tableOf(r);
        if (table == null) {
            return;
        }
        String tkey = key(r.str("family"), r.str("table"));
        NftChain chain = chains.get(tkey + " " + r.str("chain"));
        if (chain == null) {
            problems.add(ImportProblem.at(ImportProblem.Severity.ERROR, file, r, "rule of chain " + r.str("chain") + " which is not declared; not imported"));
            return;
        }
        NftRule rule = NsModel.F.createNftRule();
        String comment = r.str("comment");
        Json.Value expr = r.get("expr");
        try {
            if (expr == null || !expr.isArray()) {
                throw new Unsupported("rule without an expr array", r);
            }
            List<NftStatement> statements = new ArrayList<>();
            Unsupported firstXt = null;
            for (Json.Value e : expr.items()) {
                try {
                    statements.add(statement(e, tkey));
                } catch (Unsupported u) {
                    if (!u.xt) {
                        throw u;
                    }
                    firstXt = firstXt == null ? u : firstXt;
                }
            }
            if (firstXt != null) {
                xtTables.add(tkey);
                throw firstXt;
            }
            rule.getStatements().addAll(statements);
            rule.setComment(comment);
        } catch (Unsupported u) {
            opaque++;
            rule.getStatements().clear();
            rule.setComment(OPAQUE_PREFIX + (expr == null ? r.compact() : expr.compact()) + (comment == null ? "" : " comment: " + comment));
            problems.add(ImportProblem.at(ImportProblem.Severity.WARNING, file, u.where == null ? r : u.where,
                    "rule in chain " + tkey + " " + chain.getName() + " kept opaque (no effect in the engine): " + u.getMessage()));
        }
        chain.getRules().add(rule);
    }

    /**
     * Whether a reject's type and code are what a plain {@code reject} means in the table's family: icmp
     * port-unreachable in ip, icmpv6 in ip6, icmpx in inet (nft -j spells the default out; nft list does not).
     */
    private static boolean isDefaultReject(String type, String code, String tableKey) {
        if (!"port-unreachable".equals(code) || type == null) {
            return false;
        }
        String family = tableKey.substring(0, tableKey.indexOf(' ') < 0 ? tableKey.length() : tableKey.indexOf(' '));
        return switch (family) {
            case "ip" -> type.equals("icmp");
            case "ip6" -> type.equals("icmpv6");
            case "inet" -> type.equals("icmpx");
            default -> false;
        };
    }

    private static NftVerdictKind verdictKind(String k) {
        return switch (k) {
            case "accept", "drop", "continue", "return", "jump", "goto", "queue" -> NftVerdictKind.get(k);
            default -> null;
        };
    }

    private NftStatement statement(Json.Value e, String tkey) throws Unsupported {
        String k = e.singleKey();
        if (k == null) {
            throw new Unsupported("expected a one-member object, found " + e.compact(), e);
        }
        Json.Value b = e.get(k);
        switch (k) {
            case "match": {
                NftMatch m = NsModel.F.createNftMatch();
                Json.Value left = b.get("left");
                if (left != null && left.isObject() && left.has("&")) {
                    Json.Value and = left.get("&");
                    if (!and.isArray() || and.items().size() != 2) {
                        throw new Unsupported("bitwise expression " + left.compact(), left);
                    }
                    m.setLeft(expr(and.items().get(0)));
                    m.setMask(mask(and.items().get(1), m.getLeft()));
                } else {
                    m.setLeft(expr(left));
                }
                String op = String.valueOf(b.str("op"));
                // on flags "==" means exactly these (tcp flags == syn), the implicit form any of them (tcp flags syn)
                boolean flags = m.getLeft() instanceof NftPayloadExpr p && p.getField() == NftPayloadField.FLAGS
                        || m.getLeft() instanceof NftCtExpr c && (c.getKey() == NftCtKey.STATE || c.getKey() == NftCtKey.STATUS);
                m.setOp(switch (op) {
                    case "==" -> flags ? NftCmpOp.EQ : NftCmpOp.IMPLICIT;
                    case "in" -> NftCmpOp.IMPLICIT;
                    case "!=" -> NftCmpOp.NE;
                    case "<" -> NftCmpOp.LT;
                    case ">" -> NftCmpOp.GT;
                    case "<=" -> NftCmpOp.LE;
                    case ">=" -> NftCmpOp.GE;
                    default -> throw new Unsupported("match operator '" + op + "'", b);
                });
                m.setRight(value(b.get("right"), m.getLeft(), tkey));
                return m;
            }
            case "accept", "drop", "continue", "return": {
                NftVerdict v = NsModel.F.createNftVerdict();
                v.setKind(NftVerdictKind.get(k));
                return v;
            }
            case "jump", "goto": {
                NftVerdict v = NsModel.F.createNftVerdict();
                v.setKind(NftVerdictKind.get(k));
                NftChain target = chains.get(tkey + " " + b.str("target"));
                if (target == null) {
                    throw new Unsupported(k + " to undeclared chain " + b.str("target"), e);
                }
                v.setChain(target);
                return v;
            }
            case "queue": {
                NftVerdict v = NsModel.F.createNftVerdict();
                v.setKind(NftVerdictKind.QUEUE);
                Long num = b.isObject() ? b.longOf("num") : null;
                if (b.isObject() && (b.has("flags") || (b.has("num") && num == null))) {
                    throw new Unsupported("queue with flags or a queue range", e);
                }
                if (num != null) {
                    v.setQueueNum(num.intValue());
                }
                return v;
            }
            case "counter": {
                if (!b.isObject() && !b.isNull()) {
                    throw new Unsupported("named counter reference " + b.compact(), e);
                }
                NftCounter c = NsModel.F.createNftCounter();
                if (b.isObject() && !Set.of("packets", "bytes").containsAll(b.members().keySet())) {
                    throw new Unsupported("counter " + b.compact(), e);
                }
                if (b.isObject()) {
                    Long p = b.longOf("packets");
                    Long by = b.longOf("bytes");
                    c.setPackets(p == null ? 0 : p);
                    c.setBytes(by == null ? 0 : by);
                }
                return c;
            }
            case "log": {
                NftLog l = NsModel.F.createNftLog();
                if (b.isObject()) {
                    for (String key : b.members().keySet()) {
                        if (!Set.of("prefix", "level", "group").contains(key)) {
                            throw new Unsupported("log option '" + key + "'", e);
                        }
                    }
                    l.setPrefix(b.str("prefix"));
                    l.setLevel(b.str("level"));
                    Long g = b.longOf("group");
                    if (g != null) {
                        l.setGroup(g.intValue());
                    }
                }
                return l;
            }
            case "reject": {
                NftReject rj = NsModel.F.createNftReject();
                rj.setWithProto(NftRejectProto.NONE);
                if (b.isObject()) {
                    String type = b.str("type");
                    if (type != null) {
                        rj.setWithProto(switch (type) {
                            case "tcp reset" -> NftRejectProto.TCP;
                            case "icmp" -> NftRejectProto.ICMP;
                            case "icmpx" -> NftRejectProto.ICMPX;
                            case "icmpv6" -> NftRejectProto.ICMPV6;
                            default -> throw new Unsupported("reject type '" + type + "'", e);
                        });
                    }
                    rj.setWithType(b.str("expr"));
                    if (isDefaultReject(type, b.str("expr"), tkey)) {
                        // the family's default reject: nft lists it as a plain "reject" and so does the language
                        rj.setWithProto(NftRejectProto.NONE);
                        rj.setWithType(null);
                    }
                }
                return rj;
            }
            case "snat", "dnat", "masquerade", "redirect":
                return nat(k, b, e, tkey);
            case "notrack":
                return NsModel.F.createNftNotrack();
            case "vmap": {
                NftVmap v = NsModel.F.createNftVmap();
                v.setKey(expr(b.get("key")));
                v.setMap(mapData(b.get("data"), tkey, v.getElements(), "vmap data", e));
                return v;
            }
            case "set": {
                NftDynset d = NsModel.F.createNftDynset();
                NftDynsetOp op = NftDynsetOp.get(String.valueOf(b.str("op")));
                String ref = b.str("set");
                NftSet target = ref != null && ref.startsWith("@") ? sets.get(tkey + " " + ref.substring(1)) : null;
                if (op == null || target == null) {
                    throw new Unsupported("set statement " + b.compact(), e);
                }
                d.setOp(op);
                d.setSet(target);
                // the kernel makes a set updated from the packet path dynamic; nft -j of nftables 1.0.x does not list that flag
                if (!target.getFlags().contains(NftSetFlag.DYNAMIC)) {
                    target.getFlags().add(0, NftSetFlag.DYNAMIC);
                }
                Json.Value elem = b.get("elem");
                if (elem != null && elem.isObject() && elem.has("elem")) {
                    Json.Value el = elem.get("elem");
                    Long t = el.longOf("timeout");
                    if (t != null) {
                        d.setTimeout(time(t));
                    }
                    for (String key : el.members().keySet()) {
                        if (!Set.of("val", "timeout").contains(key)) throw new Unsupported("set statement option '" + key + "'", el);
                    }
                    elem = el.get("val");
                }
                d.setKey(expr(elem));
                for (String key : b.members().keySet()) {
                    if (!Set.of("op", "set", "elem").contains(key)) throw new Unsupported("set statement option '" + key + "'", b);
                }
                return d;
            }
            case "mangle": {
                NftSetStatement s = NsModel.F.createNftSetStatement();
                s.setTarget(expr(b.get("key")));
                Json.Value val = b.get("value");
                if (val != null && val.isObject() && val.singleKey() != null && !val.has("set") && !val.has("range") && !val.has("prefix")
                        && !val.has("concat")) {
                    s.setValue(exprValue(val));
                } else {
                    s.setValue(value(val, s.getTarget(), tkey));
                }
                return s;
            }
            case "xt": {
                String type = b.isObject() ? b.str("type") : null;
                String name = b.isObject() ? b.str("name") : null;
                throw new Unsupported("iptables-nft (xtables-compat) " + (type == null ? "expression" : type)
                        + (name == null ? "" : " '" + name + "'") + ": import iptables-save output for this table", e, true);
            }
            default:
                throw new Unsupported("statement '" + k + "' is not modelled: " + e.compact(), e);
        }
    }

    private NftNat nat(String k, Json.Value b, Json.Value e, String tkey) throws Unsupported {
        NftNat n = NsModel.F.createNftNat();
        n.setKind(NftNatKind.get(k));
        if (b == null || b.isNull()) {
            return n;
        }
        for (String key : b.members().keySet()) {
            if (!Set.of("addr", "port", "family", "flags").contains(key)) {
                throw new Unsupported(k + " option '" + key + "'", e);
            }
        }
        if (b.has("family")) {
            NftFamily f = NftFamily.get(b.str("family"));
            if (f == null) {
                throw new Unsupported(k + " family " + b.str("family"), e);
            }
            n.setAddressFamily(f);
        }
        Json.Value addr = b.get("addr");
        if (addr != null) {
            if (addr.isString()) {
                n.setAddress(natAddress(IpPrefix.tryParse(addr.text()), k, addr));
            } else if (addr.isObject() && addr.has("range")) {
                List<Json.Value> r = addr.get("range").items();
                if (r.size() != 2) throw new Unsupported("address range " + addr.compact(), addr);
                n.setAddress(natAddress(IpPrefix.tryParse(r.get(0).text()), k, addr));
                IpAddress end = IpAddress.tryParse(r.get(1).text());
                if (end == null) {
                    throw new Unsupported(k + " address range " + addr.compact(), addr);
                }
                n.setAddressEnd(end);
            } else if (addr.isObject() && addr.has("map")) {
                Json.Value map = addr.get("map");
                n.setMapKey(expr(map.get("key")));
                n.setMap(mapData(map.get("data"), tkey, n.getInlineMap(), k + " address map " + addr.compact(), addr));
            } else {
                throw new Unsupported(k + " address " + addr.compact(), addr);
            }
        }
        Json.Value port = b.get("port");
        if (port != null) {
            if (port.isNumber()) {
                n.setPorts(PortRange.of(port.asLong().intValue()));
            } else if (port.isObject() && port.has("range") && port.get("range").items().size() == 2) {
                Long a = port.get("range").items().get(0).asLong();
                Long z = port.get("range").items().get(1).asLong();
                if (a == null || z == null) throw new Unsupported(k + " port range " + port.compact(), port);
                n.setPorts(PortRange.of(a.intValue(), z.intValue()));
            } else {
                throw new Unsupported(k + " port " + port.compact(), port);
            }
        }
        Json.Value flags = b.get("flags");
        if (flags != null) {
            for (Json.Value f : flags.isArray() ? flags.items() : List.of(flags)) {
                NftNatFlag flag = NftNatFlag.get(String.valueOf(f.text()).replace('-', '_'));
                if (flag == null) throw new Unsupported(k + " flag '" + f.text() + "'", f);
                n.getFlags().add(flag);
            }
        }
        return n;
    }

    /** The data of a map lookup: "@name" (returned), or an anonymous map whose elements go to {@code inline} (null returned). */
    private NftMap mapData(Json.Value data, String tkey, List<NftMapElement> inline, String what, Json.Value where) throws Unsupported {
        if (data != null && data.isString() && data.text().startsWith("@")) {
            NftMap m = maps.get(tkey + " " + data.text().substring(1));
            if (m == null) throw new Unsupported("map " + data.text() + " is not declared", data);
            return m;
        }
        if (data != null && data.isObject() && data.has("set")) {
            for (Json.Value el : data.get("set").items()) {
                inline.add(mapElement(el, tkey));
            }
            return null;
        }
        throw new Unsupported(what, where);
    }

    /** An expression value, with the bitwise operations nft applies to it ({"|": [{"&": [meta mark, 0xff00]}, 0x4000]}). */
    private NftExprValue exprValue(Json.Value v) throws Unsupported {
        NftExprValue ev = NsModel.F.createNftExprValue();
        List<NftBinop> ops = new ArrayList<>();
        Json.Value cur = v;
        for (int depth = 0; cur != null && cur.isObject() && binop(cur.singleKey()) != null; depth++) {
            List<Json.Value> args = cur.get(cur.singleKey()).items();
            if (args.size() != 2 || depth > 16) throw new Unsupported("bitwise expression " + cur.compact(), cur);
            NftBinop op = NsModel.F.createNftBinop();
            op.setOp(binop(cur.singleKey()));
            Json.Value arg = args.get(1);
            if (!(arg.isNumber() || arg.isString())) throw new Unsupported("bitwise operand " + arg.compact(), arg);
            op.setOperand(arg.isNumber() ? "0x" + String.format("%08x", arg.asLong()) : arg.text());
            ops.add(0, op);
            cur = args.get(0);
        }
        ev.setExpr(expr(cur));
        ev.getOps().addAll(ops);
        return ev;
    }

    private static NftBinopKind binop(String k) {
        return k == null ? null : switch (k) {
            case "&" -> NftBinopKind.AND;
            case "|" -> NftBinopKind.OR;
            case "^" -> NftBinopKind.XOR;
            case "<<" -> NftBinopKind.LSHIFT;
            case ">>" -> NftBinopKind.RSHIFT;
            default -> null;
        };
    }

    private static IpPrefix natAddress(IpPrefix address, String kind, Json.Value at) throws Unsupported {
        if (address == null || address.isAny()) {
            throw new Unsupported(kind + " address " + at.compact(), at);
        }
        return address;
    }

    private NftExpr expr(Json.Value v) throws Unsupported {
        if (v == null || !v.isObject() || v.singleKey() == null) {
            throw new Unsupported("expression " + (v == null ? "missing" : v.compact()), v);
        }
        String k = v.singleKey();
        Json.Value b = v.get(k);
        switch (k) {
            case "payload": {
                if (!b.has("protocol")) throw new Unsupported("raw payload expression " + b.compact(), v);
                NftPayloadProto proto = NftPayloadProto.get(String.valueOf(b.str("protocol")));
                String field = String.valueOf(b.str("field"));
                NftArpAddrKind sub = NftArpAddrKind.NONE;
                int sp = field.indexOf(' ');
                if (sp > 0) {
                    sub = NftArpAddrKind.get(field.substring(sp + 1));
                    field = field.substring(0, sp);
                }
                NftPayloadField f = NftPayloadField.get(field);
                if (proto == null || f == null || sub == null) {
                    throw new Unsupported("payload " + b.str("protocol") + " " + b.str("field") + " is not modelled", v);
                }
                NftPayloadExpr p = NsModel.F.createNftPayloadExpr();
                p.setProtocol(proto);
                p.setField(f);
                p.setSubField(sub);
                return p;
            }
            case "meta": {
                NftMetaKey key = NftMetaKey.get(String.valueOf(b.str("key")));
                if (key == null) throw new Unsupported("meta " + b.str("key") + " is not modelled", v);
                NftMetaExpr m = NsModel.F.createNftMetaExpr();
                m.setKey(key);
                // nft lists these without "meta"
                m.setExplicitMeta(!Set.of(NftMetaKey.IIF, NftMetaKey.OIF, NftMetaKey.IIFNAME, NftMetaKey.OIFNAME, NftMetaKey.IIFGROUP,
                        NftMetaKey.OIFGROUP).contains(key));
                return m;
            }
            case "ct": {
                NftCtKey key = NftCtKey.get(String.valueOf(b.str("key")));
                String dir = b.str("dir");
                if (key == null || b.has("family") || dir != null && !Set.of("original", "reply").contains(dir)) {
                    throw new Unsupported("ct expression " + b.compact() + " is not modelled", v);
                }
                NftCtExpr c = NsModel.F.createNftCtExpr();
                c.setKey(key);
                c.setDirection(dir);
                return c;
            }
            case "rt": {
                NftRtKey key = NftRtKey.get(String.valueOf(b.str("key")));
                if (key == null || b.has("family")) throw new Unsupported("rt expression " + b.compact() + " is not modelled", v);
                NftRtExpr r = NsModel.F.createNftRtExpr();
                r.setKey(key);
                return r;
            }
            case "concat": {
                NftConcatExpr c = NsModel.F.createNftConcatExpr();
                for (Json.Value part : b.items()) {
                    c.getParts().add(expr(part));
                }
                if (c.getParts().size() < 2) throw new Unsupported("concatenation " + b.compact(), v);
                return c;
            }
            case "fib": {
                NftFibExpr f = NsModel.F.createNftFibExpr();
                NftFibResult result = NftFibResult.get(String.valueOf(b.str("result")));
                if (result == null) throw new Unsupported("fib result " + b.str("result"), v);
                f.setResult(result);
                Json.Value flags = b.get("flags");
                for (Json.Value x : flags == null ? List.<Json.Value>of() : flags.isArray() ? flags.items() : List.of(flags)) {
                    NftFibFlag flag = NftFibFlag.get(String.valueOf(x.text()));
                    if (flag == null) throw new Unsupported("fib flag " + x.compact(), x);
                    f.getFlags().add(flag);
                }
                if (f.getFlags().isEmpty()) throw new Unsupported("fib without flags", v);
                return f;
            }
            case "numgen": {
                NftNumgenExpr n = NsModel.F.createNftNumgenExpr();
                NftNumgenMode mode = NftNumgenMode.get(String.valueOf(b.str("mode")));
                Long mod = b.longOf("mod");
                if (mode == null || mod == null) throw new Unsupported("numgen " + b.compact(), v);
                n.setMode(mode);
                n.setModulus(mod);
                Long off = b.longOf("offset");
                if (off != null && off != 0) {
                    n.setOffset(off);
                }
                return n;
            }
            case "jhash", "symhash": {
                NftHashExpr h = NsModel.F.createNftHashExpr();
                h.setKind(NftHashKind.get(k));
                Long mod = b.longOf("mod");
                if (mod == null) throw new Unsupported(k + " " + b.compact(), v);
                h.setModulus(mod);
                if (b.has("expr")) {
                    h.setExpr(expr(b.get("expr")));
                }
                Long seed = b.longOf("seed");
                if (seed != null) {
                    h.setSeed(seed); // nft lists a seed given as 0 too
                }
                Long off = b.longOf("offset");
                if (off != null && off != 0) {
                    h.setOffset(off);
                }
                if ("jhash".equals(k) && h.getExpr() == null) throw new Unsupported("jhash without an expression", v);
                return h;
            }
            default:
                throw new Unsupported("expression '" + k + "' is not modelled: " + v.compact(), v);
        }
    }

    private static boolean markLike(NftExpr left) {
        return (left instanceof NftMetaExpr m && m.getKey() == NftMetaKey.MARK)
                || (left instanceof NftCtExpr c && c.getKey() == NftCtKey.MARK);
    }

    private String mask(Json.Value m, NftExpr left) throws Unsupported {
        if (m.isNumber()) {
            return "0x" + Long.toHexString(m.asLong());
        }
        if (m.isString()) {
            return m.text();
        }
        if (m.isArray()) {
            List<String> parts = new ArrayList<>();
            for (Json.Value x : m.items()) {
                if (!x.isString()) throw new Unsupported("mask " + m.compact(), m);
                parts.add(x.text());
            }
            return String.join("|", parts);
        }
        throw new Unsupported("mask " + m.compact(), m);
    }

    private NftValue value(Json.Value v, NftExpr left, String tkey) throws Unsupported {
        if (v == null) {
            throw new Unsupported("missing right-hand value", null);
        }
        if (v.isString() && v.text().startsWith("@")) {
            NftSet s = sets.get(tkey + " " + v.text().substring(1));
            if (s == null) throw new Unsupported("set " + v.text() + " is not declared (or is a map)", v);
            NftSetRef ref = NsModel.F.createNftSetRef();
            ref.setSet(s);
            return ref;
        }
        if (v.isArray()) {
            NftListValue list = NsModel.F.createNftListValue();
            for (Json.Value x : v.items()) {
                if (!(x.isString() || x.isNumber())) throw new Unsupported("list value " + v.compact(), v);
                list.getElements().add(literal(x, left));
            }
            return list;
        }
        if (v.isObject() && v.has("set")) {
            NftAnonymousSet set = NsModel.F.createNftAnonymousSet();
            Json.Value items = v.get("set");
            for (Json.Value x : items.isArray() ? items.items() : List.of(items)) {
                set.getElements().add(literal(x, left));
            }
            return set;
        }
        return literal(v, left);
    }

    private NftLiteral literal(Json.Value v) throws Unsupported {
        return literal(v, null);
    }

    private NftLiteral literal(Json.Value v, NftExpr left) throws Unsupported {
        NftLiteral l = NsModel.F.createNftLiteral();
        if (v.isString() && left instanceof NftMetaExpr m
                && (m.getKey() == NftMetaKey.HOUR || m.getKey() == NftMetaKey.DAY)) {
            // nft lists times and days as strings: meta hour "17:00"-"19:00"
            l.setValue("\"" + v.text() + "\"");
        } else if (v.isString()) {
            l.setValue(v.text());
        } else if (v.isNumber()) {
            l.setValue(markLike(left) ? "0x" + Long.toHexString(v.asLong()) : v.text());
        } else if (v.isBoolean()) {
            l.setValue(v.bool() ? "exists" : "missing");
        } else if (v.isObject() && v.has("prefix")) {
            Json.Value p = v.get("prefix");
            l.setValue(p.str("addr") + "/" + p.str("len"));
        } else if (v.isObject() && v.has("range") && v.get("range").items().size() == 2) {
            List<Json.Value> r = v.get("range").items();
            l.setValue(literal(r.get(0), left).getValue());
            l.setRangeEnd(literal(r.get(1), left).getValue());
        } else if (v.isObject() && v.has("elem") && v.get("elem").isObject()) {
            return element(v);
        } else if (v.isObject() && v.has("concat") && v.get("concat").items().size() >= 2) {
            List<Json.Value> parts = v.get("concat").items();
            NftLiteral first = literal(parts.get(0), null);
            NftLiteral last = first;
            for (Json.Value part : parts.subList(1, parts.size())) {
                NftLiteral next = literal(part, null);
                last.setNext(next);
                last = next;
            }
            return first;
        } else {
            throw new Unsupported("value " + v.compact() + " is not modelled", v);
        }
        return l;
    }
}
