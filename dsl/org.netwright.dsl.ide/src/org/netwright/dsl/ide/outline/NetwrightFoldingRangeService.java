package org.netwright.dsl.ide.outline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.folding.FoldingRangeService;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.dsl.ide.server.LineIndex;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Folding from the parse tree alone: every element of {@link NetwrightOutline} that spans several lines (namespaces,
 * rulesets, tables, chains, scenarios, a rule written over several lines) and every run of two or more comment lines.
 * Nothing is linked or validated for it, and offsets become lines through one {@link LineIndex}.
 */
@Singleton
public class NetwrightFoldingRangeService extends FoldingRangeService {
    private static final String COMMENT = "SL_COMMENT";

    @Inject
    private NetwrightOutline outline;

    @Override
    public List<FoldingRange> createFoldingRanges(Document document, XtextResource resource, CancelIndicator cancelIndicator) {
        LineIndex lines = new LineIndex(document.getContents());
        List<FoldingRange> ranges = new ArrayList<>();
        for (NetwrightOutline.Node n : outline.outline(resource)) {
            blocks(n, lines, ranges);
        }
        if (resource.getParseResult() != null) {
            comments(resource.getParseResult().getRootNode().getLeafNodes(), lines, ranges);
        }
        ranges.sort(Comparator.comparingInt(FoldingRange::getStartLine).thenComparing(FoldingRange::getEndLine, Comparator.reverseOrder()));
        return ranges;
    }

    private static void blocks(NetwrightOutline.Node n, LineIndex lines, List<FoldingRange> ranges) {
        int start = lines.line(n.offset());
        // the last character, not the offset after it: a rule's node ends with its line break
        int end = lines.line(n.offset() + Math.max(0, n.length() - 1));
        if (end > start) {
            ranges.add(new FoldingRange(start, end));
        }
        for (NetwrightOutline.Node c : n.children()) {
            blocks(c, lines, ranges);
        }
    }

    private static void comments(Iterable<ILeafNode> leaves, LineIndex lines, List<FoldingRange> ranges) {
        int first = -1;
        int last = -1;
        for (ILeafNode leaf : leaves) {
            if (!leaf.isHidden() || !(leaf.getGrammarElement() instanceof TerminalRule t) || !COMMENT.equals(t.getName())) {
                continue;
            }
            int line = lines.line(leaf.getOffset());
            if (line != last + 1 || first < 0) {
                addComment(first, last, ranges);
                first = line;
            }
            last = line;
        }
        addComment(first, last, ranges);
    }

    private static void addComment(int first, int last, List<FoldingRange> ranges) {
        if (first >= 0 && last > first) {
            FoldingRange r = new FoldingRange(first, last);
            r.setKind(FoldingRangeKind.Comment);
            ranges.add(r);
        }
    }
}
