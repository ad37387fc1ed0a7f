package org.netwright.report;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.netwright.headless.ExportFormat;
import org.netwright.headless.ExportResult;
import org.netwright.headless.FileCheck;
import org.netwright.headless.Netwright;
import org.netwright.headless.SourceFile;
import org.netwright.headless.Sources;
import org.netwright.input.InputFiles;
import org.netwright.input.OutputFiles;

/**
 * The headless build of a set of {@code .nwp} files into one output folder, as the command line's {@code report} and
 * the Maven plugin run it: validate, check what can be checked, export (only what changed since the last build), and
 * write the reports. The folder's layout is the same for both:
 * <pre>
 *   index.html, files/*.html   the HTML report ({@link HtmlReport})
 *   junit.xml                   JUnit XML ({@link JUnitReport})
 *   netwright.sarif             SARIF 2.1.0 ({@link SarifReport})
 *   export/&lt;file&gt;/&lt;ns&gt;/...      the exports of each file, e.g. export/lab/gateway.nwp/router/ruleset.nft for lab/gateway.nwp
 * </pre>
 * Names of files are relative to the base folder (the project, the working directory).
 */
public final class HeadlessBuild {
    public static final String HTML_FILE = "index.html";
    public static final String JUNIT_FILE = "junit.xml";
    public static final String SARIF_FILE = "netwright.sarif";
    public static final String EXPORT_FOLDER = "export";
    /** What was exported for which inputs: a file's digest and the files written, so that an unchanged file is not exported again. */
    static final String EXPORT_STATE = ".netwright-export-state";

    /** An export of one file: written anew, or up to date (its inputs and the formats asked for did not change). */
    public record Exported(SourceFile file, List<Path> written, boolean upToDate, long opaqueNftRules) {
        public Exported {
            written = List.copyOf(written);
        }
    }

    private final Netwright netwright;
    private final Path base;
    private final Path output;

    public HeadlessBuild(Netwright netwright, Path base, Path output) {
        this.netwright = netwright;
        this.base = base.toAbsolutePath().normalize();
        this.output = output.toAbsolutePath().normalize();
    }

    public Netwright netwright() {
        return netwright;
    }

    public Path output() {
        return output;
    }

    /** A file's name as the reports show it: relative to the base with '/', or absolute when outside it. */
    public String nameOf(Path file) {
        return Report.relative(base, file);
    }

    /** Loads and validates the files: what {@code validate} reports. */
    public Sources validate(List<Path> files) {
        return netwright.validate(files);
    }

    /** The checks of every file that can be checked (no error in it or in what it imports). */
    public List<FileCheck> check(Sources sources) {
        return netwright.checkValid(sources);
    }

    /**
     * The export folder of a file: {@code export/<its name>}, e.g. {@code export/lab/gateway.nwp/} (the name keeps its
     * {@code .nwp}, so that the folders of {@code lab.nwp} and of {@code lab/x.nwp} never nest).
     */
    public Path exportFolder(SourceFile file) {
        String name = Report.relative(base, file.path());
        if (name.startsWith("/")) {
            name = file.path().getFileName().toString(); // outside the base: by its file name
        }
        return output.resolve(EXPORT_FOLDER).resolve(name);
    }

    /**
     * Exports every file that has no error in it or in what it imports, in the given formats, into its
     * {@link #exportFolder}. A file whose inputs (it and every file it imports) and formats are those of the last
     * export, and whose files are all still there, is not written again. A file exported anew replaces its folder as one
     * set ({@link org.netwright.export.AtomicFolder}): a namespace removed from the model does not linger.
     */
    public List<Exported> export(Sources sources, Set<ExportFormat> formats) throws IOException {
        Properties state = readState();
        List<Exported> out = new ArrayList<>();
        for (SourceFile file : sources.files()) {
            if (!file.loaded() || !netwright.errorsOf(sources, file).isEmpty()) {
                continue;
            }
            String key = Report.relative(base, file.path());
            String digest = digest(file, formats);
            List<Path> previous = filesOf(state.getProperty(key));
            if (previous != null && digest.equals(digestOf(state.getProperty(key))) && previous.stream().allMatch(Files::isRegularFile)) {
                out.add(new Exported(file, previous, true, 0));
                continue;
            }
            ExportResult result = netwright.export(file, exportFolder(file), formats);
            out.add(new Exported(file, result.written(), false, result.opaqueNftRules()));
            state.setProperty(key, digest + " " + String.join("|", result.written().stream().map(p -> output.relativize(p).toString()).toList()));
            writeState(state);
        }
        return out;
    }

    /** The report of a validation and its checks, with the exports that exist (from {@link #export}, now or earlier). */
    public Report report(Sources sources, List<FileCheck> checks) {
        Properties state = readState();
        Map<Path, List<Path>> exports = new LinkedHashMap<>();
        for (SourceFile file : sources.files()) {
            List<Path> files = filesOf(state.getProperty(Report.relative(base, file.path())));
            if (files != null && !files.isEmpty() && files.stream().allMatch(Files::isRegularFile)) {
                exports.put(file.path(), files);
            }
        }
        return Report.of(base, Netwright.version(), sources, checks, exports);
    }

    /** Writes the HTML report, the JUnit XML and the SARIF log into the output folder; returns the HTML index. */
    public Path writeReports(Report report) throws IOException {
        JUnitReport.write(report, output.resolve(JUNIT_FILE));
        SarifReport.write(report, output.resolve(SARIF_FILE));
        return HtmlReport.write(report, output);
    }

    // ------------------------------------------------------------------ export state

    /** SHA-256 of the tool's version, the formats, and each input's path and bytes. */
    private String digest(SourceFile file, Set<ExportFormat> formats) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        sha.update((Netwright.version() + "\n" + new TreeSet<>(formats) + "\n").getBytes(StandardCharsets.UTF_8));
        for (Path input : netwright.inputsOf(file)) {
            sha.update((input.toAbsolutePath().normalize() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(InputFiles.readBytes(input, InputFiles.MODEL_BYTES));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String digestOf(String entry) {
        return entry == null ? null : entry.split(" ", 2)[0];
    }

    private List<Path> filesOf(String entry) {
        if (entry == null) {
            return null;
        }
        String[] parts = entry.split(" ", 2);
        List<Path> files = new ArrayList<>();
        if (parts.length == 2 && !parts[1].isEmpty()) {
            for (String f : parts[1].split("\\|")) {
                Path p = output.resolve(f).normalize();
                if (p.startsWith(output)) { // a damaged state file never points outside the output
                    files.add(p);
                }
            }
        }
        return files;
    }

    private Path stateFile() {
        return output.resolve(EXPORT_FOLDER).resolve(EXPORT_STATE);
    }

    /** The state of the last export; an unreadable one is no state (everything is exported again). */
    private Properties readState() {
        Properties state = new Properties();
        if (Files.isRegularFile(stateFile())) {
            try {
                state.load(new StringReader(InputFiles.readUtf8(stateFile(), InputFiles.SMALL_BYTES)));
            } catch (IOException | RuntimeException e) {
                state.clear();
            }
        }
        return state;
    }

    private void writeState(Properties state) throws IOException {
        StringWriter text = new StringWriter();
        state.store(text, "netwright export state: file = sha-256 of its inputs, then the files written");
        OutputFiles.writeAtomically(stateFile(), text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
