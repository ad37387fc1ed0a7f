package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netwright.dsl.validation.IssueCodes;

/**
 * Imports name readable .nwp files, and a file holds a model: issue 18's reproducers (an import of a folder, of
 * /dev/zero, of /proc/self/mem; an empty file), refused by validation with their position, never a hang.
 */
class InputValidationTest {
    @TempDir
    Path dir;

    /** {@code main.nwp} in a real folder (imports are files), loaded with what it imports, and validated. */
    private List<Issue> validateFile(String text) throws Exception {
        Path main = Files.writeString(dir.resolve("main.nwp"), text);
        XtextResourceSet set = Nwp.resourceSet();
        XtextResource r = (XtextResource) set.getResource(URI.createFileURI(main.toString()), true);
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            EcoreUtil.resolveAll(set);
            return Nwp.validate(r);
        });
    }

    private static Issue only(List<Issue> issues, String code) {
        List<Issue> found = issues.stream().filter(i -> code.equals(i.getCode())).toList();
        assertEquals(1, found.size(), Nwp.describe(issues));
        return found.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/dev/zero", "/proc/self/mem", "/proc/self/status" })
    void anImportOfAKernelFileIsRefusedWithoutReadingIt(String file) throws Exception {
        Issue i = only(validateFile("import \"" + file + "\"\nnamespace a {\n}\n"), IssueCodes.IMPORT_UNREADABLE);
        assertEquals(Severity.ERROR, i.getSeverity());
        assertEquals(1, i.getLineNumber());
        assertEquals(8, i.getColumn());
        assertTrue(i.getMessage().startsWith("Cannot import '" + file + "': " + file + " is "), i.getMessage());
        assertTrue(i.getMessage().endsWith("not a regular file (only regular files are read)"), i.getMessage());
    }

    @Test
    void anImportOfAFolderIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("lib.nwp"));
        Issue i = only(validateFile("import \"lib.nwp\"\nnamespace a {\n}\n"), IssueCodes.IMPORT_UNREADABLE);
        assertEquals("Cannot import 'lib.nwp': " + dir.resolve("lib.nwp") + " is a folder, not a file", i.getMessage());
    }

    @Test
    void anImportOfAPipeDoesNotBlock() throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("pipe.nwp").toString()).start().waitFor());
        Issue i = only(validateFile("import \"pipe.nwp\"\nnamespace a {\n}\n"), IssueCodes.IMPORT_UNREADABLE);
        assertTrue(i.getMessage().contains("is a named pipe (FIFO)"), i.getMessage());
    }

    @Test
    void importsNameLocalNwpFiles() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "namespace b {\n}\n");
        only(validateFile("import \"notes.txt\"\nnamespace a {\n}\n"), IssueCodes.IMPORT_NOT_NWP);
        Issue remote = only(validateFile("import \"http://192.0.2.1/x.nwp\"\nnamespace a {\n}\n"), IssueCodes.IMPORT_NOT_A_FILE);
        assertEquals("Cannot import 'http://192.0.2.1/x.nwp': an import names a file, relative to this one (http: is not read)",
                remote.getMessage());
    }

    @Test
    void anEmptyFileIsAnErrorAndAFileWithOnlyImportsIsNot() throws Exception {
        Issue i = Nwp.assertIssue("\n# only a comment\n", Severity.ERROR, IssueCodes.EMPTY_MODEL);
        assertEquals(1, i.getLineNumber());
        Nwp.assertIssue("", Severity.ERROR, IssueCodes.EMPTY_MODEL);
        Files.writeString(dir.resolve("topology.nwp"), "namespace a {\n}\n");
        List<Issue> issues = validateFile("import \"topology.nwp\"\n");
        assertTrue(issues.stream().noneMatch(x -> IssueCodes.EMPTY_MODEL.equals(x.getCode())), Nwp.describe(issues));
    }
}
