package org.netwright.dsl.parser;

import org.antlr.runtime.RecognitionException;
import org.netwright.dsl.parser.antlr.internal.InternalNetwrightLexer;

/** The generated lexer, with IPv6 text as one token ({@link Ipv6Text}). */
public class NetwrightLexer extends InternalNetwrightLexer {

    @Override
    public void mTokens() throws RecognitionException {
        if (!Ipv6Text.lex(input, state, RULE_IPV6_TEXT)) {
            super.mTokens();
        }
    }
}
