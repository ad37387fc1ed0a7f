package org.netwright.ui.editor;

import java.util.ListResourceBundle;
import java.util.ResourceBundle;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceStore;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.source.DefaultCharacterPairMatcher;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.editors.text.TextFileDocumentProvider;
import org.eclipse.ui.texteditor.ChainedPreferenceStore;
import org.eclipse.ui.texteditor.ITextEditorActionConstants;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.texteditor.SourceViewerDecorationSupport;
import org.eclipse.ui.texteditor.TextOperationAction;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.netwright.ui.HistoryActions;
import org.netwright.ui.LineComments;
import org.netwright.ui.model.OpenModel;

/**
 * The Source page of a {@code .nwp} file: a JFace text editor on the Xtext ide services (colours,
 * content assist, hover, quick fixes, formatting, outline), bracket matching and comment toggling.
 * Its undo and redo act on the file's one EMF command stack.
 */
public class SourceEditor extends TextEditor {
    public static final String TOGGLE_COMMENT = "org.netwright.ui.toggleComment";
    public static final String FORMAT = "org.netwright.ui.format";
    private static final String BRACKETS = "org.netwright.ui.matchingBrackets";
    private static final String BRACKETS_COLOR = "org.netwright.ui.matchingBracketsColor";
    private static final ResourceBundle MESSAGES = new ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
            return new Object[][] { { "ContentAssist.label", "Content &Assist" }, { "ContentAssist.tooltip", "Content Assist" },
                { "ContentAssist.description", "Content Assist" } };
        }
    };

    private OpenModel model;
    private OutlinePage outline;
    private SemanticHighlighter semantic;

    public SourceEditor() {
        setDocumentProvider(new TextFileDocumentProvider());
    }

    @Override
    protected void initializeEditor() {
        super.initializeEditor();
        PreferenceStore own = new PreferenceStore();
        own.setDefault(BRACKETS, true);
        own.setDefault(BRACKETS_COLOR, "160,160,160");
        IPreferenceStore store = new ChainedPreferenceStore(new IPreferenceStore[] { own, EditorsUI.getPreferenceStore() });
        setPreferenceStore(store);
        setSourceViewerConfiguration(new SourceConfiguration(() -> model, store));
    }

    /** Connects the page to the file's model (after the document exists). */
    public void attach(OpenModel openModel) {
        this.model = openModel;
        openModel.setSelectionHook((offset, length) -> {
            if (getSourceViewer() != null && getSourceViewer().getTextWidget() != null && !getSourceViewer().getTextWidget().isDisposed()) {
                selectAndReveal(offset, length);
            }
        });
        semantic = new SemanticHighlighter(getSourceViewer());
        semantic.install(openModel);
        setAction(ITextEditorActionConstants.UNDO, HistoryActions.undo(openModel.commandStack()));
        setAction(ITextEditorActionConstants.REDO, HistoryActions.redo(openModel.commandStack()));
    }

    public OpenModel getModel() {
        return model;
    }

    public ISourceViewer viewer() {
        return getSourceViewer();
    }

    /** The semantic ranges now (tests): {@code offset:length:style}. */
    public java.util.List<String> semanticRanges() {
        return semantic == null ? java.util.List.of() : semantic.ranges();
    }

    @Override
    protected void configureSourceViewerDecorationSupport(SourceViewerDecorationSupport support) {
        support.setCharacterPairMatcher(new DefaultCharacterPairMatcher(new char[] { '{', '}', '(', ')', '[', ']' }));
        support.setMatchingCharacterPainterPreferenceKeys(BRACKETS, BRACKETS_COLOR);
        super.configureSourceViewerDecorationSupport(support);
    }

    @Override
    protected void createActions() {
        super.createActions();
        TextOperationAction assist = new TextOperationAction(MESSAGES, "ContentAssist.", this, ISourceViewer.CONTENTASSIST_PROPOSALS);
        assist.setActionDefinitionId(ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS);
        setAction("ContentAssist", assist);

        Action toggle = new Action("Toggle &Comment") {
            @Override
            public void run() {
                toggleComment();
            }
        };
        toggle.setActionDefinitionId(TOGGLE_COMMENT);
        setAction(TOGGLE_COMMENT, toggle);

        Action format = new Action("&Format") {
            @Override
            public void run() {
                if (model != null) {
                    Formatting.format(model);
                }
            }
        };
        format.setActionDefinitionId(FORMAT);
        setAction(FORMAT, format);
    }

    @Override
    protected void editorContextMenuAboutToShow(IMenuManager menu) {
        super.editorContextMenuAboutToShow(menu);
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, "ContentAssist");
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, ITextEditorActionConstants.QUICK_ASSIST);
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, TOGGLE_COMMENT);
        addAction(menu, ITextEditorActionConstants.GROUP_EDIT, FORMAT);
    }

    /** Comments or uncomments the selected lines ({@link LineComments}), as one step of the history. */
    public void toggleComment() {
        if (model == null) {
            return;
        }
        IDocument doc = model.document();
        ITextSelection sel = (ITextSelection) getSelectionProvider().getSelection();
        try {
            int first = doc.getLineOfOffset(sel.getOffset());
            int last = doc.getLineOfOffset(sel.getOffset() + Math.max(0, sel.getLength() - (sel.getLength() > 0 ? 1 : 0)));
            int start = doc.getLineOffset(first);
            IRegion lastLine = doc.getLineInformation(last);
            int end = lastLine.getOffset() + lastLine.getLength();
            String toggled = LineComments.toggle(doc.get(start, end - start));
            String all = doc.get();
            model.applyText("Toggle comment", all.substring(0, start) + toggled + all.substring(end));
            selectAndReveal(start, toggled.length());
        } catch (BadLocationException e) {
            // the selection is outside the text: nothing to do
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAdapter(Class<T> type) {
        if (type == IContentOutlinePage.class && model != null) {
            if (outline == null || outline.getControl() == null || outline.getControl().isDisposed()) {
                outline = new OutlinePage(model, this);
            }
            return (T) outline;
        }
        return super.getAdapter(type);
    }

    @Override
    public void dispose() {
        if (semantic != null && model != null) {
            semantic.uninstall(model);
        }
        super.dispose();
    }
}
