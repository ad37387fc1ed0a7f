package org.netwright.dsl.ide;

import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.ide.server.folding.FoldingRangeService;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.XtextResource;
import org.netwright.dsl.ide.contentassist.NetwrightContentAssistLexer;
import org.netwright.dsl.ide.contentassist.NetwrightContentProposalProvider;
import org.netwright.dsl.ide.formatting.NetwrightFormattingService;
import org.netwright.dsl.ide.highlighting.NetwrightSemanticHighlightingCalculator;
import org.netwright.dsl.ide.hover.NetwrightHoverService;
import org.netwright.dsl.ide.outline.NetwrightDocumentSymbolService;
import org.netwright.dsl.ide.outline.NetwrightFoldingRangeService;
import org.netwright.dsl.ide.quickfix.NetwrightCodeActionService;
import org.netwright.dsl.ide.server.ExportedNamesStrategy;
import org.netwright.dsl.ide.server.NetwrightServerResource;
import org.netwright.dsl.ide.server.NoGeneration;

/**
 * IDE services of the language, UI-free: the language server and the desktop editor
 * ({@link org.netwright.dsl.ide.editor.NetwrightEditorServices}) use the same ones.
 */
public class NetwrightIdeModule extends AbstractNetwrightIdeModule {

    @Override
    public void configureContentAssistLexer(com.google.inject.Binder binder) {
        binder.bind(org.eclipse.xtext.ide.editor.contentassist.antlr.internal.Lexer.class)
                .annotatedWith(com.google.inject.name.Names.named(org.eclipse.xtext.ide.LexerIdeBindings.CONTENT_ASSIST))
                .to(NetwrightContentAssistLexer.class);
    }

    public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
        return NetwrightContentProposalProvider.class;
    }

    public Class<? extends IHoverService> bindIHoverService() {
        return NetwrightHoverService.class;
    }

    public Class<? extends HierarchicalDocumentSymbolService> bindHierarchicalDocumentSymbolService() {
        return NetwrightDocumentSymbolService.class;
    }

    public Class<? extends FoldingRangeService> bindFoldingRangeService() {
        return NetwrightFoldingRangeService.class;
    }

    public Class<? extends ICodeActionService2> bindICodeActionService2() {
        return NetwrightCodeActionService.class;
    }

    public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
        return NetwrightSemanticHighlightingCalculator.class;
    }

    public Class<? extends IShouldGenerate> bindIShouldGenerate() {
        return NoGeneration.class;
    }

    public Class<? extends XtextResource> bindXtextResource() {
        return NetwrightServerResource.class;
    }

    public Class<? extends IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
        return ExportedNamesStrategy.class;
    }

    public Class<? extends FormattingService> bindFormattingService() {
        return NetwrightFormattingService.class;
    }
}
