package dev.ecsguard.alert;

import dev.ecsguard.log.JsonText;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to the SNS topic ({@code ALERT_TOPIC_ARN}): one Publish with
 * {@code MessageStructure: json}, {@code email} the readable text and {@code default},
 * {@code sqs}, {@code https}, {@code lambda} the JSON record, and String message attributes.
 */
public final class SnsAlerts {
    private final SnsClient sns;
    private final String topicArn;

    public SnsAlerts(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    public String topicArn() {
        return topicArn;
    }

    /** The message ID. */
    public String publish(Alert alert) throws SdkException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("default", alert.json());
        body.put("email", alert.email());
        body.put("sqs", alert.json());
        body.put("https", alert.json());
        body.put("lambda", alert.json());
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        alert.attributes().forEach((k, v) -> attributes.put(k,
                MessageAttributeValue.builder().dataType("String").stringValue(v.isEmpty() ? "unknown" : v).build()));
        return sns.publish(b -> b.topicArn(topicArn).subject(alert.subject()).messageStructure("json")
                .message(JsonText.of(body)).messageAttributes(attributes)).messageId();
    }
}
