package org.netwright.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.netwright.model.ConfigContainer;
import org.netwright.model.Interface;
import org.netwright.model.IpsecProto;
import org.netwright.model.XfrmAction;
import org.netwright.model.XfrmDir;
import org.netwright.model.XfrmLevel;
import org.netwright.model.XfrmMode;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmSelector;
import org.netwright.model.XfrmState;
import org.netwright.model.XfrmTemplate;
import org.netwright.model.semantics.IpAddress;
import org.netwright.model.semantics.IpPrefix;

/**
 * Reads the text of {@code ip xfrm state} and {@code ip xfrm policy} (iproute2 6.1 has no JSON for xfrm).
 * Each entry starts with an unindented {@code src A dst B ...} line; indented lines add to it. Keys and
 * algorithms of states are not imported (the model has no place for them and the engine does not need
 * them). Entries the model cannot represent (socket policies, policies with a mark or if_id, states with
 * UDP encapsulation) are reported; those whose meaning would change are not imported.
 */
public final class XfrmTextParser {

    public record Result(List<XfrmState> states, List<XfrmPolicy> policies, List<ImportProblem> problems) {
    }

    private record Line(int no, int indent, List<String> toks) {
    }

    /** Benign lines of ip xfrm state that carry nothing the model has. */
    private static final Set<String> STATE_IGNORED = Set.of("replay-window", "auth", "auth-trunc", "enc", "aead", "comp",
            "anti-replay", "lastused", "lifetime", "stats:", "replay", "integrity", "current:", "add", "use", "expire", "soft", "hard",
            "security", "output-mark", "offload", "extra-flag", "limit", "flag", "addtime", "sel:", "tfcpad", "dir");

    private String file;
    private List<ImportProblem> problems;

    public Result parseStates(ConfigContainer ns, String file, String text) {
        this.file = file;
        problems = new ArrayList<>();
        List<XfrmState> states = new ArrayList<>();
        for (List<Line> block : blocks(text)) {
            try {
                state(ns, block, states);
            } catch (NotANumber e) {
                problems.add(ImportProblem.error(file, e.line.no, e.line.indent + 1, e.getMessage() + "; state not imported"));
            }
        }
        return new Result(states, List.of(), problems);
    }

    /** A value that should be a number and is not: the block it is in is not imported. */
    private static final class NotANumber extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Line line;

        NotANumber(Line line, String key, String v) {
            super("xfrm " + key + " '" + v + "' is not a number");
            this.line = line;
        }
    }

    /** {@code v} (decimal or 0x hex) of field {@code key} on line {@code l}. */
    private static long number(Line l, String key, String v) {
        try {
            return IptablesSaveParser.number(v);
        } catch (NumberFormatException e) {
            throw new NotANumber(l, key, v);
        }
    }

    private static int intNumber(Line l, String key, String v) {
        long n = number(l, key, v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new NotANumber(l, key, v);
        }
        return (int) n;
    }

    private void state(ConfigContainer ns, List<Line> block, List<XfrmState> states) {
        Line head = block.get(0);
        XfrmState st = NsModel.F.createXfrmState();
        int[] k = { 0 };
        st.setSrc(address(head, pair(head, "src", k)));
        st.setDst(address(head, pair(head, "dst", k)));
        boolean keep = true;
        boolean haveProto = false;
        for (Line l : block.subList(1, block.size())) {
            String first = l.toks.get(0);
            if (first.equals("proto")) {
                haveProto = true;
                for (int i = 0; i + 1 < l.toks.size(); i += 2) {
                    String key = l.toks.get(i), v = l.toks.get(i + 1);
                    switch (key) {
                        case "proto" -> {
                            IpsecProto p = proto(v);
                            if (p == null) {
                                problems.add(ImportProblem.warning(file, l.no, 1, "xfrm state protocol '" + v + "' is not modelled; state not imported"));
                                keep = false;
                            } else {
                                st.setProto(p);
                            }
                        }
                        case "spi" -> st.setSpi(number(l, key, v));
                        case "reqid" -> st.setReqid(number(l, key, v));
                        case "mode" -> {
                            XfrmMode m = XfrmMode.get(v);
                            if (m == null) {
                                problems.add(ImportProblem.warning(file, l.no, 1, "xfrm mode '" + v + "' is not modelled; state not imported"));
                                keep = false;
                            } else {
                                st.setMode(m);
                            }
                        }
                        default -> problems.add(ImportProblem.warning(file, l.no, 1, "xfrm state field '" + key + "' is not modelled; ignored"));
                    }
                }
            } else if (first.equals("sel")) {
                st.setSelector(selector(ns, l, 1));
            } else if (first.equals("encap")) {
                problems.add(ImportProblem.warning(file, l.no, l.indent + 1,
                        "UDP encapsulation (" + String.join(" ", l.toks) + ") is not modelled; state imported as plain " + (st.getProto() == null ? "" : st.getProto().getLiteral())));
            } else if (first.equals("mark") || first.equals("if_id")) {
                problems.add(ImportProblem.warning(file, l.no, l.indent + 1,
                        "xfrm state " + first + " is not modelled; the state is imported without it (it may apply to fewer packets on the host)"));
            } else if (!STATE_IGNORED.contains(first) && l.indent <= 1) {
                problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "unrecognised xfrm state line ignored: " + String.join(" ", l.toks)));
            }
        }
        if (!haveProto) {
            problems.add(ImportProblem.error(file, head.no, 1, "xfrm state without a 'proto ... spi ...' line (truncated?); not imported"));
            keep = false;
        }
        if (keep) {
            states.add(st);
            if (ns != null) {
                ns.getXfrmStates().add(st);
            }
        }
    }

    private void policy(ConfigContainer ns, List<Line> block, List<XfrmPolicy> policies) {
        Line head = block.get(0);
        XfrmPolicy p = NsModel.F.createXfrmPolicy();
        p.setSelector(selector(ns, head, 0));
        p.setAction(XfrmAction.ALLOW);
        boolean keep = true;
        boolean haveDir = false;
        XfrmTemplate tmpl = null;
        for (Line l : block.subList(1, block.size())) {
            String first = l.toks.get(0);
            switch (first) {
                case "dir" -> {
                    haveDir = true;
                    for (int i = 0; i + 1 < l.toks.size(); i += 2) {
                        String key = l.toks.get(i), v = l.toks.get(i + 1);
                        switch (key) {
                            case "dir" -> {
                                XfrmDir d = XfrmDir.get(v);
                                if (d == null) {
                                    problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "policy direction '" + v + "' is not modelled; policy not imported"));
                                    keep = false;
                                } else {
                                    p.setDir(d);
                                }
                            }
                            case "action" -> p.setAction(XfrmAction.get(v) == null ? XfrmAction.ALLOW : XfrmAction.get(v));
                            case "priority" -> p.setPriority(intNumber(l, key, v));
                            case "ptype" -> {
                                if (!"main".equals(v)) {
                                    problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "policy type '" + v + "' (not main) is not modelled; policy not imported"));
                                    keep = false;
                                }
                            }
                            case "index", "share", "flag" -> { }
                            default -> problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "policy field '" + key + "' is not modelled; ignored"));
                        }
                    }
                }
                case "socket" -> {
                    haveDir = true;
                    problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "per-socket xfrm policy (" + String.join(" ", l.toks) + ") is not modelled; not imported"));
                    keep = false;
                }
                case "tmpl" -> {
                    tmpl = NsModel.F.createXfrmTemplate();
                    tmpl.setLevel(XfrmLevel.REQUIRED);
                    int[] k = { 1 };
                    tmpl.setSrc(address(l, pair(l, "src", k)));
                    tmpl.setDst(address(l, pair(l, "dst", k)));
                    p.getTemplates().add(tmpl);
                }
                case "proto", "level" -> {
                    if (tmpl == null) {
                        problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "'" + first + "' line outside a template; ignored"));
                        break;
                    }
                    for (int i = 0; i + 1 < l.toks.size(); i += 2) {
                        String key = l.toks.get(i), v = l.toks.get(i + 1);
                        switch (key) {
                            case "proto" -> {
                                IpsecProto pr = proto(v);
                                if (pr == null) {
                                    problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "template protocol '" + v + "' is not modelled; policy not imported"));
                                    keep = false;
                                } else {
                                    tmpl.setProto(pr);
                                }
                            }
                            case "spi" -> tmpl.setSpi(number(l, key, v));
                            case "reqid" -> tmpl.setReqid(number(l, key, v));
                            case "mode" -> {
                                XfrmMode m = XfrmMode.get(v);
                                if (m == null) {
                                    problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "template mode '" + v + "' is not modelled; policy not imported"));
                                    keep = false;
                                } else {
                                    tmpl.setMode(m);
                                }
                            }
                            case "level" -> tmpl.setLevel(XfrmLevel.get(v) == null ? XfrmLevel.REQUIRED : XfrmLevel.get(v));
                            default -> problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "template field '" + key + "' is not modelled; ignored"));
                        }
                    }
                }
                case "mark", "if_id" -> {
                    problems.add(ImportProblem.warning(file, l.no, l.indent + 1,
                            "policy with " + first + " (" + String.join(" ", l.toks) + ") is not modelled; policy not imported (it applies only to such packets)"));
                    keep = false;
                }
                case "lastused", "lifetime", "security", "add", "use", "expire", "soft", "hard", "limit", "current:", "stats:" -> { }
                default -> problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "unrecognised xfrm policy line ignored: " + String.join(" ", l.toks)));
            }
        }
        if (!haveDir) {
            problems.add(ImportProblem.error(file, head.no, 1, "xfrm policy without a 'dir' line (truncated?); not imported"));
            keep = false;
        }
        if (keep) {
            policies.add(p);
            if (ns != null) {
                ns.getXfrmPolicies().add(p);
            }
        }
    }

    public Result parsePolicies(ConfigContainer ns, String file, String text) {
        this.file = file;
        problems = new ArrayList<>();
        List<XfrmPolicy> policies = new ArrayList<>();
        for (List<Line> block : blocks(text)) {
            try {
                policy(ns, block, policies);
            } catch (NotANumber e) {
                problems.add(ImportProblem.error(file, e.line.no, e.line.indent + 1, e.getMessage() + "; policy not imported"));
            }
        }
        return new Result(List.of(), policies, problems);
    }

    private static IpsecProto proto(String v) {
        return switch (v) {
            case "esp", "ah", "comp" -> IpsecProto.get(v);
            case "ipcomp" -> IpsecProto.COMP;
            default -> null;
        };
    }

    private String pair(Line l, String key, int[] k) {
        if (k[0] + 1 < l.toks.size() && l.toks.get(k[0]).equals(key)) {
            String v = l.toks.get(k[0] + 1);
            k[0] += 2;
            return v;
        }
        problems.add(ImportProblem.error(file, l.no, l.indent + 1, "expected '" + key + " ADDRESS' in: " + String.join(" ", l.toks)));
        return null;
    }

    /** The address of a state or template, or null with an error when the text is not one. */
    private IpAddress address(Line l, String text) {
        IpAddress a = IpAddress.tryParse(text);
        if (a == null && text != null) {
            problems.add(ImportProblem.error(file, l.no, l.indent + 1, "'" + text + "' is not an IP address"));
        }
        return a;
    }

    private IpPrefix prefix(Line l, String text) {
        IpPrefix p = IpPrefix.tryParse(text);
        if (p == null) {
            problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "selector '" + text + "' is not a prefix; left out"));
        }
        return p;
    }

    /** src A dst B [proto P] [sport N] [dport N] [type T] [code C] [dev D], starting at token {@code from}. */
    private XfrmSelector selector(ConfigContainer ns, Line l, int from) {
        XfrmSelector s = NsModel.F.createXfrmSelector();
        for (int i = from; i < l.toks.size(); i += 2) {
            String key = l.toks.get(i);
            if (i + 1 >= l.toks.size()) {
                problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "selector field '" + key + "' without a value"));
                break;
            }
            String v = l.toks.get(i + 1);
            switch (key) {
                case "src" -> s.setSrc(prefix(l, v));
                case "dst" -> s.setDst(prefix(l, v));
                case "proto" -> s.setProto(v);
                case "sport" -> s.setSport(intNumber(l, key, v));
                case "dport" -> s.setDport(intNumber(l, key, v));
                case "dev" -> {
                    Interface dev = NsModel.iface(ns, v);
                    if (dev == null) {
                        problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "selector device " + v + " is not in this namespace's link dump"));
                    }
                    s.setDev(dev);
                }
                default -> problems.add(ImportProblem.warning(file, l.no, l.indent + 1, "selector field '" + key + " " + v + "' is not modelled; ignored"));
            }
        }
        return s;
    }

    private List<List<Line>> blocks(String text) {
        List<List<Line>> blocks = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (raw.isBlank()) {
                continue;
            }
            int indent = 0;
            while (indent < raw.length() && (raw.charAt(indent) == '\t' || raw.charAt(indent) == ' ')) {
                indent++;
            }
            List<String> toks = List.of(raw.strip().split("\\s+"));
            Line l = new Line(i + 1, indent, toks);
            if (indent == 0) {
                if (!toks.get(0).equals("src")) {
                    problems.add(ImportProblem.warning(file, l.no, 1, "expected an entry starting with 'src': " + raw.strip()));
                    continue;
                }
                blocks.add(new ArrayList<>(List.of(l)));
            } else if (blocks.isEmpty()) {
                problems.add(ImportProblem.warning(file, l.no, 1, "indented line before the first entry ignored"));
            } else {
                blocks.get(blocks.size() - 1).add(l);
            }
        }
        return blocks;
    }
}
