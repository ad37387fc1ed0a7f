package org.netwright.dsl.ide.formatting;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.formatting.IIndentationInformation;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.formatting.FormattingService;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;
import org.netwright.dsl.ide.server.LineIndex;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * Formatting requests as Xtext answers them, with the replacements turned into edits through one {@link LineIndex}
 * (Xtext's {@code Document.getPosition} counts the lines from the start of the text for each end of each edit), and
 * without the replacements that leave the text as it is (the formatter rewrites some line breaks with the same text):
 * a formatted file gets no edit.
 */
public class NetwrightFormattingService extends FormattingService {

    @Inject(optional = true)
    private Provider<IFormatter2> formatter2Provider;

    @Inject
    private IIndentationInformation indentationInformation;

    @Override
    public List<TextEdit> format(XtextResource resource, Document document, int offset, int length, FormattingOptions options) {
        List<TextEdit> result = new ArrayList<>();
        if (formatter2Provider == null) {
            return result;
        }
        String indent = indentationInformation.getIndentString();
        if (options != null && options.isInsertSpaces()) {
            indent = " ".repeat(options.getTabSize());
        }
        MapBasedPreferenceValues preferences = new MapBasedPreferenceValues();
        preferences.put("indentation", indent);
        String text = document.getContents();
        LineIndex lines = new LineIndex(text);
        for (ITextReplacement r : format2(resource, new TextRegion(offset, length), preferences)) {
            int start = r.getOffset();
            int end = start + r.getLength();
            if (end <= text.length() && text.regionMatches(start, r.getReplacementText(), 0, r.getReplacementText().length())
                    && r.getReplacementText().length() == r.getLength()) {
                continue; // the same text
            }
            result.add(new TextEdit(lines.range(start, r.getLength()), r.getReplacementText()));
        }
        return result;
    }
}
