package org.netwright.dsl.serializer;

import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.parsetree.reconstr.impl.DefaultHiddenTokenHelper;

/**
 * Newlines are their own terminal (NL) because they end an nft rule line; everywhere else NL is hidden.
 * The serializer must treat hidden NL tokens as whitespace (by default only WS is), otherwise newlines
 * outside nft rules are lost on save and a '#' comment swallows the next line.
 */
public class NetwrightHiddenTokenHelper extends DefaultHiddenTokenHelper {

    @Override
    public boolean isWhitespace(AbstractRule rule) {
        return super.isWhitespace(rule) || rule != null && "NL".equals(rule.getName());
    }

    @Override
    public boolean isComment(AbstractRule rule) {
        return !isWhitespace(rule) && super.isComment(rule);
    }
}
