package org.netwright.dsl.ide.highlighting;

import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;

/** Xtext's hook for highlighting (used by the language server's semantic tokens): {@link NetwrightHighlighting}. */
public class NetwrightSemanticHighlightingCalculator implements ISemanticHighlightingCalculator {

    @Inject
    private NetwrightHighlighting highlighting;

    @Override
    public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
            CancelIndicator cancelIndicator) {
        if (resource == null) {
            return;
        }
        for (NetwrightHighlighting.Highlight h : highlighting.highlight(resource, cancelIndicator)) {
            acceptor.addPosition(h.offset(), h.length(), h.styles().toArray(String[]::new));
        }
    }
}
