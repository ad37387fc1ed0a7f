package org.netwright.ui.editor;

import java.util.function.Supplier;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.IUndoManager;
import org.eclipse.jface.text.contentassist.ContentAssistant;
import org.eclipse.jface.text.contentassist.IContentAssistant;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.quickassist.IQuickAssistAssistant;
import org.eclipse.jface.text.quickassist.QuickAssistAssistant;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;
import org.netwright.ui.model.OpenModel;

/** The source page: lexical colours, content assist, hover, quick fixes; no undo of its own. */
final class SourceConfiguration extends TextSourceViewerConfiguration {
    private final Supplier<OpenModel> model;

    SourceConfiguration(Supplier<OpenModel> model, IPreferenceStore preferences) {
        super(preferences);
        this.model = model;
    }

    @Override
    public IPresentationReconciler getPresentationReconciler(ISourceViewer viewer) {
        PresentationReconciler reconciler = new PresentationReconciler();
        org.eclipse.jface.text.rules.ITokenScanner scanner;
        try {
            scanner = new TokenScanner();
        } catch (RuntimeException e) {
            // without the language's lexer the text is still editable, only plain
            scanner = new org.eclipse.jface.text.rules.RuleBasedScanner();
        }
        DefaultDamagerRepairer dr = new DefaultDamagerRepairer(scanner);
        reconciler.setDamager(dr, IDocument.DEFAULT_CONTENT_TYPE);
        reconciler.setRepairer(dr, IDocument.DEFAULT_CONTENT_TYPE);
        return reconciler;
    }

    @Override
    public IContentAssistant getContentAssistant(ISourceViewer viewer) {
        ContentAssistant assistant = new ContentAssistant();
        assistant.setContentAssistProcessor(new ContentAssist(model), IDocument.DEFAULT_CONTENT_TYPE);
        assistant.enableAutoActivation(true);
        assistant.setAutoActivationDelay(300);
        assistant.setProposalPopupOrientation(IContentAssistant.PROPOSAL_OVERLAY);
        assistant.setInformationControlCreator(getInformationControlCreator(viewer));
        return assistant;
    }

    @Override
    public IQuickAssistAssistant getQuickAssistAssistant(ISourceViewer viewer) {
        QuickAssistAssistant assistant = new QuickAssistAssistant();
        assistant.setQuickAssistProcessor(new QuickAssist(model));
        assistant.setInformationControlCreator(getInformationControlCreator(viewer));
        return assistant;
    }

    @Override
    public ITextHover getTextHover(ISourceViewer viewer, String contentType) {
        return new Hover(model);
    }

    /** The file's EMF command stack is the history: the viewer keeps none of its own. */
    @Override
    public IUndoManager getUndoManager(ISourceViewer viewer) {
        return null;
    }

    /** No spelling or other background reconciling: the model parses the text itself. */
    @Override
    public IReconciler getReconciler(ISourceViewer viewer) {
        return null;
    }

    @Override
    public String[] getDefaultPrefixes(ISourceViewer viewer, String contentType) {
        return new String[] { "#", "" };
    }
}
