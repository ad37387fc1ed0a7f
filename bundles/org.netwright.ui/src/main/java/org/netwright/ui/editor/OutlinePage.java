package org.netwright.ui.editor;

import java.util.List;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.ide.server.symbol.IDocumentSymbolService;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.ui.Dsl;
import org.netwright.ui.model.OpenModel;

/** The Outline: the language's document symbols (namespaces, interfaces, chains, rules, expectations). */
public final class OutlinePage extends ContentOutlinePage implements OpenModel.Listener {
    private final OpenModel model;
    private final SourceEditor editor;
    /** Told the namespace a selected symbol is in (the multi-page editor selects its figure on the diagram). */
    private java.util.function.Consumer<String> namespaceSelected = name -> {
    };

    OutlinePage(OpenModel model, SourceEditor editor) {
        this.model = model;
        this.editor = editor;
    }

    /** The symbols of the open file (what the Outline shows). */
    public static List<DocumentSymbol> symbols(OpenModel m) {
        IDocumentSymbolService bound = Dsl.boundService(IDocumentSymbolService.class);
        IDocumentSymbolService service = bound != null ? bound : Dsl.service(HierarchicalDocumentSymbolService.class);
        if (service == null || m.resource() == null) {
            return List.of();
        }
        m.ensureParsed();
        if (service instanceof HierarchicalDocumentSymbolService h) {
            // the document variant: the language's service overrides it (plain names, rules included); the
            // resource-only variant is Xtext's generic one (qualified names of named elements only)
            return h.getSymbols(new org.eclipse.xtext.ide.server.Document(1, m.document().get()), m.resource(),
                new org.eclipse.lsp4j.DocumentSymbolParams(), CancelIndicator.NullImpl);
        }
        return List.of();
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer tree = getTreeViewer();
        tree.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                List<DocumentSymbol> children = ((DocumentSymbol) parent).getChildren();
                return children == null ? new Object[0] : children.toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                List<DocumentSymbol> children = ((DocumentSymbol) element).getChildren();
                return children != null && !children.isEmpty();
            }
        });
        tree.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                DocumentSymbol s = (DocumentSymbol) element;
                return s.getDetail() == null || s.getDetail().isEmpty() || s.getDetail().equals(s.getName()) ? s.getName()
                    : s.getName() + " : " + s.getDetail();
            }

            @Override
            public Image getImage(Object element) {
                SymbolKind kind = ((DocumentSymbol) element).getKind();
                String key = kind == SymbolKind.Module || kind == SymbolKind.Namespace || kind == SymbolKind.Package
                    ? ISharedImages.IMG_OBJ_FOLDER : ISharedImages.IMG_OBJ_ELEMENT;
                return PlatformUI.getWorkbench().getSharedImages().getImage(key);
            }
        });
        model.addListener(this);
        tree.setInput(symbols(model));
        tree.expandToLevel(2);
    }

    @Override
    public void parsed(OpenModel m) {
        TreeViewer tree = getTreeViewer();
        if (tree == null || tree.getControl().isDisposed()) {
            return;
        }
        Object[] expanded = tree.getExpandedElements();
        tree.setInput(symbols(m));
        tree.expandToLevel(expanded.length == 0 ? 2 : 2);
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (((IStructuredSelection) event.getSelection()).getFirstElement() instanceof DocumentSymbol s) {
            int start = LspText.offset(model.document(), s.getSelectionRange().getStart());
            int end = LspText.offset(model.document(), s.getSelectionRange().getEnd());
            editor.selectAndReveal(start, end - start);
            String namespace = namespaceOf(s, getTreeViewer().getInput());
            if (namespace != null) {
                namespaceSelected.accept(namespace);
            }
        }
    }

    public void onNamespaceSelected(java.util.function.Consumer<String> listener) {
        namespaceSelected = listener;
    }

    /**
     * The name of the top-level symbol that is or holds {@code s} (whoever is told checks that it names a namespace:
     * the symbol kinds depend on the symbol service bound).
     */
    static String namespaceOf(DocumentSymbol s, Object input) {
        if (input instanceof List<?> roots) {
            for (Object root : roots) {
                if (root instanceof DocumentSymbol top && holds(top, s)) {
                    // an extension ("extend host") is shown on the diagram as the namespace it extends
                    return top.getName().startsWith("extend ") ? top.getName().substring("extend ".length()) : top.getName();
                }
            }
        }
        return null;
    }

    private static boolean holds(DocumentSymbol parent, DocumentSymbol s) {
        if (parent == s) {
            return true;
        }
        return parent.getChildren() != null && parent.getChildren().stream().anyMatch(c -> holds(c, s));
    }

    @Override
    public void dispose() {
        model.removeListener(this);
        super.dispose();
    }
}
