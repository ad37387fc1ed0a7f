package org.netwright.ui.editor;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.Token;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.ITokenScanner;
import org.eclipse.xtext.ide.editor.syntaxcoloring.AbstractAntlrTokenToAttributeIdMapper;
import org.eclipse.xtext.parser.antlr.Lexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;
import org.netwright.ui.Dsl;

import com.google.inject.Key;
import com.google.inject.name.Names;

/**
 * Lexical highlighting: the language's own lexer splits the damaged region into tokens, and Xtext's
 * token-to-style mapping of the ide module names each token's style (keyword, string, comment ...).
 */
final class TokenScanner implements ITokenScanner {
    private final Lexer lexer;
    private final AbstractAntlrTokenToAttributeIdMapper styles;
    private int base;
    private int tokenOffset;
    private int tokenLength;

    TokenScanner() {
        lexer = Dsl.injector().getInstance(Key.get(Lexer.class, Names.named(LexerBindings.RUNTIME)));
        AbstractAntlrTokenToAttributeIdMapper bound = Dsl.boundService(AbstractAntlrTokenToAttributeIdMapper.class);
        styles = bound != null ? bound : defaultMapper();
    }

    /**
     * Xtext's default mapper reads the token names from a provider named for highlighting, which only
     * Xtext's Eclipse UI module binds: here it is the runtime's provider (same lexer, same tokens).
     */
    private static AbstractAntlrTokenToAttributeIdMapper defaultMapper() {
        com.google.inject.Injector injector = Dsl.injector();
        if (injector.getExistingBinding(Key.get(org.eclipse.xtext.parser.antlr.ITokenDefProvider.class,
            Names.named(org.eclipse.xtext.ide.LexerIdeBindings.HIGHLIGHTING))) != null) {
            return injector.getInstance(org.eclipse.xtext.ide.editor.syntaxcoloring.DefaultAntlrTokenToAttributeIdMapper.class);
        }
        return injector.createChildInjector(binder -> binder.bind(org.eclipse.xtext.parser.antlr.ITokenDefProvider.class)
            .annotatedWith(Names.named(org.eclipse.xtext.ide.LexerIdeBindings.HIGHLIGHTING))
            .toProvider(() -> injector.getInstance(org.eclipse.xtext.parser.antlr.ITokenDefProvider.class)))
            .getInstance(org.eclipse.xtext.ide.editor.syntaxcoloring.DefaultAntlrTokenToAttributeIdMapper.class);
    }

    @Override
    public void setRange(IDocument document, int offset, int length) {
        String text;
        try {
            text = document.get(offset, length);
        } catch (BadLocationException e) {
            text = "";
        }
        base = offset;
        lexer.setCharStream(new ANTLRStringStream(text));
    }

    @Override
    public IToken nextToken() {
        Token t;
        try {
            t = lexer.nextToken();
        } catch (RuntimeException e) {
            return org.eclipse.jface.text.rules.Token.EOF;
        }
        if (t == null || t.getType() == Token.EOF) {
            return org.eclipse.jface.text.rules.Token.EOF;
        }
        CommonToken c = (CommonToken) t;
        tokenOffset = base + c.getStartIndex();
        tokenLength = c.getStopIndex() - c.getStartIndex() + 1;
        TextAttribute attribute = Styles.of(styles.getId(t.getType()));
        return new org.eclipse.jface.text.rules.Token(attribute);
    }

    @Override
    public int getTokenOffset() {
        return tokenOffset;
    }

    @Override
    public int getTokenLength() {
        return tokenLength;
    }
}
