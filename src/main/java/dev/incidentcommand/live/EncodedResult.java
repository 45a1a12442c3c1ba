package dev.incidentcommand.live;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rendered event with its response written as JSON once, however many subscribers it goes to.
 * Its {@link #toSpecification() specification} is an {@link Encoded} map: the response as usual,
 * plus the bytes {@link EncodedMessages} copies into each subscriber's {@code next} message instead
 * of serializing the same map again for every one of them.
 */
final class EncodedResult implements ExecutionResult {

    private final ExecutionResult result;
    private final Encoded specification;

    private EncodedResult(ExecutionResult result, Encoded specification) {
        this.result = result;
        this.specification = specification;
    }

    static EncodedResult of(ExecutionResult result, JsonMapper json) {
        Map<String, Object> specification = result.toSpecification();
        return new EncodedResult(result, new Encoded(specification, json.writeValueAsBytes(specification)));
    }

    @Override
    public List<GraphQLError> getErrors() {
        return result.getErrors();
    }

    @Override
    public <T> T getData() {
        return result.getData();
    }

    @Override
    public boolean isDataPresent() {
        return result.isDataPresent();
    }

    @Override
    public Map<Object, Object> getExtensions() {
        return result.getExtensions();
    }

    @Override
    public Map<String, Object> toSpecification() {
        return specification;
    }

    /** A response map (read-only) that also carries its JSON. */
    static final class Encoded extends AbstractMap<String, Object> {

        private final Map<String, Object> specification;
        private final byte[] json;

        Encoded(Map<String, Object> specification, byte[] json) {
            this.specification = Collections.unmodifiableMap(specification);
            this.json = json;
        }

        /** The map as JSON (UTF-8); shared, never to be modified. */
        byte[] json() {
            return json;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return specification.entrySet();
        }

        @Override
        public Object get(Object key) {
            return specification.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return specification.containsKey(key);
        }

        @Override
        public int size() {
            return specification.size();
        }
    }
}
