package dev.incidentcommand.incident;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.graphql.data.ArgumentValue;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs reach handlers as the records they declare, whichever way they are bound. */
class InputBindingTest {

    enum Colour { RED, GREEN }

    record Flat(String text, Colour colour, Instant at, Integer count, Boolean flag, List<Colour> colours) {
    }

    record Impact(String id, ArgumentValue<String> summary, ArgumentValue<Colour> colour) {
    }

    private final InputBinding binding = new InputBinding();

    @Test
    void aFlatInputIsBoundFieldByFieldWithWhatIsMissingLeftNull() throws Exception {
        Instant at = Instant.parse("2026-11-29T08:00:00Z");
        Map<String, Object> input = new HashMap<>(Map.of("text", "Checkout is slow", "colour", "GREEN", "at", at,
                "colours", List.of("RED", "GREEN")));

        Object bound = binding.bind(environment(input), "input", ResolvableType.forClass(Flat.class));

        assertThat(bound).isEqualTo(new Flat("Checkout is slow", Colour.GREEN, at, null, null, List.of(Colour.RED, Colour.GREEN)));
    }

    @Test
    void aValueOfAnUnexpectedShapeIsLeftToTheGeneralBinderWhichConvertsIt() throws Exception {
        Map<String, Object> input = new HashMap<>(Map.of("text", "x", "count", "7"));

        Object bound = binding.bind(environment(input), "input", ResolvableType.forClass(Flat.class));

        assertThat(((Flat) bound).count()).isEqualTo(7);
    }

    @Test
    void anInputThatTellsOmittedFromNullKeepsTheDifference() throws Exception {
        Map<String, Object> input = new HashMap<>();
        input.put("id", "INC-1");
        input.put("summary", null);

        Impact bound = (Impact) binding.bind(environment(input), "input", ResolvableType.forClass(Impact.class));

        assertThat(bound.id()).isEqualTo("INC-1");
        assertThat(bound.summary().isPresent()).isFalse();
        assertThat(bound.summary().isOmitted()).isFalse();
        assertThat(bound.colour().isOmitted()).isTrue();
    }

    @Test
    void aListWithANullInItIsLeftToTheGeneralBinder() throws Exception {
        Map<String, Object> input = new HashMap<>(Map.of("text", "x"));
        input.put("colours", Arrays.asList("RED", null));

        Object bound = binding.bind(environment(input), "input", ResolvableType.forClass(Flat.class));

        assertThat(((Flat) bound).colours()).containsExactly(Colour.RED, null);
    }

    @Test
    void anOptionalInputObjectLeftOutIsNull() throws Exception {
        assertThat(binding.bind(environment(null), "input", ResolvableType.forClass(Flat.class))).isNull();
    }

    private static DataFetchingEnvironment environment(Map<String, Object> input) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("input", input);
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().arguments(arguments).build();
    }
}
