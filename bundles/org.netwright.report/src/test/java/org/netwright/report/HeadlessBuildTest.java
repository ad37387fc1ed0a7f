package org.netwright.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.headless.ExportFormat;
import org.netwright.headless.Problem;
import org.netwright.headless.Sources;

/** The headless build on the sample project: statuses per file, exports in their folders, and only what changed exported again. */
class HeadlessBuildTest {
    @TempDir
    Path dir;

    @Test
    void theSampleProjectPassesAndExportsEveryFile() throws Exception {
        BuildFixture f = new BuildFixture(dir);
        Report report = f.run();
        assertEquals(Report.Status.PASSED, report.status(), report.problems().toString());
        assertEquals(List.of("src/main/netwright/checks.nwp", "src/main/netwright/gateway.nwp", "src/main/netwright/topology.nwp"),
                report.entries().stream().map(Report.Entry::name).toList());
        Map<String, Report.Status> status = report.entries().stream().collect(Collectors.toMap(Report.Entry::name, Report.Entry::status));
        assertEquals(Report.Status.PASSED, status.get("src/main/netwright/checks.nwp"));
        assertEquals(Report.Status.NO_EXPECTATIONS, status.get("src/main/netwright/topology.nwp"));
        assertEquals(3, report.expectations());
        Path ruleset = dir.resolve("target/netwright/export/src/main/netwright/gateway.nwp/gateway/ruleset.nft");
        assertTrue(Files.readString(ruleset).contains("masquerade"), "the gateway's export holds its nftables");
        assertTrue(report.entries().get(1).exports().contains(ruleset), report.entries().get(1).exports().toString());
    }

    @Test
    void anUnchangedFileIsNotExportedAgainAndAChangedImportReexportsItsImporters() throws Exception {
        BuildFixture f = new BuildFixture(dir);
        Sources sources = f.build.validate(f.files());
        List<HeadlessBuild.Exported> first = f.build.export(sources, ExportFormat.all());
        assertTrue(first.stream().noneMatch(HeadlessBuild.Exported::upToDate));
        Path ruleset = dir.resolve("target/netwright/export/src/main/netwright/checks.nwp/gateway/ruleset.nft");
        long written = Files.getLastModifiedTime(ruleset).toMillis();

        List<HeadlessBuild.Exported> again = f.build.export(f.build.validate(f.files()), ExportFormat.all());
        assertTrue(again.stream().allMatch(HeadlessBuild.Exported::upToDate), again.toString());
        assertEquals(written, Files.getLastModifiedTime(ruleset).toMillis(), "not rewritten");

        // gateway.nwp changes: it and checks.nwp (which imports it) are exported again, topology.nwp is not
        Path gateway = f.sources.resolve("gateway.nwp");
        Files.writeString(gateway, Files.readString(gateway).replace("dport 2222", "dport 2223"));
        Map<String, Boolean> upToDate = f.build.export(f.build.validate(f.files()), ExportFormat.all()).stream()
                .collect(Collectors.toMap(e -> e.file().path().getFileName().toString(), HeadlessBuild.Exported::upToDate));
        assertEquals(Map.of("checks.nwp", false, "gateway.nwp", false, "topology.nwp", true), upToDate);
        assertTrue(Files.readString(ruleset).contains("dport 2223"));

        // other formats asked for: exported again, and only those written
        List<HeadlessBuild.Exported> scripts = f.build.export(f.build.validate(f.files()), EnumSet.of(ExportFormat.SCRIPTS));
        assertTrue(scripts.stream().noneMatch(HeadlessBuild.Exported::upToDate));
        assertFalse(Files.exists(ruleset), "the files of the previous export are removed");
        assertTrue(Files.isRegularFile(dir.resolve("target/netwright/export/src/main/netwright/checks.nwp/gateway/setup.sh")));

        // an export file deleted by hand: exported again
        Path setup = dir.resolve("target/netwright/export/src/main/netwright/topology.nwp/office/setup.sh");
        Files.delete(setup);
        f.build.export(f.build.validate(f.files()), EnumSet.of(ExportFormat.SCRIPTS));
        assertTrue(Files.isRegularFile(setup));
    }

    @Test
    void aViolatedExpectationAndASyntaxErrorAreReportedPerFileAndTheOthersStillChecked() throws Exception {
        BuildFixture f = new BuildFixture(dir).with(BuildFixture.VIOLATED).with(BuildFixture.BROKEN);
        Report report = f.run();
        Map<String, Report.Entry> entries = report.entries().stream().collect(Collectors.toMap(Report.Entry::name, e -> e));
        Report.Entry broken = entries.get("src/main/netwright/broken.nwp");
        assertEquals(Report.Status.INVALID, broken.status());
        Problem syntax = broken.errors().get(0);
        assertEquals(f.sources.resolve("broken.nwp"), syntax.file());
        assertTrue(syntax.line() >= 4, syntax.toString());
        assertTrue(broken.exports().isEmpty(), "an invalid file is not exported");

        Report.Entry violated = entries.get("src/main/netwright/violated.nwp");
        assertEquals(Report.Status.VIOLATED, violated.status());
        assertEquals("the office keeps its address", violated.results().get(0).name());
        assertFalse(violated.exports().isEmpty(), "a valid file is exported whatever its expectations say");
        assertEquals(Report.Status.PASSED, entries.get("src/main/netwright/checks.nwp").status());
        assertEquals(Report.Status.INVALID, report.status());
        assertEquals(1, report.violated());
    }
}
