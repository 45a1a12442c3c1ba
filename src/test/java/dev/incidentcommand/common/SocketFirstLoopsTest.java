package dev.incidentcommand.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

class SocketFirstLoopsTest {

    /** A second of queued work: 2,000 tasks of half a millisecond, about what 20,000 deliveries take. */
    private static final int BACKLOG = 2_000;
    private static final long TASK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final LoopResources loops = new SocketFirstLoops("socket-first-test", 1, Duration.ofMillis(1));

    @AfterEach
    void shutDown() {
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(6));
    }

    /**
     * What a request on a busy loop sees: its bytes are read while most of the backlog queued ahead
     * of it still waits. Netty's own loops run up to a second of tasks first, this whole backlog.
     */
    @Test
    void aLoopBusyWithQueuedTasksStillReadsItsSocketsWithinMilliseconds() throws Exception {
        EventLoopGroup group = loops.onServer(true);
        AtomicInteger tasksRun = new AtomicInteger();
        CompletableFuture<Integer> tasksRunWhenRead = new CompletableFuture<>();
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(loops.onChannelClass(ServerSocketChannel.class, group))
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext context, Object message) {
                        ReferenceCountUtil.release(message);
                        tasksRunWhenRead.complete(tasksRun.get());
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();

        EventLoop loop = group.next();
        for (int i = 0; i < BACKLOG; i++) {
            loop.execute(() -> {
                long end = System.nanoTime() + TASK_NANOS;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                tasksRun.incrementAndGet();
            });
        }
        try (Socket client = new Socket()) {
            client.connect((InetSocketAddress) server.localAddress());
            OutputStream out = client.getOutputStream();
            out.write('x');
            out.flush();
            assertThat(tasksRunWhenRead.get(10, TimeUnit.SECONDS)).isLessThan(BACKLOG / 4);
        } finally {
            server.close().sync();
        }
    }

    /** Reactor then refuses block() on them, as on its own loops, instead of stalling every socket of the loop. */
    @Test
    void theLoopsAreThreadsReactorKnowsMustNotBlock() throws Exception {
        EventLoop loop = loops.onServer(true).next();
        assertThat(loop.submit(Schedulers::isInNonBlockingThread).get(5, TimeUnit.SECONDS)).isTrue();
    }
}
