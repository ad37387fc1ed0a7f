package org.netwright.dsl.parser;

import java.util.Set;

import org.antlr.runtime.RecognitionException;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

import com.google.inject.Inject;

/**
 * Syntax errors as the parser words them, plus a hint when the unexpected word is one of the language's keywords:
 * a chain, namespace or table called like a keyword ("helper", "log", "reply") is written {@code ^helper}.
 */
public class NetwrightSyntaxErrorMessageProvider extends SyntaxErrorMessageProvider {

    @Inject
    private IGrammarAccess grammarAccess;

    private volatile Set<String> keywords;

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        SyntaxErrorMessage message = super.getSyntaxErrorMessage(context);
        RecognitionException e = context.getRecognitionException();
        String text = e == null || e.token == null ? null : e.token.getText();
        if (text != null && text.matches("[A-Za-z_][A-Za-z0-9_-]*") && keywords().contains(text)) {
            return new SyntaxErrorMessage(message.getMessage() + " ('" + text + "' is a keyword: if it is meant as a name, write ^"
                    + text + ")", message.getIssueCode(), message.getIssueData());
        }
        return message;
    }

    private Set<String> keywords() {
        Set<String> k = keywords;
        if (k == null) {
            k = keywords = Set.copyOf(GrammarUtil.getAllKeywords(grammarAccess.getGrammar()));
        }
        return k;
    }
}
