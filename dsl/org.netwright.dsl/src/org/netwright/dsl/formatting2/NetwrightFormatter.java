package org.netwright.dsl.formatting2;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatter;
import org.eclipse.xtext.formatting2.IHiddenRegionFormatting;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.ITextReplacerContext;
import org.eclipse.xtext.formatting2.internal.CommentReplacer;
import org.eclipse.xtext.formatting2.internal.WhitespaceReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.formatting2.regionaccess.ITextSegment;
import org.eclipse.xtext.xbase.lib.Procedures.Procedure1;
import org.netwright.model.ConfigContainer;
import org.netwright.model.Expectation;
import org.netwright.model.Interface;
import org.netwright.model.IptConntrackMatch;
import org.netwright.model.IptablesRuleset;
import org.netwright.model.IptablesTable;
import org.netwright.model.IptMultiportMatch;
import org.netwright.model.Network;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.NftChain;
import org.netwright.model.NftListValue;
import org.netwright.model.NftMap;
import org.netwright.model.NftMapElement;
import org.netwright.model.NftObject;
import org.netwright.model.NftNat;
import org.netwright.model.NftRule;
import org.netwright.model.NftRuleset;
import org.netwright.model.NftSet;
import org.netwright.model.NftTable;
import org.netwright.model.Scenario;
import org.netwright.model.XfrmPolicy;
import org.netwright.model.XfrmTemplate;

/**
 * The canonical layout of a .nwp file, also used by the serializer for models built in code:
 * <ul>
 * <li>one space between tokens, none around the separators of addresses, ports and ranges (10.0.0.0/24,
 * client:2104, 80-90, [0:0]) and in comma lists the tools write without spaces (established,related,
 * --dports 80,443);</li>
 * <li>blocks indented by one tab, one element per line, at most one blank line kept between elements;</li>
 * <li>nft rules one per line (the newline ends the rule), iptables-save lines kept as lines at the level of
 * their "*table";</li>
 * <li>expectations read as sentences: the line breaks the writer chose after the description, after ':' and
 * after each ',' are kept (and made for new ones), continuation lines indented.</li>
 * </ul>
 * Comments are never changed and always keep the line break that ends them.
 */
public class NetwrightFormatter extends AbstractJavaFormatter {

    private static final Procedure1<IHiddenRegionFormatter> NEW_LINE = IHiddenRegionFormatter::newLine;
    private static final Procedure1<IHiddenRegionFormatter> INDENT = IHiddenRegionFormatter::indent;
    private static final Procedure1<IHiddenRegionFormatter> NO_SPACE = IHiddenRegionFormatter::noSpace;
    private static final Procedure1<IHiddenRegionFormatter> ONE_SPACE = IHiddenRegionFormatter::oneSpace;
    /** Keeps at most one blank line between elements; new elements get none. */
    private static final Procedure1<IHiddenRegionFormatter> ELEMENT_BREAK = f -> f.setNewLines(1, 1, 2);
    /** Blocks at file level: a blank line before them. */
    private static final Procedure1<IHiddenRegionFormatter> BLOCK_BREAK = f -> f.setNewLines(2, 2, 2);
    /** The writer decides; new text breaks the line. */
    private static final Procedure1<IHiddenRegionFormatter> OPTIONAL_BREAK = f -> {
        f.setNewLines(0, 1, 1);
        f.setSpace(" ");
    };

    // ------------------------------------------------------------------ file

    protected void format(Network network, IFormattableDocument doc) {
        spaceAllTokens(doc);
        for (EObject e : network.eContents()) {
            IEObjectRegion region = regionForEObject(e);
            IHiddenRegion before = region == null ? null : region.getPreviousHiddenRegion();
            if (before != null && before.getPreviousSemanticRegion() == null) {
                // the start of the file: no leading blank lines; a header comment stays as written
                if (!before.containsComment()) {
                    doc.set(before, f -> {
                        f.noSpace();
                        f.setNewLines(0);
                    });
                }
            } else {
                doc.prepend(e, e instanceof ConfigContainer || e instanceof Scenario ? BLOCK_BREAK : ELEMENT_BREAK);
            }
            doc.format(e);
        }
        IEObjectRegion root = regionForEObject(network);
        if (root != null && root.getNextHiddenRegion() != null) {
            doc.set(root.getNextHiddenRegion(), NEW_LINE);
        }
    }

    /** namespace NAME "..." { ... } and extend NAME { ... }: one element per line, indented. */
    protected void format(ConfigContainer container, IFormattableDocument doc) {
        block(container, doc);
        for (ISemanticRegion modprobe : regionFor(container).keywords("modprobe")) {
            elementBreak(modprobe.getPreviousHiddenRegion(), doc);
        }
        elements(container.eContents(), doc);
    }

    /** { address ... } on the line when the body holds one thing, one per line when it holds more. */
    protected void format(Interface iface, IFormattableDocument doc) {
        ISemanticRegion open = regionFor(iface).keyword("{");
        ISemanticRegion close = regionFor(iface).keyword("}");
        int items = (iface.getMac() != null ? 1 : 0) + (iface.getMtu() != 0 ? 1 : 0) + (iface.isDown() ? 1 : 0)
                + iface.getAddresses().size();
        if (open != null && close != null && items > 1) {
            doc.interior(open, close, INDENT);
            doc.append(open, NEW_LINE);
            doc.prepend(close, NEW_LINE);
            for (String keyword : new String[] { "mac", "mtu", "down" }) {
                ISemanticRegion k = regionFor(iface).keyword(keyword);
                if (k != null) {
                    doc.prepend(k, NEW_LINE);
                }
            }
            for (EObject a : iface.getAddresses()) {
                doc.prepend(a, NEW_LINE);
            }
        }
        formatChildren(iface, doc);
    }

    // ------------------------------------------------------------------ nftables

    protected void format(NftRuleset ruleset, IFormattableDocument doc) {
        block(ruleset, doc);
        ISemanticRegion flush = regionFor(ruleset).keyword("flush");
        if (flush != null) {
            elementBreak(flush.getPreviousHiddenRegion(), doc);
        }
        elements(ruleset.eContents(), doc);
    }

    protected void format(NftTable table, IFormattableDocument doc) {
        block(table, doc);
        elements(table.eContents(), doc);
    }

    /** The hook line and the policy share the first line of the body; then one rule per line. */
    protected void format(NftChain chain, IFormattableDocument doc) {
        block(chain, doc);
        ISemanticRegion policy = regionFor(chain).keyword("policy");
        if (policy != null) {
            doc.prepend(policy, chain.getHook() != null ? ONE_SPACE : NEW_LINE);
        }
        if (chain.getHook() != null && chain.getHook().getPriority() != null) {
            singleSpaced(regionFor(chain.getHook().getPriority()).feature(NetwrightPackage.Literals.NFT_PRIORITY__VALUE), doc);
        }
        for (EObject e : chain.eContents()) {
            if (e instanceof NftRule) {
                elementBreak(e, doc);
            } else {
                doc.prepend(e, NEW_LINE);
            }
            doc.format(e);
        }
    }

    /** type ...; flags ...; elements = { ... }: one per line. */
    protected void format(NftSet set, IFormattableDocument doc) {
        setLike(set, doc);
    }

    protected void format(NftMap map, IFormattableDocument doc) {
        setLike(map, doc);
    }

    private void setLike(EObject set, IFormattableDocument doc) {
        block(set, doc);
        for (String keyword : new String[] { "policy", "size", "flags", "counter", "auto-merge", "timeout", "gc-interval",
                "comment", "elements" }) {
            ISemanticRegion k = regionFor(set).keyword(keyword);
            if (k != null) {
                doc.prepend(k, NEW_LINE);
            }
        }
        formatChildren(set, doc);
    }

    /**
     * counter NAME { ... }: one body line per line, as nft lists it. The newline tokens of the body are its own line
     * breaks (the object reads them), so only the indentation is set here.
     */
    protected void format(NftObject object, IFormattableDocument doc) {
        ISemanticRegion open = regionFor(object).keyword("{");
        ISemanticRegion close = regionFor(object).keyword("}");
        if (open == null || close == null) {
            return;
        }
        doc.interior(open, close, INDENT);
        for (EObject line : object.getLines()) {
            doc.prepend(line, NEW_LINE);
        }
        doc.prepend(close, NEW_LINE);
    }

    // ------------------------------------------------------------------ iptables

    protected void format(IptablesRuleset ruleset, IFormattableDocument doc) {
        block(ruleset, doc);
        elements(ruleset.eContents(), doc);
    }

    /** iptables-save: "*table", one chain or rule per line, "COMMIT", all at one level. */
    protected void format(IptablesTable table, IFormattableDocument doc) {
        for (EObject e : table.eContents()) {
            doc.prepend(e, ELEMENT_BREAK);
            doc.format(e);
        }
        ISemanticRegion commit = regionFor(table).keyword("COMMIT");
        if (commit != null) {
            doc.prepend(commit, ELEMENT_BREAK);
        }
    }

    // ------------------------------------------------------------------ xfrm, expectations

    /** Each template on its own line under the policy. */
    protected void format(XfrmPolicy policy, IFormattableDocument doc) {
        for (XfrmTemplate t : policy.getTemplates()) {
            doc.prepend(t, NEW_LINE);
            doc.surround(t, INDENT);
        }
        formatChildren(policy, doc);
    }

    /** A sentence: optional breaks after the description, after ':' and after each ','; continuation indented. */
    protected void format(Expectation expectation, IFormattableDocument doc) {
        ISemanticRegion expect = regionFor(expectation).keyword("expect");
        IEObjectRegion whole = regionForEObject(expectation);
        if (expect == null || whole == null) {
            return;
        }
        doc.set(expect.getNextHiddenRegion(), whole.getNextHiddenRegion(), INDENT);
        if (expectation.getDescription() != null) {
            ISemanticRegion description = regionFor(expectation).feature(
                    org.netwright.model.NetwrightPackage.Literals.EXPECTATION__DESCRIPTION);
            if (description != null) {
                doc.append(description, OPTIONAL_BREAK);
            }
        }
        ISemanticRegion colon = regionFor(expectation).keyword(":");
        if (colon != null) {
            doc.append(colon, OPTIONAL_BREAK);
        }
        for (ISemanticRegion comma : regionFor(expectation).keywords(",")) {
            doc.append(comma, OPTIONAL_BREAK);
        }
        formatChildren(expectation, doc);
    }

    protected void format(Scenario scenario, IFormattableDocument doc) {
        block(scenario, doc);
        elements(scenario.eContents(), doc);
    }

    // ------------------------------------------------------------------ shared

    /** "{" ends its line, "}" starts one, the interior is indented. */
    private void block(EObject owner, IFormattableDocument doc) {
        ISemanticRegion open = regionFor(owner).keyword("{");
        List<ISemanticRegion> closes = regionFor(owner).keywords("}");
        if (open == null || closes.isEmpty()) {
            return;
        }
        ISemanticRegion close = closes.get(closes.size() - 1); // a set's "elements = { }" closes before it
        doc.interior(open, close, INDENT);
        doc.append(open, NEW_LINE);
        doc.prepend(close, NEW_LINE);
    }

    /** Each element on its own line, a blank line before it kept; formatted. */
    private void elements(List<EObject> elements, IFormattableDocument doc) {
        for (EObject e : elements) {
            elementBreak(e, doc);
            doc.format(e);
        }
    }

    private void elementBreak(EObject e, IFormattableDocument doc) {
        IEObjectRegion region = regionForEObject(e);
        if (region != null) {
            elementBreak(region.getPreviousHiddenRegion(), doc);
        }
    }

    /** Right after "{" the block's own line break applies (no blank line there); elsewhere one may be kept. */
    private void elementBreak(IHiddenRegion before, IFormattableDocument doc) {
        ISemanticRegion previous = before.getPreviousSemanticRegion();
        if (previous != null && "{".equals(previous.getText())) {
            return;
        }
        doc.set(before, ELEMENT_BREAK);
    }

    /**
     * A value written as one token of the grammar but with white space inside (a priority offset such as
     * {@code dstnat - 10}, as nft lists it): runs of white space become one space; the spacing rules between tokens
     * cannot reach inside it.
     */
    private static void singleSpaced(ISemanticRegion value, IFormattableDocument doc) {
        if (value == null) {
            return;
        }
        String normalized = value.getText().replaceAll("\\s+", " ");
        if (normalized.equals(value.getText())) {
            return;
        }
        doc.addReplacer(new ITextReplacer() {
            @Override
            public ITextSegment getRegion() {
                return value;
            }

            @Override
            public ITextReplacerContext createReplacements(ITextReplacerContext context) {
                context.addReplacement(value.replaceWith(normalized));
                return context;
            }
        });
    }

    private void formatChildren(EObject owner, IFormattableDocument doc) {
        for (EObject child : owner.eContents()) {
            doc.format(child);
        }
    }

    /**
     * The base layer, below every structural rule: one space between tokens, or none where the tools write the
     * tokens together.
     */
    private void spaceAllTokens(IFormattableDocument doc) {
        IEObjectRegion root = getTextRegionAccess().regionForRootEObject();
        if (root == null) {
            return;
        }
        ISemanticRegion previous = null;
        for (ISemanticRegion region : root.getAllSemanticRegions()) {
            if (previous != null) {
                boolean space = spaced(previous, region);
                doc.set(previous.getNextHiddenRegion(), f -> {
                    f.setSpace(space ? " " : "");
                    f.lowPriority();
                });
            }
            previous = region;
        }
    }

    private static boolean spaced(ISemanticRegion left, ISemanticRegion right) {
        String a = keywordText(left);
        String b = keywordText(right);
        EObject owner = right.getSemanticElement();
        if (isRuleEnd(right)) {
            return false;
        }
        if (",".equals(b) || ";".equals(b) || "]".equals(b) || "/".equals(b) || "/".equals(a)
                || "[".equals(a) || "*".equals(a) || "@".equals(a) || "$".equals(a)) {
            return false;
        }
        if (":".equals(b)) {
            return spacedColon(owner) || owner instanceof NftNat && "to".equals(a);
        }
        if (":".equals(a)) {
            return spacedColon(left.getSemanticElement()) || left.getSemanticElement() instanceof Expectation;
        }
        if (",".equals(a)) {
            EObject list = left.getSemanticElement();
            return !(list instanceof NftListValue || list instanceof IptConntrackMatch || list instanceof IptMultiportMatch);
        }
        if ("-".equals(a) || "-".equals(b)) {
            return false; // ranges: 80-90, 10.0.0.1-10.0.0.9 (the chain policy "-" is an enum literal, not this keyword)
        }
        return true;
    }

    private static boolean spacedColon(EObject owner) {
        return owner instanceof NftMap || owner instanceof NftMapElement;
    }

    /** The text of a keyword region, null for any other region. */
    private static String keywordText(ISemanticRegion region) {
        return region.getGrammarElement() instanceof Keyword k ? k.getValue() : null;
    }

    /** The newline token that ends an nft rule. */
    static boolean isRuleEnd(ISemanticRegion region) {
        return region.getGrammarElement() instanceof RuleCall call && call.getRule() instanceof TerminalRule
                && "NL".equals(call.getRule().getName());
    }

    // ------------------------------------------------------------------ comments and newline tokens

    /** '#' comments end at the line break, which is not part of the comment token: keep it. */
    @Override
    public ITextReplacer createCommentReplacer(IComment comment) {
        return new LineCommentReplacer(comment);
    }

    /** After the newline that ends an nft rule, the next line only needs its indentation (and blank lines are kept). */
    @Override
    public ITextReplacer createWhitespaceReplacer(ITextSegment hiddens, IHiddenRegionFormatting formatting) {
        return new NewlineAwareWhitespaceReplacer(hiddens, formatting);
    }

    private static final class LineCommentReplacer extends CommentReplacer {

        LineCommentReplacer(IComment comment) {
            super(comment);
        }

        @Override
        public ITextReplacerContext createReplacements(ITextReplacerContext context) {
            return context; // the text of a comment is the writer's
        }

        @Override
        public void configureWhitespace(WhitespaceReplacer leading, WhitespaceReplacer trailing) {
            IHiddenRegion hidden = getComment().getHiddenRegion();
            ISemanticRegion next = hidden.getNextSemanticRegion();
            IHiddenRegionFormatting after = trailing.getFormatting();
            if (next != null && isRuleEnd(next)) {
                // "accept # why" + the newline token: the token ends the line
                after.setSpace("");
                after.setNewLinesMin(0);
                after.setNewLinesDefault(0);
                after.setNewLinesMax(0);
                return;
            }
            int min = after.getNewLineMin() == null ? 0 : after.getNewLineMin();
            if (min < 1) {
                after.setNewLinesMin(1);
                after.setNewLinesDefault(1);
            }
            if (after.getNewLineMax() == null || after.getNewLineMax() < 1) {
                after.setNewLinesMax(1);
            }
            if (!leading.getRegion().isMultiline() && hidden.getPreviousSemanticRegion() != null) {
                leading.getFormatting().setSpace(" "); // a comment at the end of a line stays there
            }
        }
    }

    private static final class NewlineAwareWhitespaceReplacer extends WhitespaceReplacer {

        NewlineAwareWhitespaceReplacer(ITextSegment whitespace, IHiddenRegionFormatting formatting) {
            super(whitespace, formatting);
        }

        /** Counts the newline token before the region as one of the region's line breaks. */
        @Override
        protected int computeNewLineCount(ITextReplacerContext context) {
            IHiddenRegionFormatting f = getFormatting();
            int before = trailingNewLinesOfPreviousRegion();
            if (before == 0 || f.getNewLineMin() == null && f.getNewLineDefault() == null && f.getNewLineMax() == null) {
                return super.computeNewLineCount(context);
            }
            if (getRegion() instanceof IHiddenRegion h && h.isUndefined()) {
                Integer wanted = f.getNewLineDefault() != null ? f.getNewLineDefault()
                        : f.getNewLineMin() != null ? f.getNewLineMin() : f.getNewLineMax();
                return wanted;
            }
            int existing = getRegion().getLineCount() - 1 + before;
            int lower = f.getNewLineMin() == null ? 0 : f.getNewLineMin();
            int upper = f.getNewLineMax() == null ? Integer.MAX_VALUE : f.getNewLineMax();
            return Math.min(Math.max(existing, lower), upper);
        }
    }
}
