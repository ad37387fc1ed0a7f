package org.netwright.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.netwright.cli.ProbesFileAccess;
import org.netwright.importer.ImportProblem;
import org.netwright.importer.IpAddrJson;
import org.netwright.importer.IpLinkJson;
import org.netwright.importer.IpNeighJson;
import org.netwright.importer.IpRouteJson;
import org.netwright.importer.IpRuleJson;
import org.netwright.importer.IptablesSaveParser;
import org.netwright.importer.NftJsonImporter;
import org.netwright.importer.SysctlParser;
import org.netwright.importer.XfrmTextParser;
import org.netwright.model.Namespace;
import org.netwright.model.NetwrightFactory;

/**
 * The readers of outside input, each as a fuzz target. A target reads one input (UTF-8, malformed bytes replaced as
 * the readers' callers do) and returns what it reported; {@link #check} throws a {@link Finding} when the reader
 * broke its contract: an exception other than its located error, or an error without file, line and column (or a JSON
 * path). Hangs are the fuzzer's time-out per input.
 */
public enum FuzzTarget {
    DSL("dsl", "examples (*.nwp)", DslTarget::check),
    PROBES("probes", "probes files", FuzzTarget::probes),
    NFT_JSON("nft-json", "nft.json", text -> problems(new NftJsonImporter().importInto(namespace(), FuzzTarget.FILE, text, Set.of()).problems())),
    IPTABLES_SAVE("iptables-save", "iptables-save.txt", text -> problems(new IptablesSaveParser().parse(FuzzTarget.FILE, text).problems())),
    IP_ADDR("ip-addr", "addr.json", text -> problems(new IpAddrJson().importInto(namespace(), FuzzTarget.FILE, text))),
    IP_ROUTE("ip-route", "route.json", text -> problems(new IpRouteJson().importInto(namespace(), FuzzTarget.FILE, text))),
    IP_RULE("ip-rule", "rule.json", text -> problems(new IpRuleJson().importInto(namespace(), FuzzTarget.FILE, text))),
    IP_LINK("ip-link", "link.json", text -> problems(new IpLinkJson().importInto(namespace(), FuzzTarget.FILE, text).problems())),
    IP_NEIGH("ip-neigh", "neigh.json", text -> problems(new IpNeighJson().importInto(namespace(), FuzzTarget.FILE, text))),
    XFRM_STATE("xfrm-state", "xfrm-state.txt", text -> problems(new XfrmTextParser().parseStates(namespace(), FuzzTarget.FILE, text).problems())),
    XFRM_POLICY("xfrm-policy", "xfrm-policy.txt", text -> problems(new XfrmTextParser().parsePolicies(namespace(), FuzzTarget.FILE, text).problems())),
    SYSCTL("sysctl", "sysctl.txt", text -> problems(new SysctlParser().parse(FuzzTarget.FILE, text).problems()));

    /** The name under which every input is read, so that a located error can be told from an unlocated one. */
    static final String FILE = "fuzz-input";
    /** FILE:LINE:COLUMN: or FILE: $.json.path (a member name in the path may hold any character) */
    private static final Pattern LOCATED = Pattern.compile(Pattern.quote(FILE) + "(:\\d+:\\d+: |: \\$).*", Pattern.DOTALL);

    /** Thrown for a broken contract; the fuzzer saves the input that caused it. */
    public static final class Finding extends AssertionError {
        private static final long serialVersionUID = 1L;

        Finding(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String id;
    private final String seeds;
    private final Function<String, List<String>> reader;

    FuzzTarget(String id, String seeds, Function<String, List<String>> read) {
        this.id = id;
        this.seeds = seeds;
        this.reader = read;
    }

    /** The folder name of the target's seeds and regression inputs. */
    public String id() {
        return id;
    }

    /** What its seed corpus is made of. */
    public String seeds() {
        return seeds;
    }

    public static FuzzTarget of(String id) {
        for (FuzzTarget t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no fuzz target " + id);
    }

    /** Reads {@code input}; throws {@link Finding} when the reader breaks its contract (a {@link KnownFinding} excepted). */
    public void check(byte[] input) {
        List<String> unlocated;
        try {
            unlocated = read(input);
        } catch (Finding f) {
            throw f;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (KnownFinding.isKnown(this, e)) {
                return;
            }
            throw new Finding(id + ": the reader threw " + e.getClass().getName() + " instead of a located error", e);
        }
        if (!unlocated.isEmpty()) {
            throw new Finding(id + ": errors without a location: " + unlocated, null);
        }
    }

    /** Reads {@code input} as the reader's callers do; returns the errors without a location, lets exceptions through. */
    List<String> read(byte[] input) {
        return reader.apply(new String(input, StandardCharsets.UTF_8));
    }

    private static Namespace namespace() {
        Namespace ns = NetwrightFactory.eINSTANCE.createNamespace();
        ns.setName("fuzz");
        return ns;
    }

    /** The errors among {@code problems} that have neither a line nor a JSON path. */
    private static List<String> problems(Collection<ImportProblem> problems) {
        List<String> out = new ArrayList<>();
        for (ImportProblem p : problems) {
            if (p.isError() && (p.line() <= 0 || p.column() <= 0) && p.jsonPath() == null || !FILE.equals(p.file())) {
                out.add(p.toString());
            }
        }
        return out;
    }

    private static List<String> probes(String text) {
        String error = ProbesFileAccess.parse(FuzzTarget.FILE, text);
        return error == null || LOCATED.matcher(error).matches() ? List.of() : List.of(error);
    }

    static Path repo() {
        return Path.of(System.getProperty("netwright.repo", "../..")).toAbsolutePath().normalize();
    }
}
