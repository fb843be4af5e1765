package io.spinewatch.protocol;

import java.util.HexFormat;
import java.util.Locale;

/** The one-line text forms the test-vector file uses for decoded values and counters. */
final class VectorText {
    private VectorText() {
    }

    static final HexFormat HEX = HexFormat.of();

    static String sample(ImuSample s) {
        StringBuilder b = new StringBuilder("sample device=").append(s.deviceId())
                .append(" slot=").append(s.slot().label())
                .append(" seq=").append(s.seq())
                .append(" t_us=").append(s.deviceTimeMicros())
                .append(" ax=").append(num(s.axMps2())).append(" ay=").append(num(s.ayMps2())).append(" az=").append(num(s.azMps2()))
                .append(" gx=").append(num(s.gxRadPerS())).append(" gy=").append(num(s.gyRadPerS())).append(" gz=").append(num(s.gzRadPerS()));
        if (s.hasMag()) {
            b.append(" mx=").append(num(s.mxMicroTesla())).append(" my=").append(num(s.myMicroTesla()))
                    .append(" mz=").append(num(s.mzMicroTesla()));
        }
        return b.toString();
    }

    static String status(DeviceStatus s) {
        return "status device=" + s.deviceId() + " firmware=" + s.firmwareMajor() + "." + s.firmwareMinor() + "." + s.firmwarePatch()
                + " battery_mv=" + s.batteryMillivolts() + " battery_pct=" + s.batteryPercent()
                + " charging=" + s.charging() + " streaming=" + s.streaming() + " sample_rate_hz=" + s.sampleRateHz()
                + " present_mask=" + s.sensorsPresentMask() + " fault_mask=" + s.sensorsFaultMask()
                + " uptime_s=" + s.uptimeSeconds();
    }

    static String ack(Ack a) {
        return "ack device=" + a.deviceId() + " command_id=" + a.commandId()
                + " command_type=0x" + Integer.toHexString(a.commandType()) + " status=" + a.status().name().toLowerCase(Locale.ROOT);
    }

    static String command(Command c) {
        String head = "command device=" + c.deviceId() + " command_id=" + c.commandId();
        if (c instanceof HapticCommand h) {
            return head + " kind=haptic pulses=" + h.pulseCount() + " pulse_ms=" + h.pulseMillis()
                    + " gap_ms=" + h.gapMillis() + " intensity_pct=" + h.intensityPercent();
        } else if (c instanceof SetSampleRateCommand r) {
            return head + " kind=set_sample_rate sample_rate_hz=" + r.sampleRateHz();
        } else if (c instanceof StreamingCommand s) {
            return head + " kind=streaming enabled=" + s.enabled();
        } else {
            return head + " kind=identify duration_ms=" + ((IdentifyCommand) c).durationMillis();
        }
    }

    static String counters(DecoderCounters.Snapshot s, long newerMinor) {
        return "counters frames_ok=" + s.framesOk() + " integrity_failures=" + s.integrityFailures()
                + " malformed=" + s.malformedFrames() + " unknown_types=" + s.unknownTypes()
                + " unsupported_versions=" + s.unsupportedVersions() + " newer_minor=" + newerMinor
                + " bytes_skipped=" + s.bytesSkipped() + " samples=" + s.samplesDecoded()
                + " lost_upper=" + s.samplesLostUpper() + " lost_mid=" + s.samplesLostMid()
                + " lost_pelvis=" + s.samplesLostPelvis();
    }

    /** Six decimals: finer than one count of any supported range, coarse enough to be stable text. */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.equals("-0.000000") ? "0.000000" : s;
    }
}
