package org.netwright.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.netwright.ui.model.OpenModel;

/** Ctrl+1: the code actions of the language for the problems on the caret's line. */
final class QuickAssist implements IQuickAssistProcessor {
    private final java.util.function.Supplier<OpenModel> model;
    private String error;

    QuickAssist(java.util.function.Supplier<OpenModel> model) {
        this.model = model;
    }

    @Override
    public String getErrorMessage() {
        return error;
    }

    @Override
    public boolean canFix(Annotation annotation) {
        return CodeActions.available();
    }

    @Override
    public boolean canAssist(IQuickAssistInvocationContext context) {
        return false;
    }

    @Override
    public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
        OpenModel m = model.get();
        error = null;
        if (m == null) {
            return new ICompletionProposal[0];
        }
        if (!CodeActions.available()) {
            error = "The language offers no quick fixes yet";
            return new ICompletionProposal[0];
        }
        List<ICompletionProposal> out = new ArrayList<>();
        try {
            for (CodeActions.Fix fix : CodeActions.fixes(m, CodeActions.issuesAt(m, context.getOffset()))) {
                out.add(new ICompletionProposal() {
                    @Override
                    public void apply(IDocument document) {
                        m.applyText(fix.title(), fix.resultText());
                    }

                    @Override
                    public Point getSelection(IDocument document) {
                        return null;
                    }

                    @Override
                    public String getAdditionalProposalInfo() {
                        return null;
                    }

                    @Override
                    public String getDisplayString() {
                        return fix.title();
                    }

                    @Override
                    public Image getImage() {
                        return null;
                    }

                    @Override
                    public IContextInformation getContextInformation() {
                        return null;
                    }
                });
            }
        } catch (RuntimeException e) {
            error = "Quick fixes failed: " + e.getMessage();
        }
        return out.toArray(ICompletionProposal[]::new);
    }
}
