package org.netwright.app;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.draw2d.FigureCanvas;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Test;
import org.netwright.ui.editor.NwpEditor;

/**
 * Timed UI benchmark of a generated 500-namespace model, outside the test suite (the name does not match the
 * surefire patterns): open + first paint of the diagram, Arrange All + repaint, and one scroll step + repaint,
 * each repeated and reported (min/median/max ms) on stdout and in target/large-network-benchmark.txt. Run with
 * {@code ./mvnw -B -o verify -pl releng/org.netwright.targetplatform,...,bundles/org.netwright.app -Dtest=LargeNetworkBenchmark}.
 * Targets (issue 17): open + first paint at most 2 s, arrange at most 2 s. Measured, never asserted.
 */
class LargeNetworkBenchmark {
    private static final int NAMESPACES = Integer.getInteger("netwright.bench.namespaces", 500);
    private static final int ROUNDS = Integer.getInteger("netwright.bench.rounds", 5);

    @Test
    void openArrangeAndScrollTheGeneratedModel() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().setSize(1600, 1000);
        page.closeAllEditors(false);
        IFile file = file("large-benchmark", "large-" + NAMESPACES + ".nwp", LargeNetwork.text(NAMESPACES));
        long[] open = new long[ROUNDS];
        long[] arrange = new long[ROUNDS];
        long[] scroll = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            page.closeAllEditors(false);
            DesignerUITest.settle();
            long t0 = System.nanoTime();
            NwpEditor editor = (NwpEditor) IDE.openEditor(page, file, NwpEditor.ID);
            DesignerUITest.flush(editor);
            open[round] = System.nanoTime() - t0;
            if (DesignerUITest.namespaceParts(editor).size() != NAMESPACES) {
                throw new AssertionError("the diagram shows " + DesignerUITest.namespaceParts(editor).size() + " namespaces");
            }
            t0 = System.nanoTime();
            editor.getDiagramEditor().arrangeAll();
            DesignerUITest.flush(editor);
            arrange[round] = System.nanoTime() - t0;
            FigureCanvas canvas = (FigureCanvas) DesignerUITest.viewer(editor).getControl();
            int steps = 20;
            t0 = System.nanoTime();
            for (int i = 1; i <= steps; i++) {
                canvas.scrollTo(i * 120, i * 90);
                canvas.getLightweightSystem().getUpdateManager().performUpdate();
                canvas.update();
            }
            scroll[round] = (System.nanoTime() - t0) / steps;
        }
        page.closeAllEditors(false);
        List<String> lines = new ArrayList<>();
        lines.add("LargeNetworkBenchmark: " + NAMESPACES + " namespaces, " + ROUNDS + " rounds (first includes warm-up)");
        lines.add(line("open + first paint", open));
        lines.add(line("arrange all + paint", arrange));
        lines.add(line("scroll step + paint", scroll));
        lines.forEach(System.out::println);
        Path out = Path.of(System.getProperty("netwright.screenshots", "target/screenshots")).getParent().resolve("large-network-benchmark.txt");
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    private static String line(String what, long[] nanos) {
        long[] ms = Arrays.stream(nanos).map(n -> n / 1_000_000).toArray();
        long first = ms[0];
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format("  %-22s first %5d ms  min %5d ms  median %5d ms  max %5d ms", what, first, sorted[0],
            sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    static IFile file(String projectName, String name, String text) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        IFile f = project.getFile(name);
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        if (f.exists()) {
            f.setContents(in, true, false, null);
        } else {
            f.create(in, true, null);
        }
        return f;
    }
}
