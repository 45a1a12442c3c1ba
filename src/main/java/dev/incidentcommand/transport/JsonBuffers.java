package dev.incidentcommand.transport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper every HTTP response and WebSocket message is written with, reusing its working
 * buffers per thread.
 *
 * <p>Jackson 3's default pool of buffers does not survive how Spring's encoder uses it: the encoder
 * takes one set of buffers from the pool and never returns it, so the generator behind it finds the
 * pool empty and allocates fresh ones, about 16 KB for every message however small. At 5,000
 * WebSocket deliveries a second that was three quarters of all the memory the server allocated.
 * The server's threads are a fixed set of event loops, which is what a pool per thread suits.
 */
@Configuration(proxyBeanMethods = false)
class JsonBuffers {

    /** Replaces Spring Boot's builder (same customizers, same order) with one on a per-thread buffer pool. */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder threadBufferedJsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                .build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
