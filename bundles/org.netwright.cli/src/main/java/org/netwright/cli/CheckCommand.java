package org.netwright.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.netwright.engine.emf.ExpectationChecker;
import org.netwright.engine.emf.MappingIssue;
import org.netwright.engine.emf.ModelException;
import org.netwright.engine.emf.ModelMapping;
import org.netwright.engine.emf.ModelToEngine;
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
        if (args.isEmpty()) {
            throw new Main.UsageException("check needs at least one .nwp file or folder");
        }
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-")) {
                throw new Main.UsageException("check: unknown option " + a);
            }
            files.addAll(nwpFiles(Path.of(a)));
        }
        ModelLoader.Loaded loaded = loader.load(files);
        if (!loaded.errors().isEmpty()) {
            loaded.errors().forEach(err::println);
            return Main.INVALID;
        }
        int held = 0;
        int violated = 0;
        boolean invalid = false;
        for (Network root : loaded.roots()) {
            ModelMapping mapping = new ModelToEngine(loaded.locator()).map(List.of(root));
            if (mapping.hasErrors()) {
                mapping.errors().forEach(e -> err.println(e));
                invalid = true;
                continue;
            }
            for (MappingIssue w : mapping.warnings()) {
                err.println(w);
            }
            try {
                for (ExpectationChecker.Result r : new ExpectationChecker(mapping).checkAll(root)) {
                    if (r.holds()) {
                        held++;
                        out.print(r.explain());
                    } else {
                        violated++;
                        out.print(r.explain());
                    }
                }
            } catch (ModelException e) {
                err.println(e.describe());
                invalid = true;
            }
        }
        out.println((held + violated) + " expectation(s) checked: " + held + " hold, " + violated + " violated");
        return invalid ? Main.INVALID : violated > 0 ? Main.VIOLATED : Main.OK;
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
