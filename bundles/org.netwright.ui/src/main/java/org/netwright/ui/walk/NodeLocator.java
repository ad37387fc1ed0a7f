package org.netwright.ui.walk;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;
import org.netwright.engine.SourceRef;
import org.netwright.mapping.ModelText;
import org.netwright.mapping.SourceLocator;

/** Where a model element is written: its resource URI, line and column, and its text. */
final class NodeLocator implements SourceLocator {
    @Override
    public SourceRef locate(EObject o) {
        ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
        String file = o.eResource() == null || o.eResource().getURI() == null ? null : o.eResource().getURI().toString();
        if (node == null) {
            return new SourceRef(file, 0, 0, ModelText.of(o));
        }
        LineAndColumn lc = NodeModelUtils.getLineAndColumn(node, node.getOffset());
        String text = NodeModelUtils.getTokenText(node);
        return new SourceRef(file, lc.getLine(), lc.getColumn(), text);
    }
}
