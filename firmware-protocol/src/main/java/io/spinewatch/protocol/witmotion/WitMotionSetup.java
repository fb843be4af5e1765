package io.spinewatch.protocol.witmotion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A command sequence to send a WitMotion sensor, as data: each step is one command, the time to wait
 * after sending it, and whether the host must then reopen its port at another speed. The serial
 * transport plays it; nothing here does I/O.
 *
 * <p>Waits: the vendor SDK ({@code wit_c_sdk.c}) waits {@value #UNLOCK_WAIT_MILLIS} ms after the
 * unlock command before a write and {@value #BAUD_CHANGE_WAIT_MILLIS} ms after changing the baud rate;
 * the same {@value #WRITE_WAIT_MILLIS} ms after every other write is our generalisation. The vendor
 * states no wait after save; {@value #SAVE_WAIT_MILLIS} ms, for the flash write, is our choice. The
 * vendor protocol page says writes must complete within {@value #UNLOCK_WINDOW_MILLIS} ms of the
 * unlock, so a sequence re-unlocks before it would run past that.
 *
 * @param steps the commands in order, never empty.
 */
public record WitMotionSetup(List<Step> steps) {
    public static final int UNLOCK_WAIT_MILLIS = 10;
    public static final int WRITE_WAIT_MILLIS = 10;
    public static final int BAUD_CHANGE_WAIT_MILLIS = 500;
    public static final int SAVE_WAIT_MILLIS = 100;
    public static final int UNLOCK_WINDOW_MILLIS = 10_000;

    /** What the monitor enables: clock, acceleration, angular rate, angle, field and quaternion. */
    public static final Set<OutputContent> MONITOR_CONTENT = Set.copyOf(EnumSet.of(
            OutputContent.TIME, OutputContent.ACC, OutputContent.GYRO, OutputContent.ANGLE,
            OutputContent.MAG, OutputContent.QUATERNION));
    /** The monitor's rate: posture changes over seconds, repetitions over a fraction of one. */
    public static final OutputRate MONITOR_RATE = OutputRate.HZ_100;
    /** The speed the monitor's content at its rate needs (66 bytes x 100 Hz does not fit 57600). */
    public static final BaudRate MONITOR_BAUD = BaudRate.B115200;

    public WitMotionSetup {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a setup needs at least one step");
        }
    }

    /**
     * One command and what follows it.
     *
     * @param description what the command does, for logs.
     * @param command the bytes to send; copied in and out.
     * @param waitAfterMillis how long to wait after sending before the next step.
     * @param hostBaudAfter the speed the host must reopen its port at after the wait, if it changes.
     */
    public record Step(String description, byte[] command, int waitAfterMillis, Optional<BaudRate> hostBaudAfter) {
        public Step {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(hostBaudAfter, "hostBaudAfter");
            command = command.clone();
            if (command.length != WitMotionCommands.COMMAND_BYTES) {
                throw new IllegalArgumentException("a command has 5 bytes: " + command.length);
            }
            if (waitAfterMillis < 0) {
                throw new IllegalArgumentException("waitAfterMillis must be >= 0: " + waitAfterMillis);
            }
        }

        Step(String description, byte[] command, int waitAfterMillis) {
            this(description, command, waitAfterMillis, Optional.empty());
        }

        @Override
        public byte[] command() {
            return command.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Step s && description.equals(s.description) && Arrays.equals(command, s.command)
                    && waitAfterMillis == s.waitAfterMillis && hostBaudAfter.equals(s.hostBaudAfter);
        }

        @Override
        public int hashCode() {
            return Objects.hash(description, Arrays.hashCode(command), waitAfterMillis, hostBaudAfter);
        }

        @Override
        public String toString() {
            return description + " [" + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(command) + "] then wait "
                    + waitAfterMillis + " ms" + hostBaudAfter.map(b -> ", reopen at " + b.bitsPerSecond()).orElse("");
        }
    }

    /** The monitor's setup: {@link #MONITOR_CONTENT} at {@link #MONITOR_RATE} over a {@link #MONITOR_BAUD} link. */
    public static WitMotionSetup forMonitor() {
        return configure(MONITOR_CONTENT, MONITOR_RATE, MONITOR_BAUD);
    }

    /**
     * Unlock, set content, set rate, save. Refuses a content and rate the link speed cannot carry,
     * since the sensor would silently send fewer groups than asked.
     */
    public static WitMotionSetup configure(Set<OutputContent> content, OutputRate rate, BaudRate linkBaud) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(linkBaud, "linkBaud");
        double needed = bytesPerSecond(content, rate);
        if (needed > linkBaud.bytesPerSecond()) {
            throw new IllegalArgumentException(content.size() + " packets at " + rate.hz() + " Hz need " + needed
                    + " bytes/s; " + linkBaud.bitsPerSecond() + " baud carries " + linkBaud.bytesPerSecond());
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("unlock", WitMotionCommands.unlock(), UNLOCK_WAIT_MILLIS));
        steps.add(new Step("output content " + content, WitMotionCommands.outputContent(content), WRITE_WAIT_MILLIS));
        steps.add(new Step("output rate " + rate.hz() + " Hz", WitMotionCommands.outputRate(rate), WRITE_WAIT_MILLIS));
        steps.add(new Step("save", WitMotionCommands.save(), SAVE_WAIT_MILLIS));
        return new WitMotionSetup(steps);
    }

    /**
     * Unlock, write the new speed, reopen the host port at it, unlock and save at the new speed. The
     * vendor SDK changes speed this way and waits {@value #BAUD_CHANGE_WAIT_MILLIS} ms; whether the
     * sensor switches before the save could not be confirmed, so a caller should probe both speeds
     * ({@link WitMotionProbe}) if the sensor is silent afterwards.
     */
    public static WitMotionSetup changeBaud(BaudRate to) {
        Objects.requireNonNull(to, "to");
        return new WitMotionSetup(List.of(
                new Step("unlock", WitMotionCommands.unlock(), UNLOCK_WAIT_MILLIS),
                new Step("baud rate " + to.bitsPerSecond(), WitMotionCommands.baudRate(to), BAUD_CHANGE_WAIT_MILLIS,
                        Optional.of(to)),
                new Step("unlock", WitMotionCommands.unlock(), UNLOCK_WAIT_MILLIS),
                new Step("save", WitMotionCommands.save(), SAVE_WAIT_MILLIS)));
    }

    /**
     * Unlock, start the accelerometer/gyroscope zero calibration, hold still for {@code holdMillis},
     * end it, save. The vendor SDK leaves the hold time to the caller; the sensor must lie level and still.
     */
    public static WitMotionSetup calibrateAccelerometer(int holdMillis) {
        if (holdMillis < 100 || holdMillis > UNLOCK_WINDOW_MILLIS - 1000) {
            throw new IllegalArgumentException("holdMillis must be in 100..9000 (within the unlock window): " + holdMillis);
        }
        return new WitMotionSetup(List.of(
                new Step("unlock", WitMotionCommands.unlock(), UNLOCK_WAIT_MILLIS),
                new Step("calibrate accelerometer", WitMotionCommands.calibrateAccelerometer(), holdMillis),
                new Step("end calibration", WitMotionCommands.endCalibration(), WRITE_WAIT_MILLIS),
                new Step("save", WitMotionCommands.save(), SAVE_WAIT_MILLIS)));
    }

    /** Bytes per second the sensor sends with this content at this rate (11 bytes per packet kind). */
    public static double bytesPerSecond(Set<OutputContent> content, OutputRate rate) {
        return content.size() * (double) WitMotionDecoder.PACKET_BYTES * rate.hz();
    }

    /** The time the sequence takes, counting only the waits. */
    public int totalWaitMillis() {
        int total = 0;
        for (Step s : steps) {
            total += s.waitAfterMillis();
        }
        return total;
    }
}
