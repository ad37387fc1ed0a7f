package org.netwright.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.netwright.mapping.ModelException;
import org.netwright.input.InputException;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs a parsed command and turns everything that can go wrong into one line and an exit code: bad usage and bad
 * input (a located error) exit 2, a bug exits 3 with a one-line internal error (its stack trace with
 * {@code --debug}), whatever was thrown, stack overflows and out-of-memory included. Exit 1 stays reserved for a
 * violated expectation. Messages are in the product's words, not the parser's.
 */
final class Cli {
    /** Longer than any path or name a command takes: refused before parsing. */
    static final int MAX_ARGUMENT_CHARS = 8192;
    static final int MAX_ARGUMENTS = 10_000;

    private Cli() {
    }

    /** A command line for {@code command} writing help and usage to the given streams. */
    static CommandLine commandLine(Object command, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        configure(cl, out, err);
        return cl;
    }

    static void configure(CommandLine cl, PrintStream out, PrintStream err) {
        layOut(cl);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExpandAtFiles(false); // "@x" is an argument like any other, never a file to read arguments from
        cl.setOverwrittenOptionsAllowed(true); // as before: the last value given wins
        cl.setUsageHelpWidth(100);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Options in the order they are declared, the exit codes under every command's help (but the help command's). */
    private static void layOut(CommandLine cl) {
        cl.getCommandSpec().usageMessage().sortOptions(false);
        if (cl.getCommandSpec().usageMessage().footer().length == 0 && !(cl.getCommand() instanceof CommandLine.HelpCommand)) {
            cl.getCommandSpec().usageMessage().footer(footer(null));
        }
        cl.getSubcommands().values().forEach(Cli::layOut);
    }

    /** Parses {@code args} for {@code cl}, runs what they name, returns the exit code. Never throws. */
    static int execute(CommandLine cl, String[] args, PrintStream err) {
        boolean debug = debug(args);
        try {
            checkBounds(args);
            cl.setParameterExceptionHandler((e, given) -> {
                err.println("netwright: " + usageMessage(e));
                return Main.INVALID;
            });
            cl.setExecutionExceptionHandler((e, commandLine, parsed) -> report(e, qualifiedName(commandLine), err, debug));
            return cl.execute(args);
        } catch (Throwable t) { // errors (stack overflow, out of memory) pass through picocli's handlers
            return report(t, running(cl), err, debug);
        }
    }

    /** The (sub)command that was running: the deepest one the arguments named. */
    private static String running(CommandLine cl) {
        CommandLine.ParseResult parsed = cl.getParseResult();
        if (parsed == null) {
            return cl.getCommandName();
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return qualifiedName(parsed.commandSpec().commandLine());
    }

    private static boolean debug(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static void checkBounds(String[] args) {
        if (args.length > MAX_ARGUMENTS) {
            throw new Main.UsageException("more than " + MAX_ARGUMENTS + " arguments");
        }
        for (String a : args) {
            if (a.length() > MAX_ARGUMENT_CHARS) {
                throw new Main.UsageException("an argument is longer than " + MAX_ARGUMENT_CHARS + " characters ("
                        + a.substring(0, 40) + "...)");
            }
        }
    }

    /** What a failed command prints, and its exit code. */
    static int report(Throwable t, String command, PrintStream err, boolean debug) {
        if (t instanceof Main.UsageException) {
            err.println("netwright: " + t.getMessage());
            return Main.INVALID;
        }
        if (t instanceof InputException e) {
            err.println("netwright: " + e.describe());
            return Main.INVALID;
        }
        if (t instanceof ModelException e) {
            err.println(e.describe());
            return Main.INVALID;
        }
        if (t instanceof ParameterException e) {
            err.println("netwright: " + usageMessage(e));
            return Main.INVALID;
        }
        err.println("netwright: internal error in " + command + ": " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()))
                + (debug ? "" : " (a bug: please report it with the output of --debug)"));
        if (debug) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        return Main.INTERNAL;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** picocli's complaint about the command line, in the words the commands use. */
    static String usageMessage(ParameterException e) {
        CommandLine cl = e.getCommandLine();
        String command = cl == null ? "netwright" : qualifiedName(cl);
        String prefix = command.equals("netwright") ? "" : command + ": ";
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            String option = unmatched.stream().filter(a -> a.startsWith("-") && a.length() > 1).findFirst().orElse(null);
            String hint = u.getSuggestions().isEmpty() ? "" : " (did you mean " + u.getSuggestions().get(0) + "?)";
            if (option != null) {
                return prefix + "unknown option " + option + hint;
            }
            if (!cl.getSubcommands().isEmpty()) {
                return prefix + "unknown command '" + unmatched.get(0) + "'" + hint + " (" + String.join(", ", cl.getSubcommands().keySet().stream()
                        .filter(n -> !n.equals("help")).toList()) + ")";
            }
            return prefix + "unexpected argument " + unmatched.get(0);
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o) {
                return prefix + o.longestName() + " needs a value";
            }
        }
        if (e.getCause() instanceof CommandLine.TypeConversionException t && e.getArgSpec() instanceof OptionSpec o) {
            return prefix + o.longestName() + " " + t.getMessage();
        }
        String m = e.getMessage() == null ? "bad command line" : e.getMessage();
        return prefix + Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** {@code lab up} for a subcommand of a subcommand; the root is called netwright. */
    static String qualifiedName(CommandLine cl) {
        StringBuilder sb = new StringBuilder(cl.getCommandName());
        for (CommandLine p = cl.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            sb.insert(0, p.getCommandName() + " ");
        }
        return sb.toString();
    }

    /** A help footer: {@code note} (if any), then the exit codes, as every command's help shows them. */
    static String[] footer(String note) {
        List<String> lines = new java.util.ArrayList<>();
        if (note != null) {
            lines.add("");
            lines.add(note);
        }
        lines.addAll(List.of("", "Exit status:",
                "  0  success",
                "  1  an expectation is violated (check)",
                "  2  invalid input or usage: a located error, file:line:column: message",
                "  3  internal error: a bug in netwright; --debug prints its stack trace, please report it",
                "  4  an expectation is uncertain, none violated (check): its walk passed a match or statement the",
                "     engine does not execute"));
        return lines.toArray(String[]::new);
    }
}
