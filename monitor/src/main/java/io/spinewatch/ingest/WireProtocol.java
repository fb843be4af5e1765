package io.spinewatch.ingest;

import java.util.Locale;

/** The byte protocols a source can decode. */
public enum WireProtocol {
    /** spinewatch's own framing (docs/protocol.md): samples, status, acknowledgements, commands. */
    NATIVE,
    /** WitMotion's 11-byte packets (docs/witmotion.md): samples only, no commands. */
    WITMOTION;

    /** The lower-case name used on the command line and in logs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #label()}, ignoring case. */
    public static WireProtocol ofLabel(String label) {
        for (WireProtocol p : values()) {
            if (p.name().equalsIgnoreCase(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + label + "'; known: native, witmotion");
    }
}
