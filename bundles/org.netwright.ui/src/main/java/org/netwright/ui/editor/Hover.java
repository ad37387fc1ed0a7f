package org.netwright.ui.editor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkedString;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.ui.Dsl;
import org.netwright.ui.model.OpenModel;

/** Hover: the problems at the mouse (markers), then what the language's hover service says. */
public final class Hover implements ITextHover {
    private final java.util.function.Supplier<OpenModel> model;

    public Hover(java.util.function.Supplier<OpenModel> model) {
        this.model = model;
    }

    /** The language's hover text at the offset (plain text, markdown left as it is), or null. */
    public static String text(OpenModel m, int offset) {
        IHoverService service = Dsl.service(IHoverService.class);
        if (service == null) {
            return null;
        }
        m.ensureParsed();
        HoverParams params = new HoverParams(new TextDocumentIdentifier(m.resource().getURI().toString()),
            LspText.position(m.document(), offset));
        org.eclipse.lsp4j.Hover hover = service.hover(new Document(1, m.document().get()), m.resource(), params, CancelIndicator.NullImpl);
        if (hover == null || hover.getContents() == null) {
            return null;
        }
        Either<List<Either<String, MarkedString>>, org.eclipse.lsp4j.MarkupContent> c = hover.getContents();
        String text;
        if (c.isRight()) {
            text = c.getRight().getValue();
        } else {
            List<String> parts = new ArrayList<>();
            for (Either<String, MarkedString> e : c.getLeft()) {
                parts.add(e.isLeft() ? e.getLeft() : e.getRight().getValue());
            }
            text = String.join("\n", parts);
        }
        return text == null || text.isBlank() ? null : plain(text.strip());
    }

    /** The hover is markdown; the JFace hover shows plain text: drop emphasis and code marks. */
    static String plain(String markdown) {
        return markdown.replace("**", "").replace("`", "").replaceAll("(?m)^#+\\s*", "");
    }

    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        List<String> lines = new ArrayList<>();
        if (viewer instanceof ISourceViewer sv && sv.getAnnotationModel() != null) {
            IAnnotationModel annotations = sv.getAnnotationModel();
            for (Iterator<Annotation> it = annotations.getAnnotationIterator(); it.hasNext();) {
                Annotation a = it.next();
                org.eclipse.jface.text.Position p = annotations.getPosition(a);
                if (p != null && p.overlapsWith(region.getOffset(), Math.max(1, region.getLength())) && a.getText() != null
                    && !a.isMarkedDeleted() && a.getType() != null && a.getType().startsWith("org.eclipse.ui.workbench.texteditor.")) {
                    lines.add(a.getText());
                }
            }
        }
        OpenModel m = model.get();
        if (m != null) {
            try {
                String text = text(m, region.getOffset());
                if (text != null) {
                    lines.add(text);
                }
            } catch (RuntimeException e) {
                // no hover is better than a broken one
            }
        }
        return lines.isEmpty() ? null : String.join("\n\n", lines);
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return new Region(offset, 0);
    }
}
