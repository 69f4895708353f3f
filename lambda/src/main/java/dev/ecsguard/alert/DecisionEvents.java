package dev.ecsguard.alert;

import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.log.DecisionJson;
import dev.ecsguard.log.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * One EventBridge event per decision that has a violation or an action, on {@code EVENT_BUS_NAME}:
 * {@code source} {@code ecs-guard}, {@code detail-type} {@code ecs-guard Decision}, {@code detail}
 * the decision record, {@code resources} the ARNs it is about.
 */
public final class DecisionEvents {
    public static final String SOURCE = "ecs-guard";
    public static final String DETAIL_TYPE = "ecs-guard Decision";

    private final EventBridgeClient events;
    private final String busName;

    public DecisionEvents(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    /** The event's ID. */
    public String put(DecisionRecord record) throws SdkException {
        Map<String, Object> detail = DecisionJson.fields(record);
        List<String> resources = new ArrayList<>();
        if (record.resource() != null && record.resource().startsWith("arn:")) {
            resources.add(record.resource());
        }
        for (var a : record.actionsTaken()) {
            if (a.resource() != null && a.resource().startsWith("arn:") && !resources.contains(a.resource())) {
                resources.add(a.resource());
            }
        }
        PutEventsResponse r = events.putEvents(b -> b.entries(e -> e.eventBusName(busName).source(SOURCE)
                .detailType(DETAIL_TYPE).detail(JsonText.of(detail)).resources(resources)));
        PutEventsResultEntry entry = r.entries().isEmpty() ? null : r.entries().get(0);
        if (r.failedEntryCount() != null && r.failedEntryCount() > 0 || entry == null || entry.errorCode() != null) {
            throw SdkClientException.create("PutEvents rejected the event: "
                    + (entry == null ? "no result entry" : entry.errorCode() + " " + entry.errorMessage()));
        }
        return entry.eventId();
    }
}
