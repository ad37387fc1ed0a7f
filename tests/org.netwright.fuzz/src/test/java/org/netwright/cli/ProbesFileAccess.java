package org.netwright.cli;

/** The probes reader is package-private in the command line; the fuzz targets reach it from its package. */
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
        } catch (Main.UsageException e) {
            return e.getMessage();
        }
    }
}
