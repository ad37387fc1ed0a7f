package org.netwright.ui.editor;

import java.util.List;

import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.ui.Dsl;
import org.netwright.ui.model.OpenModel;

/** Format (Ctrl+Shift+F): the language's formatter over the whole text, one step of the history. */
public final class Formatting {
    private Formatting() {
    }

    /** The formatted text, or null when the text has syntax errors (formatting would garble it). */
    public static String formatted(OpenModel m) {
        m.ensureParsed();
        if (!m.isValid()) {
            return null;
        }
        FormattingService service = Dsl.service(FormattingService.class);
        if (service == null) {
            return null;
        }
        DocumentFormattingParams params = new DocumentFormattingParams(new TextDocumentIdentifier(m.resource().getURI().toString()),
            new FormattingOptions(4, false));
        List<? extends TextEdit> edits = service.format(new Document(1, m.document().get()), m.resource(), params, CancelIndicator.NullImpl);
        return edits == null || edits.isEmpty() ? m.document().get() : LspText.apply(m.document(), edits);
    }

    /** Formats the open file; false when nothing changed or it cannot be formatted now. */
    public static boolean format(OpenModel m) {
        String text = formatted(m);
        return text != null && m.applyText("Format", text);
    }
}
