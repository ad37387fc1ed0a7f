package org.netwright.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code netwright completion}: a bash completion script for every command and option, generated from their definitions. */
@Command(name = "completion", description = {
    "Prints a bash completion script for every command and option: source <(netwright completion), "
            + "or save it under /etc/bash_completion.d/netwright (zsh: autoload bashcompinit first)."})
final class CompletionCommand implements Callable<Integer> {
    @Mixin
    HelpOption helpOption;

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    CompletionCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(AutoComplete.bash("netwright", spec.root().commandLine()));
        out.flush();
        return Main.OK;
    }
}
