package org.netwright.dsl.ide.quickfix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.resource.XtextResource;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.inject.Inject;

/** The language server's quick fixes: {@link NetwrightQuickFixes} as LSP code actions. */
public class NetwrightCodeActionService implements ICodeActionService2 {

    @Inject
    private NetwrightQuickFixes quickFixes;

    @Override
    public List<Either<Command, CodeAction>> getCodeActions(Options options) {
        List<String> only = options.getCodeActionParams().getContext().getOnly();
        if (only != null && !only.isEmpty() && !only.contains(CodeActionKind.QuickFix)) {
            return Collections.emptyList();
        }
        List<Either<Command, CodeAction>> result = new ArrayList<>();
        for (Diagnostic diagnostic : options.getCodeActionParams().getContext().getDiagnostics()) {
            String code = diagnostic.getCode() == null ? null : diagnostic.getCode().getLeft();
            if (!quickFixes.handles(code)) {
                continue;
            }
            result.addAll(options.getLanguageServerAccess().doSyncRead(options.getURI(),
                    (ILanguageServerAccess.Context context) -> actions(context, options.getURI(), diagnostic, code)));
        }
        return result;
    }

    private List<Either<Command, CodeAction>> actions(ILanguageServerAccess.Context context, String uri,
            Diagnostic diagnostic, String code) {
        List<Either<Command, CodeAction>> result = new ArrayList<>();
        Document document = context.getDocument();
        if (!(context.getResource() instanceof XtextResource resource) || document == null) {
            return result;
        }
        int start = document.getOffSet(diagnostic.getRange().getStart());
        int end = document.getOffSet(diagnostic.getRange().getEnd());
        for (NetwrightQuickFixes.Fix fix : quickFixes.fixes(resource, code, data(diagnostic.getData()), start, end - start)) {
            List<TextEdit> edits = fix.edits().stream().map(e -> new TextEdit(
                    new Range(document.getPosition(e.offset()), document.getPosition(e.offset() + e.length())), e.text()))
                    .toList();
            CodeAction action = new CodeAction(fix.label());
            action.setKind(CodeActionKind.QuickFix);
            action.setDiagnostics(List.of(diagnostic));
            action.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
            result.add(Either.forRight(action));
        }
        return result;
    }

    /** The issue data: a String[] inside the server, a JSON array when the client sends the diagnostic back. */
    static String[] data(Object data) {
        if (data instanceof String[] strings) {
            return strings;
        }
        if (data instanceof JsonArray array) {
            String[] result = new String[array.size()];
            for (int i = 0; i < array.size(); i++) {
                JsonElement e = array.get(i);
                result[i] = e == null || e.isJsonNull() ? null : e.getAsString();
            }
            return result;
        }
        if (data instanceof List<?> list) {
            return list.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[0];
    }
}
