package org.netwright.cli;

import java.nio.file.Path;
import java.util.List;

import org.netwright.headless.Sources;

/** Where the models of a command come from: the language (files and their imports), or models a test builds in code. */
@FunctionalInterface
interface ModelLoader {
    Sources load(List<Path> files);
}
