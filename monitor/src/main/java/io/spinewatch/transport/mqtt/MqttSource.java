package io.spinewatch.transport.mqtt;

import io.spinewatch.ingest.Backoff;
import io.spinewatch.ingest.ByteTap;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceCounters;
import io.spinewatch.ingest.SourceException;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.protocol.Ack;
import io.spinewatch.protocol.Command;
import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.MessageListener;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.NativeEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every wearer's IMU topics from an MQTT 5 broker (Eclipse Paho) and publishes commands, posture
 * state, alerts and the monitor's own status ({@link MqttTopics} has the tree, QoS and retained flags).
 *
 * <p>Wearers appear with their first message. Each has its own binary decoder and JSON decoder, kept
 * in a map that only Paho's callback thread changes (the lock around it only lets {@link #stats()}
 * read the counters). The session is persistent (clean start off, a session expiry), so after a
 * reconnect the broker still holds the subscriptions and delivers the QoS 1 status frames queued
 * meanwhile; samples (QoS 0) sent while the link was down are lost and counted from sequence gaps.
 * Reconnection is ours, not Paho's, so it follows the shared {@link Backoff} and is counted.
 *
 * <p>The Last Will sets {@code <root>/monitor/<id>/status} to {@code offline} (retained) when the
 * monitor vanishes without a clean disconnect; it publishes {@code online} after each connect and
 * {@code offline} itself before a clean stop. Credentials are never logged.
 *
 * <p>{@link #forWearer} makes a listener to one wearer instead, for {@code spinewatch record}: it subscribes to
 * that wearer's device topics only and never announces itself as a monitor.
 *
 * <p>Threads: the sink is called on Paho's callback thread, one message at a time.
 */
public final class MqttSource implements Source {
    private static final Logger log = LoggerFactory.getLogger(MqttSource.class);
    /** Wearer topics kept at most: a misbehaving publisher inventing wearer ids cannot exhaust memory. */
    public static final int MAX_WEARERS = 10_000;
    /** MQTT 5 reason codes of a CONNACK that refuses the credentials. */
    private static final int REASON_BAD_CREDENTIALS = 0x86;
    private static final int REASON_NOT_AUTHORIZED = 0x87;

    private final MqttConfig config;
    private final MqttTopics topics;
    private final IngestSink sink;
    private final SourceCounters counters = new SourceCounters();
    private final String name;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ScheduledExecutorService reconnector;
    private final Backoff.Schedule backoff;
    /** Present for a one-wearer listener, which also neither announces itself nor takes control requests. */
    private final Optional<String> onlyWearer;
    private final ByteTap nativePayloads;

    /** Guards {@link #wearers} for {@link #stats()}; only the callback thread adds to it. */
    private final Object decodeLock = new Object();
    private final Map<String, Wearer> wearers = new HashMap<>();

    private final Object encodeLock = new Object();
    private final NativeEncoder encoder = new NativeEncoder();

    private volatile boolean running;
    private volatile boolean stopped;
    private volatile boolean everConnected;

    /** One wearer's decoding state. */
    private final class Wearer {
        final NativeDecoder binary;
        final JsonImuDecoder json;

        Wearer(String wearerId) {
            this.binary = new NativeDecoder(s -> {
                counters.sample();
                sink.onSample(wearerId, s);
            }, new MessageListener() {
                @Override
                public void onStatus(DeviceStatus status) {
                    sink.onStatus(wearerId, status);
                }

                @Override
                public void onAck(Ack ack) {
                    sink.onAck(wearerId, ack);
                }
            });
            this.json = new JsonImuDecoder(config.json(), s -> {
                counters.sample();
                sink.onSample(wearerId, s);
            });
        }
    }

    public MqttSource(MqttConfig config, IngestSink sink) throws SourceException {
        this(config, sink, Optional.empty(), ByteTap.NONE);
    }

    /**
     * A listener to one wearer, for recording: it subscribes to {@code wearerId}'s {@code imu}, {@code imu/json}
     * and {@code status} topics only, publishes nothing (no monitor status, no Last Will: it is not a monitor and
     * must not overwrite one's status) and so takes no control requests. {@code nativePayloads} sees each binary
     * payload (imu and status) as it arrived, followed by one {@code 0x00} delimiter when the payload did not end
     * with one, so that the concatenation decodes exactly as this source decoded it.
     */
    public static MqttSource forWearer(MqttConfig config, String wearerId, IngestSink sink, ByteTap nativePayloads)
            throws SourceException {
        if (!MqttTopics.validId(wearerId) || wearerId.equals(MqttTopics.MONITOR_LEVEL)) {
            throw new IllegalArgumentException("not a valid wearer id: '" + wearerId + "'");
        }
        return new MqttSource(config, sink, Optional.of(wearerId), Objects.requireNonNull(nativePayloads, "nativePayloads"));
    }

    private MqttSource(MqttConfig config, IngestSink sink, Optional<String> onlyWearer, ByteTap nativePayloads)
            throws SourceException {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.onlyWearer = onlyWearer;
        this.nativePayloads = nativePayloads;
        this.topics = new MqttTopics(config.topicRoot());
        this.name = "mqtt:" + config.serverUri();
        try {
            this.client = new MqttAsyncClient(config.serverUri(), config.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new SourceException("bad MQTT server URI or client id: " + e.getMessage(), e);
        }
        this.options = options();
        this.backoff = config.backoff().schedule(config.backoffSeed());
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spinewatch-mqtt-reconnect");
            t.setDaemon(true);
            return t;
        });
        client.setCallback(new Callback());
    }

    private MqttConnectionOptions options() throws SourceException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpirySeconds());
        o.setKeepAliveInterval(config.keepAliveSeconds());
        o.setConnectionTimeout(config.connectTimeoutSeconds());
        o.setAutomaticReconnect(false);
        if (announces()) {
            MqttMessage will = new MqttMessage(MqttTopics.OFFLINE.getBytes(StandardCharsets.UTF_8), MqttTopics.QOS_MONITOR_STATUS,
                    true, new MqttProperties());
            o.setWill(topics.monitorStatus(config.monitorId()), will);
        }
        config.username().ifPresent(o::setUserName);
        config.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        if (config.serverUri().startsWith("ssl:")) {
            o.setHttpsHostnameVerificationEnabled(true);
            if (config.caFile().isPresent()) {
                o.setSocketFactory(TlsContexts.trusting(config.caFile().get()).getSocketFactory());
            }
        }
        return o;
    }

    /** A monitor announces itself on its status topic; a one-wearer listener does not. */
    private boolean announces() {
        return onlyWearer.isEmpty();
    }

    @Override
    public String name() {
        return name;
    }

    public MqttTopics topics() {
        return topics;
    }

    @Override
    public void start() throws IOException {
        if (running || stopped) {
            throw new IllegalStateException(name + " was already started");
        }
        running = true;
        try {
            connect();
        } catch (MqttException e) {
            String message = describe(e);
            counters.connectFailure();
            counters.error(message);
            if (refusedCredentials(e)) {
                stop();
                throw new SourceException(message, e);
            }
            log.warn("{}: {}; retrying", name, message);
            scheduleReconnect();
        }
    }

    /** Connects, subscribes and announces the monitor; blocks up to the connect timeout. */
    private void connect() throws MqttException {
        IMqttToken token = client.connect(options);
        token.waitForCompletion(config.connectTimeoutSeconds() * 1000L + 1000);
        if (!client.isConnected()) {
            throw token.getException() != null ? token.getException()
                    : new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
        }
        try {
            // Resubscribing is harmless with a resumed session and needed with a new one.
            String[] filters = onlyWearer.map(topics::wearerSubscriptions).orElseGet(topics::subscriptions);
            int[] qos = onlyWearer.isPresent() ? topics.wearerSubscriptionQos() : topics.subscriptionQos();
            client.subscribe(filters, qos).waitForCompletion(config.connectTimeoutSeconds() * 1000L);
            if (announces()) {
                client.publish(topics.monitorStatus(config.monitorId()), MqttTopics.ONLINE.getBytes(StandardCharsets.UTF_8),
                        MqttTopics.QOS_MONITOR_STATUS, true);
            }
        } catch (MqttException e) {
            // Connected but not subscribed is useless: drop the link so that the retry starts from scratch.
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException ignored) {
                // already down
            }
            throw e;
        }
        backoff.reset();
        counters.connected(true);
        if (everConnected) {
            counters.reconnect();
            log.info("{}: reconnected (session {})", name, token.getSessionPresent() ? "resumed" : "new");
        } else {
            log.info("{}: connected as {} (session {})", name, config.clientId(),
                    token.getSessionPresent() ? "resumed" : "new");
        }
        everConnected = true;
        sink.onLinkChange(true);
    }

    private static boolean refusedCredentials(MqttException e) {
        int r = e.getReasonCode();
        return r == REASON_BAD_CREDENTIALS || r == REASON_NOT_AUTHORIZED;
    }

    /** A message for people; names the user but never the password. */
    private String describe(MqttException e) {
        int r = e.getReasonCode();
        if (r == REASON_BAD_CREDENTIALS || r == REASON_NOT_AUTHORIZED) {
            // Mosquitto answers a wrong password with "not authorised" (135), others with 134.
            return "the MQTT broker at " + config.serverUri() + " refused the user name or password (user '"
                    + config.username().orElse("(anonymous)") + "', reason " + r
                    + (r == REASON_BAD_CREDENTIALS ? " bad user name or password" : " not authorised")
                    + "): check " + MqttConfig.ENV_USERNAME + " and " + MqttConfig.ENV_PASSWORD
                    + " or the broker's password file and ACL";
        }
        Throwable cause = e.getCause();
        String detail = cause instanceof javax.net.ssl.SSLException
                ? "TLS failed: " + cause.getMessage() + " (is the CA file the one that signed the broker's certificate, "
                        + "and does the certificate name this host?)"
                : e.getMessage() + (cause != null ? ": " + cause.getMessage() : "");
        return "cannot connect to the MQTT broker at " + config.serverUri() + " (reason " + r + "): " + detail;
    }

    private void scheduleReconnect() {
        if (!running) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        try {
            reconnector.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void reconnect() {
        if (!running || client.isConnected()) {
            return;
        }
        try {
            connect();
        } catch (MqttException e) {
            counters.connectFailure();
            counters.error(describe(e));
            log.debug("{}: reconnect failed: {}", name, describe(e));
            scheduleReconnect();
        } catch (RuntimeException e) {
            counters.connectFailure();
            counters.error("cannot reconnect to " + config.serverUri() + ": " + e);
            scheduleReconnect();
        }
    }

    /** Paho's events: messages on its callback thread, link loss. */
    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            lost(response.getException() != null ? describe(response.getException())
                    : "the broker disconnected (reason " + response.getReturnCode() + ")");
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            counters.error(describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onMessage(topic, message.getPayload(), message.isRetained());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }

    private void lost(String why) {
        if (!counters.connected()) {
            return;
        }
        counters.connected(false);
        counters.disconnect();
        counters.error("disconnected from " + config.serverUri() + ": " + why);
        log.warn("{}: disconnected ({}); reconnecting", name, why);
        sink.onLinkChange(false);
        try {
            reconnector.execute(this::scheduleReconnect);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** One message, on Paho's callback thread. */
    private void onMessage(String topic, byte[] payload, boolean retained) {
        counters.bytesReceived(payload.length);
        var parsed = topics.parse(topic);
        if (parsed.isEmpty()) {
            counters.malformedPayload();
            return;
        }
        String wearerId = parsed.get().wearerId();
        if (onlyWearer.isPresent() && (!onlyWearer.get().equals(wearerId) || parsed.get().kind() == MqttTopics.Kind.CONTROL)) {
            // Not subscribed to: only a broker that ignores the filters would send it.
            counters.malformedPayload();
            return;
        }
        if (parsed.get().kind() == MqttTopics.Kind.CONTROL) {
            control(wearerId, payload, retained);
            return;
        }
        synchronized (decodeLock) {
            Wearer w = wearers.get(wearerId);
            if (w == null) {
                if (wearers.size() >= MAX_WEARERS) {
                    counters.malformedPayload();
                    return;
                }
                w = new Wearer(wearerId);
                wearers.put(wearerId, w);
                log.info("{}: new wearer '{}'", name, wearerId);
            }
            switch (parsed.get().kind()) {
                case IMU, STATUS -> {
                    tapNative(payload);
                    binary(w.binary, payload);
                    sink.onPayloadEnd(wearerId);
                }
                case CONTROL -> throw new IllegalStateException("handled above");
                case IMU_JSON -> {
                    if (!w.json.decode(payload, 0, payload.length)) {
                        counters.malformedPayload();
                    }
                    sink.onPayloadEnd(wearerId);
                }
            }
        }
    }

    /**
     * A control request: only {@value MqttTopics#RECALIBRATE} (surrounding white space allowed, not retained) is known;
     * anything else is counted as malformed. The sink only queues the request; the wearer's own thread runs it.
     */
    private void control(String wearerId, byte[] payload, boolean retained) {
        String text = payload.length > 64 ? "" : new String(payload, java.nio.charset.StandardCharsets.UTF_8).strip();
        // A retained request would recalibrate the wearer again on every reconnect of the monitor.
        if (text.equals(MqttTopics.RECALIBRATE) && !retained) {
            log.info("{}: recalibration requested for wearer '{}'", name, wearerId);
            sink.onRecalibrate(wearerId);
        } else {
            counters.malformedPayload();
        }
    }

    /** A binary payload is whole frames; anything bad in it, or a frame cut off at its end, makes it malformed. */
    private void binary(NativeDecoder decoder, byte[] payload) {
        DecoderCounters c = decoder.counters();
        long badBefore = c.integrityFailures() + c.malformedFrames() + c.unknownTypes() + c.unsupportedVersions();
        decoder.feed(payload, 0, payload.length);
        if (decoder.pendingBytes() > 0) {
            // The next payload must not complete this one: close it here, where the decoder counts it.
            decoder.feed(DELIMITER, 0, 1);
        }
        long badAfter = c.integrityFailures() + c.malformedFrames() + c.unknownTypes() + c.unsupportedVersions();
        if (badAfter > badBefore || payload.length == 0) {
            counters.malformedPayload();
        }
    }

    private static final byte[] DELIMITER = {0};

    private void tapNative(byte[] payload) {
        if (nativePayloads == ByteTap.NONE) {
            return;
        }
        nativePayloads.onBytes(payload, 0, payload.length);
        if (payload.length == 0 || payload[payload.length - 1] != 0) {
            nativePayloads.onBytes(DELIMITER, 0, 1);
        }
    }

    @Override
    public boolean send(String wearerId, Command command) {
        Objects.requireNonNull(command, "command");
        if (!MqttTopics.validId(wearerId)) {
            throw new IllegalArgumentException("not a valid wearer id: '" + wearerId + "'");
        }
        byte[] frame;
        synchronized (encodeLock) {
            frame = encoder.command(command);
        }
        return publish(topics.cmd(wearerId), frame, MqttTopics.QOS_CMD, false, true);
    }

    /** Publishes {@code json} as the wearer's current posture (retained). Returns false when the link is down. */
    public boolean publishPosture(String wearerId, String json) {
        return publish(topics.posture(wearerId), json.getBytes(StandardCharsets.UTF_8), MqttTopics.QOS_POSTURE, true, false);
    }

    /** Publishes {@code json} as an alert of the wearer. Returns false when the link is down. */
    public boolean publishAlert(String wearerId, String json) {
        return publish(topics.alert(wearerId), json.getBytes(StandardCharsets.UTF_8), MqttTopics.QOS_ALERT, false, false);
    }

    private boolean publish(String topic, byte[] payload, int qos, boolean retained, boolean isCommand) {
        if (!client.isConnected()) {
            if (isCommand) {
                counters.commandDropped();
            }
            return false;
        }
        try {
            client.publish(topic, payload, qos, retained);
        } catch (MqttException e) {
            if (isCommand) {
                counters.commandDropped();
            }
            counters.error("cannot publish to " + topic + ": " + describe(e));
            return false;
        }
        if (isCommand) {
            counters.commandSent();
        }
        return true;
    }

    /** The wearers seen so far. */
    public java.util.Set<String> wearers() {
        synchronized (decodeLock) {
            return java.util.Set.copyOf(wearers.keySet());
        }
    }

    @Override
    public SourceStats stats() {
        synchronized (decodeLock) {
            DecoderCounters.Snapshot total = SourceStats.NO_DECODER;
            for (Wearer w : wearers.values()) {
                total = SourceStats.sum(total, w.binary.counters().snapshot());
                total = SourceStats.sum(total, w.json.counters().snapshot());
            }
            return counters.snapshot(name, total);
        }
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = false;
        }
        reconnector.shutdownNow();
        try {
            reconnector.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                if (announces()) {
                    // A clean disconnect suppresses the Will, so say it ourselves first.
                    client.publish(topics.monitorStatus(config.monitorId()), MqttTopics.OFFLINE.getBytes(StandardCharsets.UTF_8),
                            MqttTopics.QOS_MONITOR_STATUS, true).waitForCompletion(2_000);
                }
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            log.debug("{}: unclean disconnect: {}", name, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("{}: close: {}", name, e.getMessage());
        }
        if (counters.connected()) {
            counters.connected(false);
            sink.onLinkChange(false);
        }
    }
}
