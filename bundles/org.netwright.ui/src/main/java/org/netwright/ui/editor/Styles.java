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

    /**
     * Colours of the language's semantic styles (its highlighting calculator names them after LSP
     * semantic token types, plus its own for addresses, verdicts and NAT).
     */
    private static final Map<String, TextAttribute> SEMANTIC = Map.ofEntries(
        Map.entry("namespace", new TextAttribute(new Color(0, 70, 140))),
        Map.entry("interface", new TextAttribute(new Color(0, 118, 118))),
        Map.entry("type", new TextAttribute(new Color(125, 70, 0))),
        Map.entry("function", new TextAttribute(new Color(150, 90, 0))),
        Map.entry("variable", new TextAttribute(new Color(100, 60, 140))),
        Map.entry("event", new TextAttribute(new Color(160, 0, 120))),
        Map.entry("netwrightAddress", new TextAttribute(new Color(0, 95, 190))),
        Map.entry("netwrightAccept", new TextAttribute(new Color(0, 135, 40), null, SWT.BOLD)),
        Map.entry("netwrightDrop", new TextAttribute(new Color(200, 0, 0), null, SWT.BOLD)),
        Map.entry("netwrightNat", new TextAttribute(new Color(140, 0, 160), null, SWT.BOLD)));
    private static final String DECLARATION = "declaration";

    /** The attribute of a semantic range with these style ids (a declaration is bold). */
    static TextAttribute semantic(String... ids) {
        TextAttribute base = null;
        boolean declaration = false;
        for (String id : ids) {
            if (DECLARATION.equals(id)) {
                declaration = true;
            } else if (base == null) {
                base = SEMANTIC.containsKey(id) ? SEMANTIC.get(id) : of(id);
            }
        }
        if (base == null) {
            return declaration ? new TextAttribute(null, null, SWT.BOLD) : null;
        }
        return declaration ? new TextAttribute(base.getForeground(), base.getBackground(), base.getStyle() | SWT.BOLD) : base;
    }

    /** The attribute of a style id; null for the default and for punctuation (plain text). */
    static TextAttribute of(String id) {
        if (id == null || HighlightingStyles.DEFAULT_ID.equals(id) || HighlightingStyles.PUNCTUATION_ID.equals(id)) {
            return null;
        }
        return BY_ID.getOrDefault(id, OTHER);
    }
}
