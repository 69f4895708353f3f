package dev.ecsguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to moto's own control API ({@code /moto-api/...}) on a running moto_server. */
public final class MotoApi {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    private MotoApi() {}

    /** True when {@code GET /moto-api/} answers 200 right now. */
    public static boolean isReady(URI endpoint) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code POST /moto-api/reset}: drops every resource of every service. */
    public static void reset(URI endpoint) {
        post(endpoint, "/moto-api/reset", "");
    }

    /**
     * {@code POST /moto-api/state-manager/set-transition} with a manual progression: the model
     * (e.g. {@code ecs::task}) advances its status only after {@code times} reads.
     */
    public static void setManualTransition(URI endpoint, String modelName, int times) {
        post(endpoint, "/moto-api/state-manager/set-transition",
                "{\"model_name\":\"" + modelName + "\",\"transition\":{\"progression\":\"manual\",\"times\":"
                        + times + "}}");
    }

    /** {@code POST /moto-api/state-manager/unset-transition}: back to the model's default progression. */
    public static void unsetTransition(URI endpoint, String modelName) {
        post(endpoint, "/moto-api/state-manager/unset-transition", "{\"model_name\":\"" + modelName + "\"}");
    }

    private static void post(URI endpoint, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " -> HTTP " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + endpoint.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + path, e);
        }
    }
}
