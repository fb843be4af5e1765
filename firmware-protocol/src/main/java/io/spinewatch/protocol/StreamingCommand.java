package io.spinewatch.protocol;

/**
 * Start or stop sending IMU batches. On start the device restarts its sequence numbers and marks its
 * first batch with the stream-start flag.
 *
 * @param deviceId target device, 32-bit
 * @param commandId echoed in the acknowledgement, 0..65535
 * @param enabled true to start streaming, false to stop
 */
public record StreamingCommand(long deviceId, int commandId, boolean enabled) implements Command {

    public StreamingCommand {
        Checks.u32("deviceId", deviceId);
        Checks.u16("commandId", commandId);
    }

    @Override
    public int wireType() {
        return NativeProtocol.TYPE_STREAMING;
    }
}
