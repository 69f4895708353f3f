package dev.ecsguard.alert;

import java.util.Map;

/**
 * One SNS alert, ready to publish with {@code MessageStructure: json}.
 *
 * @param subject under 100 ASCII characters, one line
 * @param email the readable text for email subscribers
 * @param json the record for every other protocol ({@code default}, {@code sqs}, {@code https}, {@code lambda})
 * @param attributes String message attributes for subscription filter policies: {@code severity},
 *     {@code rule}, {@code action}, {@code account}, {@code mode}, {@code decision}
 */
public record Alert(String subject, String email, String json, Map<String, String> attributes) {
    public Alert {
        attributes = Map.copyOf(attributes);
    }
}
