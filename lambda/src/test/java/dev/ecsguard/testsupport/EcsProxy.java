package dev.ecsguard.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.ecsguard.aws.ClientFactory;
import java.net.URI;
import java.util.Optional;

/**
 * WireMock on a free loopback port in front of an emulator: every request is proxied to the
 * emulator, except the ECS calls a test answers itself, because the emulator lacks them
 * (DescribeServiceRevisions: neither moto nor LocalStack has it) or because they must fail
 * (a throttled call). ECS calls are told apart by their {@code X-Amz-Target} header. Clients
 * built with {@link #clientFactory()} or through {@link #backend()} talk to the proxy, so
 * everything else a test reads back really comes from the emulator.
 */
public final class EcsProxy implements AutoCloseable {
    public static final String ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
    public static final String THROTTLED = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
    static final String JSON_11 = "application/x-amz-json-1.1";

    private final AwsBackend emulator;
    private final WireMockServer wm;

    private EcsProxy(AwsBackend emulator) {
        this.emulator = emulator;
        this.wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wm.start();
        wm.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(emulator.endpoint().toString())));
    }

    /** A proxy that forwards everything to {@code emulator} until told otherwise. */
    public static EcsProxy inFrontOf(AwsBackend emulator) {
        return new EcsProxy(emulator);
    }

    private static MappingBuilder call(String ecsCall) {
        return post(anyUrl()).withHeader("X-Amz-Target", equalTo(ECS_TARGET + ecsCall));
    }

    /** {@code ecsCall} answers {@code status} with {@code body} (ECS's JSON protocol), whatever is asked. */
    public EcsProxy answer(String ecsCall, int status, String body) {
        wm.stubFor(call(ecsCall).atPriority(3).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", JSON_11).withBody(body)));
        return this;
    }

    /** {@code ecsCall} answers 200 with {@code body} when its request names {@code requestContains} (an ARN). */
    public EcsProxy answerWhenAsked(String ecsCall, String requestContains, String body) {
        wm.stubFor(call(ecsCall).withRequestBody(containing(requestContains)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON_11).withBody(body)));
        return this;
    }

    /** {@code ecsCall} fails with ECS's ThrottlingException (the SDK retries it, then gives up). */
    public EcsProxy throttle(String ecsCall) {
        wm.stubFor(call(ecsCall).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", JSON_11).withBody(THROTTLED)));
        return this;
    }

    /** How many times {@code ecsCall} reached the proxy. */
    public int calls(String ecsCall) {
        return wm.findAll(postRequestedFor(anyUrl()).withHeader("X-Amz-Target", equalTo(ECS_TARGET + ecsCall))).size();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + wm.port());
    }

    /** The function's client factory, on the proxy. */
    public ClientFactory clientFactory() {
        return new ClientFactory(Optional.of(endpoint()), emulator.region(), emulator.credentials());
    }

    /** The emulator's backend as seen through the proxy (its credentials and region). */
    public AwsBackend backend() {
        return new AwsBackend(emulator.kind(), endpoint(), emulator.region(), emulator.credentials(), emulator.unavailableServices());
    }

    @Override
    public void close() {
        wm.stop();
    }
}
