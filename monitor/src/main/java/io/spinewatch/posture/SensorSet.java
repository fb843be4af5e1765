package io.spinewatch.posture;

import io.spinewatch.protocol.SensorSlot;

/**
 * Which sensors are worn and calibrated, and therefore which angles and posture patterns can be told.
 * A bit mask over {@link SensorSlot#ordinal()}: bit 0 upper, bit 1 mid, bit 2 pelvis.
 */
public final class SensorSet {
    private SensorSet() {
    }

    public static int of(SensorSlot... slots) {
        int m = 0;
        for (SensorSlot s : slots) m |= 1 << s.ordinal();
        return m;
    }

    public static boolean has(int mask, SensorSlot slot) {
        return (mask & (1 << slot.ordinal())) != 0;
    }

    public static boolean hasLumbarFlexion(int mask) {
        return has(mask, SensorSlot.MID) && has(mask, SensorSlot.PELVIS);
    }

    public static boolean hasThoracicFlexion(int mask) {
        return has(mask, SensorSlot.UPPER) && has(mask, SensorSlot.MID);
    }

    public static boolean hasPelvicTilt(int mask) {
        return has(mask, SensorSlot.PELVIS);
    }

    public static boolean hasTrunkLean(int mask) {
        return has(mask, SensorSlot.UPPER);
    }

    /** The slot labels joined with '+', e.g. {@code upper+mid+pelvis}; {@code none} for an empty set. */
    public static String label(int mask) {
        StringBuilder b = new StringBuilder();
        for (SensorSlot s : SensorSlot.values()) {
            if (has(mask, s)) b.append(b.length() == 0 ? "" : "+").append(s.label());
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    /** What this set of sensors cannot tell apart, in a sentence, or empty when it tells everything. */
    public static String limitation(int mask) {
        boolean u = has(mask, SensorSlot.UPPER), m = has(mask, SensorSlot.MID), p = has(mask, SensorSlot.PELVIS);
        if (u && m && p) return "";
        if (u && !m && !p) return "upper sensor only: trunk lean only; a slouch cannot be told from a forward hip hinge";
        if (u && m) return "no pelvis sensor: a rounded lower back cannot be told from a hip hinge; lumbar flexion and pelvic tilt absent";
        if (m && p) return "no upper sensor: a rounded upper back is not seen; thoracic flexion and trunk lean absent";
        if (u && p) return "no mid sensor: lumbar and thoracic flexion are known only as their sum";
        if (m) return "mid sensor only: no angle of the contract can be given";
        if (p) return "pelvis sensor only: pelvic tilt only; a slouch of the spine is not seen";
        return "no sensor";
    }
}
