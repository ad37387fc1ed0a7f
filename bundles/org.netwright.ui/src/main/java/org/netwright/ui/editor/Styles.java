package org.netwright.ui.editor;

import java.util.Map;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.xtext.ide.editor.syntaxcoloring.HighlightingStyles;

/** Colours of the source page, by the style ids of Xtext's highlighting (lexical and semantic). */
final class Styles {
    private Styles() {
    }

    private static final Map<String, TextAttribute> BY_ID = Map.of(
        HighlightingStyles.KEYWORD_ID, new TextAttribute(new Color(127, 0, 85), null, SWT.BOLD),
        HighlightingStyles.STRING_ID, new TextAttribute(new Color(42, 0, 255)),
        HighlightingStyles.COMMENT_ID, new TextAttribute(new Color(63, 127, 95), null, SWT.ITALIC),
        HighlightingStyles.NUMBER_ID, new TextAttribute(new Color(0, 110, 110)),
        HighlightingStyles.INVALID_TOKEN_ID, new TextAttribute(new Color(200, 0, 0)),
        HighlightingStyles.TASK_ID, new TextAttribute(new Color(127, 159, 191), null, SWT.BOLD),
        HighlightingStyles.TYPE_ID, new TextAttribute(new Color(0, 90, 160), null, SWT.BOLD),
        HighlightingStyles.DEFINITION_ID, new TextAttribute(new Color(0, 0, 0), null, SWT.BOLD));
    private static final TextAttribute OTHER = new TextAttribute(new Color(120, 60, 0));

    /** The attribute of a style id; null for the default and for punctuation (plain text). */
    static TextAttribute of(String id) {
        if (id == null || HighlightingStyles.DEFAULT_ID.equals(id) || HighlightingStyles.PUNCTUATION_ID.equals(id)) {
            return null;
        }
        return BY_ID.getOrDefault(id, OTHER);
    }
}
