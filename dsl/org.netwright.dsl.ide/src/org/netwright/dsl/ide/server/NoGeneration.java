package org.netwright.dsl.ide.server;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * The language generates no files, so the builder need not ask. Xtext's default answer validates the whole file a
 * second time after the validation whose diagnostics the server publishes (a third of the time of a rebuild).
 */
public class NoGeneration implements IShouldGenerate {

    @Override
    public boolean shouldGenerate(Resource resource, CancelIndicator cancelIndicator) {
        return false;
    }
}
