package io.spinewatch.transport.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.ingest.Backoff;
import io.spinewatch.ingest.Frames;
import io.spinewatch.ingest.RecordingSink;
import io.spinewatch.ingest.SourceException;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.protocol.Command;
import io.spinewatch.protocol.HapticCommand;
import io.spinewatch.protocol.MessageListener;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.SensorSlot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MqttSource against a real Mosquitto started by the test on a free port. */
@Tag("integration")
class MqttSourceTest {
    private static final Backoff FAST = new Backoff(50, 500, 2, 0.2);
    private static final long WAIT_MILLIS = 15_000;
    private static final MqttTopics TOPICS = new MqttTopics(MqttTopics.DEFAULT_ROOT);

    @TempDir
    Path dir;
    final RecordingSink sink = new RecordingSink();
    final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        // Close everything even when one close fails, so no broker outlives the test.
        Exception first = null;
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        closing.add(c);
        return c;
    }

    private Mosquitto broker() throws Exception {
        return closeLater(Mosquitto.plain(dir));
    }

    private MqttSource monitor(String uri) throws Exception {
        MqttSource s = closeLater(new MqttSource(MqttConfig.of(uri).withBackoff(FAST).withMonitorId("m1"), sink));
        s.start();
        return s;
    }

    private TestClient client(String uri, String id) throws Exception {
        return closeLater(new TestClient(uri, id));
    }

    private void awaitSamples(int n) throws InterruptedException {
        Mosquitto.await(() -> sink.sampleCount() >= n, WAIT_MILLIS, n + " samples (have " + sink.sampleCount() + ")");
    }

    private List<Long> seqs(String wearer) {
        return sink.samples().stream().filter(d -> d.wearerId().equals(wearer)).map(d -> d.sample().seq()).toList();
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s < to; s++) {
            out.add(s);
        }
        return out;
    }

    @Nested
    class Samples {
        @Test
        void binaryFramesFlowAndNewWearersAppearOnTheirFirstMessage() throws Exception {
            Mosquitto b = broker();
            MqttSource m = monitor(b.uri());
            TestClient device = client(b.uri(), "dev-ann");
            for (long seq = 0; seq < 40; seq += 2) {
                // Two frames in one payload, as a batching device sends them.
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                payload.writeBytes(Frames.sample(SensorSlot.UPPER, seq));
                payload.writeBytes(Frames.sample(SensorSlot.UPPER, seq + 1));
                device.publish(TOPICS.imu("ann"), payload.toByteArray(), 0);
            }
            device.publish(TOPICS.imu("bob"), Frames.sample(SensorSlot.MID, 0), 0);
            awaitSamples(41);
            assertEquals(range(0, 40), seqs("ann"));
            assertEquals(List.of(0L), seqs("bob"));
            assertEquals(Set.of("ann", "bob"), m.wearers());
            SourceStats s = m.stats();
            assertEquals(41, s.samples());
            assertEquals(0, s.malformedPayloads());
            assertEquals(0, s.decoder().samplesLostTotal());
            assertTrue(s.connected());
        }

        @Test
        void jsonSamplesFlowInSiUnits() throws Exception {
            Mosquitto b = broker();
            monitor(b.uri());
            TestClient device = client(b.uri(), "dev-json");
            device.publish(TOPICS.imuJson("cy"), ("{\"slot\":\"pelvis\",\"seq\":3,\"t_ms\":1500,"
                    + "\"acc\":[0,0,1],\"gyro\":[180,0,0]}").getBytes(StandardCharsets.UTF_8), 0);
            awaitSamples(1);
            RecordingSink.Delivered d = sink.samples().get(0);
            assertEquals("cy", d.wearerId());
            assertEquals(SensorSlot.PELVIS, d.sample().slot());
            assertEquals(1_500_000, d.sample().deviceTimeMicros());
            assertEquals(9.80665, d.sample().azMps2(), 1e-12);
            assertEquals(Math.PI, d.sample().gxRadPerS(), 1e-12);
        }

        @Test
        void malformedBinaryAndJsonPayloadsAreCountedAndSkipped() throws Exception {
            Mosquitto b = broker();
            MqttSource m = monitor(b.uri());
            TestClient device = client(b.uri(), "dev-bad");
            byte[] good = Frames.sample(SensorSlot.UPPER, 1);
            // A frame cut off without its delimiter must not swallow the next payload's frame.
            device.publish(TOPICS.imu("dee"), java.util.Arrays.copyOf(good, good.length - 5), 0);
            device.publish(TOPICS.imu("dee"), good, 0);
            device.publish(TOPICS.imuJson("dee"), "{\"t_ms\":1,\"acc\":[0,0,1]".getBytes(StandardCharsets.UTF_8), 0);
            device.publish(TOPICS.imuJson("dee"), "{\"t_ms\":2,\"acc\":[0,0,1],\"gyro\":[0,0,0]}".getBytes(StandardCharsets.UTF_8), 0);
            awaitSamples(2);
            Mosquitto.await(() -> m.stats().malformedPayloads() == 2, WAIT_MILLIS, "two malformed payloads");
            assertEquals(2, sink.sampleCount());
            SourceStats s = m.stats();
            // One bad frame each: the JSON payload, and the cut frame closed at its payload's end.
            assertEquals(2, s.decoder().malformedFrames() + s.decoder().integrityFailures(), s.describe());
            assertEquals(2, s.decoder().framesOk());
        }
    }

    @Nested
    class Outgoing {
        @Test
        void commandsAndAlertsReachASubscriberAsQos1Events() throws Exception {
            Mosquitto b = broker();
            MqttSource m = monitor(b.uri());
            TestClient device = client(b.uri(), "dev-cmd");
            device.subscribe(TOPICS.cmd("ann"), 1);
            device.subscribe(TOPICS.alert("ann"), 1);
            HapticCommand buzz = new HapticCommand(Frames.DEVICE_ID, 12, 2, 300, 150, 70);
            assertTrue(m.send("ann", buzz));
            assertTrue(m.publishAlert("ann", "{\"kind\":\"sustained_slouch\",\"t_s\":95.5}"));
            Mosquitto.await(() -> device.received(TOPICS.cmd("ann")).size() == 1
                    && device.received(TOPICS.alert("ann")).size() == 1, WAIT_MILLIS, "command and alert");

            TestClient.Received cmd = device.received(TOPICS.cmd("ann")).get(0);
            assertEquals(1, cmd.qos());
            assertFalse(cmd.retained());
            List<Command> decoded = new ArrayList<>();
            new NativeDecoder(s -> { }, new MessageListener() {
                @Override
                public void onCommand(Command c) {
                    decoded.add(c);
                }
            }).feed(cmd.payload());
            assertEquals(List.of(buzz), decoded);

            TestClient.Received alert = device.received(TOPICS.alert("ann")).get(0);
            assertEquals("{\"kind\":\"sustained_slouch\",\"t_s\":95.5}", alert.text());
            assertFalse(alert.retained());
            assertEquals(1, m.stats().commandsSent());
        }

        @Test
        void aLateSubscriberSeesTheCurrentPostureRetained() throws Exception {
            Mosquitto b = broker();
            MqttSource m = monitor(b.uri());
            assertTrue(m.publishPosture("ann", "{\"state\":\"slouched\"}"));
            assertTrue(m.publishPosture("ann", "{\"state\":\"upright\"}"));
            // Wait until the broker holds the second state: a watcher subscribed from the start sees both.
            TestClient watcher = client(b.uri(), "watcher");
            watcher.subscribe(TOPICS.posture("ann"), 1);
            Mosquitto.await(() -> watcher.received(TOPICS.posture("ann")).stream()
                    .anyMatch(r -> r.text().contains("upright")), WAIT_MILLIS, "the current posture");

            TestClient late = client(b.uri(), "late");
            late.subscribe(TOPICS.posture("ann"), 1);
            Mosquitto.await(() -> !late.received(TOPICS.posture("ann")).isEmpty(), WAIT_MILLIS, "the retained posture");
            TestClient.Received r = late.received(TOPICS.posture("ann")).get(0);
            assertEquals("{\"state\":\"upright\"}", r.text());
            assertTrue(r.retained());
            assertEquals(1, late.received(TOPICS.posture("ann")).size());
        }
    }

    @Nested
    class MonitorStatus {
        @Test
        void onlineIsRetainedAndTheLastWillSaysOfflineWhenTheLinkDiesThenOnlineAgain() throws Exception {
            Mosquitto b = broker();
            TcpProxy proxy = closeLater(new TcpProxy(b.port()));
            MqttSource m = monitor("tcp://127.0.0.1:" + proxy.port());
            String status = TOPICS.monitorStatus("m1");
            TestClient watcher = client(b.uri(), "watcher");
            watcher.subscribe(status, 1);
            Mosquitto.await(() -> texts(watcher, status).equals(List.of("online")), WAIT_MILLIS, "online");
            assertTrue(watcher.received(status).get(0).retained());

            proxy.cutAll(); // the monitor vanishes without a DISCONNECT, as on a crash or a pulled cable
            Mosquitto.await(() -> texts(watcher, status).size() >= 2, WAIT_MILLIS, "the Last Will");
            assertEquals("offline", texts(watcher, status).get(1));

            Mosquitto.await(() -> m.stats().reconnects() == 1, WAIT_MILLIS, "the reconnect");
            Mosquitto.await(() -> texts(watcher, status).size() >= 3, WAIT_MILLIS, "online again");
            assertEquals(List.of("online", "offline", "online"), texts(watcher, status));
            assertEquals(1, m.stats().disconnects());
            assertEquals(List.of(true, false, true), sink.links());
        }

        @Test
        void aCleanStopSaysOfflineItself() throws Exception {
            Mosquitto b = broker();
            MqttSource m = monitor(b.uri());
            m.stop();
            TestClient late = client(b.uri(), "late");
            late.subscribe(TOPICS.monitorStatus("m1"), 1);
            Mosquitto.await(() -> !late.received(TOPICS.monitorStatus("m1")).isEmpty(), WAIT_MILLIS, "the status");
            assertEquals("offline", late.received(TOPICS.monitorStatus("m1")).get(0).text());
        }

        private List<String> texts(TestClient c, String topic) {
            return c.received(topic).stream().map(TestClient.Received::text).toList();
        }
    }

    @Nested
    class BrokerRestart {
        @Test
        void aBrokerKilledAndRestartedMidStreamIsSurvivedWithTheLossCounted() throws Exception {
            Mosquitto b = broker();
            MqttSource m = monitor(b.uri());
            TestClient device = new TestClient(b.uri(), "dev-restart");
            for (long seq = 0; seq < 30; seq++) {
                device.publish(TOPICS.imu("ann"), Frames.sample(SensorSlot.UPPER, seq), 0);
            }
            awaitSamples(30);

            b.kill();
            Mosquitto.await(() -> m.stats().disconnects() == 1, WAIT_MILLIS, "the disconnect");
            assertFalse(m.send("ann", new HapticCommand(Frames.DEVICE_ID, 1, 1, 100, 0, 50)));
            assertEquals(1, m.stats().commandsDropped());
            device.close();
            b.restart();
            Mosquitto.await(() -> m.stats().reconnects() == 1, WAIT_MILLIS, "the reconnect");

            // The device kept sampling while the broker was away: seq 30..39 never reached the monitor.
            TestClient device2 = client(b.uri(), "dev-restart");
            for (long seq = 40; seq < 70; seq++) {
                device2.publish(TOPICS.imu("ann"), Frames.sample(SensorSlot.UPPER, seq), 0);
            }
            awaitSamples(60);
            List<Long> expected = range(0, 30);
            expected.addAll(range(40, 70));
            assertEquals(expected, seqs("ann"));
            SourceStats s = m.stats();
            assertEquals(10, s.decoder().samplesLostUpper());
            assertEquals(1, s.disconnects());
            assertTrue(s.connected());
        }

        @Test
        void aBrokerThatIsDownAtStartIsRetriedUntilItComes() throws Exception {
            Mosquitto b = broker();
            b.kill();
            MqttSource m = monitor(b.uri());
            Mosquitto.await(() -> m.stats().connectFailures() >= 2, WAIT_MILLIS, "failed attempts");
            assertFalse(m.stats().connected());
            b.restart();
            Mosquitto.await(() -> m.stats().connected(), WAIT_MILLIS, "the connection");
            assertTrue(m.stats().lastError().orElseThrow().contains("cannot connect"), m.stats().describe());
        }
    }

    @Nested
    class Tls {
        private static final String USER = "monitor";
        private static final String PASSWORD = "correct horse";

        @Test
        void connectsWithTheCaFileAndAPasswordAndSamplesFlow() throws Exception {
            Mosquitto b = closeLater(Mosquitto.tls(dir, USER, PASSWORD));
            MqttConfig config = MqttConfig.of(b.uri()).withBackoff(FAST).withCaFile(b.caFile())
                    .withEnvironment(java.util.Map.of(MqttConfig.ENV_USERNAME, USER, MqttConfig.ENV_PASSWORD, PASSWORD));
            MqttSource m = closeLater(new MqttSource(config, sink));
            m.start();
            assertTrue(m.stats().connected());
            TestClient device = closeLater(new TestClient(b.uri(), "dev-tls", Optional.of(USER), Optional.of(PASSWORD),
                    Optional.of(b.caFile())));
            device.publish(TOPICS.imu("ann"), Frames.sample(SensorSlot.UPPER, 5), 0);
            awaitSamples(1);
            assertEquals(5, sink.samples().get(0).sample().seq());
        }

        @Test
        void aWrongPasswordIsAClearCountedErrorThatNeverShowsThePassword() throws Exception {
            Mosquitto b = closeLater(Mosquitto.tls(dir, USER, PASSWORD));
            MqttConfig config = MqttConfig.of(b.uri()).withBackoff(FAST).withCaFile(b.caFile())
                    .withCredentials(USER, Optional.of("wrong guess"));
            MqttSource m = closeLater(new MqttSource(config, sink));
            SourceException e = assertThrows(SourceException.class, m::start);
            assertTrue(e.getMessage().contains("refused the user name or password") && e.getMessage().contains(USER),
                    e.getMessage());
            assertFalse(e.getMessage().contains("wrong guess"));
            SourceStats s = m.stats();
            assertEquals(1, s.connectFailures());
            assertFalse(s.connected());
            assertFalse(s.describe().contains("wrong guess"));
        }

        @Test
        void aCertificateForAnotherHostNameIsRefused() throws Exception {
            Mosquitto b = closeLater(Mosquitto.tls(dir, USER, PASSWORD, "DNS:localhost"));
            String byAddress = "ssl://127.0.0.1:" + b.port(); // trusted CA, but the certificate does not name 127.0.0.1
            MqttConfig config = MqttConfig.of(byAddress).withBackoff(FAST).withCaFile(b.caFile())
                    .withCredentials(USER, Optional.of(PASSWORD));
            MqttSource m = closeLater(new MqttSource(config, sink));
            m.start();
            Mosquitto.await(() -> m.stats().connectFailures() >= 1, WAIT_MILLIS, "the failure");
            assertFalse(m.stats().connected());
            assertTrue(m.stats().lastError().orElseThrow().contains("TLS"), m.stats().describe());
        }

        @Test
        void aCaThatDidNotSignTheBrokerIsRefusedWithATlsMessage() throws Exception {
            Mosquitto b = closeLater(Mosquitto.tls(dir, USER, PASSWORD));
            Path otherDir = Files.createDirectories(dir.resolve("other"));
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "o.key", "-out", "o.crt", "-days", "1",
                    "-subj", "/CN=other").directory(otherDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(otherDir.resolve("out").toFile()).start();
            assertEquals(0, p.waitFor());
            MqttConfig config = MqttConfig.of(b.uri()).withBackoff(FAST).withCaFile(otherDir.resolve("o.crt"))
                    .withCredentials(USER, Optional.of(PASSWORD));
            MqttSource m = closeLater(new MqttSource(config, sink));
            m.start(); // not a credentials problem: retried in the background
            Mosquitto.await(() -> m.stats().connectFailures() >= 1, WAIT_MILLIS, "the failure");
            assertTrue(m.stats().lastError().orElseThrow().contains("TLS"), m.stats().describe());
            assertFalse(m.stats().connected());
        }
    }
}
