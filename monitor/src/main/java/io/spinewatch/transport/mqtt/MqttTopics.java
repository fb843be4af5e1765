package io.spinewatch.transport.mqtt;

import java.util.Objects;
import java.util.Optional;

/**
 * The topic tree, under a root (default {@value #DEFAULT_ROOT}), with the QoS and retained flag of
 * each topic:
 *
 * <table>
 * <tr><th>topic</th><th>direction</th><th>payload</th><th>QoS</th><th>retained</th></tr>
 * <tr><td>{@code <root>/<wearer>/imu}</td><td>device to monitor</td><td>native frames</td><td>0</td><td>no</td></tr>
 * <tr><td>{@code <root>/<wearer>/imu/json}</td><td>device to monitor</td><td>JSON samples</td><td>0</td><td>no</td></tr>
 * <tr><td>{@code <root>/<wearer>/status}</td><td>device to monitor</td><td>native status and ack frames</td><td>1</td><td>either</td></tr>
 * <tr><td>{@code <root>/<wearer>/control}</td><td>anyone to monitor</td><td>plain text {@value #RECALIBRATE}</td><td>1</td><td>no</td></tr>
 * <tr><td>{@code <root>/<wearer>/cmd}</td><td>monitor to device</td><td>native command frames</td><td>1</td><td>no</td></tr>
 * <tr><td>{@code <root>/<wearer>/posture}</td><td>monitor out</td><td>JSON, current state</td><td>1</td><td>yes</td></tr>
 * <tr><td>{@code <root>/<wearer>/alert}</td><td>monitor out</td><td>JSON, one alert</td><td>1</td><td>no</td></tr>
 * <tr><td>{@code <root>/monitor/<id>/status}</td><td>monitor out</td><td>{@code online} / {@code offline} (Last Will)</td><td>1</td><td>yes</td></tr>
 * </table>
 *
 * <p>Why: samples come 100 times a second and a late one is worthless, so QoS 0 (a lost sample shows
 * up as a sequence gap, and retrying would only delay the next); everything else is rare and must
 * arrive, so QoS 1 (commands and acks carry ids, so a duplicate is harmless). Posture and the
 * monitor's status are states, retained so a dashboard that subscribes later sees the current one at
 * once; an alert, a command or a control request is an event, never retained (a retained buzz would fire again on every
 * device reconnect).
 */
public final class MqttTopics {
    public static final String DEFAULT_ROOT = "spinewatch";
    public static final int QOS_IMU = 0;
    public static final int QOS_STATUS = 1;
    public static final int QOS_CMD = 1;
    public static final int QOS_CONTROL = 1;
    /** The control payload that makes the wearer do the calibration routine again. */
    public static final String RECALIBRATE = "recalibrate";
    public static final int QOS_POSTURE = 1;
    public static final int QOS_ALERT = 1;
    public static final int QOS_MONITOR_STATUS = 1;
    /** The reserved wearer level under which monitors announce themselves. */
    public static final String MONITOR_LEVEL = "monitor";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    /** What a device-to-monitor topic carries. */
    public enum Kind { IMU, IMU_JSON, STATUS, CONTROL }

    /** A parsed device-to-monitor topic. */
    public record Parsed(String wearerId, Kind kind) {
    }

    private final String root;

    public MqttTopics(String root) {
        Objects.requireNonNull(root, "root");
        if (root.isEmpty() || root.contains("+") || root.contains("#") || root.startsWith("/") || root.endsWith("/")) {
            throw new IllegalArgumentException("topic root must be non-empty, without wildcards or outer slashes: '" + root + "'");
        }
        this.root = root;
    }

    public String root() {
        return root;
    }

    /** The subscriptions of a monitor, in the order of {@link #subscriptionQos()}. */
    public String[] subscriptions() {
        return new String[] {root + "/+/imu", root + "/+/imu/json", root + "/+/status", root + "/+/control"};
    }

    public int[] subscriptionQos() {
        return new int[] {QOS_IMU, QOS_IMU, QOS_STATUS, QOS_CONTROL};
    }

    /** The subscriptions of a listener to one wearer's device topics (a recorder), in the order of {@link #wearerSubscriptionQos()}. */
    public String[] wearerSubscriptions(String wearerId) {
        return new String[] {imu(wearerId), imuJson(wearerId), status(wearerId)};
    }

    public int[] wearerSubscriptionQos() {
        return new int[] {QOS_IMU, QOS_IMU, QOS_STATUS};
    }

    public String imu(String wearerId) {
        return root + "/" + checked(wearerId) + "/imu";
    }

    public String imuJson(String wearerId) {
        return imu(wearerId) + "/json";
    }

    public String status(String wearerId) {
        return root + "/" + checked(wearerId) + "/status";
    }

    public String cmd(String wearerId) {
        return root + "/" + checked(wearerId) + "/cmd";
    }

    public String control(String wearerId) {
        return root + "/" + checked(wearerId) + "/control";
    }

    public String posture(String wearerId) {
        return root + "/" + checked(wearerId) + "/posture";
    }

    public String alert(String wearerId) {
        return root + "/" + checked(wearerId) + "/alert";
    }

    public String monitorStatus(String monitorId) {
        return root + "/" + MONITOR_LEVEL + "/" + checked(monitorId) + "/status";
    }

    /** The wearer and kind of a topic a monitor subscribes to; empty for anything else. */
    public Optional<Parsed> parse(String topic) {
        if (!topic.startsWith(root + "/")) {
            return Optional.empty();
        }
        String rest = topic.substring(root.length() + 1);
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String wearer = rest.substring(0, slash);
        if (!validId(wearer) || wearer.equals(MONITOR_LEVEL)) {
            return Optional.empty();
        }
        return switch (rest.substring(slash + 1)) {
            case "imu" -> Optional.of(new Parsed(wearer, Kind.IMU));
            case "imu/json" -> Optional.of(new Parsed(wearer, Kind.IMU_JSON));
            case "status" -> Optional.of(new Parsed(wearer, Kind.STATUS));
            case "control" -> Optional.of(new Parsed(wearer, Kind.CONTROL));
            default -> Optional.empty();
        };
    }

    /** A wearer or monitor id: 1..64 characters, no slash, no wildcard, no control character. */
    public static boolean validId(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String checked(String id) {
        if (!validId(id)) {
            throw new IllegalArgumentException("not a valid wearer or monitor id: '" + id + "'");
        }
        return id;
    }
}
