package org.netwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;

/** {@code netwright lsp} speaks LSP on its streams and ends when the client goes away. */
class LspCommandTest {

    static final class Quiet implements LanguageClient {
        @Override public void telemetryEvent(Object object) { }
        @Override public void publishDiagnostics(PublishDiagnosticsParams diagnostics) { }
        @Override public void showMessage(MessageParams messageParams) { }
        @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return CompletableFuture.completedFuture(null);
        }
        @Override public void logMessage(MessageParams message) { }
    }

    @Test
    void initializeAndShutDown() throws Exception {
        PipedInputStream serverIn = new PipedInputStream(1 << 16);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 16);
        PrintStream serverOut = new PrintStream(new PipedOutputStream(clientIn), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new LspCommand(serverIn, serverOut,
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run(List.of()));
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Quiet(), clientIn, clientOut);
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeResult result = server.initialize(new InitializeParams()).get(60, TimeUnit.SECONDS);
        assertTrue(result.getCapabilities().getCompletionProvider() != null);
        server.shutdown().get(60, TimeUnit.SECONDS);
        server.exit();
        clientOut.close();
        assertEquals(Main.OK, exit.get(60, TimeUnit.SECONDS));
    }

    @Test
    void argumentsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] { "lsp", "--port", "5007" }, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.INVALID, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("lsp takes no arguments"));
    }
}
