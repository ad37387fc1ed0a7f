package org.netwright.benchmarks.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.netwright.dsl.ide.server.NetwrightLanguageServer;
import org.netwright.dsl.ide.server.QuietLanguageClient;

/**
 * The language server in this JVM, driven over a pair of pipes by an LSP4J client as an editor drives it over stdio
 * (requests are serialized to JSON and back), with one document open.
 */
public final class LspSession implements AutoCloseable {
    static final long TIMEOUT_S = 120;

    private final PipedOutputStream clientOut;
    private final PipedOutputStream serverOut;
    private final NetwrightLanguageServer.Running running;
    private final Client client = new Client();
    public final LanguageServer server;
    public final TextDocumentIdentifier document;
    private final String text;
    private int version = 1;

    /** Publishes into the future of the latest edit. */
    private static final class Client extends QuietLanguageClient {
        volatile CompletableFuture<List<Diagnostic>> diagnostics = new CompletableFuture<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams params) {
            diagnostics.complete(params.getDiagnostics());
        }
    }

    /** Starts a server on a workspace {@code dir} and opens {@code text} as {@code dir/name}; waits for its diagnostics. */
    public LspSession(Path dir, String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        serverOut = new PipedOutputStream(clientIn);
        running = NetwrightLanguageServer.start(serverIn, serverOut, false);
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
        launcher.startListening();
        server = launcher.getRemoteProxy();
        InitializeParams init = new InitializeParams();
        init.setWorkspaceFolders(List.of(new WorkspaceFolder(dir.toUri().toString(), "bench")));
        TextDocumentClientCapabilities textCapabilities = new TextDocumentClientCapabilities();
        DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
        symbols.setHierarchicalDocumentSymbolSupport(true);
        textCapabilities.setDocumentSymbol(symbols);
        ClientCapabilities capabilities = new ClientCapabilities();
        capabilities.setTextDocument(textCapabilities);
        init.setCapabilities(capabilities);
        server.initialize(init).get(TIMEOUT_S, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
        document = new TextDocumentIdentifier(file.toUri().toString());
        this.text = text;
        open();
    }

    /** Opens the document with its first text, as an editor opens the file; waits for the diagnostics of it. */
    public List<Diagnostic> open() throws Exception {
        CompletableFuture<List<Diagnostic>> published = client.diagnostics = new CompletableFuture<>();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(document.getUri(), "nwp", ++version, text)));
        return published.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Closes the document; the server goes back to the file on disk and publishes its diagnostics, which this waits for. */
    public List<Diagnostic> closeDocument() throws Exception {
        CompletableFuture<List<Diagnostic>> published = client.diagnostics = new CompletableFuture<>();
        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(document));
        return published.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /**
     * Replaces {@code length} characters at line {@code line}, character {@code character} by {@code replacement}, as
     * an editor sends a keystroke, and waits for the diagnostics the server publishes after it.
     */
    public List<Diagnostic> edit(int line, int character, int length, String replacement) throws Exception {
        CompletableFuture<List<Diagnostic>> published = client.diagnostics = new CompletableFuture<>();
        TextDocumentContentChangeEvent change = new TextDocumentContentChangeEvent(
                new Range(new Position(line, character), new Position(line, character + length)), replacement);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(document.getUri(), ++version), List.of(change)));
        return published.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** The diagnostics published last (after opening or the latest edit). */
    public List<Diagnostic> lastDiagnostics() throws Exception {
        return client.diagnostics.get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            server.shutdown().get(TIMEOUT_S, TimeUnit.SECONDS);
            server.exit();
        } finally {
            clientOut.close();
            running.listening().get(TIMEOUT_S, TimeUnit.SECONDS);
            try {
                serverOut.close();
            } catch (IOException alreadyClosed) {
                // the server closed it
            }
        }
    }
}
