package org.netwright.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every subcommand (the version is the root command's). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;
}
