package org.netwright.cli;

import org.netwright.input.InputException;

/** The probes reader of the command line, as the fuzz targets call it: the located error it reports, or null. */
public final class ProbesFileAccess {
    private ProbesFileAccess() {
    }

    /**
     * Reads {@code text} as a probes file named {@code file}.
     *
     * @return {@code null} when it was read, otherwise the message of the located error the command line prints
     */
    public static String parse(String file, String text) {
        try {
            ProbesFile.parse(file, text);
            return null;
        } catch (InputException e) {
            return e.describe();
        }
    }
}
