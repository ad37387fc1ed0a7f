package org.netwright.dsl.ide.highlighting;

import org.eclipse.xtext.ide.server.semantictokens.SemanticTokensService;

/** The standard LSP token types plus Netwright's own (addresses, accept, drop, NAT). */
public class NetwrightSemanticTokensService extends SemanticTokensService {

    @Override
    protected void addTokenTypes() {
        super.addTokenTypes();
        getTokenTypes().addAll(NetwrightHighlighting.CUSTOM_TYPES);
    }
}
