package org.netwright.ui.editor;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.ui.Dsl;
import org.netwright.ui.model.OpenModel;

/**
 * Quick fixes: the language's code actions (its {@code ICodeActionService2}) for the diagnostics at a
 * place of the text, applied as one step of the file's history. Needs no language server: the
 * "server access" the service asks for reads the open file directly.
 */
public final class CodeActions {
    /** A fix: its title and the text after it. */
    public record Fix(String title, String resultText) {
    }

    private CodeActions() {
    }

    /** True when the language offers code actions at all. */
    public static boolean available() {
        return Dsl.boundService(ICodeActionService2.class) != null;
    }

    /** The issues of the last parse on the line of {@code offset}. */
    public static List<Issue> issuesAt(OpenModel m, int offset) {
        int line;
        try {
            line = m.document().getLineOfOffset(offset) + 1;
        } catch (org.eclipse.jface.text.BadLocationException e) {
            return List.of();
        }
        List<Issue> out = new ArrayList<>();
        for (Issue i : m.issues()) {
            if (i.getLineNumber() != null && i.getLineNumber() <= line && (i.getLineNumberEnd() == null ? i.getLineNumber() : i.getLineNumberEnd()) >= line) {
                out.add(i);
            }
        }
        return out;
    }

    /** The fixes for the given issues. */
    public static List<Fix> fixes(OpenModel m, List<Issue> issues) {
        ICodeActionService2 service = Dsl.boundService(ICodeActionService2.class);
        if (service == null || issues.isEmpty()) {
            return List.of();
        }
        m.ensureParsed();
        String uri = m.resource().getURI().toString();
        Document doc = new Document(1, m.document().get());
        List<Diagnostic> diagnostics = issues.stream().map(LspText::diagnostic).toList();
        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), diagnostics.get(0).getRange(),
            new CodeActionContext(diagnostics));
        ICodeActionService2.Options options = new ICodeActionService2.Options();
        options.setDocument(doc);
        options.setResource(m.resource());
        options.setURI(uri);
        options.setCodeActionParams(params);
        options.setCancelIndicator(CancelIndicator.NullImpl);
        options.setLanguageServerAccess(new Access(m, doc));
        List<Fix> fixes = new ArrayList<>();
        for (Either<org.eclipse.lsp4j.Command, CodeAction> e : service.getCodeActions(options)) {
            if (e.isRight() && e.getRight().getEdit() != null) {
                List<TextEdit> edits = editsFor(e.getRight().getEdit(), uri);
                if (!edits.isEmpty()) {
                    fixes.add(new Fix(e.getRight().getTitle(), LspText.apply(m.document(), edits)));
                }
            }
        }
        return fixes;
    }

    private static List<TextEdit> editsFor(WorkspaceEdit edit, String uri) {
        List<TextEdit> out = new ArrayList<>();
        if (edit.getChanges() != null && edit.getChanges().get(uri) != null) {
            out.addAll(edit.getChanges().get(uri));
        }
        if (edit.getDocumentChanges() != null) {
            for (Either<TextDocumentEdit, org.eclipse.lsp4j.ResourceOperation> c : edit.getDocumentChanges()) {
                if (c.isLeft() && uri.equals(c.getLeft().getTextDocument().getUri())) {
                    out.addAll(c.getLeft().getEdits().stream().filter(Either::isLeft).map(Either::getLeft).toList());
                }
            }
        }
        return out;
    }

    /** What the code action service may ask of a "language server": the open file, read now. */
    private record Access(OpenModel model, Document document) implements ILanguageServerAccess {
        @Override
        public <T> CompletableFuture<T> doRead(String uri, Function<Context, T> function) {
            return CompletableFuture.completedFuture(doSyncRead(uri, function));
        }

        @Override
        public <T> T doSyncRead(String uri, Function<Context, T> function) {
            return function.apply(new Context(model.resource(), document, true, CancelIndicator.NullImpl));
        }

        @Override
        public <T> CompletableFuture<T> doReadIndex(Function<? super IndexContext, ? extends T> function) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no index in the workbench editor"));
        }

        @Override
        public void addBuildListener(IBuildListener listener) {
            // there are no builds here
        }

        @Override
        public LanguageClient getLanguageClient() {
            return null;
        }

        /** A fresh resource set holding the open file's current text (for fixes that change the model). */
        @Override
        public ResourceSet newLiveScopeResourceSet(URI uri) {
            XtextResourceSet set = Dsl.injector().getInstance(XtextResourceSet.class);
            XtextResource copy = (XtextResource) set.createResource(model.resource().getURI());
            try {
                copy.load(new ByteArrayInputStream(document.getContents().getBytes(StandardCharsets.UTF_8)), set.getLoadOptions());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return set;
        }

        @Override
        public InitializeParams getInitializeParams() {
            return new InitializeParams();
        }

        @Override
        public InitializeResult getInitializeResult() {
            return new InitializeResult();
        }
    }
}
