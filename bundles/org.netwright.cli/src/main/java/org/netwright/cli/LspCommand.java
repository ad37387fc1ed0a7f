package org.netwright.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.netwright.dsl.ide.server.NetwrightLanguageServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * {@code netwright lsp}: the .nwp language server on stdin/stdout, for VS Code, Neovim, Theia and other LSP clients.
 * While it runs, anything else the JVM prints goes to stderr, so nothing but protocol reaches stdout.
 */
@Command(name = "lsp", description = "The .nwp language server on stdin/stdout "
        + "(for VS Code, Neovim, Theia, ...): diagnostics, completion, hover, formatting, outline, quick fixes.")
final class LspCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final InputStream in;
    private final PrintStream protocol;
    private final PrintStream err;
    private final boolean exitOnRequest;

    @Option(names = "--stdio", description = "accepted for clients that pass it: stdin/stdout is the only transport")
    boolean stdio;

    @Parameters(arity = "0..*", hidden = true)
    List<String> arguments = new ArrayList<>();

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    LspCommand(InputStream in, PrintStream protocol, PrintStream err, boolean exitOnRequest) {
        this.in = in;
        this.protocol = protocol;
        this.err = err;
        this.exitOnRequest = exitOnRequest;
    }

    int run(List<String> args) {
        return Cli.execute(Cli.commandLine(this, protocol, err), args.toArray(String[]::new), err);
    }

    @Override
    public Integer call() {
        if (!arguments.isEmpty() || !unmatched.isEmpty()) {
            throw new Main.UsageException("lsp takes no arguments (it speaks LSP on stdin/stdout)");
        }
        PrintStream previous = System.out;
        System.setOut(err);
        try {
            NetwrightLanguageServer.start(in, protocol, exitOnRequest).listening().get();
            return Main.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.INVALID;
        } catch (ExecutionException e) {
            err.println("netwright lsp: the connection failed: " + e.getCause());
            return Main.INVALID;
        } finally {
            System.setOut(previous);
        }
    }
}
