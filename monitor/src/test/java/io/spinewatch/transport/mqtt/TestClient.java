package io.spinewatch.transport.mqtt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A plain Paho client standing in for a device or a dashboard; keeps every message it receives. */
public final class TestClient implements AutoCloseable {
    /** A received message. */
    public record Received(String topic, byte[] payload, int qos, boolean retained) {
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final MqttAsyncClient client;
    private final List<Received> received = new ArrayList<>();

    public TestClient(String uri, String clientId) throws MqttException {
        this(uri, clientId, Optional.empty(), Optional.empty(), Optional.empty());
    }

    TestClient(String uri, String clientId, Optional<String> user, Optional<String> password, Optional<Path> ca)
            throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                synchronized (received) {
                    received.add(new Received(topic, m.getPayload(), m.getQos(), m.isRetained()));
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        user.ifPresent(o::setUserName);
        password.ifPresent(p -> o.setPassword(p.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (ca.isPresent()) {
            try {
                o.setSocketFactory(TlsContexts.trusting(ca.get()).getSocketFactory());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        client.connect(o).waitForCompletion(10_000);
    }

    public void subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(10_000);
    }

    public void publish(String topic, byte[] payload, int qos) throws MqttException {
        client.publish(topic, payload, qos, false).waitForCompletion(10_000);
    }

    public List<Received> received(String topic) {
        synchronized (received) {
            return received.stream().filter(r -> r.topic().equals(topic)).toList();
        }
    }

    boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1_000).waitForCompletion(2_000);
        }
        client.close(true);
    }
}
