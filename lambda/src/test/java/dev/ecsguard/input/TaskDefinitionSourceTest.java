package dev.ecsguard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ecsguard.rego.value.Json;
import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.MotoServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/** The right revision: a family alone is its latest ACTIVE revision; a reference is answered in its own account and region. */
@ExtendWith(MotoServerExtension.class)
class TaskDefinitionSourceTest {
    @TempDir
    Path dir;

    static String arnOf(TaskDefinitionLookup l) {
        return Json.toJava(((TaskDefinitionLookup.Found) l).taskDefinition().get("taskDefinitionArn")).toString();
    }

    @Test
    void ecsFamilyAloneIsTheLatestActiveRevision(AwsBackend aws) {
        try (EcsClient ecs = aws.ecs()) {
            String[] arns = new String[3];
            for (int i = 0; i < 3; i++) {
                arns[i] = ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(ContainerDefinition.builder()
                        .name("app").image("nginx").memory(128).build())).taskDefinition().taskDefinitionArn();
            }
            ecs.registerTaskDefinition(r -> r.family("web-canary").containerDefinitions(ContainerDefinition.builder()
                    .name("app").image("nginx").memory(128).build()));
            ecs.deregisterTaskDefinition(r -> r.taskDefinition(arns[2]));
            EcsTaskDefinitionSource source = new EcsTaskDefinitionSource(ecs);
            assertEquals(arns[1], arnOf(source.lookup(new TaskDefinitionReference("web", "123456789012", "us-east-1"))),
                    "never the deregistered web:3, nor web-canary");
            assertEquals(arns[2], arnOf(source.lookup(new TaskDefinitionReference("web:3", "123456789012", "us-east-1"))),
                    "a named revision is that revision, INACTIVE or not");
            ecs.deregisterTaskDefinition(r -> r.taskDefinition(arns[0]));
            ecs.deregisterTaskDefinition(r -> r.taskDefinition(arns[1]));
            assertInstanceOf(TaskDefinitionLookup.Missing.class, source.lookup(new TaskDefinitionReference("web", null, null)));
        }
    }

    @Test
    void filesAnswerOnlyTheirOwnAccountAndRegionAndTheLatestActiveRevision() throws IOException {
        write("a.json", "arn:aws:ecs:us-east-1:111122223333:task-definition/web:12", "ACTIVE");
        write("b.json", "arn:aws:ecs:eu-west-1:444455556666:task-definition/web:12", "ACTIVE");
        write("c.json", "arn:aws:ecs:us-east-1:111122223333:task-definition/web:13", "INACTIVE");
        DirectoryTaskDefinitionSource source = new DirectoryTaskDefinitionSource(List.of(dir));
        assertEquals("arn:aws:ecs:us-east-1:111122223333:task-definition/web:12",
                arnOf(source.lookup(new TaskDefinitionReference("web:12", "111122223333", "us-east-1"))));
        assertEquals("arn:aws:ecs:eu-west-1:444455556666:task-definition/web:12",
                arnOf(source.lookup(new TaskDefinitionReference("web:12", "444455556666", "eu-west-1"))));
        assertInstanceOf(TaskDefinitionLookup.Missing.class,
                source.lookup(new TaskDefinitionReference("arn:aws:ecs:us-west-2:111122223333:task-definition/web:12", null, null)),
                "same family:revision, another region: another task definition");
        assertInstanceOf(TaskDefinitionLookup.Missing.class,
                source.lookup(new TaskDefinitionReference("web:12", "999999999999", "us-east-1")));
        assertEquals("arn:aws:ecs:us-east-1:111122223333:task-definition/web:12",
                arnOf(source.lookup(new TaskDefinitionReference("web", "111122223333", "us-east-1"))), "web:13 is INACTIVE");
    }

    private void write(String name, String arn, String status) throws IOException {
        String family = "web";
        long revision = Long.parseLong(arn.substring(arn.lastIndexOf(':') + 1));
        Files.writeString(dir.resolve(name), """
                {"taskDefinition": {"taskDefinitionArn": "%s", "family": "%s", "revision": %d, "status": "%s",
                 "containerDefinitions": [{"name": "app", "image": "nginx"}]}}
                """.formatted(arn, family, revision, status));
    }
}
