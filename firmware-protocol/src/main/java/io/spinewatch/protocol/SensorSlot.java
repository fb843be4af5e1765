package io.spinewatch.protocol;

/** Where on the back a sensor is worn, with the code it has on the wire and the name in traces. */
public enum SensorSlot {
    /** Upper thoracic spine, about T3, between the shoulder blades. */
    UPPER(0, "upper"),
    /** Thoraco-lumbar junction, about T12/L1. */
    MID(1, "mid"),
    /** Sacrum, about S1. */
    PELVIS(2, "pelvis");

    /** Number of slots; arrays indexed by {@link #ordinal()} have this length. */
    public static final int COUNT = 3;

    private static final SensorSlot[] BY_CODE = {UPPER, MID, PELVIS};

    private final int wireCode;
    private final String label;

    SensorSlot(int wireCode, String label) {
        this.wireCode = wireCode;
        this.label = label;
    }

    /** The byte value that names this slot on the wire. */
    public int wireCode() {
        return wireCode;
    }

    /** The lower-case name used in traces, CSV and topics. */
    public String label() {
        return label;
    }

    /** The slot with this wire code, or {@code null} for a code no slot has (callers count it). */
    public static SensorSlot ofWireCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The slot with this label, or {@code null} when no slot has it (callers count it). */
    public static SensorSlot ofLabel(String label) {
        for (SensorSlot s : BY_CODE) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        return null;
    }
}
