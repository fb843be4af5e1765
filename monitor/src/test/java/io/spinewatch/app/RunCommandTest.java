package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.demo.SimulatedDevice;
import io.spinewatch.feedback.HapticPattern;
import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.protocol.HapticCommand;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.sim.Scenario;
import io.spinewatch.transport.mqtt.Mosquitto;
import io.spinewatch.transport.mqtt.MqttTopics;
import io.spinewatch.transport.mqtt.TestClient;
import io.spinewatch.transport.serial.PtyPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spinewatch run} against real transports: a socat pseudo-terminal and a private Mosquitto, with a
 * simulated wearer playing the device (native frames, 20x real time) that holds a slouch past the alert hold.
 */
@Tag("integration")
class RunCommandTest {
    /** Calibration, upright, then a slouch held 50 s: one slouch alert about 52 s in. */
    static final Scenario SLOUCH = Scenario.parse("slouch", "calibrate 12s; upright 10s; slouch 50s; upright 30s");
    static final double SPEED = 20;

    @TempDir
    Path dir;

    /** Runs the command on a thread of its own; returns it with its output. */
    static final class Running {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Running(String... args) {
            CommandLine cl = Spinewatch.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit.set(cl.execute(args)), "run-command");
            thread.start();
        }

        int await() throws InterruptedException {
            thread.join(60_000);
            return exit.get();
        }
    }

    @Nested
    class Serial {
        @Test
        void aHeldSlouchBuzzesTheDeviceWithTheExactHapticFrame() throws Exception {
            try (PtyPair pty = PtyPair.start(dir)) {
                Running run = new Running("run", "--serial", pty.hostPath().toString(), "--wearer", "desk-7",
                        "--no-dashboard", "--status-every", "1", "--minutes", "0.15", "--db", "h2:" + dir.resolve("history"));
                PtyPair.await(() -> run.out.toString().contains("run: reading"), 10_000, "the port to open");
                SimulatedDevice device = new SimulatedDevice(new SimulatedDevice.Config("desk-7", SLOUCH, 4, 1, SPEED),
                        (b, off, len) -> {
                            try {
                                pty.write(Arrays.copyOfRange(b, off, off + len));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                device.start();
                // The upper sensor's device (id 1 in the simulator) carries the buzz; the first command id is 0.
                byte[] expected = new NativeEncoder().command(new HapticCommand(1, 0, HapticPattern.SLOUCH.pulses(),
                        HapticPattern.SLOUCH.pulseMs(), HapticPattern.SLOUCH.gapMs(),
                        (int) Math.round(HapticPattern.SLOUCH.intensity() * 100)));
                PtyPair.await(() -> pty.received().length >= expected.length, 30_000, "the haptic command");
                device.stop();
                assertArrayEquals(expected, Arrays.copyOf(pty.received(), expected.length));
                assertEquals(0, run.await());
                assertEquals(expected.length, pty.received().length, "one command: one alert");
                String out = run.out.toString();
                assertTrue(out.contains("desk-7"), out);
                assertTrue(out.contains("haptic commands sent 1, failed 0"), out);
                assertTrue(out.contains("slouched"), "a status line showed the slouch: " + out);
                try (HistoryStore store = HistoryStore.open(DbLocation.h2(dir.resolve("history")))) {
                    List<AlertRecord> alerts = store.alerts("desk-7", 0, Long.MAX_VALUE);
                    assertEquals(1, alerts.size(), "the alert is in the history: " + alerts);
                    assertTrue(store.episodes("desk-7", 0, Long.MAX_VALUE).stream().anyMatch(e -> e.state().equals("slouched")));
                }
            }
        }
    }

    @Nested
    class Mqtt {
        @Test
        void aWearerOnTheBrokerGetsARetainedPostureAndAnAlertMessage() throws Exception {
            try (Mosquitto broker = Mosquitto.plain(dir); TestClient watcher = new TestClient(broker.uri(), "watcher")) {
                MqttTopics topics = new MqttTopics(MqttTopics.DEFAULT_ROOT);
                watcher.subscribe(topics.alert("ann"), 1);
                watcher.subscribe(topics.cmd("ann"), 1);
                watcher.subscribe(topics.posture("ann"), 1);
                Running run = new Running("run", "--mqtt", broker.uri(), "--no-dashboard", "--status-every", "1",
                        "--minutes", "0.15", "--monitor-id", "test", "--no-history");
                PtyPair.await(() -> run.out.toString().contains("run: reading"), 10_000, "the monitor to connect");
                try (TestClient device = new TestClient(broker.uri(), "dev-ann")) {
                    ByteArrayOutputStream pending = new ByteArrayOutputStream();
                    // A payload holds whole frames; about ten per message, as a device batching for its radio would.
                    SimulatedDevice sim = new SimulatedDevice(new SimulatedDevice.Config("ann", SLOUCH, 4, 1, SPEED),
                            (b, off, len) -> {
                                pending.write(b, off, len);
                                if (pending.size() >= 1000) {
                                    try {
                                        device.publish(topics.imu("ann"), pending.toByteArray(), 0);
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                    pending.reset();
                                }
                            });
                    sim.start();
                    Mosquitto.await(() -> !watcher.received(topics.alert("ann")).isEmpty(), 30_000, "an alert message");
                    sim.stop();
                }
                String alert = watcher.received(topics.alert("ann")).get(0).text();
                assertTrue(alert.contains("\"kind\":\"slouch\"") && alert.contains("\"delivered\":true"), alert);
                Mosquitto.await(() -> !watcher.received(topics.cmd("ann")).isEmpty(), 5_000, "the haptic command");
                // A client arriving later still learns the current posture: it is retained.
                try (TestClient late = new TestClient(broker.uri(), "late")) {
                    late.subscribe(topics.posture("ann"), 1);
                    Mosquitto.await(() -> !late.received(topics.posture("ann")).isEmpty(), 5_000, "the retained posture");
                    TestClient.Received retained = late.received(topics.posture("ann")).get(0);
                    assertTrue(retained.retained());
                    List<String> published = watcher.received(topics.posture("ann")).stream().map(TestClient.Received::text).toList();
                    assertTrue(published.stream().anyMatch(t -> t.contains("\"state\":\"slouched\"")), "posture went slouched: " + published);
                    assertTrue(published.contains(retained.text()), "the retained message is one the monitor published: " + retained.text());
                }
                assertEquals(0, run.await());
            }
        }
    }
}
