package org.netwright.headless;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.dsl.NetwrightStandaloneSetup;
import org.netwright.engine.SourceRef;
import org.netwright.mapping.ExpectationChecker;
import org.netwright.mapping.MappingIssue;
import org.netwright.mapping.ModelException;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.export.ExportException;
import org.netwright.export.Exporter;
import org.netwright.export.Models;
import org.netwright.dsl.writer.NwpWriter;
import org.netwright.importer.ImportProblem;
import org.netwright.importer.SnapshotImporter;
import org.netwright.input.InputException;
import org.netwright.input.InputFiles;
import org.netwright.model.Expectation;
import org.netwright.model.Network;
import org.netwright.model.NftRule;
import org.netwright.model.Scenario;

import com.google.inject.Injector;

/**
 * Netwright without a user interface: what the command line, a build plugin and a report generator do with
 * {@code .nwp} files, in one place.
 * <ul>
 * <li>{@link #load(List)}: files and folders (every {@code .nwp} below, in name order), each with what it imports,
 * validated by the language; {@link Sources#problems()} is what {@code validate} reports.</li>
 * <li>{@link #check(Sources)}: every expectation and scenario of each file on the packet-walk engine, with its
 * verdict, trace and diagnostics.</li>
 * <li>{@link #export(SourceFile, Path)}: the files a real box loads, for a file and what it imports.</li>
 * <li>{@link #importSnapshot(Path)}: a host snapshot folder as model text, loaded back like a file.</li>
 * </ul>
 * Input that cannot be used is never an exception from here but a {@link Problem} with file, line and column,
 * except a path that does not exist at all ({@link InputException}). One instance holds one language setup and
 * may be used for many runs, from one thread at a time.
 */
public final class Netwright {
    /** At most this many {@code .nwp} files are collected from the folders of one run. */
    public static final int MAX_FILES = 100_000;

    private final Injector injector = new NetwrightStandaloneSetup().createInjectorAndDoEMFRegistration();

    /**
     * The version of this build of Netwright (the bundle version of its jar, {@code 0.1.0.v20261206-1200}), or null when
     * it runs from class folders (a development build).
     */
    public static String version() {
        try {
            java.net.URL location = Netwright.class.getProtectionDomain().getCodeSource().getLocation();
            if (location != null && location.getPath().endsWith(".jar")) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(new java.io.File(location.toURI()))) {
                    return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Bundle-Version");
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null; // not a jar we can read: no version to tell
        }
        return null;
    }

    // ------------------------------------------------------------------ load and validate

    /**
     * Loads the given files and the {@code .nwp} files below the given folders, with their imports, and validates
     * all of them. A path that does not exist is an {@link InputException} ("no such file: PATH"); a file that
     * cannot be read (a folder named {@code x.nwp}, a pipe, a device, too large, not UTF-8) is a problem of that
     * file and the others are still loaded.
     */
    public Sources load(List<Path> filesOrFolders) {
        List<Path> files = new ArrayList<>();
        for (Path p : filesOrFolders) {
            files.addAll(nwpFiles(p));
        }
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        IResourceFactory factory = injector.getInstance(IResourceFactory.class);
        List<Problem> problems = new ArrayList<>();
        Map<Path, Resource> given = new LinkedHashMap<>();
        for (Path file : files) {
            String unreadable = InputFiles.problem(file, InputFiles.MODEL_BYTES);
            if (unreadable != null) {
                problems.add(new Problem(file, 0, 0, Problem.Severity.ERROR, Problem.UNREADABLE, unreadable));
                given.put(file, null);
                continue;
            }
            URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
            Resource r = resources.getResource(uri, false);
            if (r == null) {
                // the user named this file: it is read as a model whatever its extension
                r = factory.createResource(uri);
                resources.getResources().add(r);
            }
            if (!r.isLoaded()) {
                try {
                    r.load(resources.getLoadOptions());
                } catch (IOException | RuntimeException e) {
                    problems.add(unreadable(file, e));
                    resources.getResources().remove(r);
                    given.put(file, null);
                    continue;
                }
            }
            given.put(file, r);
        }
        return validated(resources, given, problems);
    }

    public Sources load(Path... filesOrFolders) {
        return load(List.of(filesOrFolders));
    }

    /** A model given as text under a URI that says where it came from (a snapshot written in memory), validated like a file. */
    Sources loadText(URI uri, String text) {
        XtextResourceSet resources = injector.getInstance(XtextResourceSet.class);
        Resource r = resources.createResource(uri);
        List<Problem> problems = new ArrayList<>();
        Path file = Path.of(uri.toString());
        try {
            r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), resources.getLoadOptions());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        Map<Path, Resource> given = new LinkedHashMap<>();
        given.put(file, r);
        return validated(resources, given, problems);
    }

    /** Resolves imports, validates every resource once (given files first, then what they import) and pairs files with models. */
    private Sources validated(XtextResourceSet resources, Map<Path, Resource> given, List<Problem> problems) {
        EcoreUtil.resolveAll(resources);
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        for (Resource r : new ArrayList<>(resources.getResources())) {
            if (!(r instanceof XtextResource) || !r.isLoaded() || r.getContents().isEmpty() && !given.containsValue(r)) {
                continue; // an import that could not be read: the importing file's import check says why
            }
            Path file = path(r.getURI());
            List<Problem> own = new ArrayList<>();
            for (Issue issue : validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl)) {
                own.add(problem(file, issue));
            }
            own.sort(Problem.BY_POSITION);
            problems.addAll(own);
        }
        List<SourceFile> files = new ArrayList<>();
        for (Map.Entry<Path, Resource> e : given.entrySet()) {
            Resource r = e.getValue();
            EObject root = r == null || r.getContents().isEmpty() ? null : r.getContents().get(0);
            files.add(new SourceFile(e.getKey(), root instanceof Network n ? n : null));
        }
        return new Sources(files, problems, new XtextSourceLocator());
    }

    /**
     * What {@code netwright validate} reports, the promise the other commands keep: {@link #load}'s problems and, for
     * each file the language accepts, what mapping it onto the engine ({@code check}, {@code walk}) and rendering its
     * exports ({@code export}, {@code lab}) would refuse. The language's own rules are meant to catch all of these first;
     * this makes sure nothing slips through them.
     */
    public Sources validate(List<Path> filesOrFolders) {
        Sources sources = load(filesOrFolders);
        List<Problem> problems = new ArrayList<>(sources.problems());
        for (SourceFile file : sources.files()) {
            if (!file.loaded() || !errorsOf(sources, file).isEmpty()) {
                continue; // the language's errors come first; the files without any are still asked the rest
            }
            ModelMapping mapping = new ModelToEngine(sources.locator()).map(List.of(file.model()));
            for (MappingIssue issue : mapping.errors()) {
                problems.add(problem(issue.where(), Problem.Severity.ERROR, issue.message()));
            }
            opaqueWarnings(mapping, problems);
            if (!mapping.hasErrors() && !mapping.view().hasChoices()) {
                possiblyWithoutChoice(file.model(), sources, problems);
            }
            try {
                Exporter.render(Models.withImports(file.model()));
            } catch (ExportException e) {
                problems.add(new Problem(file.path(), 0, 0, Problem.Severity.ERROR, Problem.EXPORT, "cannot be exported: " + e.getMessage()));
            }
        }
        return new Sources(sources.files(), problems, sources.locator());
    }

    /**
     * Every element the engine keeps opaque (does not execute), as a located warning: walks that pass one are
     * uncertain, and the user must see which.
     */
    private static void opaqueWarnings(ModelMapping mapping, List<Problem> problems) {
        for (MappingIssue issue : mapping.warnings()) {
            if (issue.opaque()) {
                problems.add(problem(issue.where(), Problem.Severity.WARNING, issue.message()));
            }
        }
    }

    /** "possibly" where no walk can have more than one outcome: the same as "always", which the user may not mean. */
    private static void possiblyWithoutChoice(Network model, Sources sources, List<Problem> problems) {
        List<Expectation> all = new ArrayList<>(model.getExpectations());
        model.getScenarios().forEach(s -> all.addAll(s.getSteps()));
        for (Expectation e : all) {
            if (e.getQuantifier() == org.netwright.model.Quantifier.POSSIBLY) {
                problems.add(problem(sources.locator().locate(e), Problem.Severity.WARNING, "possibly: no rule of this model"
                        + " makes a choice (a random match or verdict map, or a match the engine does not evaluate), so every"
                        + " walk has one outcome and possibly means always"));
            }
        }
    }

    /** A path given by the user: a folder's {@code .nwp} files (sorted, folders named {@code *.nwp} are walked into), or the file itself. */
    static List<Path> nwpFiles(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                List<Path> found = walk.filter(p -> p.getFileName().toString().endsWith(".nwp") && !Files.isDirectory(p))
                        .limit(MAX_FILES + 1L).sorted().toList();
                if (found.size() > MAX_FILES) {
                    throw new InputException(path.toString(), "holds more than " + MAX_FILES + " .nwp files");
                }
                return found;
            } catch (IOException | UncheckedIOException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                throw new InputException(path.toString(), "the folder cannot be read: " + InputFiles.reason(cause));
            }
        }
        if (!Files.exists(path) && !Files.isSymbolicLink(path)) {
            throw new InputException(null, "no such file: " + path);
        }
        return List.of(path);
    }

    private static Problem problem(Path file, Issue issue) {
        Problem.Severity severity = switch (issue.getSeverity()) {
            case ERROR -> Problem.Severity.ERROR;
            case WARNING -> Problem.Severity.WARNING;
            default -> Problem.Severity.INFO;
        };
        int line = issue.getLineNumber() == null ? 0 : issue.getLineNumber();
        int column = issue.getColumn() == null ? 0 : issue.getColumn();
        return new Problem(file, line, column, severity, issue.getCode(), issue.getMessage());
    }

    /** Why a file the language could not load is unreadable, at the position the reader found (not UTF-8, ...). */
    private static Problem unreadable(Path file, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InputException in) {
                return new Problem(file, in.line(), in.column(), Problem.Severity.ERROR, Problem.UNREADABLE, in.getMessage());
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root instanceof IOException io ? InputFiles.reason(io) : root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new Problem(file, 0, 0, Problem.Severity.ERROR, Problem.UNREADABLE, "cannot be read: " + reason);
    }

    private static Path path(URI uri) {
        return uri.isFile() ? Path.of(uri.toFileString()) : Path.of(uri.toString());
    }

    // ------------------------------------------------------------------ check

    /** Every expectation and scenario of every loaded file (each mapped with what it imports), in order. */
    public List<FileCheck> check(Sources sources) {
        List<FileCheck> out = new ArrayList<>();
        for (SourceFile f : sources.files()) {
            if (f.loaded()) {
                out.add(check(sources, f));
            }
        }
        return out;
    }

    /**
     * The checks of the files that can be checked: loaded, and neither they nor a file they import has an error. A
     * build reports the others as invalid and still checks the rest.
     */
    public List<FileCheck> checkValid(Sources sources) {
        List<FileCheck> out = new ArrayList<>();
        for (SourceFile f : sources.files()) {
            if (f.loaded() && errorsOf(sources, f).isEmpty()) {
                out.add(check(sources, f));
            }
        }
        return out;
    }

    /** The errors of {@code file} and of every file it imports. */
    public List<Problem> errorsOf(Sources sources, SourceFile file) {
        Set<Path> inputs = new HashSet<>();
        inputsOf(file).forEach(p -> inputs.add(p.toAbsolutePath().normalize()));
        inputs.add(file.path().toAbsolutePath().normalize());
        return sources.errors().stream().filter(p -> p.file() != null && inputs.contains(p.file().toAbsolutePath().normalize())).toList();
    }

    /** One file's expectations and scenarios; mapping errors (and a probe that cannot be built) make it invalid. */
    public FileCheck check(Sources sources, SourceFile file) {
        ModelMapping mapping = new ModelToEngine(sources.locator()).map(List.of(file.model()));
        List<Problem> problems = new ArrayList<>();
        for (MappingIssue issue : mapping.issues()) {
            problems.add(problem(issue.where(), issue.isError() ? Problem.Severity.ERROR : Problem.Severity.WARNING, issue.message()));
        }
        List<ExpectationResult> results = new ArrayList<>();
        if (!mapping.hasErrors()) {
            ExpectationChecker checker = new ExpectationChecker(mapping);
            for (Expectation e : file.model().getExpectations()) {
                check(() -> checker.check(e), results, problems);
            }
            for (Scenario s : file.model().getScenarios()) {
                check(() -> checker.check(s), results, problems);
            }
        }
        return new FileCheck(file, problems, results);
    }

    /** One expectation or scenario; one whose probe cannot be built is a located problem, and the others still run. */
    private static void check(java.util.function.Supplier<ExpectationChecker.Result> run, List<ExpectationResult> results,
            List<Problem> problems) {
        try {
            results.add(ExpectationResult.of(run.get()));
        } catch (ModelException e) {
            problems.add(problem(e.where(), Problem.Severity.ERROR, e.getMessage()));
        }
    }

    /** A mapping problem as {@link MappingIssue} words it: the message, then the model text it is about in brackets. */
    static Problem problem(SourceRef where, Problem.Severity severity, String message) {
        boolean located = where != null && where.file() != null;
        String text = where != null && where.text() != null && !where.text().isEmpty() ? " [" + where.text() + "]" : "";
        return new Problem(located ? Path.of(where.file()) : null, located ? where.line() : 0, located ? where.column() : 0,
                severity, Problem.MAPPING, message + text);
    }

    // ------------------------------------------------------------------ export

    /**
     * The files a real box loads for {@code file} and what it imports, per namespace {@code ruleset.nft},
     * {@code iptables.rules} and {@code setup.sh} under {@code dir}. Everything is rendered before anything is written:
     * a model the exporters refuse writes nothing and is an {@link InputException} naming the file.
     */
    public ExportResult export(SourceFile file, Path dir) throws IOException {
        return export(file, dir, ExportFormat.all());
    }

    /** As {@link #export(SourceFile, Path)}, writing only the files of the given formats. */
    public ExportResult export(SourceFile file, Path dir, Set<ExportFormat> formats) throws IOException {
        List<Network> networks;
        List<Path> written;
        try {
            networks = Models.withImports(file.model());
            Map<String, String> rendered = new LinkedHashMap<>(Exporter.render(networks));
            rendered.keySet().removeIf(path -> formats.stream().noneMatch(f -> f.writes(path)));
            written = Exporter.write(rendered, dir);
        } catch (ExportException e) {
            throw new InputException(file.path().toString(), "cannot be exported: " + e.getMessage());
        }
        long opaque = networks.stream().flatMap(n -> java.util.stream.StreamSupport.stream(
                ((Iterable<EObject>) n::eAllContents).spliterator(), false))
                .filter(o -> o instanceof NftRule r && r.getStatements().isEmpty()).count();
        return new ExportResult(written, opaque);
    }

    /**
     * The files {@code file}'s model is made of: the file itself and every file it imports, transitively, imported
     * files first. What a build compares to tell whether an export is up to date.
     */
    public List<Path> inputsOf(SourceFile file) {
        if (!file.loaded()) {
            return List.of(file.path());
        }
        List<Network> networks;
        try {
            networks = Models.withImports(file.model());
        } catch (ExportException e) {
            return List.of(file.path()); // an import that does not load: the file's own error says so
        }
        List<Path> inputs = new ArrayList<>();
        for (Network n : networks) {
            URI uri = n.eResource() == null ? null : n.eResource().getURI();
            if (uri != null && uri.isFile()) {
                inputs.add(Path.of(uri.toFileString()));
            }
        }
        return inputs;
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * A host snapshot folder (what {@code netwright snapshot} writes) as model text, exactly as {@code netwright import}
     * writes it, and that text loaded back under {@code snapshot:<folder>/imported.nwp}. The problems of the dumps
     * (file, line, column, JSON path) come first; a folder without namespace folders is an error like any other.
     *
     * @param headerComments the first lines of the text (where it came from)
     */
    public SnapshotImport importSnapshot(Path folder, List<String> headerComments) {
        SnapshotImporter.Result result;
        try {
            result = new SnapshotImporter().importFolder(folder);
        } catch (IOException e) {
            throw new InputException(folder.toString(), "the snapshot folder cannot be read: " + InputFiles.reason(e));
        }
        List<Problem> problems = new ArrayList<>();
        for (ImportProblem p : result.problems()) {
            Problem.Severity severity = switch (p.severity()) {
                case ERROR -> Problem.Severity.ERROR;
                case WARNING -> Problem.Severity.WARNING;
                case INFO -> Problem.Severity.INFO;
            };
            problems.add(new Problem(folder.resolve(p.file()), p.line(), p.column(), severity, Problem.IMPORT,
                    p.message() + (p.jsonPath() == null ? "" : " (at " + p.jsonPath() + ")")));
        }
        NwpWriter.Result written = NwpWriter.write(result.network(), headerComments);
        URI uri = URI.createURI("snapshot:" + folder.toAbsolutePath().normalize() + "/imported.nwp");
        List<String> notWritten = new ArrayList<>(written.problems());
        String text = written.text();
        Sources loaded = null;
        if (!result.network().getNamespaces().isEmpty()) {
            loaded = loadText(uri, text);
            // a damaged dump leaves statements behind that no longer hold (a route via a gateway whose address was in
            // the broken addr.json): they become comments, so that what is written always loads
            for (int round = 0; round < MAX_REPAIR_ROUNDS && loaded.hasErrors(); round++) {
                String repaired = commentOut(text, loaded.errors(), notWritten);
                if (repaired.equals(text)) {
                    break; // nothing a comment can fix: the caller reports the model as not loading
                }
                text = repaired;
                loaded = loadText(uri, text);
            }
        }
        if (loaded != null && !loaded.hasErrors()) {
            for (SourceFile f : loaded.files()) {
                if (f.loaded()) {
                    opaqueWarnings(new ModelToEngine(loaded.locator()).map(List.of(f.model())), problems);
                }
            }
        }
        return new SnapshotImport(folder, text, result.network().getNamespaces().size(), problems, notWritten, loaded);
    }

    private static final int MAX_REPAIR_ROUNDS = 20;

    /** The lines with errors as comments saying why, when they are single statements (no brace opens or closes there). */
    private static String commentOut(String text, List<Problem> errors, List<String> notWritten) {
        String[] lines = text.split("\n", -1);
        for (Problem e : errors) {
            int i = e.line() - 1;
            if (i < 0 || i >= lines.length) {
                continue;
            }
            String line = lines[i];
            String statement = line.strip();
            if (statement.startsWith("#") || statement.isEmpty() || line.indexOf('{') >= 0 || line.indexOf('}') >= 0) {
                continue;
            }
            String indent = line.substring(0, line.indexOf(statement.charAt(0)));
            lines[i] = indent + "# not written, it would not load: " + statement;
            notWritten.add("line " + e.line() + ": '" + statement + "' is written as a comment: " + e.message());
        }
        return String.join("\n", lines);
    }
}
