package org.netwright.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report's structure: an index of every file with its status, a page per file, links that resolve, nothing from the network. */
class HtmlReportTest {
    private static final Pattern HREF = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
    @TempDir
    Path dir;

    @Test
    void theIndexListsEveryFileWithItsStatusAndEveryLinkResolves() throws Exception {
        BuildFixture f = new BuildFixture(dir).with(BuildFixture.VIOLATED).with(BuildFixture.BROKEN);
        Report report = f.run();
        Path index = f.build.writeReports(report);
        assertEquals(dir.resolve("target/netwright/index.html"), index);
        String html = Files.readString(index);
        for (Report.Entry e : report.entries()) {
            assertTrue(html.contains(">" + e.name() + "</a>"), e.name());
        }
        assertTrue(html.contains("<tr class=\"status-invalid\">"), html);
        assertTrue(html.contains("<tr class=\"status-violated\">"), html);
        assertTrue(html.contains("<tr class=\"status-no-expectations\">"), html);

        for (Path page : pages(index)) {
            String text = Files.readString(page);
            assertSelfContained(text, page);
            Matcher m = HREF.matcher(text);
            while (m.find()) {
                Path target = page.getParent().resolve(m.group(1).replaceAll("#.*", "")).normalize();
                assertTrue(Files.exists(target), page + " links to a missing " + m.group(1));
            }
        }
        String violated = Files.readString(dir.resolve("target/netwright/files/src--main--netwright--violated.nwp.html"));
        assertTrue(violated.contains("<span class=\"badge violated\">violated</span> the office keeps its address"), violated);
        assertTrue(violated.contains("Exported files"), "links to the exports");
        String broken = Files.readString(dir.resolve("target/netwright/files/src--main--netwright--broken.nwp.html"));
        assertTrue(broken.contains("src/main/netwright/broken.nwp:4:"), "the problem with its position");
    }

    @Test
    void eachFileShowsItsTopologyAndEachWalkItsPathOnIt() throws Exception {
        BuildFixture f = new BuildFixture(dir).with(BuildFixture.VIOLATED);
        // the desktop diagram placed the Internet of checks.nwp's drawing; the others are left to the automatic layout
        Files.writeString(f.sources.resolve("checks.nwp.layout"), """
                {"format": 1, "nodes": {"ns/internet": {"x": 700, "y": 420, "w": -1, "h": -1}}}""");
        Report report = f.run();
        f.build.writeReports(report);
        Report.Entry checksEntry = report.entries().stream().filter(e -> e.name().endsWith("checks.nwp")).findFirst().orElseThrow();
        long walks = checksEntry.results().stream().mapToLong(r -> r.walks().size()).sum();
        String checks = Files.readString(dir.resolve("target/netwright/files/src--main--netwright--checks.nwp.html"));

        assertEquals(1 + walks, count(checks, "<svg class=\"topology\""), "the topology, then one drawing per walk");
        for (String ns : List.of("office", "gateway", "internet")) {
            assertEquals(1 + walks, count(checks, "data-namespace=\"" + ns + "\""), ns + " in every drawing");
        }
        assertTrue(Pattern.compile("data-namespace=\"internet\"><rect class=\"box\" x=\"700\" y=\"420\"").matcher(checks).find(),
                "the internet where the layout sidecar puts it");
        assertTrue(checks.contains("the desktop diagram&#39;s layout (checks.nwp.layout)"),
                "says where the layout comes from");
        assertTrue(checks.contains("<path class=\"wire veth\"") || checks.contains("<path class=\"wire cable\""), "the links are drawn");

        // the web walk: delivered to the internet through the gateway, the reply back; the SSH probe: dropped at the gateway
        assertTrue(checks.matches("(?s).*<g class=\"namespace imported delivered-here\" data-namespace=\"internet\">.*"), "delivered where");
        assertTrue(checks.contains("<g class=\"namespace imported on-path\" data-namespace=\"gateway\">"), "crossed the gateway");
        assertTrue(checks.contains("class=\"walk-path forward\""), "the path drawn on the links");
        assertTrue(checks.contains("class=\"walk-path reply\""), "the reply's path drawn");
        assertTrue(checks.contains("<g class=\"namespace imported dropped-here\" data-namespace=\"gateway\">"), "dropped where");
        assertTrue(checks.contains(">\u2716 dropped here</text>"), "the drop's label in the drawing");
        assertTrue(checks.contains("class=\"walk-path to-drop\""), "the path up to the drop");
        assertTrue(checks.contains("<table class=\"steps\">"), "and the step tables");

        String violated = Files.readString(dir.resolve("target/netwright/files/src--main--netwright--violated.nwp.html"));
        assertTrue(violated.contains("automatic layout."), "no sidecar: the automatic layout");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void textFromTheModelIsNeverMarkup() {
        Html h = new Html().element("p", "<script>alert(1)</script> & \"x\"", "title", "a\"b<");
        assertEquals("<p title=\"a&quot;b&lt;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p>", h.toString());
    }

    /** Every page, the index first. */
    static List<Path> pages(Path index) throws Exception {
        try (var s = Files.list(index.getParent().resolve(HtmlReport.FILES_FOLDER))) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(index), s.sorted()).toList();
        }
    }

    /** No style sheet, script, image or font from elsewhere: the report opens offline from the file system. */
    static void assertSelfContained(String html, Path page) {
        assertFalse(html.contains("<link"), page + " loads a style sheet");
        assertFalse(html.matches("(?s).*<script[^>]+src=.*"), page + " loads a script");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), page + " loads something from the network");
        assertFalse(html.contains("@import") || html.contains("url("), page + " loads something from its style");
    }
}
