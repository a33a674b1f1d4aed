package org.fitsync.adapter.strava.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Strava that speaks the real v3 shapes over HTTP, for tests and demos: OAuth authorize
 * and token exchange with expiring access tokens and rotating refresh tokens (a rotated-out token
 * is refused, and its use is counted), deauthorisation, athlete activities paged newest first with
 * {@code before}/{@code after}, one activity, streams with {@code key_by_type}, and the
 * {@code X-RateLimit-*} / {@code X-ReadRateLimit-*} headers over aligned windows with {@code 429}
 * beyond them. Failures can be injected: the next {@code n} API answers as {@code 5xx}, and a
 * latency for every answer.
 */
public final class FakeStrava implements AutoCloseable {

    private static final Pattern ACTIVITY = Pattern.compile("/api/v3/activities/(\\d+)");
    private static final Pattern STREAMS = Pattern.compile("/api/v3/activities/(\\d+)/streams");

    private final FakeStravaConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();

    private final Map<Long, List<FakeActivity>> activities = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> rotatedOut = ConcurrentHashMap.newKeySet();
    private final Set<Long> deauthorized = ConcurrentHashMap.newKeySet();
    private final Map<Long, URI> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger subscriptionIds = new AtomicInteger();

    private final Map<String, AtomicInteger> requestsByKind = new ConcurrentHashMap<>();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final AtomicInteger tooManyRequests = new AtomicInteger();
    private final AtomicInteger injectedFailures = new AtomicInteger();
    private final AtomicInteger staleRefreshUses = new AtomicInteger();
    private final AtomicInteger expiredAccessUses = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 503;
    private volatile boolean deauthorizeDown;
    private final AtomicInteger deauthorizeCalls = new AtomicInteger();
    private volatile Duration latency;
    private volatile Duration accessTokenTtl;

    private final Object rateLock = new Object();
    private long rateWindow = Long.MIN_VALUE;
    private LocalDate rateDay = LocalDate.MIN;
    private int shortUsage;
    private int dayUsage;
    private int readShortUsage;
    private int readDayUsage;

    private record Grant(long athleteId, String scope) {}

    private record Token(long athleteId, Instant expiresAt) {}

    private FakeStrava(FakeStravaConfig config, int port) throws IOException {
        this.config = config;
        this.latency = config.latency();
        this.accessTokenTtl = config.accessTokenTtl();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.executor = Executors.newFixedThreadPool(16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeStrava start(FakeStravaConfig config) {
        return start(config, 0);
    }

    public static FakeStrava start(FakeStravaConfig config, int port) {
        try {
            return new FakeStrava(config, port);
        } catch (IOException e) {
            throw new UncheckedIOException("the fake Strava did not start", e);
        }
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeStravaConfig config() {
        return config;
    }

    // ---- test set-up -------------------------------------------------------------------------

    /** Gives the athlete these activities (in addition to any they had). */
    public void addActivities(long athleteId, List<FakeActivity> added) {
        activities
                .computeIfAbsent(athleteId, a -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .addAll(added);
    }

    public void removeActivity(long athleteId, long activityId) {
        activities.getOrDefault(athleteId, List.of()).removeIf(a -> a.id() == activityId);
    }

    public List<FakeActivity> activities(long athleteId) {
        return List.copyOf(activities.getOrDefault(athleteId, List.of()));
    }

    /**
     * A history of {@code count} activities of mixed types, one a day going back from {@code newest}:
     * runs (some without GPS), trail runs, virtual runs, rides, swims and walks.
     */
    public static List<FakeActivity> history(long firstId, int count, Instant newest, long seed) {
        Random random = new Random(seed);
        String[] types = {"Run", "Run", "Run", "Ride", "Ride", "TrailRun", "Swim", "VirtualRun", "Walk", "Run"};
        List<FakeActivity> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = types[random.nextInt(types.length)];
            int elapsed = 1200 + random.nextInt(5400);
            Instant start = newest.minus(Duration.ofDays(i)).minusSeconds(random.nextInt(3600));
            boolean gps = !type.equals("VirtualRun") && !type.equals("Swim") && random.nextInt(10) > 0;
            double speed = type.equals("Ride") ? 7.5 : 2.9;
            list.add(new FakeActivity(
                    firstId + i,
                    type + " " + (i + 1),
                    type,
                    start,
                    elapsed,
                    elapsed - random.nextInt(120),
                    Math.round(elapsed * speed * 10) / 10.0,
                    gps,
                    52.5 + random.nextDouble() / 10,
                    13.4 + random.nextDouble() / 10));
        }
        return list;
    }

    /** An authorization code for the athlete, as {@code /oauth/authorize} would redirect with. */
    public String authorizationCode(long athleteId, String scope) {
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new Grant(athleteId, scope));
        return code;
    }

    /** The next {@code n} API answers are {@code status} (a {@code 5xx}) instead of the real one. */
    public void failNext(int n, int status) {
        failStatus = status;
        failNext.set(n);
    }

    public void setLatency(Duration delay) {
        latency = delay;
    }

    public void setAccessTokenTtl(Duration ttl) {
        accessTokenTtl = ttl;
    }

    /** The athlete revokes FitSync's access in their Strava settings: every token of theirs dies. */
    public void revoke(long athleteId) {
        accessTokens.values().removeIf(t -> t.athleteId() == athleteId);
        refreshTokens.values().removeIf(a -> a == athleteId);
    }

    /** Expires every access token now, as if time had passed. */
    public void expireAccessTokens() {
        accessTokens.replaceAll(
                (token, t) -> new Token(t.athleteId(), clock.instant().minusSeconds(1)));
    }

    // ---- what happened -----------------------------------------------------------------------

    /** API requests (under {@code /api/v3}), including those answered {@code 429} or failed on purpose. */
    public int apiRequests() {
        return apiRequests.get();
    }

    public int requests(String kind) {
        return requestsByKind.getOrDefault(kind, new AtomicInteger()).get();
    }

    public Map<String, Integer> requestCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        requestsByKind.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    public int tooManyRequests() {
        return tooManyRequests.get();
    }

    public int injectedFailures() {
        return injectedFailures.get();
    }

    /** Uses of a refresh token after it was rotated out: a correct client never makes one. */
    public int staleRefreshUses() {
        return staleRefreshUses.get();
    }

    public int expiredAccessUses() {
        return expiredAccessUses.get();
    }

    public int refreshes() {
        return refreshes.get();
    }

    /** While {@code down}, every deauthorisation is answered {@code 503} and revokes nothing. */
    public void deauthorizeDown(boolean down) {
        deauthorizeDown = down;
    }

    /** Deauthorisation requests received, answered or failed. */
    public int deauthorizeCalls() {
        return deauthorizeCalls.get();
    }

    public boolean deauthorized(long athleteId) {
        return deauthorized.contains(athleteId);
    }

    // ---- HTTP --------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Duration delay = latency;
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (path.startsWith("/oauth/")) {
                count(path.substring(1));
                if (method.equals("POST")) {
                    query.putAll(params(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                }
                oauth(exchange, method, path, query);
            } else if (path.startsWith("/api/v3/")) {
                api(exchange, method, path, query);
            } else {
                send(exchange, 404, error("Record Not Found"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void oauth(HttpExchange exchange, String method, String path, Map<String, String> query)
            throws IOException {
        switch (method + " " + path) {
            case "GET /oauth/authorize" -> authorize(exchange, query);
            case "POST /oauth/token" -> token(exchange, query);
            case "POST /oauth/deauthorize" -> {
                deauthorizeCalls.incrementAndGet();
                if (deauthorizeDown) {
                    send(exchange, 503, error("Service Unavailable"));
                    return;
                }
                Token token = accessTokens.remove(query.getOrDefault("access_token", ""));
                if (token == null || !clock.instant().isBefore(token.expiresAt())) {
                    send(exchange, 401, error("Authorization Error"));
                    return;
                }
                deauthorized.add(token.athleteId());
                accessTokens.values().removeIf(t -> t.athleteId() == token.athleteId());
                refreshTokens.values().removeIf(a -> a == token.athleteId());
                ObjectNode body = json.createObjectNode().put("access_token", "revoked");
                send(exchange, 200, body);
            }
            default -> send(exchange, 404, error("Record Not Found"));
        }
    }

    /** The consent page, approved at once: redirects with a code for the athlete named by {@code athlete} (default 1). */
    private void authorize(HttpExchange exchange, Map<String, String> query) throws IOException {
        String redirect = query.get("redirect_uri");
        if (!config.clientId().equals(query.get("client_id")) || redirect == null) {
            send(exchange, 400, error("Bad Request"));
            return;
        }
        long athlete = Long.parseLong(query.getOrDefault("athlete", "1"));
        String scope = query.getOrDefault("scope", "read");
        String code = authorizationCode(athlete, scope);
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "state="
                + enc(query.getOrDefault("state", "")) + "&code=" + enc(code) + "&scope=" + enc(scope);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!config.clientId().equals(form.get("client_id"))
                || !config.clientSecret().equals(form.get("client_secret"))) {
            send(exchange, 401, error("Authorization Error"));
            return;
        }
        long athlete;
        String grant = form.getOrDefault("grant_type", "");
        if (grant.equals("authorization_code")) {
            Grant granted = codes.remove(form.getOrDefault("code", ""));
            if (granted == null) {
                send(exchange, 400, error("Bad Request"));
                return;
            }
            athlete = granted.athleteId();
            deauthorized.remove(athlete);
        } else if (grant.equals("refresh_token")) {
            String refresh = form.getOrDefault("refresh_token", "");
            Long owner;
            synchronized (refreshTokens) {
                owner = refreshTokens.remove(refresh);
                if (owner == null) {
                    if (rotatedOut.contains(refresh)) {
                        staleRefreshUses.incrementAndGet();
                    }
                    send(exchange, 400, error("Bad Request"));
                    return;
                }
                // Strava rotates: the refresh token just used dies now.
                rotatedOut.add(refresh);
            }
            athlete = owner;
            refreshes.incrementAndGet();
        } else {
            send(exchange, 400, error("Bad Request"));
            return;
        }
        String access = "access-" + UUID.randomUUID();
        String refresh = "refresh-" + UUID.randomUUID();
        Instant expires = clock.instant().plus(accessTokenTtl);
        accessTokens.put(access, new Token(athlete, expires));
        refreshTokens.put(refresh, athlete);
        ObjectNode body = json.createObjectNode()
                .put("token_type", "Bearer")
                .put("expires_at", expires.getEpochSecond())
                .put("expires_in", accessTokenTtl.toSeconds())
                .put("refresh_token", refresh)
                .put("access_token", access);
        if (grant.equals("authorization_code")) {
            body.putObject("athlete").put("id", athlete).put("username", "athlete" + athlete);
        }
        send(exchange, 200, body);
    }

    private void api(HttpExchange exchange, String method, String path, Map<String, String> query) throws IOException {
        if (path.startsWith("/api/v3/push_subscriptions")) {
            count("push_subscriptions");
            if (method.equals("POST")) {
                query.putAll(params(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            }
            subscriptions(exchange, method, path, query);
            return;
        }
        apiRequests.incrementAndGet();
        count(kindOf(path));
        boolean allowed = meter(exchange, method.equals("GET"));
        if (!allowed) {
            tooManyRequests.incrementAndGet();
            send(exchange, 429, error("Rate Limit Exceeded"));
            return;
        }
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            injectedFailures.incrementAndGet();
            send(exchange, failStatus, error("Service Unavailable"));
            return;
        }
        Optional<Long> athlete = athleteOf(exchange);
        if (athlete.isEmpty()) {
            send(exchange, 401, json.createObjectNode().put("message", "Authorization Error"));
            return;
        }
        Matcher streams = STREAMS.matcher(path);
        Matcher one = ACTIVITY.matcher(path);
        if (method.equals("GET") && path.equals("/api/v3/athlete/activities")) {
            listActivities(exchange, athlete.get(), query);
        } else if (method.equals("GET") && streams.matches()) {
            streams(exchange, athlete.get(), Long.parseLong(streams.group(1)));
        } else if (method.equals("GET") && one.matches()) {
            Optional<FakeActivity> activity = find(athlete.get(), Long.parseLong(one.group(1)));
            if (activity.isEmpty()) {
                send(exchange, 404, error("Record Not Found"));
            } else {
                send(exchange, 200, activityJson(activity.get()));
            }
        } else {
            send(exchange, 404, error("Record Not Found"));
        }
    }

    /** Strava's webhook subscriptions: one per application, the callback validated while creating it. */
    private void subscriptions(HttpExchange exchange, String method, String path, Map<String, String> query)
            throws IOException {
        if (!config.clientId().equals(query.get("client_id"))
                || !config.clientSecret().equals(query.get("client_secret"))) {
            send(exchange, 401, error("Authorization Error"));
            return;
        }
        if (method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            subscriptions.forEach(
                    (id, callback) -> list.addObject().put("id", id).put("callback_url", callback.toString()));
            send(exchange, 200, list);
        } else if (method.equals("POST")) {
            if (!subscriptions.isEmpty()) {
                send(exchange, 400, error("Bad Request: already exists"));
                return;
            }
            URI callback = URI.create(query.getOrDefault("callback_url", ""));
            String challenge = "challenge-" + UUID.randomUUID();
            String validation = callback + "?hub.mode=subscribe&hub.challenge=" + enc(challenge) + "&hub.verify_token="
                    + enc(query.getOrDefault("verify_token", ""));
            try {
                var answer = java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(URI.create(validation))
                                        .timeout(Duration.ofSeconds(2))
                                        .GET()
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200
                        || !challenge.equals(json.readTree(answer.body())
                                .path("hub.challenge")
                                .asText())) {
                    send(exchange, 400, error("Bad Request: callback url not verifiable"));
                    return;
                }
            } catch (IOException | IllegalArgumentException e) {
                send(exchange, 400, error("Bad Request: callback url not verifiable"));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long id = subscriptionIds.incrementAndGet();
            subscriptions.put(id, callback);
            send(exchange, 201, json.createObjectNode().put("id", id));
        } else if (method.equals("DELETE")) {
            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            if (subscriptions.remove(id) == null) {
                send(exchange, 404, error("Record Not Found"));
                return;
            }
            exchange.sendResponseHeaders(204, -1);
        } else {
            send(exchange, 405, error("Method Not Allowed"));
        }
    }

    /**
     * Sends a webhook event to the subscribed callback, as Strava does; returns the callback's status.
     * {@code updates} is the event's {@code updates} object (e.g. {@code authorized: "false"}).
     */
    public int pushEvent(String objectType, long objectId, String aspect, long ownerId, Map<String, String> updates) {
        URI callback = subscriptions.values().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no webhook subscription"));
        ObjectNode event = json.createObjectNode()
                .put("aspect_type", aspect)
                .put("event_time", clock.instant().getEpochSecond())
                .put("object_id", objectId)
                .put("object_type", objectType)
                .put("owner_id", ownerId)
                .put("subscription_id", subscriptions.keySet().iterator().next());
        ObjectNode changes = event.putObject("updates");
        updates.forEach(changes::put);
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(callback)
                                    .header("Content-Type", "application/json")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                                            json.writeValueAsBytes(event)))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String kindOf(String path) {
        if (path.endsWith("/streams")) {
            return "streams";
        }
        if (path.equals("/api/v3/athlete/activities")) {
            return "activities";
        }
        return path.startsWith("/api/v3/activities/") ? "activity" : "other";
    }

    private void count(String kind) {
        requestsByKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Counts the request and writes the usage headers; false if it exceeds a limit (Strava still counts it). */
    private boolean meter(HttpExchange exchange, boolean read) {
        synchronized (rateLock) {
            Instant now = clock.instant();
            long window =
                    Math.floorDiv(now.getEpochSecond(), config.rateWindow().toSeconds());
            LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (window != rateWindow) {
                rateWindow = window;
                shortUsage = 0;
                readShortUsage = 0;
            }
            if (!day.equals(rateDay)) {
                rateDay = day;
                dayUsage = 0;
                readDayUsage = 0;
            }
            boolean allowed = shortUsage < config.shortLimit()
                    && dayUsage < config.dayLimit()
                    && (!read || (readShortUsage < config.readShortLimit() && readDayUsage < config.readDayLimit()));
            shortUsage++;
            dayUsage++;
            if (read) {
                readShortUsage++;
                readDayUsage++;
            }
            var headers = exchange.getResponseHeaders();
            headers.add("X-RateLimit-Limit", config.shortLimit() + "," + config.dayLimit());
            headers.add("X-RateLimit-Usage", shortUsage + "," + dayUsage);
            headers.add("X-ReadRateLimit-Limit", config.readShortLimit() + "," + config.readDayLimit());
            headers.add("X-ReadRateLimit-Usage", readShortUsage + "," + readDayUsage);
            return allowed;
        }
    }

    private Optional<Long> athleteOf(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return Optional.empty();
        }
        Token token = accessTokens.get(header.substring(7));
        if (token == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            expiredAccessUses.incrementAndGet();
            return Optional.empty();
        }
        return Optional.of(token.athleteId());
    }

    private void listActivities(HttpExchange exchange, long athlete, Map<String, String> query) throws IOException {
        int page;
        int perPage;
        try {
            page = Integer.parseInt(query.getOrDefault("page", "1"));
            perPage = Math.min(200, Integer.parseInt(query.getOrDefault("per_page", "30")));
        } catch (NumberFormatException e) {
            send(exchange, 400, error("Bad Request"));
            return;
        }
        Optional<Long> before = Optional.ofNullable(query.get("before")).map(Long::parseLong);
        Optional<Long> after = Optional.ofNullable(query.get("after")).map(Long::parseLong);
        List<FakeActivity> matching = activities.getOrDefault(athlete, List.of()).stream()
                .filter(a -> before.isEmpty() || a.startDate().getEpochSecond() < before.get())
                .filter(a -> after.isEmpty() || a.startDate().getEpochSecond() > after.get())
                // As Strava: newest first, except oldest first when only "after" is given.
                .sorted(
                        after.isPresent() && before.isEmpty()
                                ? Comparator.comparing(FakeActivity::startDate)
                                : Comparator.comparing(FakeActivity::startDate).reversed())
                .toList();
        ArrayNode body = json.createArrayNode();
        int from = Math.max(0, (page - 1) * perPage);
        for (int i = from; i < Math.min(matching.size(), from + perPage); i++) {
            body.add(activityJson(matching.get(i)));
        }
        send(exchange, 200, body);
    }

    private ObjectNode activityJson(FakeActivity a) {
        ObjectNode node = json.createObjectNode();
        node.put("resource_state", 2);
        node.putObject("athlete").put("id", 0).put("resource_state", 1);
        node.put("name", a.name());
        node.put("distance", a.distanceM());
        node.put("moving_time", a.movingSeconds());
        node.put("elapsed_time", a.elapsedSeconds());
        node.put("type", a.sportType());
        node.put("sport_type", a.sportType());
        node.put("id", a.id());
        node.put("start_date", a.startDate().toString());
        // Local time with a Z that is not UTC: the trap the importer must not fall into.
        node.put("start_date_local", a.startDate().plus(Duration.ofHours(1)).toString());
        node.put("timezone", "(GMT+01:00) Europe/Berlin");
        ArrayNode start = node.putArray("start_latlng");
        if (a.hasGps()) {
            start.add(a.startLat()).add(a.startLon());
        }
        return node;
    }

    private void streams(HttpExchange exchange, long athlete, long id) throws IOException {
        Optional<FakeActivity> found = find(athlete, id);
        if (found.isEmpty()) {
            send(exchange, 404, error("Record Not Found"));
            return;
        }
        FakeActivity a = found.get();
        ObjectNode body = json.createObjectNode();
        int samples = Math.max(2, a.elapsedSeconds() / 30);
        ArrayNode time = body.putObject("time")
                .put("series_type", "distance")
                .put("original_size", samples)
                .put("resolution", "high")
                .putArray("data");
        for (int i = 0; i < samples; i++) {
            time.add((long) i * a.elapsedSeconds() / (samples - 1));
        }
        ArrayNode distance =
                body.putObject("distance").put("series_type", "distance").putArray("data");
        for (int i = 0; i < samples; i++) {
            distance.add(a.distanceM() * i / (samples - 1));
        }
        if (a.hasGps()) {
            ArrayNode latlng =
                    body.putObject("latlng").put("series_type", "distance").putArray("data");
            ArrayNode altitude =
                    body.putObject("altitude").put("series_type", "distance").putArray("data");
            for (int i = 0; i < samples; i++) {
                latlng.addArray().add(a.startLat() + i * 0.0001).add(a.startLon() + i * 0.0001);
                altitude.add(34.0 + (i % 7));
            }
        }
        send(exchange, 200, body);
    }

    private Optional<FakeActivity> find(long athlete, long id) {
        return activities.getOrDefault(athlete, List.of()).stream()
                .filter(a -> a.id() == id)
                .findFirst();
    }

    private ObjectNode error(String message) {
        ObjectNode node = json.createObjectNode().put("message", message);
        node.putArray("errors");
        return node;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> params(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
