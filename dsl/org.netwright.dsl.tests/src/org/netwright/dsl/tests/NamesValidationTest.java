package org.netwright.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netwright.dsl.tests.Nwp.assertError;
import static org.netwright.dsl.tests.Nwp.assertNoIssue;

import java.util.List;
import java.util.Map;

import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.netwright.dsl.validation.IssueCodes;

/** Duplicate names, unknown names and imports. */
class NamesValidationTest {

    @Test
    void duplicateNamespace() {
        Nwp.assertIssues("namespace a {\n}\nnamespace a {\n}\n", Severity.ERROR, IssueCodes.DUPLICATE_NAME, 2);
        assertNoIssue("namespace a {\n}\nnamespace b {\n}\nprobe a = ping from a to 1.2.3.4\n", IssueCodes.DUPLICATE_NAME);
    }

    @Test
    void duplicateNamespaceAcrossAnImport() {
        Map<String, String> files = Map.of("topology.nwp", "namespace a {\n}\n", "main.nwp", "import \"topology.nwp\"\nnamespace a {\n}\n");
        List<Issue> issues = Nwp.validate(Nwp.parse(files, "main.nwp"));
        assertTrue(issues.stream().anyMatch(i -> IssueCodes.DUPLICATE_NAME.equals(i.getCode())), Nwp.describe(issues));
    }

    @Test
    void variantsThatExtendOneTopologyDoNotClash() {
        // two policy files extend the same namespace with the same table: alternatives, not duplicates
        String variant = "import \"topology.nwp\"\nextend a {\n\trouting-table 200\n}\n";
        Map<String, String> files = Map.of("topology.nwp", "namespace a {\n}\n", "v1.nwp", variant, "v2.nwp", variant);
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(files, "v1.nwp")));
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(files, "topology.nwp")));
    }

    @Test
    void duplicateInterfaceAlsoThroughExtend() {
        Nwp.assertIssues("namespace a {\n\tinterface e\n\tdummy e\n}\n", Severity.ERROR, IssueCodes.DUPLICATE_NAME, 2);
        Map<String, String> files = Map.of("topology.nwp", "namespace a {\n\tinterface e\n}\n", "main.nwp",
                "import \"topology.nwp\"\nextend a {\n\tdummy e\n}\n");
        List<Issue> issues = Nwp.validate(Nwp.parse(files, "main.nwp"));
        assertTrue(issues.stream().anyMatch(i -> IssueCodes.DUPLICATE_NAME.equals(i.getCode())), Nwp.describe(issues));
        assertNoIssue("namespace a {\n\tinterface e\n}\nnamespace b {\n\tinterface e\n}\n", IssueCodes.DUPLICATE_NAME);
    }

    @Test
    void duplicateNftObjects() {
        Nwp.assertIssues(Nwp.nft("table ip t {\n\tchain c {\n\t}\n\tchain c {\n\t}\n}\n"), Severity.ERROR, IssueCodes.DUPLICATE_NAME, 2);
        Nwp.assertIssues(Nwp.nft("table ip t {\n\tset s {\n\t\ttype mark\n\t}\n\tmap s {\n\t\ttype mark : mark\n\t}\n}\n"),
                Severity.ERROR, IssueCodes.DUPLICATE_NAME, 2);
        Nwp.assertIssues(Nwp.nft("table ip t {\n}\ntable ip t {\n}\n"), Severity.ERROR, IssueCodes.DUPLICATE_NAME, 2);
        assertNoIssue(Nwp.nft("table ip t {\n}\ntable inet t {\n}\n"), IssueCodes.DUPLICATE_NAME);
    }

    @Test
    void duplicateIptablesTable() {
        assertError(Nwp.ipt("*nat\nCOMMIT\n*nat\nCOMMIT\n"), IssueCodes.DUPLICATE_NAME);
        assertNoIssue(Nwp.ipt("*nat\nCOMMIT\n*filter\nCOMMIT\n"), IssueCodes.DUPLICATE_NAME);
    }

    @Test
    void aKeywordUsedAsANameGetsAHint() {
        List<Issue> issues = Nwp.validate(Nwp.parse(Nwp.nft("table ip t {\n\tchain helper {\n\t}\n}\n")));
        assertTrue(issues.stream().anyMatch(i -> i.getMessage().contains("'helper' is a keyword: if it is meant as a name, write ^helper")),
                Nwp.describe(issues));
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(Nwp.nft("table ip t {\n\tchain ^helper {\n\t}\n}\n"))));
    }

    @Test
    void importOfAMissingFile() {
        Map<String, String> files = Map.of("main.nwp", "import \"nothere.nwp\"\nnamespace a {\n}\n");
        List<Issue> issues = Nwp.validate(Nwp.parse(files, "main.nwp"));
        Issue i = issues.stream().filter(x -> IssueCodes.IMPORT_NOT_FOUND.equals(x.getCode())).findFirst()
                .orElseThrow(() -> new AssertionError(Nwp.describe(issues)));
        assertEquals(1, i.getLineNumber());
        assertTrue(i.getMessage().contains("mem:/tests/nothere.nwp does not exist"), i.getMessage());
    }

    @Test
    void importsResolveRelativeToTheImportingFile() {
        Map<String, String> files = Map.of("sub/dir/topology.nwp", "namespace a {\n\tinterface e\n}\n", "sub/policy.nwp",
                "import \"dir/topology.nwp\"\nextend a {\n\troute default dev e\n}\n", "main.nwp",
                "import \"sub/policy.nwp\"\nimport \"sub/dir/topology.nwp\"\nexpect ping from a to 1.2.3.4: dropped at a\n");
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(files, "sub/policy.nwp")));
        Nwp.assertNoErrors(Nwp.validate(Nwp.parse(files, "main.nwp")));
        assertError("import \"dir/topology.nwp\"\nextend a {\n}\n", IssueCodes.IMPORT_NOT_FOUND);
    }
}
