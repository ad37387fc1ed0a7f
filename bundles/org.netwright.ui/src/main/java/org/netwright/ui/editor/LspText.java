package org.netwright.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;

/** Conversions between JFace documents and the LSP4J values Xtext's ide services speak. */
final class LspText {
    private LspText() {
    }

    static Position position(IDocument document, int offset) {
        try {
            int line = document.getLineOfOffset(offset);
            return new Position(line, offset - document.getLineOffset(line));
        } catch (BadLocationException e) {
            return new Position(0, 0);
        }
    }

    static int offset(IDocument document, Position p) {
        try {
            int lineOffset = document.getLineOffset(Math.min(p.getLine(), Math.max(0, document.getNumberOfLines() - 1)));
            return Math.min(document.getLength(), lineOffset + p.getCharacter());
        } catch (BadLocationException e) {
            return 0;
        }
    }

    /** The text after applying the edits (ranges refer to the original text). */
    static String apply(IDocument document, List<? extends TextEdit> edits) {
        List<int[]> ranges = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (TextEdit e : edits) {
            ranges.add(new int[] { offset(document, e.getRange().getStart()), offset(document, e.getRange().getEnd()) });
            texts.add(e.getNewText());
        }
        Integer[] order = new Integer[edits.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(ranges.get(b)[0], ranges.get(a)[0]));
        StringBuilder text = new StringBuilder(document.get());
        for (int i : order) {
            text.replace(ranges.get(i)[0], ranges.get(i)[1], texts.get(i));
        }
        return text.toString();
    }

    /** An issue as the diagnostic an LSP client would get (code and data carry what quick fixes need). */
    static Diagnostic diagnostic(Issue issue) {
        Diagnostic d = new Diagnostic();
        d.setCode(issue.getCode());
        d.setData(issue.getData());
        d.setMessage(issue.getMessage());
        d.setSeverity(issue.getSeverity() == Severity.ERROR ? DiagnosticSeverity.Error
            : issue.getSeverity() == Severity.WARNING ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information);
        int line = Math.max(0, value(issue.getLineNumber()) - 1);
        int column = Math.max(0, value(issue.getColumn()) - 1);
        int lineEnd = Math.max(0, value(issue.getLineNumberEnd()) - 1);
        int columnEnd = Math.max(0, value(issue.getColumnEnd()) - 1);
        d.setRange(new Range(new Position(line, column), new Position(lineEnd, columnEnd)));
        return d;
    }

    private static int value(Integer i) {
        return i == null ? 0 : i;
    }
}
