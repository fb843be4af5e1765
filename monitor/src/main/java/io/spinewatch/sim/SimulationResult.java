package io.spinewatch.sim;

import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;

/** What a simulation run produced: per device, samples delivered and lost, its clock and constant errors. */
public record SimulationResult(double durationS, long truthFrames, List<Device> devices) {

    public SimulationResult {
        devices = List.copyOf(devices);
    }

    /** One burst outage of one device (true time), and how many samples it cost. */
    public record Dropout(SensorSlot slot, double startS, double endS, long lostSamples) {
    }

    /**
     * One device: delivered and lost sample counts, clock offset (s) and drift (ppm), the constant part of
     * its gyro bias (rad/s) and its accelerometer bias (m/s^2), sensor axes, and its burst outages.
     */
    public record Device(SensorSlot slot, long delivered, long lost, double clockOffsetS, double clockDriftPpm,
                         double[] gyroBiasRadPerS, double[] accBiasMps2, List<Dropout> dropouts) {
        public Device {
            gyroBiasRadPerS = gyroBiasRadPerS.clone();
            accBiasMps2 = accBiasMps2.clone();
            dropouts = List.copyOf(dropouts);
        }
    }

    public Device device(SensorSlot slot) {
        return devices.get(slot.ordinal());
    }

    /** Samples delivered by all devices. */
    public long delivered() {
        return devices.stream().mapToLong(Device::delivered).sum();
    }

    /** Samples lost by all devices. */
    public long lost() {
        return devices.stream().mapToLong(Device::lost).sum();
    }

    /** Every burst outage, by device then time. */
    public List<Dropout> dropouts() {
        List<Dropout> all = new ArrayList<>();
        for (Device d : devices) {
            all.addAll(d.dropouts());
        }
        return all;
    }
}
