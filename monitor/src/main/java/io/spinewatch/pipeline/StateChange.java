package io.spinewatch.pipeline;

import io.spinewatch.posture.PosturePattern;
import io.spinewatch.posture.PostureState;
import java.util.Optional;

/**
 * The wearer's posture state changed at {@code tSeconds}; {@code pattern} explains a slouch. The first event of a
 * pipeline has {@code from == null}.
 */
public record StateChange(double tSeconds, PostureState from, PostureState to, Optional<PosturePattern> pattern) {
}
