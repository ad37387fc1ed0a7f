package org.netwright.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code netwright} command. Exit codes: 0 success, 1 a checked expectation does not hold,
 * 2 invalid input or usage.
 */
public final class Main {
    public static final int OK = 0;
    public static final int VIOLATED = 1;
    public static final int INVALID = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? INVALID : OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "validate" -> new ValidateCommand(out, err).run(rest);
                case "walk" -> new WalkCommand(out, err, new XtextModelLoader()).run(rest);
                case "check" -> new CheckCommand(out, err, new XtextModelLoader()).run(rest);
                case "export" -> new ExportCommand(out, err, new XtextModelLoader()).run(rest);
                case "import" -> new ImportCommand(out, err, new XtextModelLoader()).run(rest);
                case "snapshot" -> new SnapshotCommand(out, err).run(rest);
                case "lab" -> new LabCommand(out, err, new XtextModelLoader()).run(rest);
                case "lsp" -> new LspCommand(System.in, out, err, true).run(rest);
                default -> {
                    err.println("netwright: unknown command '" + args[0] + "'");
                    usage(err);
                    yield INVALID;
                }
            };
        } catch (UsageException e) {
            err.println("netwright: " + e.getMessage());
            return INVALID;
        } catch (org.netwright.mapping.ModelException e) {
            err.println(e.describe());
            return INVALID;
        } catch (RuntimeException e) {
            // never a stack trace: one line naming what failed
            err.println("netwright: " + args[0] + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return INVALID;
        }
    }

    static void usage(PrintStream out) {
        out.println("""
                usage: netwright <command> [arguments]

                commands:
                  validate <file.nwp | folder>...   parse and validate; prints file:line:column: messages
                  check [--summary] <file.nwp | folder>...
                                                    run every expectation and scenario; exit 1 with the trace
                                                    of each violated one, 2 on invalid input (--summary: one
                                                    line per file, violated ones without their traces)
                  walk <model.nwp | snapshot-folder> --from NS --proto icmp|udp|tcp|esp|gre --dst ADDR [--src ADDR]
                       [--sport N] [--dport N] [--icmp-id N] [--spi N] [--json]
                                                    walk one probe; text trace (like nft monitor trace) or JSON
                  walk <model.nwp | snapshot-folder> --probes probes.json [--json]
                                                    walk several probes in order, in one conntrack state
                  export <model.nwp> -o <dir>       per namespace ruleset.nft, iptables.rules, setup.sh
                  import <snapshot-folder> -o <model.nwp>
                                                    a host snapshot as a model file
                  snapshot -o <dir> [--only PREFIX] (root) the root and every named namespace as a snapshot folder
                  lab up <model.nwp> [--name N]     (root) the model in network namespaces on this machine
                  lab down [N]                      (root) remove a lab
                  lab exec [--name N] <ns> -- <cmd...>
                                                    run a command in a namespace of a lab
                  lab status                        the labs and their namespaces
                  lsp                               the .nwp language server on stdin/stdout (for VS Code,
                                                    Neovim, Theia, ...)
                """);
    }

    /** Bad command line: reported in one line, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
