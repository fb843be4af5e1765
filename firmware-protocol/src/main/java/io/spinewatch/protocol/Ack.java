package io.spinewatch.protocol;

/**
 * A device's answer to one command. Immutable, safe to pass between threads.
 *
 * @param deviceId the answering device's 32-bit id
 * @param commandId the id of the command answered, 0..65535
 * @param commandType the wire type of the command answered, 0x80..0xff
 * @param status the outcome
 */
public record Ack(long deviceId, int commandId, int commandType, AckStatus status) {

    public Ack {
        Checks.u32("deviceId", deviceId);
        Checks.u16("commandId", commandId);
        Checks.range("commandType", commandType, 0x80, 0xFF);
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
    }

    /** The acknowledgement a device sends for {@code command}. */
    public static Ack of(Command command, AckStatus status) {
        return new Ack(command.deviceId(), command.commandId(), command.wireType(), status);
    }
}
