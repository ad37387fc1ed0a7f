package org.netwright.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netwright.testsupport.TestTexts;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An expectation whose walk passes a match the engine does not execute neither holds nor is violated: every view of
 * the report says "uncertain" (HTML badge, JUnit skipped, SARIF warning), and the file's status is UNCERTAIN, not
 * PASSED or VIOLATED.
 */
class UncertainReportTest {
    @TempDir
    Path dir;

    /** r's FORWARD chain drops ICMP carrying "x", a match the engine keeps opaque. */
    private static final String OPAQUE_ON_THE_PATH = TestTexts.forwardingRouter("""
            *filter
            :FORWARD ACCEPT [0:0]
            -A FORWARD -p icmp -m string --string "x" --algo bm -j DROP
            COMMIT""") + "expect ping from client to 10.0.2.2: delivered to server\n";

    private Report report() throws Exception {
        BuildFixture fixture = new BuildFixture(dir);
        Files.writeString(fixture.sources.resolve("opaque.nwp"), OPAQUE_ON_THE_PATH);
        return fixture.run();
    }

    @Test
    void everyViewOfTheReportCallsItUncertain() throws Exception {
        Report report = report();
        Report.Entry opaque = report.entries().stream().filter(e -> e.name().endsWith("opaque.nwp")).findFirst().orElseThrow();
        assertEquals(Report.Status.UNCERTAIN, opaque.status());
        assertEquals(1, report.uncertain());
        assertEquals(0, report.violated());
        assertEquals(Report.Status.UNCERTAIN, report.status(), "the rest of the sample project passes");

        String xml = JUnitReport.toXml(report);
        JUnitReportTest.validate(xml);
        Element root = JUnitReportTest.parse(xml).getDocumentElement();
        assertEquals("1", root.getAttribute("skipped"));
        assertEquals("0", root.getAttribute("failures"));
        Element skipped = (Element) root.getElementsByTagName("skipped").item(0);
        assertTrue(skipped.getAttribute("message").startsWith("uncertain: "), skipped.getAttribute("message"));

        String sarif = SarifReport.toJson(report);
        assertEquals(Set.of(), SarifReportTest.validate(sarif));
        JsonNode result = null;
        for (JsonNode r : new ObjectMapper().readTree(sarif).at("/runs/0/results")) {
            if (r.get("ruleId").asText().equals(SarifReport.UNCERTAIN_RULE)) {
                result = r;
            }
        }
        assertTrue(result != null, sarif);
        assertEquals("warning", result.get("level").asText());
        assertTrue(result.at("/message/text").asText().contains("is uncertain"), result.toString());

        String page = HtmlReport.filePage(report, opaque, dir.resolve("target/netwright"));
        assertTrue(page.contains("class=\"expectation uncertain\""), "the article is marked uncertain");
        assertTrue(page.contains("<span class=\"badge uncertain\">uncertain</span>"), "its badge says so");
        assertTrue(HtmlReport.index(report).contains("1 uncertain"), "the summary counts it");
    }
}
