package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.demo.SimulatedDevice;
import io.spinewatch.ingest.Frames;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.trace.TraceReadResult;
import io.spinewatch.trace.TraceReader;
import io.spinewatch.sim.Scenario;
import io.spinewatch.trace.TraceRow;
import io.spinewatch.trace.TraceWriter;
import io.spinewatch.transport.mqtt.Mosquitto;
import io.spinewatch.transport.mqtt.MqttTopics;
import io.spinewatch.transport.mqtt.TestClient;
import io.spinewatch.transport.serial.PtyPair;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RecordCommandTest {
    @TempDir
    Path dir;

    @Nested
    @Tag("integration")
    class LiveSerial {
        @Test
        void aSessionIsWrittenAsATraceWithDeviceTimeAndTheRawBytesExactly() throws Exception {
            try (PtyPair pty = PtyPair.start(dir)) {
                Path trace = dir.resolve("session.csv");
                Path raw = dir.resolve("session.bin");
                StringWriter err = new StringWriter();
                CommandLine cl = Spinewatch.commandLine();
                cl.setOut(new PrintWriter(new StringWriter()));
                cl.setErr(new PrintWriter(err));
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute(
                        "record", "--serial", pty.hostPath().toString(), "--wearer", "ann",
                        "--out", trace.toString(), "--raw", raw.toString(), "--seconds", "1.5"));
                // The command reports the open port on stderr before it waits.
                PtyPair.await(() -> err.toString().contains("baud ->"), 10_000, "the port to open: " + err);
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                for (long seq = 0; seq < 40; seq++) {
                    SensorSlot slot = seq % 2 == 0 ? SensorSlot.UPPER : SensorSlot.PELVIS;
                    byte[] f = Frames.sample(slot, seq);
                    pty.write(f);
                    sent.writeBytes(f);
                }
                assertEquals(0, run.get(), err.toString());
                assertTrue(err.toString().contains("40 rows"), err.toString());

                List<double[]> rows = new ArrayList<>();
                List<SensorSlot> slots = new ArrayList<>();
                TraceReadResult result;
                try (TraceReader reader = TraceReader.open(trace)) {
                    assertEquals("ann", reader.metadata().get("wearer").orElseThrow());
                    assertEquals("native", reader.metadata().get("protocol").orElseThrow());
                    result = reader.read((TraceRow row) -> {
                        rows.add(new double[] {row.tS(), row.axMps2()});
                        slots.add(row.slot());
                    });
                }
                assertTrue(result.clean(), result.describe());
                assertEquals(40, rows.size());
                for (int i = 0; i < 40; i++) {
                    assertEquals(i * Frames.PERIOD_MICROS / 1e6, rows.get(i)[0], 1e-9, "t_s from the device clock");
                    assertEquals(Frames.accX(i), rows.get(i)[1], 1e-4);
                    assertEquals(i % 2 == 0 ? SensorSlot.UPPER : SensorSlot.PELVIS, slots.get(i));
                }
                assertArrayEquals(sent.toByteArray(), Files.readAllBytes(raw));
            }
        }
    }

    @Nested
    @Tag("integration")
    class LiveMqtt {
        static final String ROOT = "office";
        static final Scenario SLOUCH = Scenario.parse("slouch", "calibrate 12s; upright 10s; slouch 20s");

        @Test
        void oneWearersPayloadsBecomeTheTraceASerialRecordingWouldHaveWritten() throws Exception {
            try (Mosquitto broker = Mosquitto.plain(dir); TestClient watcher = new TestClient(broker.uri(), "watcher");
                 TestClient device = new TestClient(broker.uri(), "devices")) {
                MqttTopics topics = new MqttTopics(ROOT);
                watcher.subscribe(ROOT + "/monitor/+/status", 1);
                Path trace = dir.resolve("ann.csv");
                Path raw = dir.resolve("ann.bin");
                // In-process, so the test can end it once everything published has arrived, as Ctrl-C would.
                RecordCommand command = new RecordCommand();
                CommandLine cl = new CommandLine(command);
                StringWriter err = new StringWriter();
                cl.setOut(new PrintWriter(new StringWriter()));
                cl.setErr(new PrintWriter(err, true));
                CompletableFuture<Integer> record = CompletableFuture.supplyAsync(() -> cl.execute("--mqtt",
                        broker.uri(), "--mqtt-root", ROOT, "--wearer", "ann", "--out", trace.toString(), "--raw", raw.toString()));
                // The command subscribes before it reports where it reads from.
                PtyPair.await(() -> err.toString().contains(" -> "), 10_000, "the recorder to subscribe: " + err);

                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                ByteArrayOutputStream pending = new ByteArrayOutputStream();
                long[] bobSeq = {0};
                // About 1000 bytes of whole frames per message, as a device batching for its radio would; a second
                // wearer publishes on the same broker between them.
                SimulatedDevice sim = new SimulatedDevice(new SimulatedDevice.Config("ann", SLOUCH, 4, 1, 20), (b, off, len) -> {
                    pending.write(b, off, len);
                    if (pending.size() >= 1000) {
                        try {
                            device.publish(topics.imu("ann"), pending.toByteArray(), 0);
                            sent.writeBytes(pending.toByteArray());
                            device.publish(topics.imu("bob"), Frames.sample(SensorSlot.UPPER, bobSeq[0]++), 0);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        pending.reset();
                    }
                });
                sim.start();
                Mosquitto.await(() -> sim.simulatedSeconds() >= 42, 30_000, "the scenario to be played");
                sim.stop();
                assertTrue(bobSeq[0] > 10, "the other wearer published too");

                // What a serial recording of the same bytes writes: the same sink, fed by a decoder.
                Path expected = dir.resolve("expected.csv");
                RecordCommand.TraceSink serialSink = new RecordCommand.TraceSink(TraceWriter.open(expected, false));
                NativeDecoder decoder = new NativeDecoder(s -> serialSink.onSample("ann", s));
                byte[] sentBytes = sent.toByteArray();
                decoder.feed(sentBytes, 0, sentBytes.length);
                assertEquals(null, serialSink.close());
                assertTrue(serialSink.rows() > 3 * 100 * 30, "rows of at least 30 s of three sensors: " + serialSink.rows());
                Mosquitto.await(() -> command.rowsWritten() >= serialSink.rows(), 20_000, "every published sample to arrive");
                Thread.sleep(300); // and anything of bob's that would wrongly follow
                command.stop();
                assertEquals(0, record.get(), err.toString());
                assertSameLines(dataLines(expected), dataLines(trace), "samples, order and values as published, and nothing of bob");
                assertTrue(err.toString().contains(serialSink.rows() + " rows"), err.toString());
                assertArrayEquals(sentBytes, Files.readAllBytes(raw), "--raw holds ann's payloads exactly");

                try (TraceReader reader = TraceReader.open(trace)) {
                    assertEquals("ann", reader.metadata().get("wearer").orElseThrow());
                    assertEquals("office/ann/imu", reader.metadata().get("topic").orElseThrow());
                    assertTrue(reader.read(row -> { }).clean());
                }
                assertTrue(watcher.received(ROOT + "/monitor/main/status").isEmpty(), "a recorder never announces itself as a monitor");

                Path angles = dir.resolve("angles.csv");
                DecodeCommandTest.Run replay = DecodeCommandTest.run("replay", trace.toString(), "--angles", angles.toString(),
                        "--report", dir.resolve("report.json").toString());
                assertEquals(0, replay.exit(), replay.err());
                assertTrue(Files.readString(angles).contains(",slouched"), "the replayed recording shows the slouch");
            }
        }

        /** Like assertEquals, but says where two long lists first differ instead of printing them. */
        private static void assertSameLines(List<String> expected, List<String> actual, String what) {
            int n = Math.min(expected.size(), actual.size());
            for (int i = 0; i < n; i++) {
                assertEquals(expected.get(i), actual.get(i), what + ": line " + i + " of " + expected.size() + "/" + actual.size());
            }
            assertEquals(expected.size(), actual.size(), what + ": line count");
        }

        private static List<String> dataLines(Path trace) throws Exception {
            return Files.readAllLines(trace).stream().filter(l -> !l.startsWith("#")).toList();
        }
    }

    @Nested
    class Errors {
        @Test
        void aMissingPortExitsWithTheClearMessage() {
            String missing = dir.resolve("ttyUSB3").toString();
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--serial", missing,
                    "--out", dir.resolve("t.csv").toString(), "--seconds", "1");
            assertEquals(RecordCommand.EXIT_PORT, r.exit());
            assertTrue(r.err().contains("does not exist"), r.err());
        }

        @Test
        void anUnknownProtocolIsRefused() {
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--serial", "/dev/null", "--protocol", "nmea",
                    "--out", dir.resolve("t.csv").toString());
            assertEquals(RecordCommand.EXIT_ARGUMENTS, r.exit());
            assertTrue(r.err().contains("unknown protocol 'nmea'"), r.err());
        }

        @Test
        void mqttNeedsTheWearerToRecord() {
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--mqtt", "tcp://127.0.0.1:1", "--out", dir.resolve("t.csv").toString());
            assertEquals(RecordCommand.EXIT_ARGUMENTS, r.exit());
            assertTrue(r.err().contains("--mqtt needs --wearer ID"), r.err());
            assertTrue(Files.notExists(dir.resolve("t.csv")));
        }

        @Test
        void serialOptionsAreRefusedWithMqtt() {
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--mqtt", "tcp://127.0.0.1:1", "--wearer", "ann",
                    "--baud", "9600", "--out", dir.resolve("t.csv").toString());
            assertEquals(RecordCommand.EXIT_ARGUMENTS, r.exit());
            assertTrue(r.err().contains("are for --serial"), r.err());
        }

        @Test
        void aWearerThatIsNoTopicLevelIsRefused() {
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--mqtt", "tcp://127.0.0.1:1", "--wearer", "ann/imu",
                    "--out", dir.resolve("t.csv").toString());
            assertEquals(RecordCommand.EXIT_ARGUMENTS, r.exit());
            assertTrue(r.err().contains("--wearer must be a wearer's topic level"), r.err());
            r = DecodeCommandTest.run("record", "--mqtt", "tcp://127.0.0.1:1", "--wearer", "ann", "--slot", "mid",
                    "--out", dir.resolve("t.csv").toString());
            assertEquals(RecordCommand.EXIT_ARGUMENTS, r.exit());
            assertTrue(r.err().contains("are for --serial"), r.err());
        }

        @Test
        void serialAndMqttExcludeEachOther() {
            DecodeCommandTest.Run r = DecodeCommandTest.run("record", "--mqtt", "tcp://127.0.0.1:1", "--serial", "/dev/null",
                    "--wearer", "ann", "--out", dir.resolve("t.csv").toString());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("mutually exclusive"), r.err());
        }

        @Test
        void aRecorderHasItsOwnClientIdAndLeavesNoSessionBehind() {
            var c = RecordCommand.recorderConfig("tcp://127.0.0.1:1883", "office", "ann", Map.of());
            assertEquals("spinewatch-record-ann", c.clientId());
            assertEquals(0, c.sessionExpirySeconds());
            assertEquals("office", c.topicRoot());
            var fromEnv = RecordCommand.recorderConfig("tcp://127.0.0.1:1883", "office", "ann",
                    Map.of("SPINEWATCH_MQTT_CLIENT_ID", "rig-3", "SPINEWATCH_MQTT_USERNAME", "u", "SPINEWATCH_MQTT_PASSWORD", "p"));
            assertEquals("rig-3", fromEnv.clientId());
            assertEquals("u", fromEnv.username().orElseThrow());
        }
    }
}
