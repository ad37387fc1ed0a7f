package org.netwright.dsl.ide.editor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.eclipse.xtext.resource.ILocationInFileProvider;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.dsl.ide.NetwrightIdeSetup;
import org.netwright.dsl.ide.highlighting.NetwrightHighlighting;
import org.netwright.dsl.ide.hover.NetwrightHover;
import org.netwright.dsl.ide.outline.NetwrightOutline;
import org.netwright.dsl.ide.quickfix.NetwrightQuickFixes;

import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provider;

/**
 * The language's editor services for a desktop editor, without LSP: text in; diagnostics, completion proposals,
 * hovers, outline, highlighting, formatting edits, quick fixes and definitions out. The same services as the
 * language server (org.netwright.dsl.ide.server), in plain Java records with document offsets.
 *
 * <pre>
 * NetwrightEditorServices services = NetwrightEditorServices.create();
 * NetwrightEditorServices.Document doc = services.open("file:/home/me/lab/policy.nwp", text);
 * doc.diagnostics(); doc.complete(offset); doc.hover(offset); doc.format();
 * doc.setText(newText); // after each edit
 * </pre>
 *
 * A {@link Document} is not thread-safe: use it from one thread (the editor's) or synchronise. Imports are read from
 * disk, relative to the document's URI, each time the text is set.
 */
public class NetwrightEditorServices {

    /** ERROR, WARNING or INFO. */
    public enum Severity {
        ERROR, WARNING, INFO
    }

    /** An issue of the document; {@code line} and {@code column} are 1-based. Pass it to {@link Document#quickFixes}. */
    public record Diagnostic(Severity severity, String message, String code, List<String> data, int offset, int length,
            int line, int column) {
    }

    /**
     * A completion proposal: replace {@code replaceLength} characters at {@code replaceOffset} (the prefix already
     * typed) by {@code insertText}.
     */
    public record Proposal(String label, String insertText, String description, String kind, int replaceOffset,
            int replaceLength) {
    }

    /** Where a name is declared: the file and the declaration's range in it. */
    public record Location(String uri, int offset, int length) {
    }

    @Inject
    private Provider<XtextResourceSet> resourceSets;
    @Inject
    private IResourceFactory resourceFactory;
    @Inject
    private IResourceValidator validator;
    @Inject
    private Provider<ContentAssistContextFactory> contextFactories;
    @Inject
    private IdeContentProposalProvider proposalProvider;
    @Inject
    private Provider<IdeContentProposalAcceptor> acceptors;
    @Inject
    private ExecutorService executor;
    @Inject
    private NetwrightHover hover;
    @Inject
    private NetwrightOutline outline;
    @Inject
    private NetwrightHighlighting highlighting;
    @Inject
    private NetwrightQuickFixes quickFixes;
    @Inject
    private Provider<TextRegionAccessBuilder> regionAccess;
    @Inject
    private Provider<FormatterRequest> formatterRequests;
    @Inject
    private Provider<IFormatter2> formatters;
    @Inject
    private EObjectAtOffsetHelper offsetHelper;
    @Inject
    private ILocationInFileProvider locations;

    /** Services with their own injector (the language plus its IDE module). */
    public static NetwrightEditorServices create() {
        return create(new NetwrightIdeSetup().createInjectorAndDoEMFRegistration());
    }

    /** Services from an existing injector of {@link NetwrightIdeSetup}. */
    public static NetwrightEditorServices create(Injector injector) {
        return injector.getInstance(NetwrightEditorServices.class);
    }

    /** A document at {@code uri} (file:/... for imports to resolve; any URI otherwise) with the given text. */
    public Document open(String uri, String text) {
        return new Document(URI.createURI(uri), text);
    }

    /** One editor buffer: the text and its parsed, linked model. */
    public final class Document {

        private final URI uri;
        private String text;
        private XtextResource resource;

        private Document(URI uri, String text) {
            this.uri = uri;
            setText(text);
        }

        /** Replaces the whole text (the editor calls this after an edit; parsing is immediate). */
        public void setText(String newText) {
            text = newText == null ? "" : newText;
            XtextResourceSet set = resourceSets.get();
            // this injector parses the document and its imports, whatever else registered itself globally
            set.getResourceFactoryRegistry().getExtensionToFactoryMap().put("nwp", resourceFactory);
            XtextResource r = (XtextResource) resourceFactory.createResource(uri);
            set.getResources().add(r);
            try {
                r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EcoreUtil.resolveAll(r);
            resource = r;
        }

        public String text() {
            return text;
        }

        /** The parsed model (read it, do not keep it across {@link #setText}). */
        public XtextResource resource() {
            return resource;
        }

        /** Syntax, linking and validation issues. */
        public List<Diagnostic> diagnostics() {
            List<Diagnostic> result = new ArrayList<>();
            for (Issue i : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
                Severity severity = switch (i.getSeverity()) {
                case ERROR -> Severity.ERROR;
                case WARNING -> Severity.WARNING;
                default -> Severity.INFO;
                };
                result.add(new Diagnostic(severity, i.getMessage(), i.getCode(),
                        i.getData() == null ? List.of() : List.of(i.getData()), nonNull(i.getOffset()), nonNull(i.getLength()),
                        nonNull(i.getLineNumber()), nonNull(i.getColumn())));
            }
            return result;
        }

        /** Completion proposals at {@code offset}, best first. */
        public List<Proposal> complete(int offset) {
            List<Proposal> result = new ArrayList<>();
            if (offset < 0 || offset > text.length()) {
                return result;
            }
            ContentAssistContextFactory factory = contextFactories.get();
            factory.setPool(executor);
            ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
            IdeContentProposalAcceptor acceptor = acceptors.get();
            proposalProvider.createProposals(List.of(contexts), acceptor);
            for (ContentAssistEntry e : acceptor.getEntries()) {
                String prefix = e.getPrefix() == null ? "" : e.getPrefix();
                result.add(new Proposal(e.getLabel() != null ? e.getLabel() : e.getProposal(), e.getProposal(),
                        e.getDescription(), e.getKind(), offset - prefix.length(), prefix.length()));
            }
            return result;
        }

        /** What the word at {@code offset} means, as markdown. */
        public Optional<NetwrightHover.Hover> hover(int offset) {
            return hover.hover(resource, offset);
        }

        public List<NetwrightOutline.Node> outline() {
            return outline.outline(resource);
        }

        /** Highlighted ranges, sorted, not overlapping; styles are {@link NetwrightHighlighting}'s constants. */
        public List<NetwrightHighlighting.Highlight> highlights() {
            return highlighting.highlight(resource, CancelIndicator.NullImpl);
        }

        /** Edits that put the whole text in canonical layout (empty when it has syntax errors). */
        public List<NetwrightQuickFixes.Edit> format() {
            return format(0, text.length());
        }

        /** Edits that format the given range. */
        public List<NetwrightQuickFixes.Edit> format(int offset, int length) {
            List<NetwrightQuickFixes.Edit> result = new ArrayList<>();
            if (resource.getParseResult() == null || resource.getParseResult().hasSyntaxErrors()) {
                return result;
            }
            ITextRegionAccess access = regionAccess.get().forNodeModel(resource).create();
            FormatterRequest request = formatterRequests.get();
            request.setTextRegionAccess(access);
            List<ITextRegion> regions = List.of(new TextRegion(offset, length));
            request.setRegions(regions);
            for (ITextReplacement r : formatters.get().format(request)) {
                result.add(new NetwrightQuickFixes.Edit(r.getOffset(), r.getLength(), r.getReplacementText()));
            }
            return result;
        }

        /** The text after {@link #format()}. */
        public String formatted() {
            return apply(text, format());
        }

        /** The fixes for one of {@link #diagnostics()}. */
        public List<NetwrightQuickFixes.Fix> quickFixes(Diagnostic diagnostic) {
            return quickFixes.fixes(resource, diagnostic.code(), diagnostic.data().toArray(String[]::new),
                    diagnostic.offset(), diagnostic.length());
        }

        /** Where the name at {@code offset} is declared. */
        public Optional<Location> definition(int offset) {
            EObject target = offsetHelper.resolveCrossReferencedElementAt(resource, offset);
            if (target == null || target.eIsProxy() || target.eResource() == null) {
                return Optional.empty();
            }
            ITextRegion region = locations.getSignificantTextRegion(target);
            return Optional.of(new Location(target.eResource().getURI().toString(), region.getOffset(), region.getLength()));
        }
    }

    /** Applies non-overlapping edits to a text (as an editor would). */
    public static String apply(String text, List<NetwrightQuickFixes.Edit> edits) {
        List<NetwrightQuickFixes.Edit> sorted = new ArrayList<>(edits);
        sorted.sort((a, b) -> Integer.compare(b.offset(), a.offset()));
        StringBuilder sb = new StringBuilder(text);
        for (NetwrightQuickFixes.Edit e : sorted) {
            sb.replace(e.offset(), e.offset() + e.length(), e.text());
        }
        return sb.toString();
    }

    private static int nonNull(Integer i) {
        return i == null ? 0 : i;
    }
}
