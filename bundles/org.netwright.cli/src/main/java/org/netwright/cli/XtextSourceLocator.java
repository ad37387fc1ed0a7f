package org.netwright.cli;

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
    private final Path cwd = Path.of("").toAbsolutePath();

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

    String display(URI uri) {
        if (uri == null) {
            return null;
        }
        if (!uri.isFile()) {
            return uri.toString();
        }
        Path p = Path.of(uri.toFileString());
        try {
            return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }
}
