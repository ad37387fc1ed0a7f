package org.netwright.lab;

/** A lab command failed, timed out, or was refused (invalid name, address outside the lab). */
public class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
