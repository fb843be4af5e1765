package io.spinewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.AlertParams;
import io.spinewatch.feedback.QuietWindow;
import io.spinewatch.hub.WearerProfile;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.posture.PostureParams;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.transport.mqtt.JsonImuFormat;
import io.spinewatch.transport.mqtt.MqttConfig;
import io.spinewatch.transport.serial.SerialConfig;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LiveConfigTest {
    private static final Path FILE = Path.of("office.properties");

    static ConfigEntries file(String... lines) {
        return PropertiesFile.parse(FILE, List.of(lines));
    }

    static LiveConfig read(String... lines) {
        return LiveConfig.read(file(lines), Map.of());
    }

    static String error(String... lines) {
        return assertThrows(ConfigException.class, () -> read(lines)).getMessage();
    }

    @Nested
    class Defaults {
        @Test
        void anEmptyFileIsEveryDefault() {
            LiveConfig c = read();
            assertEquals(PipelineParams.DEFAULT, c.pipeline());
            assertEquals(DashboardConfig.DEFAULT, c.dashboard());
            assertTrue(c.serialPorts().isEmpty());
            assertTrue(c.broker().isEmpty());
            assertTrue(c.wearers().isEmpty());
            assertTrue(c.dataDir().isEmpty());
            assertEquals(HistorySettings.DEFAULT, c.history());
            assertFalse(c.hasSources());
        }
    }

    @Nested
    class History {
        @Test
        void offOrInAnotherDatabase() {
            assertEquals(new HistorySettings(false, Optional.empty()), read("history.enabled = false").history());
            assertEquals(new HistorySettings(true, Optional.of("jdbc:postgresql://db.example/spinewatch")),
                    read("history.db = jdbc:postgresql://db.example/spinewatch").history());
        }

        @Test
        void aDatabaseThatIsNeitherIsReportedAgainstItsLine() {
            String m = error("# office", "history.db = mysql://db.example/x");
            assertTrue(m.startsWith("office.properties line 2: history.db = mysql://db.example/x: "), m);
            assertTrue(m.contains("h2:PATH or jdbc:postgresql"), m);
            assertTrue(error("history.enable = false").contains("did you mean 'history.enabled'"),
                    error("history.enable = false"));
        }
    }

    @Nested
    class Sources {
        @Test
        void threeWitMotionPortsForOneWearer() {
            LiveConfig c = read(
                    "serial.upper.port = /dev/ttyUSB0", "serial.upper.protocol = witmotion", "serial.upper.wearer = ann",
                    "serial.upper.slot = upper",
                    "serial.mid.port = /dev/ttyUSB1", "serial.mid.protocol = WitMotion", "serial.mid.wearer = ann",
                    "serial.mid.slot = mid", "serial.mid.baud = 9600",
                    "serial.pelvis.port = /dev/ttyUSB2", "serial.pelvis.protocol = witmotion", "serial.pelvis.wearer = ann",
                    "serial.pelvis.slot = pelvis");
            assertEquals(List.of("upper", "mid", "pelvis"), c.serialPorts().stream().map(SerialPort::name).toList());
            assertEquals(List.of(SensorSlot.UPPER, SensorSlot.MID, SensorSlot.PELVIS),
                    c.serialPorts().stream().map(p -> p.config().witmotionSlot()).toList());
            SerialConfig mid = c.serialPorts().get(1).config();
            assertEquals("/dev/ttyUSB1", mid.portPath());
            assertEquals(WireProtocol.WITMOTION, mid.protocol());
            assertEquals(Optional.of(9600), mid.baud());
            assertEquals("ann", mid.wearerId());
            assertTrue(c.serialPorts().get(0).config().baud().isEmpty(), "no baud: the WitMotion probe");
        }

        @Test
        void aNativePortNeedsOnlyAPathAndAWearer() {
            SerialConfig p = read("serial.desk.port = /dev/ttyACM0", "serial.desk.wearer = desk-7").serialPorts().get(0).config();
            assertEquals(SerialConfig.of("/dev/ttyACM0", WireProtocol.NATIVE, "desk-7"), p);
        }

        @Test
        void aBrokerWithItsJsonFormAndCredentialsFromTheEnvironment() {
            LiveConfig c = LiveConfig.read(file("mqtt.uri = ssl://broker.office:8883", "mqtt.root = floor2",
                    "mqtt.ca = /etc/spinewatch/ca.pem", "mqtt.monitor-id = floor2", "mqtt.json.acc-unit = m/s^2",
                    "mqtt.json.gyro-unit = rad/s", "mqtt.json.time-field = ts", "mqtt.json.time-unit = us"),
                    Map.of(MqttConfig.ENV_USERNAME, "monitor", MqttConfig.ENV_PASSWORD, "secret"));
            MqttConfig m = c.broker().orElseThrow();
            assertEquals("ssl://broker.office:8883", m.serverUri());
            assertEquals("floor2", m.topicRoot());
            assertEquals(Optional.of(Path.of("/etc/spinewatch/ca.pem")), m.caFile());
            assertEquals("floor2", m.monitorId());
            assertEquals("spinewatch-monitor-floor2", m.clientId());
            assertEquals(Optional.of("monitor"), m.username());
            assertEquals(Optional.of("secret"), m.password());
            assertEquals(new JsonImuFormat("slot", "seq", "ts", JsonImuFormat.TimeUnit.MICROSECONDS, "device", "acc",
                    JsonImuFormat.AccUnit.MPS2, "gyro", JsonImuFormat.GyroUnit.RAD_PER_S, "mag"), m.json());
            assertTrue(c.hasSources());
        }

        @Test
        void aPortWithoutAWearerOrAPathIsAnError() {
            assertEquals("office.properties line 1: serial.desk.wearer is missing: every port says whose sensors it reads",
                    error("serial.desk.port = /dev/ttyUSB0"));
            assertEquals("office.properties line 1: serial.desk.port is missing: the device, such as /dev/ttyUSB0 or "
                    + "/dev/serial/by-id/...", error("serial.desk.wearer = ann"));
        }

        @Test
        void badValuesNameTheKeyAndWhatIsAllowed() {
            assertEquals("office.properties line 3: serial.desk.protocol = nmea: must be one of native, witmotion",
                    error("serial.desk.port = /dev/x", "serial.desk.wearer = ann", "serial.desk.protocol = nmea"));
            assertEquals("office.properties line 3: serial.desk.baud = 100: must be in 300..4000000",
                    error("serial.desk.port = /dev/x", "serial.desk.wearer = ann", "serial.desk.baud = 100"));
            assertEquals("office.properties line 3: serial.desk.baud = fast: not a whole number",
                    error("serial.desk.port = /dev/x", "serial.desk.wearer = ann", "serial.desk.baud = fast"));
            assertEquals("office.properties line 4: serial.desk.slot = mid: only a witmotion port has a slot (native frames "
                    + "name their own); set serial.desk.protocol = witmotion or remove it",
                    error("serial.desk.port = /dev/x", "serial.desk.wearer = ann", "", "serial.desk.slot = mid"));
            assertEquals("office.properties line 2: serial.desk.wearer = ann/b: a wearer id must be 1..64 letters, digits, "
                    + "'.', '_' or '-', not starting with '.'", error("serial.desk.port = /dev/x", "serial.desk.wearer = ann/b"));
            assertEquals("office.properties line 1: serial port name 'my port' must be 1..32 letters, digits, - or _",
                    error("serial.my\\ port.port = /dev/x", "serial.my\\ port.wearer = ann"));
        }

        @Test
        void twoPortsOnOneDeviceOrOnOneSensorAreErrors() {
            assertEquals("office.properties line 3: serial.b.port = /dev/x: serial.a reads the same device",
                    error("serial.a.port = /dev/x", "serial.a.wearer = ann", "serial.b.port = /dev/x", "serial.b.wearer = bob"));
            assertEquals("office.properties line 3: serial.a already reads the upper sensor of wearer ann; give each "
                            + "WitMotion port of a wearer its own serial.b.slot (upper, mid, pelvis)",
                    error("serial.a.port = /dev/x", "serial.a.wearer = ann", "serial.b.port = /dev/y", "serial.b.wearer = ann",
                            "serial.a.protocol = witmotion", "serial.b.protocol = witmotion"));
        }

        @Test
        void brokerSettingsWithoutABrokerOrWithABadUriAreErrors() {
            assertEquals("office.properties line 1: mqtt.* settings without a broker: set mqtt.uri (or give --mqtt)",
                    error("mqtt.root = floor2"));
            assertEquals("office.properties line 1: mqtt.uri = http://broker:1883: must be tcp://HOST:PORT or ssl://HOST:PORT",
                    error("mqtt.uri = http://broker:1883"));
            assertEquals("office.properties line 2: mqtt.ca = ca.pem: a CA file needs an ssl:// mqtt.uri",
                    error("mqtt.uri = tcp://broker:1883", "mqtt.ca = ca.pem"));
            assertEquals("office.properties line 2: mqtt.monitor-id = a/b: must be 1..64 characters without '/', '+' or '#'",
                    error("mqtt.uri = tcp://broker:1883", "mqtt.monitor-id = a/b"));
            assertTrue(error("mqtt.uri = tcp://broker:1883", "mqtt.json.acc-field = gyro")
                    .startsWith("office.properties line 2: mqtt.json.*-field: field name used twice: gyro"));
        }
    }

    @Nested
    class Thresholds {
        @Test
        void alertAndSlouchThresholdsReachThePipeline() {
            LiveConfig c = read("alert.slouch-hold-seconds = 60", "alert.snooze-seconds = 3600",
                    "alert.quiet-windows = 12:00-13:00, 22:00-07:00", "alert.daily-budget = 6", "alert.max-reminders = 0",
                    "alert.movement-break-enabled = false", "posture.lumbar-slouch-enter-deg = 14",
                    "posture.lumbar-slouch-exit-deg = 9", "posture.lean-slouch-enter-deg = 15");
            AlertParams a = c.pipeline().alerts();
            assertEquals(60, a.holdSeconds());
            assertEquals(3600, a.snoozeSeconds());
            assertEquals(List.of(QuietWindow.of(12, 0, 13, 0), QuietWindow.of(22, 0, 7, 0)), a.quietWindows());
            assertEquals(6, a.dailyBudget());
            assertEquals(0, a.maxReminders());
            assertFalse(a.movementBreakEnabled());
            PostureParams p = c.pipeline().posture();
            assertEquals(14, p.lumbarSlouchEnterDeg());
            assertEquals(9, p.lumbarSlouchExitDeg());
            assertEquals(15, p.leanSlouchEnterDeg());
            assertEquals(PostureParams.DEFAULT.leanSlouchExitDeg(), p.leanSlouchExitDeg());
            assertEquals(PipelineParams.DEFAULT.filter(), c.pipeline().filter(), "what is not exposed stays at its default");
        }

        @Test
        void outOfRangeValuesNameTheKeyAndTheRange() {
            assertEquals("office.properties line 1: alert.slouch-hold-seconds = -5: must be in 0.0..600.0",
                    error("alert.slouch-hold-seconds = -5"));
            assertEquals("office.properties line 1: alert.snooze-seconds = 10: must be in 60.0..86400.0",
                    error("alert.snooze-seconds = 10"));
            assertEquals("office.properties line 1: alert.daily-budget = 0: must be in 1..1000", error("alert.daily-budget = 0"));
            assertEquals("office.properties line 1: alert.slouch-hold-seconds = soon: not a number",
                    error("alert.slouch-hold-seconds = soon"));
            assertEquals("office.properties line 1: alert.movement-break-enabled = yes: must be true or false",
                    error("alert.movement-break-enabled = yes"));
            assertEquals("office.properties line 1: alert.quiet-windows = noon: must be none or HH:MM-HH:MM windows "
                    + "separated by commas, e.g. 12:00-13:00, 15:30-16:00", error("alert.quiet-windows = noon"));
            assertEquals("office.properties line 1: alert.quiet-windows = 12:00-25:00: '12:00-25:00' is not a time of day "
                    + "(00:00..24:00)", error("alert.quiet-windows = 12:00-25:00"));
        }

        @Test
        void aValueThatClashesWithADefaultSaysWhichToSetToo() {
            assertEquals("alert.max-reminder-seconds is not set and its default, 600.0, does not fit: it must be in "
                    + "1000.0..7200.0; set it too", error("alert.first-reminder-seconds = 1000"));
            assertEquals("office.properties line 1: posture.lumbar-slouch-enter-deg = 5: is below the default of "
                    + "posture.lumbar-slouch-exit-deg (6.0); set that too, at most 5.0", error("posture.lumbar-slouch-enter-deg = 5"));
            assertEquals("office.properties line 2: posture.thoracic-slouch-exit-deg = 11: must be at most "
                            + "posture.thoracic-slouch-enter-deg (10.0)",
                    error("posture.thoracic-slouch-enter-deg = 10", "posture.thoracic-slouch-exit-deg = 11"));
        }
    }

    @Nested
    class Wearers {
        @Test
        void namesAndZones() {
            LiveConfig c = read("wearer.ann.name = Ann Smith", "wearer.ann.zone = Europe/Berlin", "wearer.desk.7.zone = +02:00");
            assertEquals(new WearerProfile("Ann Smith", Optional.of(ZoneId.of("Europe/Berlin"))), c.wearers().get("ann"));
            assertEquals(new WearerProfile("desk.7", Optional.of(ZoneId.of("+02:00"))), c.wearers().get("desk.7"),
                    "an id may contain dots; without a name it is shown by its id");
        }

        @Test
        void aBadZoneOrIdIsAnError() {
            assertEquals("office.properties line 1: wearer.ann.zone = Berlin: not a time zone; use a region such as "
                    + "Europe/Berlin or an offset such as +02:00", error("wearer.ann.zone = Berlin"));
            assertEquals("office.properties line 1: wearer id 'a#b' must be 1..64 letters, digits, '.', '_' or '-', not "
                    + "starting with '.'", error("wearer.a#b.name = A"));
        }
    }

    @Nested
    class Dashboard {
        @Test
        void settingsAndTheTokenFromTheNamedVariable() {
            DashboardConfig d = read("dashboard.enabled = false", "dashboard.bind = 0.0.0.0", "dashboard.port = 0",
                    "dashboard.token-env = OFFICE_TOKEN", "data-dir = /var/lib/spinewatch").dashboard();
            assertEquals(new DashboardConfig(false, "0.0.0.0", 0, "OFFICE_TOKEN"), d);
            assertEquals(Optional.of("t0ken-of-sixteen-chars"), d.token(Map.of("OFFICE_TOKEN", "t0ken-of-sixteen-chars")));
            assertEquals(Optional.empty(), d.token(Map.of(DashboardConfig.DEFAULT_TOKEN_ENV, "other")));
        }

        @Test
        void badValuesAreErrors() {
            assertEquals("office.properties line 1: dashboard.port = 80800: must be in 0..65535", error("dashboard.port = 80800"));
            assertEquals("office.properties line 1: dashboard.token-env = my-token: must be an environment variable name "
                    + "(letters, digits, _)", error("dashboard.token-env = my-token"));
            assertEquals("office.properties line 1: dashboard.bind has no value", error("dashboard.bind ="));
        }
    }

    @Nested
    class UnknownKeys {
        @Test
        void anUnknownKeyNamesTheNearestKnownOne() {
            assertEquals("office.properties line 2: unknown key 'alert.slouch-hold-secs'; did you mean 'alert.slouch-hold-seconds'?",
                    error("alert.snooze-seconds = 600", "alert.slouch-hold-secs = 40"));
            assertEquals("office.properties line 1: unknown key 'datadir'; did you mean 'data-dir'?", error("datadir = /tmp"));
            assertEquals("office.properties line 2: unknown key 'serial.desk.prot'; did you mean 'serial.desk.port'?",
                    error("serial.desk.wearer = ann", "serial.desk.prot = /dev/ttyUSB0"));
            assertEquals("office.properties line 1: unknown key 'wearer.ann.label'; did you mean 'wearer.ann.name'?",
                    error("wearer.ann.label = Ann"));
            assertEquals("office.properties line 1: unknown key 'serial.port'; did you mean 'serial.<name>.port'?",
                    error("serial.port = /dev/ttyUSB0"));
        }

        @Test
        void credentialsAreRefusedWithWhereTheyGoInstead() {
            for (String key : new String[] {"mqtt.password", "mqtt.username", "dashboard.token"}) {
                String m = error(key + " = secret");
                assertTrue(m.startsWith("office.properties line 1: unknown key '" + key + "': credentials never go in the config file"), m);
                assertTrue(m.contains("SPINEWATCH_MQTT_PASSWORD") && m.contains("dashboard.token-env"), m);
            }
        }

        @Test
        void everyFixedKeyIsKnown() {
            List<String> lines = new ArrayList<>();
            for (String k : LiveConfig.fixedKeys()) lines.add(k + " = x");
            String m = assertThrows(ConfigException.class, () -> read(lines.toArray(String[]::new))).getMessage();
            assertFalse(m.contains("unknown key"), "the first error is a bad value, not an unknown key: " + m);
        }
    }

    @Nested
    class Precedence {
        static ConfigEntries commandLine(String key, String value, String option) {
            return ConfigEntries.of(List.of(new ConfigEntry(key, value, Origin.option(option))));
        }

        @Test
        void commandLineBeatsFileBeatsDefault() {
            ConfigEntries f = file("alert.slouch-hold-seconds = 60", "dashboard.port = 9000");
            LiveConfig c = LiveConfig.resolve(f, commandLine("dashboard.port", "9100", "--port"), false, Map.of());
            assertEquals(9100, c.dashboard().port(), "command line over file");
            assertEquals(60, c.pipeline().alerts().holdSeconds(), "file over default");
            assertEquals(DashboardConfig.DEFAULT_BIND, c.dashboard().bind(), "default where neither says");
        }

        @Test
        void aSourceOnTheCommandLineReplacesTheFilesSources() {
            ConfigEntries f = file("serial.a.port = /dev/x", "serial.a.wearer = ann", "mqtt.uri = tcp://broker:1883",
                    "mqtt.root = floor2", "wearer.ann.name = Ann");
            ConfigEntries cl = ConfigEntries.of(List.of(new ConfigEntry("serial.cli.port", "/dev/y", Origin.option("--serial")),
                    new ConfigEntry("serial.cli.wearer", "bob", Origin.option("--wearer"))));
            LiveConfig c = LiveConfig.resolve(f, cl, true, Map.of());
            assertEquals(List.of("/dev/y"), c.serialPorts().stream().map(p -> p.config().portPath()).toList());
            assertTrue(c.broker().isEmpty());
            assertEquals("Ann", c.wearers().get("ann").name(), "the rest of the file still applies");
        }

        @Test
        void theFileIsCheckedWholeEvenWhereTheCommandLineReplacesIt() {
            ConfigEntries f = file("serial.a.port = /dev/x", "serial.a.wearer = ann", "serial.a.baud = fast");
            ConfigException x = assertThrows(ConfigException.class,
                    () -> LiveConfig.resolve(f, commandLine("serial.cli.port", "/dev/y", "--serial"), true, Map.of()));
            assertEquals("office.properties line 3: serial.a.baud = fast: not a whole number", x.getMessage());
        }

        @Test
        void aBadCommandLineValueNamesTheOption() {
            ConfigException x = assertThrows(ConfigException.class,
                    () -> LiveConfig.resolve(ConfigEntries.EMPTY, commandLine("mqtt.root", "floor2", "--mqtt-root"), false, Map.of()));
            assertEquals("--mqtt-root: mqtt.* settings without a broker: set mqtt.uri (or give --mqtt)", x.getMessage());
        }
    }
}
