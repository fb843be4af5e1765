package io.spinewatch.transport.serial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Explains, in words a user can act on, why a serial port cannot be opened. */
public final class PortDiagnosis {
    private PortDiagnosis() {
    }

    /**
     * What is wrong with {@code portPath} before trying to open it: it does not exist, or this user may
     * not read and write it. Empty when the path looks usable (or is not a file path, as on Windows).
     */
    public static Optional<String> problem(String portPath) {
        return problem(portPath, p -> Files.isReadable(p) && Files.isWritable(p));
    }

    /** As {@link #problem(String)}, with the access check given: root may open anything, so tests pass their own. */
    static Optional<String> problem(String portPath, Predicate<Path> mayReadAndWrite) {
        if (isWindowsName(portPath)) {
            return Optional.empty();
        }
        Path p = Paths.get(portPath);
        if (!Files.exists(p)) {
            return Optional.of("serial port " + portPath + " does not exist: check that the device is plugged in and "
                    + "its name (ls /dev/ttyUSB* /dev/ttyACM* /dev/serial/by-id/ on Linux, ls /dev/cu.* on macOS)");
        }
        if (!mayReadAndWrite.test(p)) {
            return Optional.of("no permission to read and write " + portPath + ": on Linux add your user to the group "
                    + "that owns it (usually 'dialout': sudo usermod -aG dialout $USER, then log out and in again), "
                    + "or install a udev rule (see docs/transports.md)");
        }
        return Optional.empty();
    }

    /** The message for a port that exists and looks permitted but still would not open. */
    public static String openFailed(String portPath, int errorCode, int errorLocation) {
        return problem(portPath).orElse("cannot open serial port " + portPath + " (system error " + errorCode
                + " at jSerialComm location " + errorLocation + "): is another program (a serial console, "
                + "ModemManager, another monitor) using it?");
    }

    /** A failed read's system error in words: the common ones mean the device went away. */
    public static String describeErrno(int errno) {
        return switch (errno) {
            case 5 -> "input/output error, errno 5: the device went away";
            case 6 -> "no such device or address, errno 6: the device went away";
            case 19 -> "no such device, errno 19: the device went away";
            case 9 -> "bad file descriptor, errno 9: the port was closed";
            default -> "system error " + errno;
        };
    }

    private static boolean isWindowsName(String portPath) {
        String s = portPath.toUpperCase(Locale.ROOT);
        return s.startsWith("COM") || s.startsWith("\\\\.\\");
    }
}
