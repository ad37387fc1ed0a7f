package org.netwright.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.netwright.engine.SourceRef;
import org.netwright.engine.diagnostics.Diagnostic;
import org.netwright.headless.ExpectationResult;
import org.netwright.headless.Problem;
import org.netwright.input.OutputFiles;

import com.google.gson.stream.JsonWriter;

/**
 * The report as SARIF 2.1.0, for code-scanning views that show results on the {@code .nwp} source: every problem
 * (rule id: its issue code) and every violated expectation (rule id {@value #VIOLATED_RULE}, at the expectation, with
 * the rules its diagnostics name as related locations). Paths are relative to the report's base, the
 * {@value #SRCROOT} of the run.
 */
public final class SarifReport {
    public static final String VIOLATED_RULE = "org.netwright.check.violated";
    public static final String UNCERTAIN_RULE = "org.netwright.check.uncertain";
    public static final String SRCROOT = "%SRCROOT%";
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** One result before it is written: its rule, level, message, where, and where else. */
    private record Result(String ruleId, String level, String message, Path file, int line, int column, List<SourceRef> related) {
    }

    private SarifReport() {
    }

    /** Writes the SARIF log to {@code file} atomically. */
    public static void write(Report report, Path file) throws IOException {
        OutputFiles.writeAtomically(file, toJson(report).getBytes(StandardCharsets.UTF_8));
    }

    public static String toJson(Report report) {
        List<Result> results = new ArrayList<>();
        for (Problem p : report.problems()) {
            results.add(new Result(p.code() == null ? "org.netwright.problem" : p.code(), level(p.severity()), p.message(), p.file(),
                    p.line(), p.column(), List.of()));
        }
        for (Report.Entry e : report.entries()) {
            for (ExpectationResult r : e.results()) {
                if (!r.holds()) {
                    List<SourceRef> related = new ArrayList<>();
                    r.diagnostics().forEach(d -> related.addAll(d.rules()));
                    results.add(new Result(r.uncertain() ? UNCERTAIN_RULE : VIOLATED_RULE, r.uncertain() ? "warning" : "error", violation(r),
                            r.file() == null ? e.source().path() : r.file(), r.line(), r.column(), related));
                }
            }
        }
        Map<String, String> rules = new LinkedHashMap<>(); // id -> level of its first result
        results.forEach(r -> rules.putIfAbsent(r.ruleId(), r.level()));
        List<String> ruleIds = new ArrayList<>(rules.keySet());

        StringWriter out = new StringWriter();
        try (JsonWriter json = new JsonWriter(out)) {
            json.setIndent("  ");
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("$schema").value(SCHEMA);
            json.name("version").value("2.1.0");
            json.name("runs").beginArray().beginObject();
            json.name("tool").beginObject().name("driver").beginObject();
            json.name("name").value("Netwright");
            if (report.version() != null) {
                json.name("version").value(report.version());
            }
            json.name("rules").beginArray();
            for (Map.Entry<String, String> rule : rules.entrySet()) {
                json.beginObject().name("id").value(rule.getKey());
                json.name("shortDescription").beginObject().name("text").value(describe(rule.getKey())).endObject();
                json.name("defaultConfiguration").beginObject().name("level").value(rule.getValue()).endObject();
                json.endObject();
            }
            json.endArray().endObject().endObject();
            json.name("originalUriBaseIds").beginObject().name(SRCROOT).beginObject()
                    .name("uri").value(folderUri(report.base())).endObject().endObject();
            json.name("invocations").beginArray().beginObject().name("executionSuccessful").value(true).endObject().endArray();
            json.name("columnKind").value("utf16CodeUnits");
            json.name("results").beginArray();
            for (Result r : results) {
                json.beginObject();
                json.name("ruleId").value(r.ruleId());
                json.name("ruleIndex").value(ruleIds.indexOf(r.ruleId()));
                json.name("level").value(r.level());
                json.name("message").beginObject().name("text").value(r.message()).endObject();
                if (r.file() != null) {
                    json.name("locations").beginArray();
                    location(json, report, r.file(), r.line(), r.column(), null);
                    json.endArray();
                }
                if (r.related().stream().anyMatch(s -> s.file() != null)) {
                    json.name("relatedLocations").beginArray();
                    int id = 0;
                    for (SourceRef s : r.related()) {
                        if (s.file() != null) {
                            json.beginObject().name("id").value(id++);
                            physical(json, report, Path.of(s.file()), s.line(), s.column());
                            json.name("message").beginObject().name("text").value(s.text() == null ? "rule" : s.text()).endObject();
                            json.endObject();
                        }
                    }
                    json.endArray();
                }
                json.endObject();
            }
            json.endArray();
            json.endObject().endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append('\n').toString();
    }

    private static void location(JsonWriter json, Report report, Path file, int line, int column, String message) throws IOException {
        json.beginObject();
        physical(json, report, file, line, column);
        if (message != null) {
            json.name("message").beginObject().name("text").value(message).endObject();
        }
        json.endObject();
    }

    private static void physical(JsonWriter json, Report report, Path file, int line, int column) throws IOException {
        json.name("physicalLocation").beginObject();
        json.name("artifactLocation").beginObject();
        String name = report.nameOf(file);
        if (name.startsWith("/")) {
            json.name("uri").value(file.toAbsolutePath().normalize().toUri().toString());
        } else {
            json.name("uri").value(relativeUri(name)).name("uriBaseId").value(SRCROOT);
        }
        json.endObject();
        if (line > 0) {
            json.name("region").beginObject().name("startLine").value(line).name("startColumn").value(Math.max(column, 1)).endObject();
        }
        json.endObject();
    }

    /** A base URI must end with a slash (SARIF 3.14.14), whether or not the folder exists. */
    static String folderUri(Path folder) {
        String uri = folder.toAbsolutePath().normalize().toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** A relative path as a URI reference: each segment percent-encoded where it must be. */
    static String relativeUri(String name) {
        try {
            return new URI(null, null, name, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + name, e);
        }
    }

    /** The violations, then why (each diagnostic with its fix). */
    private static String violation(ExpectationResult r) {
        StringBuilder sb = new StringBuilder("Expectation '").append(r.name())
                .append(r.uncertain() ? "' is uncertain: " : "' does not hold: ").append(String.join("; ", r.violations()));
        for (Diagnostic d : r.diagnostics()) {
            sb.append("\nwhy: ").append(d.code().id()).append(": ").append(d.message());
            if (d.suggestion() != null) {
                sb.append(" Fix: ").append(d.suggestion());
            }
        }
        return sb.toString();
    }

    private static String level(Problem.Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** A readable description from a rule id: {@code org.netwright.dsl.valueOutOfRange} as "Value out of range". */
    static String describe(String ruleId) {
        if (ruleId.equals(VIOLATED_RULE)) {
            return "An expectation does not hold";
        }
        if (ruleId.equals(UNCERTAIN_RULE)) {
            return "An expectation depends on what the engine does not execute";
        }
        String last = ruleId.substring(ruleId.lastIndexOf('.') + 1);
        String words = last.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT).strip();
        return words.isEmpty() ? ruleId : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
