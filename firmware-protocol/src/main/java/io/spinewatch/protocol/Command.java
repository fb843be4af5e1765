package io.spinewatch.protocol;

/**
 * A monitor-to-device instruction; the device answers each with an {@link Ack} carrying the same
 * {@link #commandId()}. Implementations are immutable records.
 */
public sealed interface Command permits HapticCommand, SetSampleRateCommand, StreamingCommand, IdentifyCommand {

    /** The target device's 32-bit id. */
    long deviceId();

    /** Chosen by the monitor, echoed in the acknowledgement, 0..65535 (wraps). */
    int commandId();

    /** The message type on the wire. */
    int wireType();
}
