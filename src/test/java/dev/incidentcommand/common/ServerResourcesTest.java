package dev.incidentcommand.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.StreamSupport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import reactor.netty.resources.LoopResources;

class ServerResourcesTest {

    private static final Duration MILLISECOND = Duration.ofMillis(1);

    /** The native transport ships for Linux on x86-64; if it stopped loading, every socket would fall back to NIO unnoticed. */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void onLinuxTheServersAndTheDatabasesSocketsRunOnEpoll() {
        EventLoops loops = new ServerResources().eventLoops(0, MILLISECOND);
        try {
            LoopResources resources = loops.resources();
            EventLoopGroup server = resources.onServer(true);
            EventLoopGroup client = resources.onClient(true);
            assertThat(resources.onChannelClass(ServerSocketChannel.class, server).getSimpleName())
                    .isEqualTo("EpollServerSocketChannel");
            assertThat(resources.onChannelClass(SocketChannel.class, client).getSimpleName())
                    .isEqualTo("EpollSocketChannel");
        } finally {
            loops.destroy();
        }
    }

    @Test
    void oneLoopPerCoreUnlessConfigured() {
        assertThat(loopsOf(new ServerResources().eventLoops(0, MILLISECOND))).isEqualTo((long) Runtime.getRuntime().availableProcessors());
        assertThat(loopsOf(new ServerResources().eventLoops(3, MILLISECOND))).isEqualTo(3L);
        assertThatIllegalArgumentException().isThrownBy(() -> new ServerResources().eventLoops(-1, MILLISECOND))
                .withMessageContaining("incident-command.event-loops");
    }

    @Test
    void aTaskQuantumUnderAMillisecondIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ServerResources().eventLoops(0, Duration.ZERO))
                .withMessageContaining("incident-command.event-loop-task-quantum");
    }

    private static long loopsOf(EventLoops loops) {
        try {
            return StreamSupport.stream(loops.resources().onServer(true).spliterator(), false).count();
        } finally {
            loops.destroy();
        }
    }
}
