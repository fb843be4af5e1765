package io.spinewatch.config;

import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.transport.mqtt.JsonImuFormat;
import io.spinewatch.transport.mqtt.MqttConfig;
import io.spinewatch.transport.mqtt.MqttTopics;
import io.spinewatch.transport.serial.SerialConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The source keys: any number of serial ports {@code serial.<name>.port|protocol|baud|wearer|slot} and at most one
 * MQTT broker {@code mqtt.uri|root|ca|monitor-id|client-id} with the JSON payload form {@code mqtt.json.*}.
 */
final class SourceKeys {
    private static final Pattern PORT_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Map<String, WireProtocol> PROTOCOLS = labels(WireProtocol.NATIVE, "native", WireProtocol.WITMOTION, "witmotion");
    private static final Map<String, SensorSlot> SLOTS = labels(SensorSlot.UPPER, "upper", SensorSlot.MID, "mid", SensorSlot.PELVIS, "pelvis");

    private SourceKeys() {
    }

    /** Whether {@code key} describes a source; {@code --serial} or {@code --mqtt} on the command line replaces them all. */
    static boolean isSourceKey(String key) {
        return key.startsWith("serial.") || key.startsWith("mqtt.");
    }

    private record RawPort(String name, Optional<String> port, Optional<WireProtocol> protocol, Optional<Integer> baud,
                           Optional<String> wearer, Optional<SensorSlot> slot) {
    }

    static List<SerialPort> serialPorts(ConfigReader r) {
        List<RawPort> raw = new ArrayList<>();
        for (String n : r.names("serial.", "name", "port", "protocol", "baud", "wearer", "slot")) {
            String k = "serial." + n + ".";
            raw.add(new RawPort(n, r.text(k + "port"), r.parsed(k + "protocol", v -> ConfigReader.choose(v, PROTOCOLS)),
                    r.integer(k + "baud"), r.text(k + "wearer"), r.parsed(k + "slot", v -> ConfigReader.choose(v, SLOTS))));
        }
        r.rejectUnknown("serial.");
        List<SerialPort> ports = new ArrayList<>();
        Map<String, String> portOfPath = new HashMap<>();
        Map<String, String> portOfWornSlot = new HashMap<>();
        for (RawPort p : raw) {
            String k = "serial." + p.name() + ".";
            Origin where = r.firstUnder(k);
            if (!PORT_NAME.matcher(p.name()).matches()) {
                throw new ConfigException(where + ": serial port name '" + p.name() + "' must be 1..32 letters, digits, - or _");
            }
            String path = p.port().orElseThrow(() -> new ConfigException(where + ": " + k + "port is missing: the device, "
                    + "such as /dev/ttyUSB0 or /dev/serial/by-id/..."));
            String wearer = p.wearer().orElseThrow(() -> new ConfigException(where + ": " + k + "wearer is missing: "
                    + "every port says whose sensors it reads"));
            if (!CalibrationStore.storableId(wearer)) {
                throw r.error(k + "wearer", "a wearer id must be 1..64"
                        + " letters, digits, '.', '_' or '-', not starting with '.'");
            }
            WireProtocol protocol = p.protocol().orElse(WireProtocol.NATIVE);
            if (p.slot().isPresent() && protocol != WireProtocol.WITMOTION) {
                throw r.error(k + "slot", "only a witmotion port has a slot (native frames name their own); "
                        + "set " + k + "protocol = witmotion or remove it");
            }
            String before = portOfPath.putIfAbsent(path, p.name());
            if (before != null) throw r.error(k + "port", "serial." + before + " reads the same device");
            if (protocol == WireProtocol.WITMOTION) {
                SensorSlot slot = p.slot().orElse(SensorSlot.UPPER);
                String other = portOfWornSlot.putIfAbsent(wearer + " " + slot.label(), p.name());
                if (other != null) {
                    throw new ConfigException(where + ": serial." + other + " already reads the " + slot.label() + " sensor of wearer "
                            + wearer + "; give each WitMotion port of a wearer its own " + k + "slot (upper, mid, pelvis)");
                }
            }
            SerialConfig c = r.build(() -> {
                SerialConfig s = SerialConfig.of(path, protocol, wearer).withWitMotionSlot(p.slot().orElse(SensorSlot.UPPER));
                return p.baud().map(s::withBaud).orElse(s);
            }, Map.of("baud", k + "baud", "portPath", k + "port", "wearerId", k + "wearer"));
            ports.add(new SerialPort(p.name(), c));
        }
        return List.copyOf(ports);
    }

    static Optional<MqttConfig> broker(ConfigReader r, Map<String, String> env) {
        Optional<String> uri = r.parsed("mqtt.uri", SourceKeys::brokerUri);
        String root = r.parsed("mqtt.root", v -> {
            new MqttTopics(v);
            return v;
        }).orElse(MqttTopics.DEFAULT_ROOT);
        Optional<Path> ca = r.path("mqtt.ca");
        String monitorId = r.parsed("mqtt.monitor-id", v -> {
            if (!MqttTopics.validId(v)) throw new IllegalArgumentException("must be 1..64 characters without '/', '+' or '#'");
            return v;
        }).orElse(MqttConfig.DEFAULT_MONITOR_ID);
        Optional<String> clientId = r.parsed("mqtt.client-id", v -> {
            if (v.length() > 128) throw new IllegalArgumentException("must be 1..128 characters");
            return v;
        });
        JsonImuFormat json = json(r);
        r.rejectUnknown("mqtt.");
        if (uri.isEmpty()) {
            Origin where = r.firstUnder("mqtt.");
            if (where != null) throw new ConfigException(where + ": mqtt.* settings without a broker: set mqtt.uri (or give --mqtt)");
            return Optional.empty();
        }
        if (ca.isPresent() && !uri.get().startsWith("ssl:")) throw r.error("mqtt.ca", "a CA file needs an ssl:// mqtt.uri");
        return Optional.of(r.build(() -> {
            MqttConfig c = MqttConfig.of(uri.get()).withMonitorId(monitorId).withTopicRoot(root).withJson(json);
            if (clientId.isPresent()) c = c.withClientId(clientId.get());
            if (ca.isPresent()) c = c.withCaFile(ca.get());
            return c.withEnvironment(env);
        }, Map.of("serverUri", "mqtt.uri", "clientId", "mqtt.client-id")));
    }

    private static String brokerUri(String v) {
        try {
            URI u = new URI(v);
            if (!("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("must be tcp://HOST:PORT or ssl://HOST:PORT");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("must be tcp://HOST:PORT or ssl://HOST:PORT");
        }
        return v;
    }

    private static JsonImuFormat json(ConfigReader r) {
        JsonImuFormat d = JsonImuFormat.DEFAULT;
        String slot = r.text("mqtt.json.slot-field", d.slotField());
        String seq = r.text("mqtt.json.seq-field", d.seqField());
        String time = r.text("mqtt.json.time-field", d.timeField());
        JsonImuFormat.TimeUnit timeUnit = r.choice("mqtt.json.time-unit", d.timeUnit(),
                labels(JsonImuFormat.TimeUnit.MILLISECONDS, "ms", JsonImuFormat.TimeUnit.MICROSECONDS, "us"));
        String device = r.text("mqtt.json.device-field", d.deviceField());
        String acc = r.text("mqtt.json.acc-field", d.accField());
        JsonImuFormat.AccUnit accUnit = r.choice("mqtt.json.acc-unit", d.accUnit(),
                labels(JsonImuFormat.AccUnit.G, "g", JsonImuFormat.AccUnit.MPS2, "m/s^2"));
        String gyro = r.text("mqtt.json.gyro-field", d.gyroField());
        JsonImuFormat.GyroUnit gyroUnit = r.choice("mqtt.json.gyro-unit", d.gyroUnit(),
                labels(JsonImuFormat.GyroUnit.DEG_PER_S, "deg/s", JsonImuFormat.GyroUnit.RAD_PER_S, "rad/s"));
        String mag = r.text("mqtt.json.mag-field", d.magField());
        try {
            return new JsonImuFormat(slot, seq, time, timeUnit, device, acc, accUnit, gyro, gyroUnit, mag);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(r.firstUnder("mqtt.json.") + ": mqtt.json.*-field: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static <T> Map<String, T> labels(Object... valueThenLabel) {
        Map<String, T> m = new LinkedHashMap<>();
        for (int i = 0; i < valueThenLabel.length; i += 2) m.put((String) valueThenLabel[i + 1], (T) valueThenLabel[i]);
        return m;
    }
}
