package io.spinewatch.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The drills spinewatch can suggest and count, with the articles they come from. */
public final class DrillCatalogue {
    /** Class-path location of the bundled catalogue. */
    public static final String RESOURCE = "/drills/catalogue.txt";

    private final List<DrillSource> sources;
    private final List<Drill> drills;
    private final Map<String, Drill> byId;

    /**
     * A catalogue of the given drills.
     *
     * @throws IllegalArgumentException on duplicate ids, or a drill whose source is not listed
     */
    public DrillCatalogue(List<DrillSource> sources, List<Drill> drills) {
        this.sources = List.copyOf(sources);
        this.drills = List.copyOf(drills);
        Map<String, Drill> ids = new LinkedHashMap<>();
        for (Drill d : this.drills) {
            if (ids.put(d.id(), d) != null) throw new IllegalArgumentException("duplicate drill id: " + d.id());
            if (!this.sources.contains(d.source())) throw new IllegalArgumentException(d.id() + ": source not listed: " + d.source().key());
        }
        this.byId = Map.copyOf(ids);
    }

    /** The catalogue shipped in the jar. */
    public static DrillCatalogue bundled() {
        try (InputStream in = DrillCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return DrillCatalogueParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All drills in file order. */
    public List<Drill> drills() {
        return drills;
    }

    /** All source articles in file order. */
    public List<DrillSource> sources() {
        return sources;
    }

    /** The drill with that id. */
    public Optional<Drill> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The drill with that id; a missing one is a programming error. */
    public Drill require(String id) {
        Drill d = byId.get(id);
        if (d == null) throw new IllegalArgumentException("no drill " + id);
        return d;
    }
}
