package org.netwright.cli;

import java.nio.file.Path;
import java.util.List;

import org.netwright.mapping.SourceLocator;
import org.netwright.model.Network;

/** Loads .nwp files into models. The command line uses Xtext; tests can supply models built in code. */
interface ModelLoader {
    /** What was loaded: one root per given file, the locator for sources, and syntax/link errors. */
    record Loaded(List<Path> files, List<Network> roots, SourceLocator locator, List<String> errors) {
    }

    Loaded load(List<Path> files);
}
