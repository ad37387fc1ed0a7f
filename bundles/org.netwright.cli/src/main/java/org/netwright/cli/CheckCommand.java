package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.netwright.mapping.ExpectationChecker;
import org.netwright.mapping.MappingIssue;
import org.netwright.mapping.ModelException;
import org.netwright.mapping.ModelMapping;
import org.netwright.mapping.ModelToEngine;
import org.netwright.model.Network;

/**
 * {@code netwright check <files or folders...>}: runs every expectation and scenario of the given files,
 * each file mapped with what it imports. Exit 0 when all hold, 1 when one is violated (with its trace),
 * 2 on invalid input (syntax, link and mapping errors as file:line:column).
 */
final class CheckCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final ModelLoader loader;

    CheckCommand(PrintStream out, PrintStream err, ModelLoader loader) {
        this.out = out;
        this.err = err;
        this.loader = loader;
    }

    int run(List<String> args) {
        if (args.isEmpty() || args.equals(List.of("--summary"))) {
            throw new Main.UsageException("check needs at least one .nwp file or folder");
        }
        List<Path> files = new ArrayList<>();
        boolean summary = false;
        for (String a : args) {
            if (a.equals("--summary")) {
                summary = true;
            } else if (a.startsWith("-")) {
                throw new Main.UsageException("check: unknown option " + a);
            } else {
                files.addAll(nwpFiles(Path.of(a)));
            }
        }
        ModelLoader.Loaded loaded = loader.load(files);
        if (!loaded.errors().isEmpty()) {
            loaded.errors().forEach(err::println);
            return Main.INVALID;
        }
        int held = 0;
        int violated = 0;
        boolean invalid = false;
        for (int i = 0; i < loaded.roots().size(); i++) {
            Network root = loaded.roots().get(i);
            int heldBefore = held;
            int violatedBefore = violated;
            ModelMapping mapping = new ModelToEngine(loaded.locator()).map(List.of(root));
            if (mapping.hasErrors()) {
                mapping.errors().forEach(e -> err.println(e));
                invalid = true;
                continue;
            }
            if (!summary) {
                for (MappingIssue w : mapping.warnings()) {
                    err.println(w);
                }
            }
            try {
                for (ExpectationChecker.Result r : new ExpectationChecker(mapping).checkAll(root)) {
                    if (r.holds()) {
                        held++;
                        if (!summary) {
                            out.print(r.explain());
                        }
                    } else {
                        violated++;
                        out.print(summary ? headline(r.explain()) : r.explain());
                    }
                }
            } catch (ModelException e) {
                err.println(e.describe());
                invalid = true;
            }
            if (summary) {
                summaryLine(loaded, i, held - heldBefore, violated - violatedBefore, mapping.warnings().size());
            }
        }
        out.println((held + violated) + " expectation(s) checked: " + held + " hold, " + violated + " violated");
        return invalid ? Main.INVALID : violated > 0 ? Main.VIOLATED : Main.OK;
    }

    /** {@code --summary}: one line per file; the traces are printed only for violated expectations. */
    private void summaryLine(ModelLoader.Loaded loaded, int i, int held, int violated, int warnings) {
        Path file = loaded.files().size() == loaded.roots().size() ? loaded.files().get(i) : null;
        String name = file != null ? file.toString() : String.valueOf(loaded.roots().get(i).eResource().getURI());
        int n = held + violated;
        out.println(name + ": " + (n == 0 ? "no expectations" : violated == 0 ? "ok, " + n + " expectation(s) hold"
                : "VIOLATED " + violated + " of " + n + " expectation(s)")
                + (warnings == 0 ? "" : " (" + warnings + " engine warning(s): netwright check " + name + ")"));
    }

    /** A violated result without its trace: the headline and the reasons, up to "trace of probe". */
    private static String headline(String explain) {
        StringBuilder sb = new StringBuilder();
        for (String line : explain.split("\n")) {
            if (line.trim().startsWith("trace of ")) {
                break;
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    private static List<Path> nwpFiles(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                return walk.filter(p -> p.toString().endsWith(".nwp")).sorted().toList();
            } catch (IOException e) {
                throw new Main.UsageException("cannot read folder " + path + ": " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new Main.UsageException("no such file: " + path);
        }
        return List.of(path);
    }
}
