package io.spinewatch.transport.serial;

import io.spinewatch.ingest.Backoff;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.protocol.SensorSlot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read one serial port.
 *
 * @param portPath the device, such as {@code /dev/ttyUSB0}, {@code /dev/serial/by-id/...} or {@code COM3}.
 * @param protocol what the device speaks.
 * @param baud the line speed; empty means {@value #DEFAULT_NATIVE_BAUD} for the native protocol and a
 *     probe over {@link #WITMOTION_PROBE_ORDER} for WitMotion.
 * @param wearerId whose samples these are (the sink's key).
 * @param witmotionDeviceId stamped on WitMotion samples, whose wire carries no identity. Default 0.
 * @param witmotionSlot where the WitMotion sensor is worn. Default {@code upper}, the one-sensor placement.
 * @param witmotionSetup whether to configure a WitMotion sensor on start (content, 100 Hz, 115200 baud,
 *     saved). Default true: the factory settings (10 Hz, often 9600 baud) are too slow for the monitor.
 * @param backoff reconnection delays. Default {@link Backoff#DEFAULT}.
 * @param backoffSeed seed of the jitter, so a test run is reproducible. Default 1.
 */
public record SerialConfig(String portPath, WireProtocol protocol, Optional<Integer> baud, String wearerId,
                           long witmotionDeviceId, SensorSlot witmotionSlot, boolean witmotionSetup,
                           Backoff backoff, long backoffSeed) {
    /** The native protocol's speed: docs/protocol.md sizes three sensors at 100 Hz to fit 115200 baud. */
    public static final int DEFAULT_NATIVE_BAUD = 115_200;
    /**
     * Speeds tried, in order, to find a WitMotion sensor's: the enclosed USB models' factory speed, the
     * bare modules' factory speed, then the others from the vendor's table, likeliest first.
     */
    public static final List<Integer> WITMOTION_PROBE_ORDER = List.of(115_200, 9_600, 230_400, 460_800, 921_600,
            57_600, 38_400, 19_200, 4_800);

    public SerialConfig {
        Objects.requireNonNull(portPath, "portPath");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(baud, "baud");
        Objects.requireNonNull(wearerId, "wearerId");
        Objects.requireNonNull(witmotionSlot, "witmotionSlot");
        Objects.requireNonNull(backoff, "backoff");
        if (portPath.isBlank()) {
            throw new IllegalArgumentException("portPath is empty");
        }
        if (wearerId.isBlank()) {
            throw new IllegalArgumentException("wearerId is empty");
        }
        if (baud.isPresent() && (baud.get() < 300 || baud.get() > 4_000_000)) {
            throw new IllegalArgumentException("baud must be in 300..4000000: " + baud.get());
        }
        if (witmotionDeviceId < 0 || witmotionDeviceId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("witmotionDeviceId must be a 32-bit unsigned value: " + witmotionDeviceId);
        }
    }

    /** The defaults for a port, protocol and wearer. */
    public static SerialConfig of(String portPath, WireProtocol protocol, String wearerId) {
        return new SerialConfig(portPath, protocol, Optional.empty(), wearerId, 0, SensorSlot.UPPER, true,
                Backoff.DEFAULT, 1);
    }

    public SerialConfig withBaud(int bitsPerSecond) {
        return new SerialConfig(portPath, protocol, Optional.of(bitsPerSecond), wearerId, witmotionDeviceId,
                witmotionSlot, witmotionSetup, backoff, backoffSeed);
    }

    public SerialConfig withBackoff(Backoff b) {
        return new SerialConfig(portPath, protocol, baud, wearerId, witmotionDeviceId, witmotionSlot, witmotionSetup,
                b, backoffSeed);
    }

    public SerialConfig withWitMotionSetup(boolean run) {
        return new SerialConfig(portPath, protocol, baud, wearerId, witmotionDeviceId, witmotionSlot, run, backoff,
                backoffSeed);
    }

    public SerialConfig withWitMotionSlot(SensorSlot slot) {
        return new SerialConfig(portPath, protocol, baud, wearerId, witmotionDeviceId, slot, witmotionSetup, backoff,
                backoffSeed);
    }
}
