package dev.incidentcommand.people;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.incidentcommand.common.Shortcut;
import graphql.execution.MergedField;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a responder field is answered from memory, and when it must still be read. */
class ResponderIdentitiesTest {

    record Assigned(long assigneeId) {
    }

    private final ResponderIdentities identities = new ResponderIdentities();
    private final Shortcut assignee = identities.byId("Task.assignee", Assigned::assigneeId);

    @Test
    void aKnownResponderAskedOnlyWhoTheyAreIsAnsweredFromMemory() {
        identities.remember(new Responder(7, "mo", "Mo Reyes", Instant.EPOCH));

        assertThat(assignee.answer(fetching(7, "{ task { assignee { handle } } }")))
                .isEqualTo(new ResponderIdentities.Identity(7, "mo"));
        assertThat(assignee.answer(fetching(7, "{ task { assignee { id handle __typename } } }")))
                .isEqualTo(new ResponderIdentities.Identity(7, "mo"));
        assertThat(assignee.answer(fetching(7, "{ task { assignee { ...Who } } } fragment Who on Responder { handle }")))
                .isEqualTo(new ResponderIdentities.Identity(7, "mo"));
    }

    @Test
    void aNameOrAnUnknownResponderIsRead() {
        identities.remember(new Responder(7, "mo", "Mo Reyes", Instant.EPOCH));

        assertThat(assignee.answer(fetching(7, "{ task { assignee { handle name } } }"))).isNull();
        assertThat(assignee.answer(fetching(7, "{ task { assignee { ...Who } } } fragment Who on Responder { name }"))).isNull();
        assertThat(assignee.answer(fetching(7, "{ task { assignee { ... on Responder { handle name } } } }"))).isNull();
        assertThat(assignee.answer(fetching(8, "{ task { assignee { handle } } }"))).isNull();
    }

    /** Fetching {@code assignee} of a task assigned to {@code responderId}, as {@code query} asks it. */
    private static DataFetchingEnvironment fetching(long responderId, String query) {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        Field task = (Field) operation.getSelectionSet().getSelections().get(0);
        Field assignee = (Field) task.getSelectionSet().getSelections().get(0);
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, Function.identity()));
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .source(new Assigned(responderId))
                .mergedField(MergedField.newMergedField(assignee).build())
                .fragmentsByName(fragments)
                .build();
    }
}
