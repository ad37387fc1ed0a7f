package org.netwright.ui.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.eclipse.emf.common.command.AbortExecutionException;
import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.edit.domain.AdapterFactoryEditingDomain;
import org.eclipse.emf.edit.provider.ComposedAdapterFactory;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.swt.widgets.Display;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.ide.serializer.IChangeSerializer;
import org.eclipse.xtext.ide.serializer.ITextDocumentChange;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.netwright.diagram.DiagramLayout;
import org.netwright.model.Network;
import org.netwright.ui.Dsl;

/**
 * One open {@code .nwp} file: its text (a JFace document), the model parsed from it, one EMF
 * EditingDomain whose command stack is the file's only history, and the diagram layout.
 *
 * <p>The text is the truth. Typing is recorded on the stack as {@link TextChange}s and parsed again
 * after a short pause; a diagram edit changes the model and is written back into the text as the
 * minimal, formatted change ({@link SyncedEdit}, through Xtext's change serializer, which keeps
 * comments), then the text is parsed again. While the text has syntax errors, {@link #shownRoot()}
 * stays the last model that parsed, and {@link #isValid()} says so.
 */
public final class OpenModel {
    /** Told after every parse (on the thread that changed the text: the UI thread). */
    public interface Listener {
        void parsed(OpenModel model);
    }

    private static final int REPARSE_DELAY_MS = 350;

    private final IDocument document;
    private final XtextResourceSet resourceSet;
    private final XtextResource resource;
    private final AdapterFactoryEditingDomain domain;
    private final BasicCommandStack stack;
    private final DiagramLayout layout;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final IDocumentListener documentListener = new IDocumentListener() {
        private String removed = "";

        @Override
        public void documentAboutToBeChanged(DocumentEvent e) {
            removed = "";
            if (applying == 0) {
                try {
                    removed = e.getDocument().get(e.getOffset(), e.getLength());
                } catch (BadLocationException ex) {
                    removed = "";
                }
            }
        }

        @Override
        public void documentChanged(DocumentEvent e) {
            if (applying == 0) {
                typed(e.getOffset(), removed, e.getText() == null ? "" : e.getText());
            }
        }
    };

    private List<Issue> issues = List.of();
    private Network shown;
    private boolean valid;
    private int applying;
    private boolean reparseScheduled;
    private long textVersion;
    private long parsedVersion = -1;
    private TextChange typing;
    private BiConsumer<Integer, Integer> selectionHook = (o, l) -> {
    };
    private String lastProblem;

    public OpenModel(IDocument document, URI uri, DiagramLayout layout) {
        this.document = document;
        this.layout = layout == null ? new DiagramLayout() : layout;
        this.resourceSet = Dsl.injector().getInstance(XtextResourceSet.class);
        // every model edit, whoever makes it (diagram, Properties view), is written into the text
        this.stack = new BasicCommandStack() {
            @Override
            public void execute(Command command) {
                super.execute(command == null || command instanceof TextChange || command instanceof SyncedEdit ? command : wrap(command));
            }
        };
        this.domain = new AdapterFactoryEditingDomain(new ComposedAdapterFactory(ComposedAdapterFactory.Descriptor.Registry.INSTANCE),
            stack, resourceSet);
        this.resource = (XtextResource) resourceSet.createResource(uri);
        try {
            resource.load(new ByteArrayInputStream(document.get().getBytes(StandardCharsets.UTF_8)), resourceSet.getLoadOptions());
        } catch (IOException | RuntimeException e) {
            lastProblem = "The file could not be read: " + e.getMessage();
        }
        document.addDocumentListener(documentListener);
        reparse();
    }

    // ------------------------------------------------------------------ access

    public IDocument document() {
        return document;
    }

    public XtextResource resource() {
        return resource;
    }

    public AdapterFactoryEditingDomain domain() {
        return domain;
    }

    public BasicCommandStack commandStack() {
        return stack;
    }

    public DiagramLayout layout() {
        return layout;
    }

    /** The root of the current text when it parses, else the last one that did (null if none ever did). */
    public Network shownRoot() {
        return shown;
    }

    /** The root of the current text, even with syntax errors (what services and the engine read). */
    public Network parsedRoot() {
        ensureParsed();
        return !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Network n ? n : null;
    }

    /** False while the text has syntax errors (the diagram then shows the last valid model). */
    public boolean isValid() {
        return valid;
    }

    /** Syntax, linking and validation issues of the last parse. */
    public List<Issue> issues() {
        return issues;
    }

    /** The first syntax error as {@code line N: message}, or null. */
    public String firstSyntaxError() {
        return issues.stream().filter(Issue::isSyntaxError).min(Comparator.comparing(Issue::getOffset))
            .map(i -> "line " + i.getLineNumber() + ": " + i.getMessage()).orElse(null);
    }

    /** The last edit that could not be written into the text (shown to the user), or null. */
    public String lastProblem() {
        return lastProblem;
    }

    public boolean isDirty() {
        return stack.isSaveNeeded();
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    /** Where undo and redo put the caret: the source page selects the changed text. */
    public void setSelectionHook(BiConsumer<Integer, Integer> hook) {
        this.selectionHook = hook == null ? (o, l) -> {
        } : hook;
    }

    void select(int offset, int length) {
        selectionHook.accept(offset, length);
    }

    // ------------------------------------------------------------------ text -> model

    private void typed(int offset, String removed, String inserted) {
        if (removed.isEmpty() && inserted.isEmpty()) {
            return;
        }
        textVersion++;
        if (typing != null && stack.getUndoCommand() == typing && typing.absorb(offset, removed, inserted)) {
            scheduleReparse();
            return;
        }
        TextChange change = new TextChange(this, "Typing", offset, removed, inserted, true);
        typing = change;
        stack.execute(change);
        scheduleReparse();
    }

    /** Parses the text again after a short pause (several keystrokes, one parse). */
    private void scheduleReparse() {
        Display display = Display.getCurrent();
        if (display == null) {
            reparse();
            return;
        }
        if (!reparseScheduled) {
            reparseScheduled = true;
            display.timerExec(REPARSE_DELAY_MS, () -> {
                if (reparseScheduled) {
                    reparse();
                }
            });
        }
    }

    /** Parses now if the text changed since the last parse (services call this before they read). */
    public void ensureParsed() {
        if (parsedVersion != textVersion) {
            reparse();
        }
    }

    /** Parses the text, links and validates it, then tells the listeners. */
    public void reparse() {
        reparseScheduled = false;
        parsedVersion = textVersion;
        String text = document.get();
        List<Issue> found = new ArrayList<>();
        try {
            resource.reparse(text);
            EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
            IResourceValidator validator = Dsl.injector().getInstance(IResourceValidator.class);
            found.addAll(validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl));
        } catch (IOException | RuntimeException e) {
            lastProblem = "The text could not be checked: " + e;
        }
        issues = List.copyOf(found);
        boolean syntaxOk = resource.getParseResult() != null && !resource.getParseResult().hasSyntaxErrors();
        Network root = !resource.getContents().isEmpty() && resource.getContents().get(0) instanceof Network n ? n : null;
        valid = syntaxOk && root != null;
        if (valid || shown == null && root != null) {
            shown = root;
        }
        for (Listener l : listeners) {
            l.parsed(this);
        }
    }

    // ------------------------------------------------------------------ model -> text

    /** The command stack wrapper of the diagram: every diagram edit becomes a {@link SyncedEdit}. */
    public Command wrap(Command command) {
        return command instanceof SyncedEdit ? command : new SyncedEdit(this, command);
    }

    /**
     * Runs a model change and writes it into the text; null when the model did not change (the
     * command only moved nodes). A change that cannot be written is taken back and aborts.
     */
    TextChange writeModelChange(Command inner) {
        ensureParsed();
        if (!valid) {
            // the diagram refuses model edits then (it shows the last valid model); what comes here
            // only moves nodes, which the text does not hold. Anything else is taken back.
            ChangeCounter watch = new ChangeCounter();
            if (shown != null) {
                shown.eAdapters().add(watch);
            }
            try {
                inner.execute();
            } finally {
                if (shown != null) {
                    shown.eAdapters().remove(watch);
                }
            }
            if (watch.changes > 0) {
                if (inner.canUndo()) {
                    inner.undo();
                }
                throw abort("The text has syntax errors (" + firstSyntaxError() + "): fix them in the Source page first.");
            }
            return null;
        }
        String before = document.get();
        String after;
        ChangeCounter counter = new ChangeCounter();
        resource.eAdapters().add(counter);
        boolean[] ran = { false };
        try {
            try {
                after = changeSerialized(before, inner, ran);
            } catch (RuntimeException first) {
                // the change serializer failed (it does for some shapes of text, e.g. an empty file): the
                // model is changed (or not yet), so write the whole changed model instead
                if (!ran[0]) {
                    inner.execute();
                }
                after = null;
                counter.changes = Math.max(counter.changes, 1);
            }
            if (counter.changes > 0 && (after == null || before.equals(after))) {
                after = keepLeadingComments(before, fullySerialized());
            }
        } catch (RuntimeException failed) {
            resource.eAdapters().remove(counter);
            reparse(); // back to the model of the text
            throw abort("This change cannot be written into the text: " + messageOf(failed));
        } finally {
            resource.eAdapters().remove(counter);
        }
        lastProblem = null;
        if (after == null || after.equals(before)) {
            return null;
        }
        TextChange change = minimalChange(inner.getLabel(), before, after);
        change.execute();
        typing = null;
        reparse();
        return change;
    }

    /** Counts the real changes below what it is added to (not touches, adapter removals or proxy resolution). */
    private static final class ChangeCounter extends org.eclipse.emf.ecore.util.EContentAdapter {
        int changes;

        @Override
        public void notifyChanged(org.eclipse.emf.common.notify.Notification n) {
            super.notifyChanged(n);
            if (!n.isTouch() && n.getEventType() != org.eclipse.emf.common.notify.Notification.REMOVING_ADAPTER
                && n.getEventType() != org.eclipse.emf.common.notify.Notification.RESOLVE) {
                changes++;
            }
        }
    }

    private AbortExecutionException abort(String message) {
        lastProblem = message;
        for (Listener l : listeners) {
            l.parsed(this);
        }
        return new AbortExecutionException(message);
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The new text through Xtext's change serializer: only what changed is written, and formatted. */
    private String changeSerialized(String before, Command inner, boolean[] ran) {
        IChangeSerializer serializer = Dsl.injector().getInstance(IChangeSerializer.class);
        serializer.setUpdateRelatedFiles(false);
        serializer.addModification(resource, r -> {
            inner.execute();
            ran[0] = true;
        });
        List<ITextReplacement> replacements = new ArrayList<>();
        serializer.applyModifications(change -> {
            if (change instanceof ITextDocumentChange text && text.getResource() == resource) {
                replacements.addAll(text.getReplacements());
            }
        });
        if (!ran[0]) {
            inner.execute();
        }
        return applied(before, replacements);
    }

    /** The fallback: the whole model serialized (hidden tokens kept where the serializer can). */
    private String fullySerialized() {
        ISerializer serializer = Dsl.injector().getInstance(ISerializer.class);
        return serializer.serialize(resource.getContents().get(0), SaveOptions.newBuilder().format().getOptions());
    }

    /**
     * The comment lines that open the file (its header), put back in front of a fully serialized text
     * that lost them: a file of comments only has no model element to carry them.
     */
    static String keepLeadingComments(String before, String after) {
        StringBuilder header = new StringBuilder();
        for (String line : before.split("\n", -1)) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                break;
            }
            header.append(line).append('\n');
        }
        String block = header.toString().stripTrailing();
        if (block.isEmpty() || after.contains(block)) {
            return after;
        }
        return block + "\n\n" + after.stripLeading();
    }

    static String applied(String text, List<ITextReplacement> replacements) {
        List<ITextReplacement> sorted = new ArrayList<>(replacements);
        sorted.sort(Comparator.comparingInt(ITextReplacement::getOffset).reversed());
        StringBuilder b = new StringBuilder(text);
        for (ITextReplacement r : sorted) {
            b.replace(r.getOffset(), r.getOffset() + r.getLength(), r.getReplacementText());
        }
        return b.toString();
    }

    /** The one replacement that turns {@code before} into {@code after} (common prefix and suffix kept). */
    TextChange minimalChange(String label, String before, String after) {
        int prefix = 0;
        int max = Math.min(before.length(), after.length());
        while (prefix < max && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        return new TextChange(this, label, prefix, before.substring(prefix, before.length() - suffix),
            after.substring(prefix, after.length() - suffix), false);
    }

    /**
     * Replaces the whole text by {@code after} as one step of the history (formatting, a quick fix),
     * changing only what differs. Returns false when nothing changed.
     */
    public boolean applyText(String label, String after) {
        String before = document.get();
        if (before.equals(after)) {
            return false;
        }
        typing = null;
        stack.execute(minimalChange(label, before, after));
        reparse();
        return true;
    }

    /** Replaces text without recording it (the commands on the stack do that themselves). */
    void replaceText(int offset, int length, String text) {
        applying++;
        try {
            document.replace(offset, length, text);
            textVersion++;
        } catch (BadLocationException e) {
            throw new IllegalStateException("The text changed under the history: " + e.getMessage(), e);
        } finally {
            applying--;
        }
    }

    // ------------------------------------------------------------------ saving, closing

    /** The text was written to the file: this is the state that is not dirty. */
    public void markSaved() {
        typing = null;
        stack.saveIsDone();
    }

    public void dispose() {
        reparseScheduled = false;
        document.removeDocumentListener(documentListener);
        listeners.clear();
        for (var r : new ArrayList<>(resourceSet.getResources())) {
            r.unload();
        }
        resourceSet.getResources().clear();
    }
}
