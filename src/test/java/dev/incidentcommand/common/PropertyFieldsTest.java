package dev.incidentcommand.common;

import java.util.List;
import java.util.Map;

import dev.incidentcommand.support.Fetchers;
import dev.incidentcommand.support.IntegrationTest;
import graphql.Scalars;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;

import static dev.incidentcommand.support.Api.createTask;
import static dev.incidentcommand.support.Api.declareCommandedBy;
import static dev.incidentcommand.support.Api.mutate;
import static org.assertj.core.api.Assertions.assertThat;

class PropertyFieldsTest extends IntegrationTest {

    @Autowired
    GraphQlSource graphQlSource;

    /** Enums read from rows, taken as arguments and written back, as a board and a script see them. */
    @Test
    void enumsReadFromRowsAreWrittenByName() {
        GraphQlTester alice = as("alice");
        String key = declareCommandedBy(alice, "Webhooks delayed", "SEV3", "enum-olga");
        createTask(as("enum-olga"), key, "INFORMATION_GATHERING", "Check the sender queue", "enum-pat");
        mutate(as("enum-olga"), "changeSeverity", Map.of("incidentId", key, "severity", "SEV2", "reason", "Every customer webhook is late"), "incident { severity }")
                .path("changeSeverity.incident.severity").entity(String.class).isEqualTo("SEV2");

        GraphQlTester.Response answer = alice.document("""
                        query($key: ID!) { incident(id: $key) { severity status tasks { kind status } } }""")
                .variable("key", key).execute();
        answer.path("incident.severity").entity(String.class).isEqualTo("SEV2");
        answer.path("incident.status").entity(String.class).isEqualTo("DECLARED");
        answer.path("incident.tasks[0].kind").entity(String.class).isEqualTo("INFORMATION_GATHERING");
        answer.path("incident.tasks[0].status").entity(String.class).isEqualTo("ASSIGNED");
    }

    /** Properties of records, of the connection's edges and page (classes with getters), as a board pages through them. */
    @Test
    void propertiesOfRecordsEdgesAndPagesReadAsBefore() {
        GraphQlTester alice = as("alice");
        declareCommandedBy(alice, "Search is slow", "SEV3", "prop-olga");
        String key = declareCommandedBy(alice, "Checkout returns 502", "SEV2", "prop-olga");
        createTask(as("prop-olga"), key, "COORDINATION", "Run the call", "prop-pat");
        GraphQlTester.Response answer = alice.document("""
                        query($key: ID!) {
                          incident(id: $key) { key title tasks { title } }
                          incidents(first: 1) { edges { cursor node { key } } pageInfo { hasNextPage endCursor } }
                        }""")
                .variable("key", key).execute();
        answer.path("incident.key").entity(String.class).isEqualTo(key);
        answer.path("incident.title").entity(String.class).isEqualTo("Checkout returns 502");
        answer.path("incident.tasks[0].title").entity(String.class).isEqualTo("Run the call");
        answer.path("incidents.edges[0].cursor").entity(String.class).satisfies(cursor -> assertThat(cursor).isNotBlank());
        answer.path("incidents.edges[0].node.key").entity(String.class).satisfies(found -> assertThat(found).startsWith("INC-"));
        answer.path("incidents.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        answer.path("incidents.pageInfo.endCursor").entity(String.class)
                .isEqualTo(answer.path("incidents.edges[0].cursor").entity(String.class).get());
    }

    /** Guards the saving: fields without a mapping of their own read directly, enums by name. */
    @Test
    void fieldsLeftToPropertyFetchingReadDirectly() {
        GraphQLSchema schema = graphQlSource.schema();
        for (String field : List.of("Incident.severity", "Incident.status", "Task.status", "TimelineEvent.kind")) {
            assertThat(Fetchers.of(schema, field)).as(field).isInstanceOfSatisfying(PropertyFields.Property.class,
                    property -> assertThat(property.answersEnumNames()).isTrue());
        }
        for (String field : List.of("Incident.title", "Task.title")) {
            assertThat(Fetchers.of(schema, field)).as(field).isInstanceOfSatisfying(PropertyFields.Property.class,
                    property -> assertThat(property.answersEnumNames()).isFalse());
        }
    }

    record Row(String title, Level level) {
        public String heading() {
            return title.toUpperCase();
        }
    }

    enum Level { HIGH }

    public static final class Bean {
        public String getTitle() {
            return "from a getter";
        }

        public boolean isOpen() {
            return true;
        }
    }

    public static final class Plain {
        public final String title = "from a public field";
    }

    private static final GraphQLFieldDefinition FIELD = GraphQLFieldDefinition.newFieldDefinition()
            .name("title").type(Scalars.GraphQLString).build();

    private static Object read(PropertyFields.Property property, Object source) throws Exception {
        return property.get(FIELD, source, () -> {
            throw new AssertionError("no environment is needed to read a property");
        });
    }

    @Test
    void readsRecordsGettersMapsAndLeavesTheRestToGraphqlJava() throws Exception {
        PropertyFields.Property title = new PropertyFields.Property("title", false);
        assertThat(read(title, new Row("from a record", Level.HIGH))).isEqualTo("from a record");
        assertThat(read(title, new Bean())).isEqualTo("from a getter");
        assertThat(read(title, Map.of("title", "from a map"))).isEqualTo("from a map");
        // A public field is graphql-java's to read; so is a class without the property (null).
        assertThat(read(title, new Plain())).isEqualTo("from a public field");
        assertThat(read(title, new Object())).isNull();
        // The class changes from source to source: each read from its own class.
        assertThat(read(title, new Row("again a record", Level.HIGH))).isEqualTo("again a record");
        assertThat(read(title, null)).isNull();

        // Records and getters are read by a function of their own; the rest is graphql-java's.
        assertThat(PropertyFields.Reader.of(Row.class, "title").method()).isNotNull();
        assertThat(PropertyFields.Reader.of(Row.class, "heading").method()).isNotNull();
        assertThat(PropertyFields.Reader.of(Bean.class, "title").method()).isNotNull();
        assertThat(PropertyFields.Reader.of(Plain.class, "title").method()).isNull();
        assertThat(PropertyFields.Reader.of(Object.class, "title").method()).isNull();

        assertThat(read(new PropertyFields.Property("open", false), new Bean())).isEqualTo(true);
        assertThat(read(new PropertyFields.Property("heading", false), new Row("t", Level.HIGH))).isEqualTo("T");
        assertThat(read(new PropertyFields.Property("level", true), new Row("t", Level.HIGH))).isEqualTo("HIGH");
        assertThat(read(new PropertyFields.Property("level", false), new Row("t", Level.HIGH))).isEqualTo(Level.HIGH);
    }
}
