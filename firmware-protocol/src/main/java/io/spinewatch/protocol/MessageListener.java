package io.spinewatch.protocol;

/**
 * Receives the decoded messages that are not samples. Each method does nothing by default, so the
 * monitor overrides the device-to-monitor ones and a test standing in for a device overrides
 * {@link #onCommand}.
 */
public interface MessageListener {

    /** A device reported its status. */
    default void onStatus(DeviceStatus status) {
    }

    /** A device acknowledged a command. */
    default void onAck(Ack ack) {
    }

    /** The monitor sent a command (seen by a device, or by a decoder reading the monitor's output). */
    default void onCommand(Command command) {
    }

    /** A listener that ignores every message. */
    MessageListener NONE = new MessageListener() {
    };
}
