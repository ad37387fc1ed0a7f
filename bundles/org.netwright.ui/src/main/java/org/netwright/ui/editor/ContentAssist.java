package org.netwright.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.ui.Dsl;
import org.netwright.ui.model.OpenModel;

/** Content assist from the language's ide content proposal provider (keywords, cross references). */
public final class ContentAssist implements IContentAssistProcessor {
    private final java.util.function.Supplier<OpenModel> model;
    private String error;

    public ContentAssist(java.util.function.Supplier<OpenModel> model) {
        this.model = model;
    }

    /** The proposals at the offset of the model's document, as {@code label -> replacement}. */
    public static List<CompletionItem> items(OpenModel m, int offset) {
        m.ensureParsed();
        ContentAssistService service = Dsl.service(ContentAssistService.class);
        if (service == null) {
            return List.of();
        }
        String text = m.document().get();
        Document doc = new Document(1, text);
        CompletionParams params = new CompletionParams(new TextDocumentIdentifier(m.resource().getURI().toString()),
            LspText.position(m.document(), offset));
        CompletionList list = service.createCompletionList(doc, m.resource(), params, CancelIndicator.NullImpl);
        return list == null ? List.of() : list.getItems();
    }

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        OpenModel m = model.get();
        error = null;
        if (m == null) {
            return new ICompletionProposal[0];
        }
        List<ICompletionProposal> out = new ArrayList<>();
        try {
            for (CompletionItem item : items(m, offset)) {
                int start = offset;
                int end = offset;
                String insert = item.getInsertText() != null ? item.getInsertText() : item.getLabel();
                if (item.getTextEdit() != null && item.getTextEdit().isLeft()) {
                    TextEdit edit = item.getTextEdit().getLeft();
                    start = LspText.offset(m.document(), edit.getRange().getStart());
                    end = LspText.offset(m.document(), edit.getRange().getEnd());
                    insert = edit.getNewText();
                }
                String display = item.getLabel() + (item.getDetail() == null || item.getDetail().isEmpty() ? "" : " \u2014 " + item.getDetail());
                out.add(new CompletionProposal(insert, start, end - start, insert.length(), null, display, null,
                    item.getDocumentation() == null ? null : String.valueOf(item.getDocumentation().isLeft()
                        ? item.getDocumentation().getLeft() : item.getDocumentation().getRight().getValue())));
            }
        } catch (RuntimeException e) {
            error = "Content assist failed: " + e.getMessage();
        }
        return out.toArray(ICompletionProposal[]::new);
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] { ':' };
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return error;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
