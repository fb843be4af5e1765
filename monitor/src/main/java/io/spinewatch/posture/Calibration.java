package io.spinewatch.posture;

import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One wearer's calibration: for each calibrated sensor, its mounting on the body. Immutable and storable
 * through a simple line-based text form ({@link #toText()}, {@link #parse(String)}).
 *
 * @param tSeconds wearer time at which the calibration was completed
 * @param mountings one entry per calibrated sensor, at most one per slot
 */
public record Calibration(double tSeconds, List<SensorMounting> mountings) {
    /** First line of the text form. */
    public static final String HEADER = "# spinewatch-calibration v1";

    public Calibration {
        if (!Double.isFinite(tSeconds)) throw new IllegalArgumentException("tSeconds must be finite: " + tSeconds);
        mountings = List.copyOf(mountings);
        if (mountings.isEmpty()) throw new IllegalArgumentException("a calibration needs at least one sensor");
        EnumSet<SensorSlot> seen = EnumSet.noneOf(SensorSlot.class);
        for (SensorMounting m : mountings) {
            if (!seen.add(m.slot())) throw new IllegalArgumentException("slot calibrated twice: " + m.slot().label());
        }
    }

    /** The mounting of the sensor in {@code slot}, if it was calibrated. */
    public Optional<SensorMounting> mounting(SensorSlot slot) {
        for (SensorMounting m : mountings) {
            if (m.slot() == slot) return Optional.of(m);
        }
        return Optional.empty();
    }

    /** The calibrated slots. */
    public Set<SensorSlot> sensors() {
        EnumSet<SensorSlot> s = EnumSet.noneOf(SensorSlot.class);
        for (SensorMounting m : mountings) s.add(m.slot());
        return s;
    }

    /** Whether any sensor's sagittal plane was guessed rather than measured from a hinge. */
    public boolean sagittalAssumed() {
        for (SensorMounting m : mountings) {
            if (m.sagittalAssumed()) return true;
        }
        return false;
    }

    /**
     * The text form: the header line, {@code t_s=...}, then one line per sensor,
     * {@code slot=qw,qx,qy,qz hinge_deg=.. out_of_plane_deg=.. sagittal=measured|assumed}.
     */
    public String toText() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("t_s=").append(fmt(tSeconds)).append('\n');
        for (SensorMounting m : mountings) {
            b.append(m.slot().label()).append('=')
                    .append(fmt(m.qw())).append(',').append(fmt(m.qx())).append(',')
                    .append(fmt(m.qy())).append(',').append(fmt(m.qz()))
                    .append(" hinge_deg=").append(fmt(m.hingeDeg()))
                    .append(" out_of_plane_deg=").append(fmt(m.outOfPlaneDeg()))
                    .append(" sagittal=").append(m.sagittalAssumed() ? "assumed" : "measured").append('\n');
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }

    /**
     * Parses the text form of {@link #toText()}; blank lines and further {@code #} lines are ignored.
     *
     * @throws IllegalArgumentException naming the line when the text is not a calibration
     */
    public static Calibration parse(String text) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !lines[0].strip().equals(HEADER)) {
            throw new IllegalArgumentException("not a calibration: first line must be '" + HEADER + "'");
        }
        double t = Double.NaN;
        List<SensorMounting> ms = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                String[] parts = line.split("\\s+");
                int eq = parts[0].indexOf('=');
                if (eq < 0) throw new IllegalArgumentException("expected key=value");
                String key = parts[0].substring(0, eq);
                String value = parts[0].substring(eq + 1);
                if (key.equals("t_s")) {
                    t = Double.parseDouble(value);
                    continue;
                }
                SensorSlot slot = SensorSlot.ofLabel(key);
                if (slot == null) throw new IllegalArgumentException("unknown sensor '" + key + "'");
                String[] q = value.split(",");
                if (q.length != 4) throw new IllegalArgumentException("expected qw,qx,qy,qz");
                double hinge = 0, out = 0;
                boolean assumed = false;
                for (int k = 1; k < parts.length; k++) {
                    String[] kv = parts[k].split("=", 2);
                    if (kv.length != 2) throw new IllegalArgumentException("expected key=value: " + parts[k]);
                    switch (kv[0]) {
                        case "hinge_deg" -> hinge = Double.parseDouble(kv[1]);
                        case "out_of_plane_deg" -> out = Double.parseDouble(kv[1]);
                        case "sagittal" -> {
                            if (!kv[1].equals("assumed") && !kv[1].equals("measured")) {
                                throw new IllegalArgumentException("sagittal must be measured or assumed");
                            }
                            assumed = kv[1].equals("assumed");
                        }
                        default -> throw new IllegalArgumentException("unknown field '" + kv[0] + "'");
                    }
                }
                ms.add(new SensorMounting(slot, Double.parseDouble(q[0]), Double.parseDouble(q[1]),
                        Double.parseDouble(q[2]), Double.parseDouble(q[3]), hinge, out, assumed));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("calibration line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (Double.isNaN(t)) throw new IllegalArgumentException("calibration has no t_s line");
        return new Calibration(t, ms);
    }
}
