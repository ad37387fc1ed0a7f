package org.netwright.mapping;

import org.eclipse.emf.ecore.EObject;
import org.netwright.engine.SourceRef;

/**
 * Where a model element comes from: file, line, column and the user's text. Pluggable so that the engine
 * stays free of Xtext: the command line and the editor supply a node-model based locator; the default
 * renders a textual description from the model itself (no file position).
 */
@FunctionalInterface
public interface SourceLocator {
    /** The source of {@code o}; never {@code null}. */
    SourceRef locate(EObject o);

    /** A locator that only renders the element's text from the model. */
    static SourceLocator generated() {
        return o -> SourceRef.of(ModelText.of(o));
    }
}
