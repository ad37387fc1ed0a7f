package org.netwright.ui.wizards;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.ide.IDE;
import org.netwright.ui.editor.NwpEditor;

/** New example: copies one of the bundled examples (with the files it imports) into a project and opens it. */
public class NewExampleWizard extends Wizard implements INewWizard {
    public static final String DEFAULT_PROJECT = "netwright-examples";
    private IWorkbench workbench;
    private Page page;
    private IFile created;

    final class Page extends WizardPage {
        org.eclipse.swt.widgets.List list;
        Text project;
        List<BundledExamples.Example> examples;

        Page() {
            super("example");
            setTitle("New Netwright example");
            setDescription("Copy a bundled example, with the files it imports, into a project.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
            new Label(c, SWT.NONE).setText("Project:");
            project = new Text(c, SWT.BORDER);
            project.setText(DEFAULT_PROJECT);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(project);
            Label l = new Label(c, SWT.NONE);
            l.setText("Example:");
            GridDataFactory.fillDefaults().span(2, 1).applyTo(l);
            list = new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
            GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(600, 300).applyTo(list);
            examples = BundledExamples.all();
            for (BundledExamples.Example e : examples) {
                list.add(e.toString());
            }
            if (!examples.isEmpty()) {
                list.select(0);
            }
            list.addListener(SWT.Selection, e -> setPageComplete(list.getSelectionIndex() >= 0));
            setPageComplete(!examples.isEmpty());
            setControl(c);
        }
    }

    @Override
    public void init(IWorkbench wb, IStructuredSelection selection) {
        this.workbench = wb;
        setWindowTitle("New Example");
    }

    @Override
    public void addPages() {
        page = new Page();
        addPage(page);
    }

    /** Copies {@code example} into the project (created when missing) and returns the copied file. */
    public static IFile create(String projectName, BundledExamples.Example example) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
        if (!project.exists()) {
            project.create(null);
        }
        if (!project.isOpen()) {
            project.open(null);
        }
        return BundledExamples.copy(example, project);
    }

    @Override
    public boolean performFinish() {
        int i = page.list.getSelectionIndex();
        if (i < 0) {
            return false;
        }
        try {
            created = create(page.project.getText().strip(), page.examples.get(i));
            if (workbench != null && workbench.getActiveWorkbenchWindow() != null) {
                IDE.openEditor(workbench.getActiveWorkbenchWindow().getActivePage(), created, NwpEditor.ID);
            }
            return true;
        } catch (Exception e) {
            page.setErrorMessage("The example could not be created: " + e.getMessage());
            return false;
        }
    }

    public IFile getCreated() {
        return created;
    }
}
