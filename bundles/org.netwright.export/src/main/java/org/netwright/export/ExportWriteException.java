package org.netwright.export;

import java.io.IOException;

/** An export that could not be written or published; the message names the path and the reason in words. */
public final class ExportWriteException extends IOException {
    private static final long serialVersionUID = 1L;

    public ExportWriteException(String message) {
        super(message);
    }
}
