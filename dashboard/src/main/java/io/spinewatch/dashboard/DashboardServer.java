package io.spinewatch.dashboard;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.JavalinDefaultRouting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spinewatch.app.Spinewatch;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveControl;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.metrics.LiveMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The dashboard's web server: pages, JSON API, live feed, metrics and health, all routes in
 * {@link #routes}. It reads wearers from a {@link LiveBus}, sends requests to a
 * {@link LiveControl}, serves the Prometheus registry it is given (after binding the live
 * meters to it) and, when given a history store, each wearer's stored day and week.
 */
public final class DashboardServer implements AutoCloseable {
    private final DashboardConfig config;
    private final LiveBus bus;
    private final LiveControl control;
    private final PrometheusMeterRegistry registry;
    private final AccessRule access;
    private final LiveFeed feed;
    private final LiveMetrics metrics;
    private final AngleHistory history;
    private final LiveBus.Subscription historySubscription;
    private final StoredHistory stored;
    private final String indexHtml;
    private final String wearerHtml;
    private final Javalin app;

    private DashboardServer(DashboardConfig config, LiveBus bus, LiveControl control, PrometheusMeterRegistry registry,
            Optional<HistoryStore> historyStore, Clock clock, double historyCacheSeconds) {
        this.config = config;
        this.bus = bus;
        this.control = control;
        this.registry = registry;
        this.access = new AccessRule(config.accessToken());
        this.indexHtml = resource("/web/index.html");
        this.wearerHtml = resource("/web/wearer.html");
        this.feed = new LiveFeed(bus, config);
        this.metrics = LiveMetrics.bind(bus, registry);
        this.history = new AngleHistory(AngleHistory.DEFAULT_POINTS, AngleHistory.DEFAULT_STEP_SECONDS);
        this.historySubscription = bus.subscribe(history);
        this.stored = new StoredHistory(historyStore, id -> bus.latest(id).isPresent(), clock, historyCacheSeconds);
        LiveMetrics.bindDashboardClients(registry, feed, LiveFeed::connected, LiveFeed::dropped);
        this.app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.router.mount(this::routes);
        });
    }

    /**
     * Starts serving; returns once the port is bound.
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static DashboardServer start(DashboardConfig config, LiveBus bus, LiveControl control,
            PrometheusMeterRegistry registry) {
        return start(config, bus, control, registry, Optional.empty());
    }

    /**
     * Starts serving, with the wearers' stored history for the history panel ({@code /api/history/{id}});
     * empty when the monitor keeps none. The store stays the caller's to close.
     *
     * @throws IllegalStateException if the port cannot be bound
     */
    public static DashboardServer start(DashboardConfig config, LiveBus bus, LiveControl control,
            PrometheusMeterRegistry registry, Optional<HistoryStore> history) {
        return start(config, bus, control, registry, history, Clock.systemUTC(), StoredHistory.DEFAULT_CACHE_SECONDS);
    }

    /** As above, with the clock that says what "today" is and the history cache period (tests). */
    static DashboardServer start(DashboardConfig config, LiveBus bus, LiveControl control,
            PrometheusMeterRegistry registry, Optional<HistoryStore> history, Clock clock, double historyCacheSeconds) {
        DashboardServer s = new DashboardServer(config, bus, control, registry, history, clock, historyCacheSeconds);
        try {
            s.app.start(config.bindAddress(), config.port());
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalStateException("dashboard cannot listen on " + config.bindAddress() + ":" + config.port(), e);
        }
        return s;
    }

    private void routes(JavalinDefaultRouting r) {
        r.before(this::guard);
        r.get("/", ctx -> ctx.html(indexHtml));
        r.get("/w/{id}", ctx -> ctx.html(wearerHtml));
        r.get("/api/wearers", ctx -> json(ctx, LiveJson.tiles(bus.latestAll())));
        r.get("/api/wearers/{id}", ctx -> json(ctx, LiveJson.snapshot(
                bus.latest(wearerId(ctx)).orElseThrow(() -> new NotFoundResponse("no such wearer")))));
        r.get("/api/wearers/{id}/history", ctx -> json(ctx,
                history.json(wearerId(ctx)).orElseThrow(() -> new NotFoundResponse("no such wearer"))));
        r.get("/api/history/{id}", this::storedHistory);
        r.sse("/events", sse -> feed.open(sse, Optional.empty()));
        r.sse("/events/{id}", sse -> feed.open(sse, Optional.of(wearerId(sse.ctx()))));
        r.post("/api/wearers/{id}/calibrate", ctx -> accepted(ctx, control.recalibrate(wearerId(ctx))));
        r.post("/api/wearers/{id}/drill/{drillId}/done",
                ctx -> accepted(ctx, control.drillDone(wearerId(ctx), drillId(ctx))));
        r.post("/api/wearers/{id}/drill/{drillId}/skip",
                ctx -> accepted(ctx, control.drillSkip(wearerId(ctx), drillId(ctx))));
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        r.get("/health", ctx -> json(ctx, health()));
    }

    /** Answers from the history thread, so no request thread waits on the database. */
    private void storedHistory(Context ctx) {
        String id = wearerId(ctx);
        ctx.future(() -> stored.answer(id).thenAccept(a -> {
            ctx.status(a.status());
            ctx.header("Cache-Control", "no-store");
            json(ctx, a.body());
        }));
    }

    /** Runs before every request: host, token, origin and client-limit checks. */
    private void guard(Context ctx) {
        if (!access.hostAllowed(ctx.host())) {
            throw new ForbiddenResponse("host not allowed");
        }
        switch (access.check(ctx.header("Authorization"), ctx.queryParam("token"), ctx.cookie(AccessRule.COOKIE))) {
            case DENY -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"spinewatch\"");
                throw new UnauthorizedResponse("access token required");
            }
            case ALLOW_AND_SET_COOKIE -> ctx.header("Set-Cookie", access.cookieHeader());
            case ALLOW -> {
            }
        }
        if (ctx.method().name().equals("POST") && !AccessRule.sameOrigin(ctx.header("Origin"), ctx.host())) {
            throw new ForbiddenResponse("cross-origin request");
        }
        if (ctx.path().startsWith("/events") && feed.connected() >= config.maxClients()) {
            throw new ServiceUnavailableResponse("too many live clients");
        }
    }

    private String health() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject()
                .name("status").value("up")
                .name("version").value(Spinewatch.version())
                .name("wearers").value(bus.latestAll().size())
                .name("clients").value(feed.connected())
                .name("clients_dropped").value(feed.dropped())
                .endObject();
        return sb.toString();
    }

    private static String wearerId(Context ctx) {
        try {
            return WearerSnapshot.requireWearerId(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private static String drillId(Context ctx) {
        String id = ctx.pathParam("drillId");
        try {
            return WearerSnapshot.requireWearerId(id); // drill ids follow the same URL-safe shape
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("bad drill id: " + id);
        }
    }

    private static void json(Context ctx, String body) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(body);
    }

    private static void accepted(Context ctx, boolean ok) {
        if (!ok) {
            throw new NotFoundResponse("no such wearer or drill");
        }
        ctx.status(HttpStatus.ACCEPTED);
        json(ctx, "{\"accepted\":true}");
    }

    private static String resource(String path) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Live-feed clients connected now. */
    public int clients() {
        return feed.connected();
    }

    /** Live-feed clients dropped because they stopped reading. */
    public long droppedClients() {
        return feed.dropped();
    }

    /** Largest number of items any live-feed client has waiting (bounded; for tests and health). */
    int maxPendingPerClient() {
        return feed.maxPending();
    }

    /** Stops the server and the feed; the bus and registry stay usable. */
    @Override
    public void close() {
        metrics.close();
        historySubscription.close();
        feed.close();
        app.stop();
        stored.close();
    }
}
