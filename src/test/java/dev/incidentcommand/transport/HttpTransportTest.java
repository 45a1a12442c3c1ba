package dev.incidentcommand.transport;

import dev.incidentcommand.support.IntegrationTest;
import dev.incidentcommand.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The GraphQL-over-HTTP contract, and that broken requests get clear errors and never internals. */
class HttpTransportTest extends IntegrationTest {

    private static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

    private String post(String body, MediaType accept, int expectedStatus, String actor) {
        var request = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).accept(accept);
        if (actor != null) {
            request = request.header("Authorization", "Bearer " + Tokens.jwt(actor, "RESPONDER"));
        }
        String response = request.bodyValue(body).exchange()
                .expectStatus().isEqualTo(expectedStatus)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(response).doesNotContain("Exception").doesNotContain("dev.incidentcommand").doesNotContain("\tat ");
        return response;
    }

    @Test
    void queriesWorkWithBothResponseMediaTypes() {
        String viewer = "Bearer " + Tokens.jwt("wallboard", "VIEWER");
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).accept(GRAPHQL_RESPONSE).header("Authorization", viewer)
                .bodyValue("{\"query\":\"{ incidents(first: 1) { totalCount } }\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(GRAPHQL_RESPONSE)
                .expectBody().jsonPath("$.data.incidents.totalCount").isNumber();
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).header("Authorization", viewer)
                .bodyValue("{\"query\":\"{ incidents(first: 1) { totalCount } }\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }

    @Test
    void malformedDocumentIsABadRequestThatSaysWhere() {
        String response = post("{\"query\":\"{ incidents(first: 1) { totalCount \"}", GRAPHQL_RESPONSE, 400, "alice");
        assertThat(response).contains("Invalid syntax").contains("line 1");
    }

    @Test
    void unknownFieldAndWrongTypesAreNamed() {
        assertThat(post("{\"query\":\"{ incident(id: \\\"INC-1\\\") { nope } }\"}", GRAPHQL_RESPONSE, 400, "alice"))
                .contains("Field 'nope' in type 'Incident' is undefined");
        assertThat(post("{\"query\":\"mutation { declareIncident(input: {title: \\\"x\\\", severity: SEV9}) { incident { key } } }\"}",
                GRAPHQL_RESPONSE, 400, "alice"))
                .contains("SEV9");
        assertThat(post("{\"query\":\"mutation($i: DeclareIncidentInput!) { declareIncident(input: $i) { incident { key } } }\","
                        + "\"variables\": {\"i\": {\"title\": \"x\", \"severity\": \"SEV2\", \"detectedAt\": \"yesterday\"}}}",
                GRAPHQL_RESPONSE, 400, "alice"))
                .contains("'yesterday' is not an ISO-8601 date-time");
        assertThat(post("{\"query\":\"mutation($i: DeclareIncidentInput!) { declareIncident(input: $i) { incident { key } } }\","
                        + "\"variables\": {\"i\": {\"severity\": \"SEV2\"}}}",
                GRAPHQL_RESPONSE, 400, "alice"))
                .contains("title");
    }

    @Test
    void withoutACredentialTheAnswerIs401SayingWhatToSend() {
        String response = post("{\"query\":\"mutation { declareIncident(input: {title: \\\"x\\\", severity: SEV2}) { incident { key } } }\"}",
                MediaType.APPLICATION_JSON, 401, null);
        assertThat(response).contains("Authorization: Bearer").contains("UNAUTHORIZED");
    }

    @Test
    void aCredentialWithAControlCharacterIsRefusedAsABadRequest() {
        // U+0085 (next line) passes HTTP's own parsing; the firewall refuses it when the credential is read.
        http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + Tokens.jwt("alice", "RESPONDER") + "\u0085")
                .bodyValue("{\"query\":\"{ incidents(first: 1) { totalCount } }\"}")
                .exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void printedSchemaAndGraphiqlAreServed() {
        http().get().uri("/graphql/schema").header("Authorization", "Bearer " + Tokens.jwt("reader", "VIEWER")).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(schema -> assertThat(schema)
                        .contains("type Incident")
                        .contains("declareIncident(input: DeclareIncidentInput!): DeclareIncidentPayload!"));
        http().get().uri("/graphiql?path=/graphql").exchange().expectStatus().isOk();
    }
}
