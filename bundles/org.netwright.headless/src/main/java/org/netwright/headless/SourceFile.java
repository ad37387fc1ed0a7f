package org.netwright.headless;

import java.nio.file.Path;

import org.netwright.model.Network;

/** One file given to a run (directly or found in a folder), and its model: null when it could not be loaded. */
public record SourceFile(Path path, Network model) {
    public boolean loaded() {
        return model != null;
    }
}
