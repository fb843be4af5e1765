package io.spinewatch.config;

import io.spinewatch.feedback.AlertParams;
import io.spinewatch.hub.WearerProfile;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.posture.PostureParams;
import io.spinewatch.transport.mqtt.MqttConfig;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of the live commands ({@code run}, {@code demo}) after the configuration file, the command line and
 * the defaults are merged: sources, wearers, thresholds, dashboard and data directory. docs/config.md lists every key.
 *
 * <p>To add a key: read it in {@link #read} (or the section it belongs to) and add the field here; the reader then
 * knows it, so it is no longer an unknown key, and docs/config.md gets a row.
 *
 * @param serialPorts the serial ports to read, in the order the file names them
 * @param broker the MQTT broker to read; empty: none
 * @param wearers names and time zones of known wearers, by id
 * @param pipeline the posture pipeline's settings, with the configured alert and slouch thresholds
 * @param dashboard where the dashboard listens
 * @param dataDir where calibrations are kept; empty: the command's default
 * @param history whether and where the wearers' history is kept
 */
public record LiveConfig(List<SerialPort> serialPorts, Optional<MqttConfig> broker, Map<String, WearerProfile> wearers,
                         PipelineParams pipeline, DashboardConfig dashboard, Optional<Path> dataDir,
                         HistorySettings history) {

    public LiveConfig {
        serialPorts = List.copyOf(serialPorts);
        wearers = Map.copyOf(wearers);
    }

    /** Reads and checks {@code entries}; {@code env} supplies MQTT credentials and client id (pass {@code System.getenv()}). */
    public static LiveConfig read(ConfigEntries entries, Map<String, String> env) {
        ConfigReader r = new ConfigReader(entries);
        List<SerialPort> serial = SourceKeys.serialPorts(r);
        Optional<MqttConfig> broker = SourceKeys.broker(r, env);
        Map<String, WearerProfile> wearers = wearers(r);
        AlertParams alerts = ThresholdKeys.alerts(r);
        PostureParams posture = ThresholdKeys.posture(r);
        DashboardConfig dashboard = dashboard(r);
        Optional<Path> dataDir = r.path("data-dir");
        HistorySettings history = history(r, env);
        r.rejectUnknown("");
        return new LiveConfig(serial, broker, wearers, PipelineParams.defaults(alerts).withPosture(posture), dashboard, dataDir,
                history);
    }

    /**
     * Merges the layers: {@code commandLine} over {@code file} over the defaults. With {@code commandLineSource}
     * (the command line named a source itself), the file's sources are dropped. The file is first checked whole,
     * so a mistake in a part the command line replaces is still reported.
     */
    public static LiveConfig resolve(ConfigEntries file, ConfigEntries commandLine, boolean commandLineSource,
            Map<String, String> env) {
        read(file, env);
        ConfigEntries base = commandLineSource ? file.without(SourceKeys::isSourceKey) : file;
        return read(base.overlay(commandLine), env);
    }

    /** The keys without a name in them (those with one are listed as {@code serial.<name>.port} and so on). */
    public static Set<String> fixedKeys() {
        ConfigReader r = new ConfigReader(ConfigEntries.EMPTY);
        SourceKeys.serialPorts(r);
        SourceKeys.broker(r, Map.of());
        wearers(r);
        ThresholdKeys.alerts(r);
        ThresholdKeys.posture(r);
        dashboard(r);
        r.path("data-dir");
        history(r, Map.of());
        return r.knownKeys();
    }

    /** The time zones the file gives wearers ({@code wearer.<id>.zone}); wearers without one are not listed. */
    public Map<String, ZoneId> zones() {
        Map<String, ZoneId> m = new LinkedHashMap<>();
        wearers.forEach((id, p) -> p.zone().ifPresent(z -> m.put(id, z)));
        return m;
    }

    /** Whether any source is configured. */
    public boolean hasSources() {
        return !serialPorts.isEmpty() || broker.isPresent();
    }

    private static Map<String, WearerProfile> wearers(ConfigReader r) {
        record Raw(String id, Optional<String> name, Optional<ZoneId> zone) {
        }
        List<Raw> raw = r.names("wearer.", "id", "name", "zone").stream()
                .map(id -> new Raw(id, r.parsed("wearer." + id + ".name", v -> {
                    if (v.length() > 64) throw new IllegalArgumentException("must be at most 64 characters");
                    return v;
                }), r.parsed("wearer." + id + ".zone", LiveConfig::zone)))
                .toList();
        r.rejectUnknown("wearer.");
        Map<String, WearerProfile> m = new LinkedHashMap<>();
        for (Raw w : raw) {
            if (!CalibrationStore.storableId(w.id())) {
                throw new ConfigException(r.firstUnder("wearer." + w.id() + ".") + ": wearer id '" + w.id()
                        + "' must be 1..64 letters, digits, '.', '_' or '-', not starting with '.'");
            }
            m.put(w.id(), new WearerProfile(w.name().orElse(w.id()), w.zone()));
        }
        return m;
    }

    private static ZoneId zone(String v) {
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone; use a region such as Europe/Berlin or an offset such as +02:00");
        }
    }

    private static HistorySettings history(ConfigReader r, Map<String, String> env) {
        boolean enabled = r.bool("history.enabled", HistorySettings.DEFAULT.enabled());
        // Checked here so a mistyped database is reported against its key and line, before anything starts.
        Optional<String> db = r.parsed("history.db", v -> {
            io.spinewatch.history.DbLocation.parse(v, env);
            return v;
        });
        r.rejectUnknown("history.");
        return new HistorySettings(enabled, db);
    }

    private static DashboardConfig dashboard(ConfigReader r) {
        DashboardConfig d = DashboardConfig.DEFAULT;
        boolean enabled = r.bool("dashboard.enabled", d.enabled());
        String bind = r.text("dashboard.bind", d.bind());
        int port = r.integer("dashboard.port", d.port(), 0, 65535);
        String tokenEnv = r.text("dashboard.token-env", d.tokenEnv());
        r.rejectUnknown("dashboard.");
        return r.build(() -> new DashboardConfig(enabled, bind, port, tokenEnv),
                Map.of("bind", "dashboard.bind", "port", "dashboard.port", "tokenEnv", "dashboard.token-env"));
    }
}
