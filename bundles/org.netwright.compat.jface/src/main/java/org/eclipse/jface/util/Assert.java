package org.eclipse.jface.util;

/**
 * Netwright's stand-in for the JFace assertion helper that GEF 3.2 (2007, the only GEF on Maven
 * Central) still links against and that the current JFace no longer ships. Only the members
 * GEF 3.2 calls exist; the link check in releng/org.netwright.product keeps that list honest.
 */
public final class Assert {

    /** Thrown when a checked condition does not hold. */
    public static class AssertionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AssertionFailedException(String detail) {
            super(detail);
        }
    }

    private Assert() {
    }

    public static void isNotNull(Object object) {
        isNotNull(object, "");
    }

    public static void isNotNull(Object object, String message) {
        if (object == null) {
            throw new AssertionFailedException("null argument: " + message);
        }
    }

    public static boolean isTrue(boolean expression) {
        return isTrue(expression, "");
    }

    public static boolean isTrue(boolean expression, String message) {
        if (!expression) {
            throw new AssertionFailedException("assertion failed: " + message);
        }
        return true;
    }
}
