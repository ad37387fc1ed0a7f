package org.netwright.lab;

import java.util.List;

/** Outcome of one command: its argv, exit code (-1 when it was killed at its timeout), stdout and stderr. */
public record ExecResult(List<String> argv, int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** This result, or an exception with the command, the exit code and both outputs when it failed. */
    public ExecResult orThrow() {
        if (!ok()) {
            throw new LabException(describe());
        }
        return this;
    }

    public String describe() {
        return String.join(" ", argv) + (timedOut ? " timed out" : " exited " + exitCode)
                + (stdout.isBlank() ? "" : "\n--- stdout\n" + stdout.strip())
                + (stderr.isBlank() ? "" : "\n--- stderr\n" + stderr.strip());
    }
}
