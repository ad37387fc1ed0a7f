package org.netwright.ui.walk;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Path;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.ViewPart;
import org.netwright.engine.SourceRef;
import org.netwright.engine.TraceStep;
import org.netwright.model.Namespace;
import org.netwright.model.Network;
import org.netwright.topology.PathHighlight;
import org.netwright.topology.WalkSteps;
import org.netwright.topology.WalkView;
import org.netwright.ui.editor.NwpEditor;
import org.netwright.ui.model.OpenModel;

/**
 * Packet Walk: pick an expectation or probe of the active file, or type one, run the engine, read
 * the trace step by step, and see the path on the diagram. Double-click a step to go to its rule.
 */
public class PacketWalkView extends ViewPart implements OpenModel.Listener {
    public static final String ID = "org.netwright.ui.packetWalk";
    private static final Color GOOD = new Color(22, 130, 50);
    private static final Color BAD = new Color(190, 30, 30);

    private Combo choices;
    private Combo from;
    private Combo protocol;
    private Text destination;
    private Text sport;
    private Text dport;
    private Text status;
    private TableViewer table;
    private NwpEditor editor;
    private List<WalkRunner.Choice> current = List.of();
    private WalkRunner.Result last;
    /** The outcome of {@link #last} on display (last itself when the walk has one outcome). */
    private WalkRunner.Result shown;
    private Combo outcome;
    private Label branchReasons;
    private List<WalkSteps.Step> steps = List.of();
    private int currentStep = -1;
    private boolean playing;
    private boolean selecting;
    private Label stepLabel;
    private Button playButton;
    /** Time between two steps while playing. */
    private int playInterval = 700;

    private final IPartListener2 partListener = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference ref) {
            if (ref.getPart(false) instanceof NwpEditor e) {
                follow(e);
            }
        }

        @Override
        public void partClosed(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == editor) {
                follow(null);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(parent);
        Composite pick = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(pick);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(pick);
        new Label(pick, SWT.NONE).setText("Walk:");
        choices = new Combo(pick, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(choices);
        Button run = new Button(pick, SWT.PUSH);
        run.setText("Run");
        run.addListener(SWT.Selection, e -> runChoice(choices.getSelectionIndex()));

        Composite typed = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(typed);
        GridLayoutFactory.fillDefaults().numColumns(11).applyTo(typed);
        new Label(typed, SWT.NONE).setText("or: from");
        from = new Combo(typed, SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().hint(110, SWT.DEFAULT).applyTo(from);
        protocol = new Combo(typed, SWT.READ_ONLY | SWT.DROP_DOWN);
        protocol.setItems("tcp", "udp", "icmp", "esp");
        protocol.select(0);
        new Label(typed, SWT.NONE).setText("to");
        destination = new Text(typed, SWT.BORDER);
        destination.setMessage("address");
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(destination);
        new Label(typed, SWT.NONE).setText("sport");
        sport = new Text(typed, SWT.BORDER);
        GridDataFactory.fillDefaults().hint(50, SWT.DEFAULT).applyTo(sport);
        new Label(typed, SWT.NONE).setText("dport");
        dport = new Text(typed, SWT.BORDER);
        GridDataFactory.fillDefaults().hint(50, SWT.DEFAULT).applyTo(dport);
        Button walk = new Button(typed, SWT.PUSH);
        walk.setText("Walk");
        walk.addListener(SWT.Selection, e -> runTyped(from.getText(), protocol.getText(), destination.getText(), number(sport.getText()),
            number(dport.getText())));
        new Label(typed, SWT.NONE);

        Composite stepping = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(stepping);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(stepping);
        button(stepping, "\u23ee First", () -> step(0));
        button(stepping, "\u25c0 Back", this::stepBack);
        button(stepping, "Forward \u25b6", this::stepForward);
        playButton = button(stepping, "\u23f5 Play", () -> {
            if (playing) {
                pause();
            } else {
                play();
            }
        });
        button(stepping, "Whole walk", () -> step(-1));
        stepLabel = new Label(stepping, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(5, 1).applyTo(stepLabel);

        // a walk with random choices or elements the engine does not execute has several outcomes: pick one
        Composite branches = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(branches);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(branches);
        new Label(branches, SWT.NONE).setText("Outcome:");
        outcome = new Combo(branches, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(outcome);
        outcome.addListener(SWT.Selection, e -> showOutcome(outcome.getSelectionIndex()));
        branchReasons = new Label(branches, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(branchReasons);
        outcome.setEnabled(false);

        // the verdict and its explanations can run to many lines: they scroll above the steps and the user
        // moves the divider, so the trace table never shrinks to a single row
        SashForm split = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        status = new Text(split, SWT.READ_ONLY | SWT.WRAP | SWT.MULTI | SWT.V_SCROLL);
        status.setBackground(parent.getBackground());
        status.setText("Open a .nwp file, pick an expectation or probe, and press Run.");

        table = new TableViewer(split, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        split.setWeights(1, 3);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("#", 36, r -> String.valueOf(rows().indexOf(r) + 1));
        column("Where", 130, r -> (r.reply() ? "\u21a9 " : "") + r.where());
        column("Hook", 130, WalkView.Row::hook);
        column("Table / chain", 170, WalkView.Row::chain);
        column("Rule", 300, WalkView.Row::rule);
        column("Verdict", 90, WalkView.Row::verdict);
        column("Header after", 420, WalkView.Row::header);
        table.addSelectionChangedListener(e -> {
            if (!selecting && ((IStructuredSelection) e.getSelection()).getFirstElement() instanceof WalkView.Row row) {
                step(rows().indexOf(row));
            }
        });
        table.addDoubleClickListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof WalkView.Row row) {
                jumpTo(row.source());
            }
        });

        getSite().getPage().addPartListener(partListener);
        if (getSite().getPage().getActiveEditor() instanceof NwpEditor e) {
            follow(e);
        }
    }

    private static Button button(Composite parent, String text, Runnable run) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> run.run());
        return b;
    }

    private void column(String title, int width, java.util.function.Function<WalkView.Row, String> text) {
        TableViewerColumn c = new TableViewerColumn(table, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((WalkView.Row) element);
            }

            @Override
            public Color getForeground(Object element) {
                WalkView.Row r = (WalkView.Row) element;
                if (r.kind() == TraceStep.Kind.DROP || "drop".equalsIgnoreCase(r.verdict())) {
                    return BAD;
                }
                return r.reply() ? new Color(110, 50, 160) : null;
            }
        });
    }

    private static int number(String s) {
        try {
            return s == null || s.isBlank() ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Follows the active .nwp editor: its walks, its namespaces. */
    void follow(NwpEditor e) {
        if (editor == e) {
            return;
        }
        if (editor != null && editor.getModel() != null) {
            editor.getModel().removeListener(this);
        }
        editor = e;
        last = null;
        shown = null;
        pause();
        steps = List.of();
        currentStep = -1;
        if (!table.getControl().isDisposed()) {
            table.setInput(List.of());
            // the outcomes and their reasons were the other file's walk
            outcome.setItems();
            outcome.setEnabled(false);
            branchReasons.setText("");
            ((org.eclipse.swt.layout.GridData) branchReasons.getLayoutData()).exclude = true;
            branchReasons.setVisible(false);
            showStepLabel();
            status.setText(e == null ? "Open a .nwp file, pick an expectation or probe, and press Run." : "Pick an expectation or probe and press Run, or type a probe.");
            status.setForeground(null);
        }
        if (editor != null && editor.getModel() != null) {
            editor.getModel().addListener(this);
            parsed(editor.getModel());
        } else {
            current = List.of();
            if (!choices.isDisposed()) {
                choices.setItems();
                from.setItems();
            }
        }
    }

    @Override
    public void parsed(OpenModel model) {
        if (choices.isDisposed()) {
            return;
        }
        Network root = model.isValid() ? model.shownRoot() : null;
        if (root == null) {
            return;
        }
        String selected = choices.getText();
        current = WalkRunner.choices(root);
        choices.setItems(current.stream().map(WalkRunner.Choice::label).toArray(String[]::new));
        int keep = current.stream().map(WalkRunner.Choice::label).toList().indexOf(selected);
        if (!current.isEmpty()) {
            choices.select(Math.max(0, keep));
        }
        String typedFrom = from.getText();
        from.setItems(org.netwright.topology.Topology.of(root).namespaces().stream().map(Namespace::getName).toArray(String[]::new));
        from.setText(typedFrom.isEmpty() && from.getItemCount() > 0 ? from.getItem(0) : typedFrom);
    }

    // ------------------------------------------------------------------ running

    private OpenModel ready() {
        if (editor == null || editor.getModel() == null) {
            show(new WalkRunner.Result("Open a .nwp file first.", null, List.of(), List.of(), null, null, List.of()));
            return null;
        }
        OpenModel m = editor.getModel();
        m.ensureParsed();
        if (!m.isValid()) {
            show(new WalkRunner.Result("The text has syntax errors (" + m.firstSyntaxError() + "): fix them before walking.", null, List.of(),
                List.of(), null, null, List.of()));
            return null;
        }
        return m;
    }

    /** Walks the file's expectation or probe number {@code index} of the list. */
    public WalkRunner.Result runChoice(int index) {
        OpenModel m = ready();
        if (m == null) {
            return last;
        }
        if (index < 0 || index >= current.size()) {
            show(new WalkRunner.Result("This file has no expectation or probe to walk: type one below.", null, List.of(), List.of(), null, null,
                List.of()));
            return last;
        }
        if (choices.getSelectionIndex() != index) {
            choices.select(index);
        }
        return show(WalkRunner.run(m.shownRoot(), current.get(index).element()));
    }

    public WalkRunner.Result runTyped(String fromNs, String proto, String dst, int sp, int dp) {
        OpenModel m = ready();
        if (m == null) {
            return last;
        }
        if (sp < 0 || dp < 0) {
            return show(new WalkRunner.Result("Ports are numbers.", null, List.of(), List.of(), null, null, List.of()));
        }
        return show(WalkRunner.run(m.shownRoot(), fromNs, proto, dst, sp, dp));
    }

    private WalkRunner.Result show(WalkRunner.Result r) {
        last = r;
        if (status.isDisposed()) {
            return r;
        }
        StringBuilder text = new StringBuilder();
        if (r.holds() != null) {
            text.append(r.holds() ? "\u2714 expectation holds. " : "\u2716 expectation violated. ");
        }
        text.append(r.summary());
        for (String v : r.violations()) {
            text.append("\n  \u2013 ").append(v);
        }
        status.setText(text.toString());
        status.setForeground(r.holds() == null ? null : r.holds() ? GOOD : BAD);
        outcome.setItems();
        for (int i = 0; i < r.outcomes().size(); i++) {
            outcome.add(r.outcomes().get(i).outcomeLabel(i, r.outcomes().size()));
        }
        outcome.setEnabled(r.branched());
        if (r.branched()) {
            outcome.select(0);
            showOutcome(0);
        } else {
            display(r);
        }
        return r;
    }

    /**
     * Shows outcome {@code index} of a walk with several: its rows, its steps, its path on the diagram, the choices
     * that led to it with their probabilities and what made it uncertain.
     */
    public void showOutcome(int index) {
        if (last == null || index < 0 || index >= last.outcomes().size()) {
            return;
        }
        if (outcome.getSelectionIndex() != index) {
            outcome.select(index);
        }
        display(last.outcomes().get(index));
    }

    /** The outcome on display: its rows in the table, its steps, its path on the diagram. */
    private void display(WalkRunner.Result r) {
        shown = r;
        List<String> reasons = r.branchReasons();
        branchReasons.setText(String.join("\n", reasons));
        ((org.eclipse.swt.layout.GridData) branchReasons.getLayoutData()).exclude = reasons.isEmpty();
        branchReasons.setVisible(!reasons.isEmpty());
        pause();
        steps = r.probe() == null ? List.of() : WalkSteps.of(r.probe());
        currentStep = -1;
        selecting = true;
        table.setInput(r.rows());
        selecting = false;
        // the step that decided the fate (the drop, or the delivery) is selected and scrolled to
        r.rows().stream().filter(row -> !row.reply() && (row.kind() == TraceStep.Kind.DROP || row.kind() == TraceStep.Kind.DELIVER)).findFirst()
            .ifPresent(row -> {
                selecting = true;
                table.setSelection(new org.eclipse.jface.viewers.StructuredSelection(row), true);
                selecting = false;
            });
        status.getParent().layout(true, true);
        if (editor != null && editor.getDiagramEditor() != null) {
            editor.getDiagramEditor().setStep(null);
            editor.getDiagramEditor().setHighlight(r.path());
        }
        showStepLabel();
    }

    // ------------------------------------------------------------------ stepping

    /**
     * Makes step {@code index} the current one (-1: none, the whole walk is shown): its row is selected, the diagram
     * shows the way so far with numbered link crossings and where the packet is, and the Pipeline view shows the
     * namespace it is in with the hook, chain and rule of the step.
     */
    public void step(int index) {
        if (index < -1 || index >= steps.size()) {
            return;
        }
        currentStep = index;
        WalkSteps.Step s = index < 0 ? null : steps.get(index);
        if (s != null && !table.getControl().isDisposed()) {
            selecting = true;
            table.setSelection(new org.eclipse.jface.viewers.StructuredSelection(rows().get(index)), true);
            selecting = false;
        }
        if (editor != null && editor.getDiagramEditor() != null && shown != null && shown.path() != null) {
            editor.getDiagramEditor().setHighlight(s == null ? shown.path() : soFar(shown.path(), s));
            editor.getDiagramEditor().setStep(s);
        }
        PipelineView pipeline = (PipelineView) getSite().getPage().findView(PipelineView.ID);
        if (pipeline == null && s != null && editor != null) {
            pipeline = PipelineView.open(getSite().getPage(), editor, s.namespace(), false);
        }
        if (pipeline != null) {
            pipeline.showStep(editor, s);
        }
        showStepLabel();
    }

    /** The walk's path up to the step; its fate once the step is at or past the last step of the probe's own walk. */
    private PathHighlight soFar(PathHighlight whole, WalkSteps.Step s) {
        boolean fateMet = s.reply() || steps.stream().noneMatch(o -> !o.reply() && o.index() > s.index());
        WalkSteps.Progress p = s.progress();
        return new PathHighlight(p.forward(), p.reply(), whole.fate(), fateMet ? whole.fateNamespace() : null, fateMet ? whole.note() : null);
    }

    public void stepForward() {
        step(Math.min(currentStep + 1, steps.size() - 1));
    }

    public void stepBack() {
        step(Math.max(currentStep - 1, 0));
    }

    /** Steps forward every {@link #setPlayInterval interval} until the last step (or a pause). */
    public void play() {
        if (steps.isEmpty()) {
            return;
        }
        if (currentStep >= steps.size() - 1) {
            currentStep = -1;
        }
        playing = true;
        playButton.setText("\u23f8 Pause");
        tick();
    }

    private void tick() {
        if (!playing || table.getControl().isDisposed()) {
            return;
        }
        stepForward();
        if (currentStep >= steps.size() - 1) {
            pause();
            return;
        }
        table.getControl().getDisplay().timerExec(playInterval, this::tick);
    }

    public void setPlayInterval(int milliseconds) {
        playInterval = Math.max(10, milliseconds);
    }

    public void pause() {
        playing = false;
        if (playButton != null && !playButton.isDisposed()) {
            playButton.setText("\u23f5 Play");
        }
    }

    public boolean isPlaying() {
        return playing;
    }

    public List<WalkSteps.Step> steps() {
        return steps;
    }

    /** The current step's index, -1 when the whole walk is shown. */
    public int currentStep() {
        return currentStep;
    }

    private void showStepLabel() {
        if (stepLabel == null || stepLabel.isDisposed()) {
            return;
        }
        WalkSteps.Step s = currentStep < 0 ? null : steps.get(currentStep);
        stepLabel.setText(steps.isEmpty() ? "" : s == null ? steps.size() + " steps: step through them, or select one"
            : "step " + (currentStep + 1) + " / " + steps.size() + (s.reply() ? " (reply)" : "") + ": " + s.namespace() + ", " + s.stage().title());
        stepLabel.getParent().layout(true, true);
    }

    public List<WalkView.Row> rows() {
        return shown == null ? List.of() : shown.rows();
    }

    public WalkRunner.Result lastResult() {
        return last;
    }

    /** The outcome on display (the walk itself when it has one outcome). */
    public WalkRunner.Result shownOutcome() {
        return shown;
    }

    public String branchReasonsText() {
        return branchReasons.getText();
    }

    public List<String> outcomeLabels() {
        return List.of(outcome.getItems());
    }

    public List<String> choiceLabels() {
        return current.stream().map(WalkRunner.Choice::label).toList();
    }

    public TableViewer table() {
        return table;
    }

    public String statusText() {
        return status.getText();
    }

    /** Opens the rule's file on its Source page, at the rule. */
    public void jumpTo(SourceRef ref) {
        if (ref == null || ref.file() == null || ref.line() <= 0) {
            return;
        }
        NwpEditor target = editor;
        if (target == null || !ref.file().equals(target.getModel().resource().getURI().toString())) {
            target = open(ref.file());
        }
        if (target != null) {
            target.reveal(ref.line(), ref.column());
        }
    }

    private NwpEditor open(String uri) {
        org.eclipse.emf.common.util.URI u = org.eclipse.emf.common.util.URI.createURI(uri);
        if (!u.isPlatformResource()) {
            return null;
        }
        IFile file = ResourcesPlugin.getWorkspace().getRoot().getFile(new Path(u.toPlatformString(true)));
        try {
            IWorkbenchPage page = getSite().getPage();
            IEditorPart part = IDE.openEditor(page, file, NwpEditor.ID);
            return part instanceof NwpEditor e ? e : null;
        } catch (PartInitException e) {
            return null;
        }
    }

    @Override
    public void setFocus() {
        choices.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePartListener(partListener);
        follow(null);
        super.dispose();
    }
}
