package org.netwright.dsl.ide.contentassist;

import org.antlr.runtime.RecognitionException;
import org.netwright.dsl.ide.contentassist.antlr.internal.InternalNetwrightLexer;
import org.netwright.dsl.parser.Ipv6Text;

/** The content assist parser's lexer, with IPv6 text as one token as the language's own lexer has it. */
public class NetwrightContentAssistLexer extends InternalNetwrightLexer {

    @Override
    public void mTokens() throws RecognitionException {
        if (!Ipv6Text.lex(input, state, RULE_IPV6_TEXT)) {
            super.mTokens();
        }
    }
}
