package io.spinewatch.posture;

/** What the wearer's body is doing, as far as the posture rules need it. */
public enum Activity {
    /** Seated: posture rules apply and slouch alerts may fire. */
    SITTING,
    /** On the feet, not walking. */
    STANDING,
    /** On the feet and walking. */
    WALKING
}
