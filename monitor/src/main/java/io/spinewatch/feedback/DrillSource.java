package io.spinewatch.feedback;

/**
 * An article a drill's facts come from.
 *
 * @param key   the catalogue's short name for it, e.g. {@code flat_back}
 * @param file  file name under {@code /work/shared/seeds}
 * @param title the article's title
 */
public record DrillSource(String key, String file, String title) {
    public DrillSource {
        if (key == null || key.isBlank() || file == null || file.isBlank() || title == null || title.isBlank()) {
            throw new IllegalArgumentException("source needs key, file and title: " + key);
        }
    }
}
