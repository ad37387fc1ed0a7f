package org.netwright.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netwright.ui.editor.NwpEditor;
import org.netwright.ui.editor.OutlinePage;

/**
 * The Outline of a .nwp file lists namespaces with their tables, chains and rules; selecting a rule selects its text
 * in the Source page and, on the Diagram page, the figure of its namespace.
 */
class OutlineUITest {
    private IWorkbenchPage page;

    @BeforeEach
    void setUp() {
        page = PipelineUITest.freshPage();
    }

    @AfterEach
    void tearDown() {
        PipelineUITest.closeAll(page);
    }

    private static DocumentSymbol find(List<DocumentSymbol> symbols, String name) {
        for (DocumentSymbol s : symbols) {
            // the symbol service may name symbols by qualified name ("node1.nat.diy-dnat")
            if (s.getName().equals(name) || s.getName().endsWith("." + name)) {
                return s;
            }
            DocumentSymbol inner = s.getChildren() == null ? null : find(s.getChildren(), name);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    @Test
    void selectingARuleSelectsItsTextAndItsNamespacesFigure() throws Exception {
        NwpEditor editor = assertInstanceOf(NwpEditor.class,
            IDE.openEditor(page, DesignerUITest.example("outline-examples", "003-distributed-stateless-nat/broken.nwp"), NwpEditor.ID));
        page.showView(IPageLayout.ID_OUTLINE);
        page.activate(editor);
        DesignerUITest.settle();
        OutlinePage outline = assertInstanceOf(OutlinePage.class, editor.getAdapter(IContentOutlinePage.class));
        List<DocumentSymbol> symbols = OutlinePage.symbols(editor.getModel());
        // the file extends node1 of the topology it imports: its symbol is "extend node1"
        DocumentSymbol node1 = find(symbols, "extend node1");
        assertNotNull(node1, "namespaces in the outline: " + symbols.stream().map(DocumentSymbol::getName).toList());
        // namespace > nftables > table > chain > rule (the chain is not a direct child: its table is between)
        assertTrue(node1.getChildren().stream().noneMatch(c -> c.getName().endsWith("diy-dnat")), "the chain is under its table: " + node1.getChildren());
        DocumentSymbol chain = find(node1.getChildren(), "diy-dnat");
        assertNotNull(chain, "the chain under node1: " + node1.getChildren());
        assertTrue(chain.getChildren() != null && !chain.getChildren().isEmpty(), "the chain's rules");
        DocumentSymbol rule = chain.getChildren().get(chain.getChildren().size() - 1);

        editor.showDiagram();
        DesignerUITest.settle();
        outline.setSelection(new StructuredSelection(rule));
        DesignerUITest.settle();
        assertEquals(List.of(DesignerUITest.partOf(editor, "node1")), DesignerUITest.viewer(editor).getSelectedEditParts(),
            "the rule's namespace is selected on the diagram");
        ITextSelection text = (ITextSelection) editor.getSourceEditor().getSelectionProvider().getSelection();
        String document = editor.getModel().document().get();
        int line = rule.getSelectionRange().getStart().getLine();
        assertEquals(line, text.getStartLine(), "the rule's text is selected: " + text.getText());
        assertTrue(text.getLength() > 0 && document.substring(text.getOffset(), text.getOffset() + text.getLength()).equals(text.getText()));
    }
}
