package org.netwright.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.BadPositionCategoryException;
import org.eclipse.jface.text.DefaultPositionUpdater;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IPositionUpdater;
import org.eclipse.jface.text.ITextPresentationListener;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.ui.Dsl;
import org.netwright.ui.model.OpenModel;

/**
 * Semantic highlighting: after each parse the language's {@link ISemanticHighlightingCalculator}
 * names styled ranges; they are kept as document positions (so they move with typing until the next
 * parse) and merged over the lexical colours whenever the viewer paints.
 */
final class SemanticHighlighter implements ITextPresentationListener, OpenModel.Listener {
    private static final String CATEGORY = "org.netwright.ui.semanticHighlighting";

    /** A styled range that follows the text. */
    static final class Styled extends Position {
        final TextAttribute attribute;
        final String id;

        Styled(int offset, int length, TextAttribute attribute, String id) {
            super(offset, length);
            this.attribute = attribute;
            this.id = id;
        }
    }

    private final ISourceViewer viewer;
    private final ISemanticHighlightingCalculator calculator = Dsl.service(ISemanticHighlightingCalculator.class);
    private final IPositionUpdater updater = new DefaultPositionUpdater(CATEGORY);
    private IDocument document;

    SemanticHighlighter(ISourceViewer viewer) {
        this.viewer = viewer;
    }

    void install(OpenModel model) {
        document = model.document();
        document.addPositionCategory(CATEGORY);
        document.addPositionUpdater(updater);
        ((org.eclipse.jface.text.ITextViewerExtension4) viewer).addTextPresentationListener(this);
        model.addListener(this);
        parsed(model);
    }

    void uninstall(OpenModel model) {
        model.removeListener(this);
        if (viewer instanceof org.eclipse.jface.text.ITextViewerExtension4 v) {
            v.removeTextPresentationListener(this);
        }
        if (document != null) {
            document.removePositionUpdater(updater);
            try {
                document.removePositionCategory(CATEGORY);
            } catch (BadPositionCategoryException e) {
                // already gone
            }
        }
    }

    /** The ranges now, for tests: each as {@code offset:length:style}. */
    List<String> ranges() {
        List<String> out = new ArrayList<>();
        try {
            for (Position p : document.getPositions(CATEGORY)) {
                out.add(p.offset + ":" + p.length + ":" + ((Styled) p).id);
            }
        } catch (BadPositionCategoryException e) {
            // none
        }
        return out;
    }

    @Override
    public void parsed(OpenModel model) {
        if (calculator == null || document == null) {
            return;
        }
        try {
            document.removePositionCategory(CATEGORY);
        } catch (BadPositionCategoryException e) {
            // not there yet
        }
        document.addPositionCategory(CATEGORY);
        try {
            calculator.provideHighlightingFor(model.resource(), (offset, length, ids) -> {
                if (ids.length == 0 || length <= 0) {
                    return;
                }
                String id = String.join("+", ids);
                TextAttribute attribute = Styles.semantic(ids);
                if (attribute == null || offset + length > document.getLength()) {
                    return;
                }
                try {
                    document.addPosition(CATEGORY, new Styled(offset, length, attribute, id));
                } catch (BadLocationException | BadPositionCategoryException e) {
                    // outside the text: skip
                }
            }, CancelIndicator.NullImpl);
        } catch (RuntimeException e) {
            return; // a highlighting failure must not break editing
        }
        if (viewer.getTextWidget() != null && !viewer.getTextWidget().isDisposed()) {
            viewer.invalidateTextPresentation();
        }
    }

    @Override
    public void applyTextPresentation(TextPresentation presentation) {
        if (document == null) {
            return;
        }
        org.eclipse.jface.text.IRegion extent = presentation.getExtent();
        try {
            for (Position p : document.getPositions(CATEGORY)) {
                if (p.isDeleted() || p.offset + p.length <= extent.getOffset() || p.offset >= extent.getOffset() + extent.getLength()) {
                    continue;
                }
                TextAttribute a = ((Styled) p).attribute;
                StyleRange range = new StyleRange(p.offset, p.length, a.getForeground(), a.getBackground(), a.getStyle());
                // merging keeps the lexical colour where the semantic style has none
                presentation.mergeStyleRange(range);
            }
        } catch (BadPositionCategoryException e) {
            // nothing to add
        }
    }
}
