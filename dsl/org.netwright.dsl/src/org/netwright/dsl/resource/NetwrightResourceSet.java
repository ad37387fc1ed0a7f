package org.netwright.dsl.resource;

import org.eclipse.emf.ecore.resource.URIConverter;
import org.eclipse.xtext.resource.XtextResourceSet;

/**
 * The resource set of the language (command line, language server, desktop editor alike): files are read by
 * {@link BoundedFileUriHandler}, before any other handler gets a chance.
 */
public class NetwrightResourceSet extends XtextResourceSet {
    private URIConverter bounded;

    @Override
    public URIConverter getURIConverter() {
        URIConverter converter = super.getURIConverter();
        if (converter != bounded) {
            converter.getURIHandlers().add(0, new BoundedFileUriHandler());
            bounded = converter;
        }
        return converter;
    }
}
