package org.netwright.benchmarks.lsp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Milliseconds per request of the .nwp language server on a file of {@code rules} nftables rules ({@link LargeModel}),
 * over LSP4J's JSON-RPC as an editor talks to it: diagnostics after a one-character edit (the server reparses, links
 * and validates, then publishes), diagnostics after opening the file, completion and hover in the middle of the file,
 * folding ranges, document symbols, semantic tokens and formatting of the whole file. The target of issue 18 is at most 300 ms each on a quiet machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xmx3g" })
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class LanguageServerBenchmark {
    @Param("5000")
    public int rules;

    private Path dir;
    private LspSession session;
    private boolean toggle;
    /** A rule line in the middle of the file: completion after its "iif ", hover on its "accept". */
    private int middleLine;
    private String middleText;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("nw-lsp-bench");
        String text = LargeModel.text(rules);
        session = new LspSession(dir, "large.nwp", text);
        List<String> lines = text.lines().toList();
        middleLine = lines.size() / 2;
        while (!lines.get(middleLine).contains(" accept")) {
            middleLine++;
        }
        middleText = lines.get(middleLine);
        List<Diagnostic> diagnostics = session.lastDiagnostics();
        if (!diagnostics.isEmpty()) {
            throw new IllegalStateException("the generated file should have no problem: " + diagnostics.subList(0, Math.min(5, diagnostics.size())));
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        session.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public List<Diagnostic> diagnosticsAfterEdit() throws Exception {
        toggle = !toggle;
        return session.edit(0, LargeModel.EDITED.length() - 1, 1, toggle ? "b" : "a");
    }

    /** The document closed before each {@link #diagnosticsAfterOpen} (not measured). */
    @State(Scope.Thread)
    public static class ClosedDocument {
        @Setup(Level.Invocation)
        public void close(LanguageServerBenchmark benchmark) throws Exception {
            benchmark.session.closeDocument();
        }
    }

    @Benchmark
    public List<Diagnostic> diagnosticsAfterOpen(ClosedDocument closed) throws Exception {
        return session.open();
    }

    @Benchmark
    public List<CompletionItem> completion() throws Exception {
        Position afterIif = new Position(middleLine, middleText.indexOf("iif ") + 4);
        Either<List<CompletionItem>, CompletionList> r = session.server.getTextDocumentService()
                .completion(new CompletionParams(session.document, afterIif)).get(LspSession.TIMEOUT_S, TimeUnit.SECONDS);
        return r.isLeft() ? r.getLeft() : r.getRight().getItems();
    }

    @Benchmark
    public Hover hover() throws Exception {
        Position onAccept = new Position(middleLine, middleText.indexOf("accept") + 2);
        return session.server.getTextDocumentService().hover(new HoverParams(session.document, onAccept))
                .get(LspSession.TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Benchmark
    public List<FoldingRange> foldingRange() throws Exception {
        return session.server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(session.document))
                .get(LspSession.TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Benchmark
    public List<Either<SymbolInformation, DocumentSymbol>> documentSymbol() throws Exception {
        return session.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(session.document))
                .get(LspSession.TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Benchmark
    public SemanticTokens semanticTokens() throws Exception {
        return session.server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(session.document))
                .get(LspSession.TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Benchmark
    public List<? extends TextEdit> formatting() throws Exception {
        return session.server.getTextDocumentService()
                .formatting(new DocumentFormattingParams(session.document, new FormattingOptions(4, false)))
                .get(LspSession.TIMEOUT_S, TimeUnit.SECONDS);
    }
}
