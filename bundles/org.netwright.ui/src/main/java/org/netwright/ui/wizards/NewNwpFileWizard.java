package org.netwright.ui.wizards;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.WizardNewFileCreationPage;
import org.eclipse.ui.ide.IDE;
import org.netwright.ui.editor.NwpEditor;

/** New .nwp file: a small starting topology (two namespaces joined by a veth pair). */
public class NewNwpFileWizard extends Wizard implements INewWizard {
    public static final String TEMPLATE = """
        # A new Netwright model: draw on the Diagram page or write here.

        namespace client {
        \tloopback lo
        \tveth veth0 <-> server:veth0 { address 10.0.0.1/24 }
        }

        namespace server {
        \tloopback lo
        \tveth veth0 <-> client:veth0 { address 10.0.0.2/24 }
        \tlisten tcp 80
        }
        """;

    private IWorkbench workbench;
    private IStructuredSelection selection;
    private WizardNewFileCreationPage page;

    @Override
    public void init(IWorkbench wb, IStructuredSelection sel) {
        this.workbench = wb;
        this.selection = sel;
        setWindowTitle("New Netwright Model");
    }

    @Override
    public void addPages() {
        page = new WizardNewFileCreationPage("file", selection) {
            @Override
            protected InputStream getInitialContents() {
                return new ByteArrayInputStream(TEMPLATE.getBytes(StandardCharsets.UTF_8));
            }
        };
        page.setTitle("New Netwright model");
        page.setDescription("A .nwp file: topology, policy and expectations.");
        page.setFileExtension("nwp");
        page.setFileName("network.nwp");
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        IFile file = page.createNewFile();
        if (file == null) {
            return false;
        }
        try {
            IDE.openEditor(workbench.getActiveWorkbenchWindow().getActivePage(), file, NwpEditor.ID);
        } catch (PartInitException e) {
            page.setErrorMessage("Created, but it could not be opened: " + e.getMessage());
        }
        return true;
    }
}
