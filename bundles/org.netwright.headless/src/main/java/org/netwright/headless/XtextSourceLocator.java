package org.netwright.headless;

import java.nio.file.Path;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;
import org.netwright.engine.SourceRef;
import org.netwright.mapping.ModelText;
import org.netwright.mapping.SourceLocator;

/** Source positions from the Xtext node model: file (relative to the working directory), line, column, text. */
final class XtextSourceLocator implements SourceLocator {
    @Override
    public SourceRef locate(EObject o) {
        String file = o.eResource() == null ? null : display(o.eResource().getURI());
        ICompositeNode node = NodeModelUtils.findActualNodeFor(o);
        if (node == null) {
            return new SourceRef(file, 0, 0, ModelText.of(o));
        }
        LineAndColumn lc = NodeModelUtils.getLineAndColumn(node, node.getOffset());
        String text = NodeModelUtils.getTokenText(node);
        return new SourceRef(file, lc.getLine(), lc.getColumn(), text == null ? ModelText.of(o) : text.trim());
    }

    /** A file URI as {@link Problem#displayFile()} shows it; any other URI (snapshot:...) as it is. */
    static String display(URI uri) {
        if (uri == null) {
            return null;
        }
        return uri.isFile() ? Problem.display(Path.of(uri.toFileString())) : uri.toString();
    }
}
