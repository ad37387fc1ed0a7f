package org.netwright.dsl.ide.hover;

import java.util.Optional;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;

/** The language server's hover: {@link NetwrightHover} as LSP markdown. */
public class NetwrightHoverService extends HoverService {

    @Inject
    private NetwrightHover hover;

    @Override
    public Hover hover(Document document, XtextResource resource, HoverParams params, CancelIndicator cancelIndicator) {
        Optional<NetwrightHover.Hover> h = hover.hover(resource, document.getOffSet(params.getPosition()));
        if (h.isEmpty()) {
            return IHoverService.EMPTY_HOVER;
        }
        Range range = new Range(document.getPosition(h.get().offset()), document.getPosition(h.get().offset() + h.get().length()));
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, h.get().markdown()), range);
    }
}
