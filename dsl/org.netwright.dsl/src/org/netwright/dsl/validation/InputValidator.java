package org.netwright.dsl.validation;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.validation.Check;
import org.netwright.dsl.resource.BoundedFileUriHandler;
import org.netwright.model.Import;
import org.netwright.model.Network;
import org.netwright.model.NetwrightPackage;
import org.netwright.model.semantics.Imports;

/**
 * What the files themselves must be for every command to accept them: an import names a readable {@code .nwp} file
 * (not a folder, a device, a file of {@code /proc}, a remote URI), and a file holds a model.
 */
public class InputValidator extends AbstractNetwrightCheck {

    /** Data: the import as written, the reason. */
    @Check
    public void checkImportIsAReadableFile(Import imp) {
        URI uri = imp.eResource() == null ? null : Imports.resolve(imp.getImportURI(), imp.eResource());
        if (uri == null || !uri.isFile()) {
            return;
        }
        String problem = BoundedFileUriHandler.problem(uri);
        if (problem != null && !problem.equals("no such file")) {
            error("Cannot import " + q(imp.getImportURI()) + ": " + uri.toFileString() + " " + problem, imp,
                    NetwrightPackage.Literals.IMPORT__IMPORT_URI, IssueCodes.IMPORT_UNREADABLE, imp.getImportURI(), problem);
        }
    }

    /** Data: the import as written. */
    @Check
    public void checkImportIsALocalModelFile(Import imp) {
        String written = imp.getImportURI();
        URI uri = imp.eResource() == null ? null : Imports.resolve(written, imp.eResource());
        if (written == null || uri == null) {
            return;
        }
        if (!uri.isFile() && !uri.isPlatform() && uri.scheme() != null && !uri.scheme().equals(imp.eResource().getURI().scheme())) {
            error("Cannot import " + q(written) + ": an import names a file, relative to this one (" + uri.scheme()
                    + ": is not read)", imp, NetwrightPackage.Literals.IMPORT__IMPORT_URI, IssueCodes.IMPORT_NOT_A_FILE, written);
        } else if (!written.endsWith(".nwp")) {
            error("Cannot import " + q(written) + ": only .nwp files can be imported", imp,
                    NetwrightPackage.Literals.IMPORT__IMPORT_URI, IssueCodes.IMPORT_NOT_NWP, written);
        }
    }

    /** An empty file (or one with only comments) is almost always a mistake: every command refuses it alike. */
    @Check
    public void checkModelIsNotEmpty(Network network) {
        if (network.eContainer() == null && network.getImports().isEmpty() && network.getNamespaces().isEmpty()
                && network.getExtensions().isEmpty() && network.getLinks().isEmpty() && network.getProbes().isEmpty()
                && network.getExpectations().isEmpty() && network.getScenarios().isEmpty()) {
            error(EMPTY_MODEL_MESSAGE, network, null, IssueCodes.EMPTY_MODEL);
        }
    }

    /** The one wording of an empty model, also where no model object could be made. */
    public static final String EMPTY_MODEL_MESSAGE = "The model is empty: the file defines no namespace, link, probe, expectation"
            + " or scenario and imports nothing";
}
