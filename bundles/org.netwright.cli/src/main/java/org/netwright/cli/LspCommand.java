package org.netwright.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.netwright.dsl.ide.server.NetwrightLanguageServer;

/**
 * {@code netwright lsp}: the .nwp language server on stdin/stdout, for VS Code, Neovim, Theia and other LSP clients.
 * While it runs, anything else the JVM prints goes to stderr, so nothing but protocol reaches stdout.
 */
final class LspCommand {
    private final InputStream in;
    private final PrintStream protocol;
    private final PrintStream err;
    private final boolean exitOnRequest;

    LspCommand(InputStream in, PrintStream protocol, PrintStream err, boolean exitOnRequest) {
        this.in = in;
        this.protocol = protocol;
        this.err = err;
        this.exitOnRequest = exitOnRequest;
    }

    int run(List<String> args) {
        if (!args.isEmpty() && !args.equals(List.of("--stdio"))) {
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
