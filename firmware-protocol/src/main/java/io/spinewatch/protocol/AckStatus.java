package io.spinewatch.protocol;

/** How a device answered a command, with its code on the wire. */
public enum AckStatus {
    /** Done (or started, for patterns that take time). */
    OK(0),
    /** The device does not implement this command type. */
    UNSUPPORTED(1),
    /** A parameter is outside what the device can do (for example a sample rate its IMU lacks). */
    INVALID_ARGUMENT(2),
    /** The device is busy (for example a haptic pattern is still playing) and dropped the command. */
    BUSY(3),
    /** Any other failure; also what a code this version does not know decodes to. */
    FAILED(4);

    private final int wireCode;

    AckStatus(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The byte value on the wire. */
    public int wireCode() {
        return wireCode;
    }

    /** The status with this code; codes added by newer minor versions read as {@link #FAILED}. */
    public static AckStatus ofWireCode(int code) {
        return switch (code) {
            case 0 -> OK;
            case 1 -> UNSUPPORTED;
            case 2 -> INVALID_ARGUMENT;
            case 3 -> BUSY;
            default -> FAILED;
        };
    }
}
