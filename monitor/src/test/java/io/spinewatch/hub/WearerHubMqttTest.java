package io.spinewatch.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.hub.WearerHubTest.HandSource;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Simulation;
import io.spinewatch.transport.mqtt.Mosquitto;
import io.spinewatch.transport.mqtt.MqttConfig;
import io.spinewatch.transport.mqtt.MqttSource;
import io.spinewatch.transport.mqtt.MqttTopics;
import io.spinewatch.transport.mqtt.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT control topic against a real Mosquitto: a {@code recalibrate} message makes the wearer calibrate again. */
@Tag("integration")
class WearerHubMqttTest {
    private static final long WAIT_MILLIS = 20_000;

    @TempDir
    Path dir;

    @Nested
    class ControlTopic {
        @Test
        void recalibrateStartsTheRoutineAgainAndOtherPayloadsAreCounted() throws Exception {
            LiveBus bus = new LiveBus();
            AtomicInteger started = new AtomicInteger();
            MqttTopics topics = new MqttTopics(MqttTopics.DEFAULT_ROOT);
            try (Mosquitto broker = Mosquitto.plain(dir);
                    WearerHub hub = new WearerHub(bus, new LiveControls(), PipelineParams.DEFAULT, DrillCatalogue.bundled(),
                            1, 100, false, MonitorOutput.NONE, Optional.empty());
                    LiveBus.Subscription sub = bus.subscribe(e -> {
                        if (e instanceof LiveEvent.Calibration c && c.phase() == LiveEvent.CalibrationPhase.STARTED) {
                            started.incrementAndGet();
                        }
                    })) {
                HandSource hand = hub.attach(HandSource::new);
                MqttSource mqtt = hub.attach(sink -> new MqttSource(MqttConfig.of(broker.uri()).withMonitorId("m1"), sink));
                mqtt.start();
                try (TestClient client = new TestClient(broker.uri(), "console")) {
                    boolean[] asked = {false};
                    // The wearer calibrates, sits upright, and 30 s in the request arrives; the wearer then keeps sending.
                    Simulation.run(Scenario.parse("u", "calibrate 12s; upright 18s; upright 10s").compile(2),
                            Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(2)), s -> {
                                if (!asked[0] && s.trueTimeS() >= 30) {
                                    asked[0] = true;
                                    request(bus, hub, mqtt, client, topics, started);
                                }
                                hand.sink.onSample("ann", s.imu());
                            });
                    Mosquitto.await(() -> started.get() == 2, WAIT_MILLIS, "a second calibration start");
                }
            }
        }

        private void request(LiveBus bus, WearerHub hub, MqttSource mqtt, TestClient client, MqttTopics topics,
                AtomicInteger started) {
            try {
                Mosquitto.await(() -> bus.latest("ann").map(s -> s.state().equals("upright")).orElse(false), WAIT_MILLIS, "upright");
                assertEquals(1, started.get());
                client.publish(topics.control("ann"), "reboot".getBytes(StandardCharsets.UTF_8), 1);
                Mosquitto.await(() -> mqtt.stats().malformedPayloads() == 1, WAIT_MILLIS, "the unknown request counted");
                assertEquals(0, hub.wearer("ann").orElseThrow().requestsRun());
                client.publish(topics.control("ann"), MqttTopics.RECALIBRATE.getBytes(StandardCharsets.UTF_8), 1);
                Mosquitto.await(() -> hub.wearer("ann").orElseThrow().requestsRun() == 1, WAIT_MILLIS, "the request run");
                assertEquals(1, started.get(), "the routine starts with the wearer's next sample");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
