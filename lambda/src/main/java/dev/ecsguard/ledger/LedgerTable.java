package dev.ecsguard.ledger;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The ledger table's shape ({@code pk} String partition key, no sort key, TTL on {@code ttl}),
 * created when missing, for a replay against an emulator ({@code --endpoint}). Deployments create
 * it with their stack; the function never creates tables.
 */
public final class LedgerTable {
    private LedgerTable() {}

    /** True when it had to be created. */
    public static boolean ensureExists(DynamoDbClient dynamo, String table) {
        try {
            dynamo.describeTable(b -> b.tableName(table));
            return false;
        } catch (ResourceNotFoundException missing) {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
            dynamo.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
            return true;
        }
    }
}
