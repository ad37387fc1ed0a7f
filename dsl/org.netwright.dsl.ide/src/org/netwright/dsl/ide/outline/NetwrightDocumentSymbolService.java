package org.netwright.dsl.ide.outline;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.dsl.ide.server.LineIndex;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The language server's document symbols: {@link NetwrightOutline} (the parse tree, no cross-reference resolved) as
 * LSP hierarchical symbols.
 */
@Singleton
public class NetwrightDocumentSymbolService extends HierarchicalDocumentSymbolService {

    @Inject
    private NetwrightOutline outline;

    @Override
    public List<DocumentSymbol> getSymbols(Document document, XtextResource resource, DocumentSymbolParams params,
            CancelIndicator cancelIndicator) {
        LineIndex lines = new LineIndex(document.getContents());
        List<DocumentSymbol> result = new ArrayList<>();
        for (NetwrightOutline.Node n : outline.outline(resource)) {
            result.add(symbol(lines, n));
        }
        return result;
    }

    private static DocumentSymbol symbol(LineIndex lines, NetwrightOutline.Node n) {
        Range range = lines.range(n.offset(), n.length());
        Range selection = lines.range(n.selectionOffset(), n.selectionLength());
        DocumentSymbol s = new DocumentSymbol(n.label(), kind(n.kind()), range, selection, n.detail());
        List<DocumentSymbol> children = new ArrayList<>(n.children().size());
        for (NetwrightOutline.Node c : n.children()) {
            children.add(symbol(lines, c));
        }
        s.setChildren(children);
        return s;
    }

    static SymbolKind kind(NetwrightOutline.Kind kind) {
        return switch (kind) {
        case IMPORT -> SymbolKind.File;
        case NAMESPACE, EXTENSION -> SymbolKind.Namespace;
        case INTERFACE -> SymbolKind.Interface;
        case ROUTING_TABLE, TABLE -> SymbolKind.Class;
        case ROUTE, ROUTING_RULE -> SymbolKind.Field;
        case SYSCTL, LISTENER, LINK -> SymbolKind.Property;
        case RULESET, SCENARIO -> SymbolKind.Module;
        case CHAIN -> SymbolKind.Function;
        case SET -> SymbolKind.Array;
        case VARIABLE -> SymbolKind.Variable;
        case RULE -> SymbolKind.Event;
        case XFRM -> SymbolKind.Key;
        case PROBE -> SymbolKind.Constant;
        case EXPECTATION -> SymbolKind.Boolean;
        };
    }
}
