package io.spinewatch.config;

import io.spinewatch.transport.serial.SerialConfig;
import java.util.Objects;

/** One configured serial port: its name in the file ({@code serial.<name>.*}) and how to read it. */
public record SerialPort(String name, SerialConfig config) {
    public SerialPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
    }
}
