package org.netwright.cli;

import java.io.PrintStream;

import org.netwright.headless.Netwright;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code netwright} command: subcommands on picocli (generated help for each, bash completion), the work done by
 * the headless API ({@link Netwright}). Exit codes: 0 success, 1 a checked expectation does not hold, 2 invalid input
 * or usage, 3 an internal error (a bug), 4 a checked expectation is uncertain (none violated).
 */
@Command(name = "netwright", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Designs and checks Linux network policy (NAT, routing, conntrack, filtering, IPsec): "
                + "validates .nwp models, walks packets through them as the kernel would, exports what a box loads.",
        subcommands = HelpCommand.class)
public final class Main implements java.util.concurrent.Callable<Integer> {
    public static final int OK = 0;
    public static final int VIOLATED = 1;
    public static final int INVALID = 2;
    public static final int INTERNAL = 3;
    /** {@code check}: nothing violated, but an expectation's answer depends on what the engine does not execute. */
    public static final int UNCERTAIN = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print the stack trace of an internal error")
    boolean debug;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** With models from {@code loader} instead of the language (null: the language): tests build models in code. */
    static int run(String[] args, PrintStream out, PrintStream err, ModelLoader loader) {
        return run(args, new Commands(out, err, loader), System.in);
    }

    /** {@code args} run with {@code commands}' streams and models; {@code in} is what lsp and serve read. */
    static int run(String[] args, Commands commands, java.io.InputStream in) {
        PrintStream out = commands.out;
        PrintStream err = commands.err;
        CommandLine root = Cli.commandLine(new Main(), out, err);
        root.addSubcommand(new ValidateCommand(commands));
        root.addSubcommand(new CheckCommand(commands));
        root.addSubcommand(new WalkCommand(commands));
        root.addSubcommand(new ReachCommand(commands));
        root.addSubcommand(new LintCommand(commands));
        root.addSubcommand(new ExportCommand(commands));
        root.addSubcommand(new ReportCommand(commands));
        root.addSubcommand(new ImportCommand(commands));
        root.addSubcommand(new SnapshotCommand(commands));
        root.addSubcommand(LabCommand.commandLine(commands));
        root.addSubcommand(new LspCommand(in, out, err, true));
        root.addSubcommand(new ServeCommand(commands, in));
        root.addSubcommand(new CacheTrainingCommand());
        root.addSubcommand(new CompletionCommand(out));
        // subcommands added after configure() get the same streams and settings
        Cli.configure(root, out, err);
        root.getCommandSpec().usageMessage().footer(Cli.footer("Run 'netwright <command> --help' for the options of a command;"
                + " 'source <(netwright completion)' completes them in bash."));
        return Cli.execute(root, args, err);
    }

    /** No command: the usage, and exit 2 (a script that forgot its command fails). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return INVALID;
    }

    /** Bad command line or input: reported in one line, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The bundle's version, from the manifest of the jar this class comes from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Netwright.version();
            return new String[] {"netwright " + (version == null ? "(development build)" : version)};
        }
    }
}
