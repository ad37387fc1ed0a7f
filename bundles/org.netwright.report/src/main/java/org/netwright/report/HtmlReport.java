package org.netwright.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.netwright.engine.ProbeResult;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceText;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.headless.ExpectationResult;
import org.netwright.headless.Problem;
import org.netwright.input.OutputFiles;
import org.netwright.topology.WalkView;

/**
 * The report as HTML that opens from the file system: {@code index.html} lists the files with their status, and
 * {@code files/<file>.html} shows one file: its problems, its expectations with their verdicts, why (the diagnostics
 * and their fixes), and the files exported for it. Self-contained: the style is in each page, nothing is loaded from
 * the network; readable on a laptop screen and printable.
 */
public final class HtmlReport {
    static final String FILES_FOLDER = "files";

    private HtmlReport() {
    }

    /** Writes {@code index.html} and one page per file into {@code folder}, each atomically; returns the index. */
    public static Path write(Report report, Path folder) throws IOException {
        for (Report.Entry e : report.entries()) {
            Path page = folder.resolve(FILES_FOLDER).resolve(pageName(e));
            OutputFiles.writeAtomically(page, filePage(report, e, folder).getBytes(StandardCharsets.UTF_8));
        }
        Path index = folder.resolve(HeadlessBuild.HTML_FILE);
        OutputFiles.writeAtomically(index, index(report).getBytes(StandardCharsets.UTF_8));
        return index;
    }

    /** {@code lab/gateway.nwp} as {@code lab--gateway.nwp.html}: one flat folder, names that say which file. */
    static String pageName(Report.Entry e) {
        String name = e.name().startsWith("/") ? e.name().substring(1) : e.name();
        return name.replace("/", "--").replaceAll("[^A-Za-z0-9._-]", "_") + ".html";
    }

    // ------------------------------------------------------------------ index

    static String index(Report report) {
        Html h = page("Netwright report", null);
        h.open("header").element("h1", "Netwright report");
        summary(h, report);
        h.close("header").newline();

        h.open("section").element("h2", "Files");
        h.open("table", "class", "files").open("thead").open("tr");
        for (String column : List.of("File", "Status", "Expectations", "Problems", "Exports")) {
            h.element("th", column);
        }
        h.close("tr").close("thead").open("tbody").newline();
        for (Report.Entry e : report.entries()) {
            h.open("tr", "class", "status-" + css(e.status()));
            h.open("td").element("a", e.name(), "href", FILES_FOLDER + "/" + pageName(e)).close("td");
            h.open("td").raw(badge(e.status())).close("td");
            h.element("td", e.results().isEmpty() ? "\u2013" : e.held() + " of " + e.results().size() + " hold");
            h.element("td", problemCounts(e.problems()));
            h.element("td", e.exports().isEmpty() ? "\u2013" : e.exports().size() + " file(s)");
            h.close("tr").newline();
        }
        h.close("tbody").close("table").close("section").newline();

        if (!report.otherProblems().isEmpty()) {
            h.open("section").element("h2", "Problems of imported files");
            problems(h, report, report.otherProblems());
            h.close("section");
        }
        return end(h, report);
    }

    private static void summary(Html h, Report report) {
        h.open("p", "class", "summary");
        h.raw(badge(report.status())).text(" ");
        h.text(report.entries().size() + " file(s), " + report.expectations() + " expectation(s): " + report.held() + " hold, "
                + report.violated() + " violated" + (report.uncertain() == 0 ? "" : ", " + report.uncertain() + " uncertain") + "; "
                + report.errors() + " error(s), " + report.warnings() + " warning(s)");
        h.close("p");
    }

    // ------------------------------------------------------------------ one file

    static String filePage(Report report, Report.Entry e, Path folder) {
        Html h = page(e.name() + " \u2013 Netwright report", "../");
        h.open("nav").element("a", "\u2190 all files", "href", "../" + HeadlessBuild.HTML_FILE).close("nav");
        h.open("header").open("h1").text(e.name()).text(" ").raw(badge(e.status())).close("h1");
        h.element("p", e.results().isEmpty() ? "No expectations." : e.held() + " of " + e.results().size() + " expectation(s) hold.",
                "class", "summary");
        h.close("header").newline();

        TopologySvg drawing = drawing(e);
        if (drawing != null && !drawing.isEmpty()) {
            h.open("section", "class", "topology").element("h2", "Topology");
            h.open("figure");
            drawing.draw(h, null, "Topology of " + e.name());
            h.element("figcaption", "Namespaces, their interfaces and wires; " + drawing.layoutNote() + ".");
            h.close("figure").close("section").newline();
        }
        if (!e.problems().isEmpty()) {
            h.open("section").element("h2", "Problems");
            problems(h, report, e.problems());
            h.close("section").newline();
        }
        if (!e.results().isEmpty()) {
            h.open("section").element("h2", "Expectations");
            for (ExpectationResult r : e.results()) {
                expectation(h, report, r, drawing);
            }
            h.close("section").newline();
        }
        if (!e.exports().isEmpty()) {
            h.open("section").element("h2", "Exported files");
            h.open("ul", "class", "exports");
            for (Path file : e.exports()) {
                String relative = folder.resolve(FILES_FOLDER).relativize(file).toString().replace('\\', '/');
                h.open("li").element("a", folder.relativize(file).toString().replace('\\', '/'), "href", relative).close("li");
            }
            h.close("ul").close("section").newline();
        }
        return end(h, report);
    }

    /** The file's topology drawing; null when its model did not load or cannot be drawn (its problems say why). */
    private static TopologySvg drawing(Report.Entry e) {
        if (!e.source().loaded()) {
            return null;
        }
        try {
            return TopologySvg.of(e.source().model(), e.source().path());
        } catch (RuntimeException unresolved) {
            return null;
        }
    }

    /** holds, violated or uncertain: the word of the badge and the class of the article. */
    private static String verdictOf(ExpectationResult r) {
        return r.holds() ? "holds" : r.uncertain() ? "uncertain" : "violated";
    }

    private static void expectation(Html h, Report report, ExpectationResult r, TopologySvg drawing) {
        String id = "line-" + r.line();
        String verdict = verdictOf(r);
        h.open("article", "class", "expectation " + verdict, "id", id);
        h.open("h3");
        h.raw("<span class=\"badge " + (r.holds() ? "passed" : verdict) + "\">" + verdict + "</span>");
        h.text(" ").text(r.name());
        h.close("h3");
        if (r.file() != null) {
            h.element("p", report.nameOf(r.file()) + ":" + r.line() + ":" + r.column(), "class", "where");
        }
        if (!r.violations().isEmpty()) {
            h.open("ul", "class", "violations");
            r.violations().forEach(v -> h.element("li", v));
            h.close("ul");
        }
        if (!r.diagnostics().isEmpty()) {
            h.open("div", "class", "why").element("h4", r.holds() ? "Notes" : "Why");
            for (Diagnostic d : r.diagnostics()) {
                diagnostic(h, report, d);
            }
            h.close("div");
        }
        for (int i = 0; i < r.walks().size(); i++) {
            walk(h, report, r.walks().get(i), r.walks().size() == 1 ? "The walk" : "Walk " + (i + 1), !r.holds(), drawing);
        }
        h.close("article").newline();
    }

    /** One walk: what happened in a line, then every step as a row (the reply's after the probe's); folded when it held. */
    private static void walk(Html h, Report report, ProbeResult w, String title, boolean open, TopologySvg drawing) {
        h.open("details", "class", "walk", "open", open ? "" : null);
        h.open("summary").element("strong", title + ": ").text(w.probe().namespace() + " sends " + w.probe().packet().describe()).close("summary");
        h.open("p", "class", "fate " + w.disposition().fate().lower()).text(TraceText.disposition(w.disposition()));
        if (w.replyTrace() != null) {
            h.text(w.replyDelivered() ? "; the reply is delivered" : "; the reply is not delivered");
        }
        h.close("p");
        if (drawing != null && !drawing.isEmpty()) {
            h.open("figure", "class", "walk-drawing");
            drawing.draw(h, WalkView.path(w), title + " on the topology");
            h.open("figcaption", "class", "legend");
            h.element("span", "path to delivery", "class", "key forward").element("span", "path to the drop", "class", "key to-drop")
                    .element("span", "the reply's path", "class", "key reply").text(" · numbers: the order the packet crossed the namespaces");
            h.close("figcaption").close("figure");
        }
        h.open("table", "class", "steps").open("thead").open("tr");
        for (String column : List.of("#", "Where", "Hook", "Table / chain", "Rule or event, and the packet after it where it changed", "Verdict")) {
            h.element("th", column);
        }
        h.close("tr").close("thead");
        boolean reply = false;
        String packet = "";
        int n = 0;
        h.open("tbody");
        for (WalkView.Row row : WalkView.rows(w)) {
            if (row.reply() && !reply) {
                reply = true;
                packet = "";
                h.close("tbody").open("tbody", "class", "reply").open("tr", "class", "section").element("td", "The reply", "colspan", "6").close("tr");
            }
            h.open("tr", "class", "kind-" + row.kind().lower() + " verdict-" + verdictClass(row.verdict()));
            h.element("td", Integer.toString(++n), "class", "n");
            h.element("td", row.where(), "class", "mono");
            h.element("td", row.hook());
            h.element("td", row.chain(), "class", "mono");
            h.open("td").element("span", row.rule(), "class", row.source() == null ? "event" : "mono");
            if (row.source() != null && row.source().file() != null) {
                h.text(" ").element("span", report.nameOf(Path.of(row.source().file())) + ":" + row.source().line(), "class", "where");
            }
            if (!row.header().equals(packet)) {
                h.element("div", row.header(), "class", "packet mono");
                packet = row.header();
            }
            h.close("td");
            h.element("td", row.verdict(), "class", "verdict");
            h.close("tr").newline();
        }
        h.close("tbody").close("table").close("details").newline();
    }

    private static String verdictClass(String verdict) {
        return verdict.startsWith("drop") || verdict.startsWith("reject") ? "drop" : verdict.startsWith("accept") || verdict.equals("delivered") ? "accept" : "other";
    }

    private static void diagnostic(Html h, Report report, Diagnostic d) {
        h.open("div", "class", "diagnostic " + d.severity().lower());
        h.open("p").element("span", d.severity().lower(), "class", "badge " + d.severity().lower()).text(" ")
                .element("code", d.code().id()).text(" ").text(d.message()).close("p");
        if (!d.rules().isEmpty()) {
            h.open("ul", "class", "rules");
            for (SourceRef rule : d.rules()) {
                h.open("li");
                if (rule.file() != null) {
                    h.element("span", report.nameOf(Path.of(rule.file())) + ":" + rule.line() + ":" + rule.column(), "class", "where").text(" ");
                }
                h.element("code", rule.text() == null ? "" : rule.text().strip());
                h.close("li");
            }
            h.close("ul");
        }
        if (d.suggestion() != null) {
            h.open("p", "class", "fix").element("strong", "Fix: ").text(d.suggestion()).close("p");
        }
        h.close("div");
    }

    private static void problems(Html h, Report report, List<Problem> problems) {
        h.open("table", "class", "problems").open("thead").open("tr");
        for (String column : List.of("Where", "Severity", "Message", "Code")) {
            h.element("th", column);
        }
        h.close("tr").close("thead").open("tbody");
        for (Problem p : problems) {
            String severity = p.severity().name().toLowerCase(Locale.ROOT);
            h.open("tr", "class", severity);
            h.element("td", p.file() == null ? "" : report.nameOf(p.file()) + ":" + Math.max(p.line(), 1) + ":" + Math.max(p.column(), 1),
                    "class", "where");
            h.open("td").element("span", severity, "class", "badge " + severity).close("td");
            h.element("td", p.message());
            h.open("td").element("code", p.code()).close("td");
            h.close("tr").newline();
        }
        h.close("tbody").close("table");
    }

    private static String problemCounts(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.stream().filter(p -> p.severity() == Problem.Severity.WARNING).count();
        if (errors == 0 && warnings == 0) {
            return "\u2013";
        }
        return (errors > 0 ? errors + " error(s)" : "") + (errors > 0 && warnings > 0 ? ", " : "") + (warnings > 0 ? warnings + " warning(s)" : "");
    }

    // ------------------------------------------------------------------ page frame

    private static Html page(String title, String up) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n");
        h.open("html", "lang", "en").open("head").newline();
        h.raw("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.element("title", title).newline();
        h.open("style").raw(STYLE).close("style").newline();
        h.close("head").newline().open("body").newline();
        return h;
    }

    private static String end(Html h, Report report) {
        String when = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(report.created().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
        h.open("footer").text("Netwright " + (report.version() == null ? "(development build)" : report.version()) + " \u00b7 " + when
                + " UTC \u00b7 files relative to " + report.base()).close("footer").newline();
        // a printed report shows every folded section
        h.raw("<script>window.addEventListener('beforeprint',()=>document.querySelectorAll('details').forEach(d=>d.open=true));</script>\n");
        // a link to one expectation (files/x.nwp.html#line-5) opens its walks
        h.raw("<script>function openTarget(){const t=location.hash&&document.getElementById(decodeURIComponent(location.hash.slice(1)));"
                + "if(t)t.querySelectorAll('details').forEach(d=>d.open=true);}window.addEventListener('hashchange',openTarget);openTarget();</script>\n");
        h.close("body").close("html").newline();
        return h.toString();
    }

    static String css(Report.Status status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String badge(Report.Status status) {
        return "<span class=\"badge " + css(status) + "\">" + Html.escape(status.label()) + "</span>";
    }

    private static final String STYLE = """
            :root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; }
            * { box-sizing: border-box; }
            body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2328;
                   max-width: 1180px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
            h1 { font-size: 1.6rem; margin: 0.2rem 0 0.4rem; word-break: break-all; }
            h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.05rem; margin: 0 0 0.3rem; }
            h4 { font-size: 0.95rem; margin: 0.8rem 0 0.3rem; }
            a { color: #0969da; }
            nav { margin-bottom: 0.5rem; }
            code, .where, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.86rem; }
            .where { color: var(--muted); }
            .summary { color: var(--muted); margin: 0; }
            table { border-collapse: collapse; width: 100%; margin: 0.4rem 0; }
            th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--line); }
            th { background: var(--bg); font-weight: 600; font-size: 0.9rem; }
            tbody tr:nth-child(even) { background: #fbfcfd; }
            .badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 1rem; font-size: 0.8rem; font-weight: 600;
                     color: #fff; background: var(--muted); vertical-align: middle; white-space: nowrap; }
            .badge.passed, .badge.holds { background: var(--ok); }
            .badge.violated, .badge.invalid, .badge.error { background: var(--bad); }
            .badge.warning, .badge.uncertain { background: var(--warn); }
            .badge.info, .badge.note, .badge.no-expectations { background: var(--muted); }
            article.expectation { border: 1px solid var(--line); border-left: 5px solid var(--ok); border-radius: 6px;
                                  padding: 0.7rem 1rem; margin: 0.8rem 0; break-inside: avoid; }
            article.expectation.violated { border-left-color: var(--bad); }
            article.expectation.uncertain { border-left-color: var(--warn); }
            .violations { color: var(--bad); margin: 0.3rem 0; }
            .why { background: var(--bg); border-radius: 6px; padding: 0.1rem 0.8rem 0.5rem; margin-top: 0.5rem; }
            .diagnostic p { margin: 0.4rem 0 0.2rem; }
            .diagnostic ul.rules { margin: 0.1rem 0 0.2rem; }
            .fix { margin: 0.2rem 0; }
            details.walk { margin: 0.6rem 0 0.2rem; }
            details.walk > summary { cursor: pointer; color: #1f2328; }
            details.walk > summary code { font-size: 0.8rem; }
            .fate { margin: 0.3rem 0; font-weight: 600; }
            .fate.delivered { color: var(--ok); }
            .fate.dropped, .fate.ttl_expired { color: var(--bad); }
            table.steps { font-size: 0.8rem; table-layout: fixed; }
            table.steps th:nth-child(1) { width: 2.2rem; }
            table.steps th:nth-child(2) { width: 9rem; }
            table.steps th:nth-child(3) { width: 8rem; }
            table.steps th:nth-child(4) { width: 10rem; }
            table.steps th:nth-child(6) { width: 7rem; }
            table.steps td { padding: 0.2rem 0.45rem; overflow-wrap: anywhere; }
            table.steps .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.78rem; }
            table.steps .n { color: var(--muted); text-align: right; }
            table.steps .packet { color: var(--muted); margin-top: 0.1rem; }
            table.steps .event { color: #1f2328; }
            table.steps tr.kind-rule .mono, table.steps tr.kind-policy .mono { color: #0b3d91; }
            table.steps tr.verdict-drop td { background: #ffebe9; }
            table.steps tr.verdict-drop .verdict { color: var(--bad); font-weight: 700; }
            table.steps tr.kind-deliver td { background: #dafbe1; }
            table.steps tr.verdict-accept .verdict { color: var(--ok); }
            table.steps tbody.reply td { border-left: 3px solid #8250df; }
            table.steps tr.section td { background: #f3f0ff; color: #8250df; font-weight: 600; border-left: 3px solid #8250df; }
            figure { margin: 0.6rem 0; }
            figcaption { color: var(--muted); font-size: 0.8rem; }
            svg.topology { display: block; font-family: system-ui, "DejaVu Sans", sans-serif; }
            svg.topology .namespace .box { fill: #fff; stroke: #34547a; stroke-width: 2; }
            svg.topology .namespace .header { fill: #d6e4f4; }
            svg.topology .namespace.imported .header { fill: #e6e9ee; }
            svg.topology .title { font-size: 13px; font-weight: 700; fill: #1c2026; }
            svg.topology .facts { font-size: 11px; fill: #606872; }
            svg.topology .row { font-size: 11px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; fill: #1c2026; }
            svg.topology .label { font-size: 11.5px; font-weight: 700; }
            svg.topology .bridge rect { fill: #fff0d6; stroke: #b07014; stroke-width: 2; }
            svg.topology .wire { fill: none; stroke-width: 2; }
            svg.topology .wire.veth { stroke: #2662b2; }
            svg.topology .wire.port { stroke: #c47812; stroke-dasharray: 6 4; }
            svg.topology .wire.cable { stroke: #545454; stroke-width: 3; }
            svg.topology .walk-path { fill: none; stroke-width: 6; stroke-linecap: round; opacity: 0.85; }
            svg.topology .walk-path.forward { stroke: #16963c; }
            svg.topology .walk-path.to-drop { stroke: #de7800; }
            svg.topology .walk-path.reply { stroke: #8c3cbe; stroke-width: 3; stroke-dasharray: 7 4; }
            svg.topology .on-path .box, svg.topology .delivered-here .box { stroke: #16963c; stroke-width: 4; }
            svg.topology .on-path-to-drop .box { stroke: #de7800; stroke-width: 4; }
            svg.topology .dropped-here .box { stroke: #cc2020; stroke-width: 4; fill: #fff5f5; }
            svg.topology .left-here .box { stroke: #c88200; stroke-width: 4; }
            svg.topology .on-reply-path .box { stroke: #8c3cbe; stroke-width: 3; stroke-dasharray: 7 4; }
            svg.topology .dropped-here .label { fill: #cc2020; }
            svg.topology .delivered-here .label { fill: #16963c; }
            svg.topology .left-here .label { fill: #c88200; }
            svg.topology .step circle { fill: #1f2328; }
            svg.topology .step text { fill: #fff; font-size: 11px; font-weight: 700; text-anchor: middle; }
            .legend .key { display: inline-block; margin-right: 1rem; }
            .legend .key::before { content: ""; display: inline-block; width: 1.6rem; height: 0; vertical-align: middle; margin-right: 0.3rem;
                                   border-top: 4px solid; }
            .legend .key.forward::before { border-color: #16963c; }
            .legend .key.to-drop::before { border-color: #de7800; }
            .legend .key.reply::before { border-top-style: dashed; border-color: #8c3cbe; }
            ul.exports { columns: 2; }
            footer { margin-top: 3rem; color: var(--muted); font-size: 0.8rem; }
            @media print {
              body { max-width: none; padding: 0; font-size: 11pt; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
              a { color: inherit; text-decoration: none; }
              nav, script { display: none; }
              .badge { border: 1px solid #000; color: #000; background: none !important; }
              article.expectation, table, figure { break-inside: avoid; }
              h2 { break-after: avoid; }
            }
            """;
}
