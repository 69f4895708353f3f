package dev.ecsguard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The real moto_server: one shared process, reset between tests, reachable only on loopback. */
@ExtendWith(MotoServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotoServerResetTest {
    private static MotoServer first;

    @Test
    @Order(1)
    void createsACluster(MotoServer server, AwsBackend aws) {
        first = server;
        assertTrue(server.isAlive());
        assertEquals("127.0.0.1", aws.endpoint().getHost());
        assertEquals(AwsBackend.REGION, aws.region());
        try (EcsClient ecs = aws.ecs()) {
            ecs.createCluster(r -> r.clusterName("left-behind"));
            assertEquals(1, ecs.listClusters().clusterArns().size());
        }
    }

    @Test
    @Order(2)
    void nextTestStartsFromAnEmptyAccountOnTheSameServer(MotoServer server, AwsBackend aws) {
        assertTrue(first == null || first == server, "one moto_server per test run");
        try (EcsClient ecs = aws.ecs()) {
            assertEquals(0, ecs.listClusters().clusterArns().size());
        }
        assertTrue(server.log().toFile().length() > 0, "server output is captured in " + server.log());
    }
}
