package org.netwright.ui.wizards;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IExportWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.netwright.topology.Topology;
import org.netwright.export.Exporter;
import org.netwright.model.Network;
import org.netwright.ui.Dsl;

/**
 * Export: writes what the exporters make of a model ({@code nft -f} rulesets, {@code iptables-restore}
 * files, {@code ip}/{@code sysctl} scripts per namespace, a lab topology script) into a folder.
 */
public class ExportWizard extends Wizard implements IExportWizard {
    private IFile file;
    private Page page;
    private List<Path> written = List.of();

    final class Page extends WizardPage {
        Text model;
        Text folder;

        Page() {
            super("export");
            setTitle("Export Netwright configuration");
            setDescription("nft rulesets, iptables-restore files and ip/sysctl scripts, one folder per namespace.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            GridLayoutFactory.swtDefaults().numColumns(3).applyTo(c);
            new Label(c, SWT.NONE).setText("Model:");
            model = new Text(c, SWT.BORDER | SWT.READ_ONLY);
            model.setText(file == null ? "(select a .nwp file first)" : file.getFullPath().toString());
            GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(model);
            new Label(c, SWT.NONE).setText("Into folder:");
            folder = new Text(c, SWT.BORDER);
            if (file != null && file.getParent().getLocation() != null) {
                folder.setText(file.getParent().getLocation().append("export").toOSString());
            }
            GridDataFactory.fillDefaults().grab(true, false).applyTo(folder);
            Button browse = new Button(c, SWT.PUSH);
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, e -> {
                DirectoryDialog d = new DirectoryDialog(getShell());
                d.setFilterPath(folder.getText());
                String chosen = d.open();
                if (chosen != null) {
                    folder.setText(chosen);
                }
            });
            setControl(c);
            setPageComplete(file != null);
        }
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        setWindowTitle("Export");
        if (selection != null && selection.getFirstElement() instanceof IFile f && "nwp".equals(f.getFileExtension())) {
            file = f;
        } else if (workbench != null && workbench.getActiveWorkbenchWindow() != null
            && workbench.getActiveWorkbenchWindow().getActivePage().getActiveEditor() != null) {
            file = workbench.getActiveWorkbenchWindow().getActivePage().getActiveEditor().getAdapter(IFile.class);
        }
    }

    public void setFile(IFile f) {
        this.file = f;
    }

    @Override
    public void addPages() {
        page = new Page();
        addPage(page);
    }

    /** Parses the file (and what it imports) and writes the exports into {@code out}; errors name file and line. */
    public static List<Path> export(IFile file, Path out) throws Exception {
        XtextResourceSet set = Dsl.injector().getInstance(XtextResourceSet.class);
        XtextResource resource = (XtextResource) set.createResource(URI.createPlatformResourceURI(file.getFullPath().toString(), true));
        String text = new String(file.getContents(true).readAllBytes(), StandardCharsets.UTF_8);
        resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), set.getLoadOptions());
        org.eclipse.xtext.EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
        if (!resource.getErrors().isEmpty()) {
            var e = resource.getErrors().get(0);
            throw new IllegalArgumentException(file.getName() + ":" + e.getLine() + ":" + e.getColumn() + ": " + e.getMessage());
        }
        Network root = (Network) resource.getContents().get(0);
        return Exporter.export(Topology.of(root).networks(), out);
    }

    @Override
    public boolean performFinish() {
        if (file == null) {
            page.setErrorMessage("Select a .nwp file to export.");
            return false;
        }
        try {
            written = export(file, Path.of(page.folder.getText().strip()));
            file.getProject().refreshLocal(IResource.DEPTH_INFINITE, null);
            return true;
        } catch (Exception e) {
            page.setErrorMessage("Not exported: " + e.getMessage());
            return false;
        }
    }

    public List<Path> getWritten() {
        return written;
    }
}
