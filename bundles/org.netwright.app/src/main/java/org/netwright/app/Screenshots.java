package org.netwright.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;

/** Writes what a control shows on screen to a PNG file (atomically: never half a file). */
public final class Screenshots {
    private Screenshots() {
    }

    public static ImageData capture(Control control, Path png) throws IOException {
        Rectangle size = control.getBounds();
        Image image = new Image(control.getDisplay(), size.width, size.height);
        GC gc = new GC(image);
        try {
            control.print(gc);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            Files.createDirectories(png.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), ".shot", ".png");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(tmp.toString(), SWT.IMAGE_PNG);
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return data;
        } finally {
            image.dispose();
        }
    }

    /** Number of distinct pixel values in a sample grid: a blank or black capture has one or two. */
    public static int distinctColours(ImageData data) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < data.height; y += Math.max(1, data.height / 60)) {
            for (int x = 0; x < data.width; x += Math.max(1, data.width / 60)) {
                colours.add(data.getPixel(x, y));
            }
        }
        return colours.size();
    }
}
