package org.netwright.export;

import java.util.Optional;

/**
 * Validation and quoting of names and values that reach shell scripts and kernel tools. Model
 * content must never be able to inject shell: names are checked against the kernel's rules and
 * every value written into a script is single-quoted.
 */
public final class KernelNames {
    /** IFNAMSIZ is 16 including the terminating NUL. */
    public static final int MAX_INTERFACE_NAME = 15;

    private KernelNames() {
    }

    /** Why {@code name} cannot be an interface name, or empty when it can. */
    public static Optional<String> interfaceNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("interface name is empty");
        }
        if (name.length() > MAX_INTERFACE_NAME) {
            return Optional.of("interface name '" + name + "' has " + name.length() + " characters; the kernel allows at most "
                    + MAX_INTERFACE_NAME);
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("interface name '" + name + "' is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return Optional.of("interface name '" + name + "' contains '" + printable(c) + "', which the kernel rejects");
            }
        }
        return Optional.empty();
    }

    public static String requireInterfaceName(String name) {
        interfaceNameProblem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return name;
    }

    /** POSIX shell single quoting: the result is always exactly one word with the literal value. */
    public static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String printable(char c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
