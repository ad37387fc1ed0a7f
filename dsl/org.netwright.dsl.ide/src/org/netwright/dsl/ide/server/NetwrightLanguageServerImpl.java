package org.netwright.dsl.ide.server;

import java.nio.file.Path;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.xtext.ide.server.LanguageServerImpl;

/** Xtext's language server, also for clients that open a file without a workspace (no root URI, no folders). */
public class NetwrightLanguageServerImpl extends LanguageServerImpl {

    @Override
    protected URI getBaseDir(InitializeParams params) {
        URI base = super.getBaseDir(params);
        return base != null ? base
                : URI.createFileURI(Path.of("").toAbsolutePath().toString()).appendSegment(""); // the working directory
    }
}
