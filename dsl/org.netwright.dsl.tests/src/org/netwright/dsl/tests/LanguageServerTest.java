package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.dsl.ide.server.NetwrightLanguageServer;
import org.netwright.dsl.ide.server.QuietLanguageClient;
import org.netwright.dsl.validation.IssueCodes;

/**
 * Drives the language server with an LSP4J client over a pair of streams, as an editor does over stdio:
 * initialize, open a document, receive diagnostics, then completion, hover, formatting, symbols, code actions,
 * semantic tokens, shutdown.
 */
class LanguageServerTest {

	private static final long TIMEOUT = 60;

	private static final String TOPOLOGY = """
			namespace router {
				loopback lo
				interface eth0 { address 203.0.113.2/24 }
				interface eth1 { address 192.168.1.1/24 }
			}
			""";

	/** Imports the topology (a relative import), misspells an interface, needs formatting. */
	private static final String POLICY = """
			import "topology.nwp"

			extend router {
				nftables {
					table ip nat {
						chain postrouting {
							type nat hook postrouting priority srcnat;
							oif eht0   masquerade
						}
					}
				}
			}
			""";

	/** Collects what the server publishes. */
	static final class Client extends QuietLanguageClient {
		final Map<String, CompletableFuture<List<Diagnostic>>> diagnostics = new ConcurrentHashMap<>();

		CompletableFuture<List<Diagnostic>> diagnosticsFor(Path file) {
			return diagnostics.computeIfAbsent(file.toAbsolutePath().normalize().toString(), k -> new CompletableFuture<>());
		}

		@Override
		public void publishDiagnostics(PublishDiagnosticsParams params) {
			Path file = Path.of(java.net.URI.create(params.getUri())).toAbsolutePath().normalize();
			diagnosticsFor(file).complete(params.getDiagnostics());
		}

	}

	@Test
	void anEditorSession(@TempDir Path workspace) throws Exception {
		Files.writeString(workspace.resolve("topology.nwp"), TOPOLOGY, StandardCharsets.UTF_8);
		Path policy = workspace.resolve("policy.nwp");
		Files.writeString(policy, POLICY, StandardCharsets.UTF_8);
		String uri = policy.toUri().toString();

		PipedInputStream serverIn = new PipedInputStream(1 << 16);
		PipedOutputStream clientOut = new PipedOutputStream(serverIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 16);
		PipedOutputStream serverOut = new PipedOutputStream(clientIn);
		NetwrightLanguageServer.Running running = NetwrightLanguageServer.start(serverIn, serverOut, false, Nwp.INJECTOR);
		Client client = new Client();
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, clientOut);
		launcher.startListening();
		LanguageServer server = launcher.getRemoteProxy();
		try {
			InitializeParams init = new InitializeParams();
			init.setWorkspaceFolders(List.of(new WorkspaceFolder(workspace.toUri().toString(), "lab")));
			TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
			DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
			symbols.setHierarchicalDocumentSymbolSupport(true);
			text.setDocumentSymbol(symbols);
			ClientCapabilities capabilities = new ClientCapabilities();
			capabilities.setTextDocument(text);
			WorkspaceClientCapabilities workspaceCapabilities = new WorkspaceClientCapabilities();
			workspaceCapabilities.setWorkspaceFolders(true);
			capabilities.setWorkspace(workspaceCapabilities);
			init.setCapabilities(capabilities);
			InitializeResult result = server.initialize(init).get(TIMEOUT, TimeUnit.SECONDS);
			assertTrue(result.getCapabilities().getCompletionProvider() != null, "completion offered");
			assertTrue(result.getCapabilities().getHoverProvider().getLeft(), "hover offered");
			server.initialized(new InitializedParams());

			server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "nwp", 1, POLICY)));
			List<Diagnostic> diagnostics = client.diagnosticsFor(policy).get(TIMEOUT, TimeUnit.SECONDS);
			assertEquals(1, diagnostics.size(), "only the misspelt interface (the import resolves): " + diagnostics);
			Diagnostic typo = diagnostics.get(0);
			assertEquals(IssueCodes.UNKNOWN_INTERFACE, typo.getCode().getLeft());
			assertEquals(DiagnosticSeverity.Error, typo.getSeverity());
			assertEquals(7, typo.getRange().getStart().getLine(), "0-based line of 'oif eht0'");

			TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
			Position afterOif = new Position(7, "\t\t\t\toif ".length());
			Either<List<CompletionItem>, CompletionList> completion = server.getTextDocumentService()
					.completion(new CompletionParams(doc, afterOif)).get(TIMEOUT, TimeUnit.SECONDS);
			List<String> labels = (completion.isLeft() ? completion.getLeft() : completion.getRight().getItems()).stream()
					.map(CompletionItem::getLabel).toList();
			assertTrue(labels.contains("eth0") && labels.contains("eth1"), labels.toString());

			Position onMasquerade = new Position(7, "\t\t\t\toif eht0   mas".length());
			Hover hover = server.getTextDocumentService().hover(new HoverParams(doc, onMasquerade)).get(TIMEOUT, TimeUnit.SECONDS);
			assertTrue(hover.getContents().getRight().getValue().contains("source NAT"), hover.toString());

			List<? extends TextEdit> edits = server.getTextDocumentService()
					.formatting(new DocumentFormattingParams(doc, new FormattingOptions(4, false))).get(TIMEOUT, TimeUnit.SECONDS);
			assertFalse(edits.isEmpty(), "the extra spaces are formatted away");

			List<Either<SymbolInformation, DocumentSymbol>> outline = server.getTextDocumentService()
					.documentSymbol(new DocumentSymbolParams(doc)).get(TIMEOUT, TimeUnit.SECONDS);
			assertEquals(List.of("import topology.nwp", "extend router"),
					outline.stream().map(e -> e.getRight().getName()).toList());
			assertEquals("nftables", outline.get(1).getRight().getChildren().get(0).getName());
			DocumentSymbol chain = outline.get(1).getRight().getChildren().get(0).getChildren().get(0).getChildren().get(0);
			assertEquals("chain postrouting", chain.getName());
			assertEquals(new Range(new Position(5, 3), new Position(8, 4)), chain.getRange());
			assertEquals(new Range(new Position(5, 9), new Position(5, 20)), chain.getSelectionRange(), "the chain's name");

			List<FoldingRange> folds = server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(doc))
					.get(TIMEOUT, TimeUnit.SECONDS);
			assertEquals(List.of("2-11", "3-10", "4-9", "5-8"), folds.stream().map(f -> f.getStartLine() + "-" + f.getEndLine()).toList(),
					"extend, nftables, table, chain");

			List<Either<Command, CodeAction>> actions = server.getTextDocumentService()
					.codeAction(new CodeActionParams(doc, typo.getRange(), new CodeActionContext(List.of(typo))))
					.get(TIMEOUT, TimeUnit.SECONDS);
			List<String> titles = actions.stream().map(a -> a.getRight().getTitle()).toList();
			assertTrue(titles.contains("Change to 'eth0'"), titles.toString());
			TextEdit fix = actions.stream().filter(a -> a.getRight().getTitle().equals("Change to 'eth0'")).findFirst()
					.orElseThrow().getRight().getEdit().getChanges().values().iterator().next().get(0);
			assertEquals("eth0", fix.getNewText());

			SemanticTokens tokens = server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(doc))
					.get(TIMEOUT, TimeUnit.SECONDS);
			assertFalse(tokens.getData().isEmpty());
			assertEquals(0, tokens.getData().size() % 5, "five integers per token");

			server.shutdown().get(TIMEOUT, TimeUnit.SECONDS);
			server.exit();
		} finally {
			clientOut.close();
			running.listening().get(TIMEOUT, TimeUnit.SECONDS);
			closeQuietly(serverOut);
		}
	}

	/** Some clients open a single file without a workspace: the server still answers. */
	@Test
	void withoutAWorkspace() throws Exception {
		PipedInputStream serverIn = new PipedInputStream(1 << 16);
		PipedOutputStream clientOut = new PipedOutputStream(serverIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 16);
		PipedOutputStream serverOut = new PipedOutputStream(clientIn);
		NetwrightLanguageServer.Running running = NetwrightLanguageServer.start(serverIn, serverOut, false, Nwp.INJECTOR);
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), clientIn, clientOut);
		launcher.startListening();
		LanguageServer server = launcher.getRemoteProxy();
		try {
			InitializeResult result = server.initialize(new InitializeParams()).get(TIMEOUT, TimeUnit.SECONDS);
			assertTrue(result.getCapabilities().getDocumentFormattingProvider().getLeft());
			server.shutdown().get(TIMEOUT, TimeUnit.SECONDS);
		} finally {
			clientOut.close();
			running.listening().get(TIMEOUT, TimeUnit.SECONDS);
			closeQuietly(serverOut);
		}
	}

	private static void closeQuietly(PipedOutputStream out) {
		try {
			out.close();
		} catch (IOException e) {
			// already closed by the server
		}
	}
}
