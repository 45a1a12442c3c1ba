package dev.incidentcommand.common;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.RejectedExecutionHandlers;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.NonBlocking;
import reactor.netty.resources.LoopResources;

/**
 * Event loops that go back to their sockets after a short run of queued tasks.
 *
 * <p>Netty 4.2's loop runs the tasks queued on it for up to a second (at least 100 ms, whatever
 * its system property says) before it reads its sockets again. Every delivery to a live
 * subscriber is such a task, so with thousands of subscribers a request, or the database's
 * answer to one, could wait behind every delivery queued on its loop. These loops read their
 * sockets again after {@code taskQuantum} of tasks (Netty looks at the clock every 64 tasks); the
 * deliveries left over run right after.
 *
 * <p>Otherwise they are what {@link LoopResources#create(String, int, boolean)} makes: one set
 * for servers and clients, daemon threads that Reactor knows must not block, and client
 * connections opened on the loop of the thread that asks for them ({@link LoopResources#colocate}).
 */
final class SocketFirstLoops implements LoopResources {

    private final MultiThreadIoEventLoopGroup loops;
    private final EventLoopGroup colocated;

    SocketFirstLoops(String prefix, int count, Duration taskQuantum) {
        IoHandlerFactory io = LoopResources.hasNativeSupport() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.loops = new Group(count, new LoopThreads(prefix), io, Math.max(1, taskQuantum.toMillis()));
        this.colocated = LoopResources.colocate(loops);
    }

    // One set serves every caller, whatever transport it prefers: LoopResources picks each
    // channel's class to match the loops it is registered on.
    @Override
    public EventLoopGroup onServer(boolean useNative) {
        return loops;
    }

    @Override
    public EventLoopGroup onClient(boolean useNative) {
        return colocated;
    }

    @Override
    public boolean isDisposed() {
        return loops.isTerminated();
    }

    @Override
    public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
        return Mono.create(done -> loops
                .shutdownGracefully(quietPeriod.toMillis(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .addListener(shutDown -> done.success()));
    }

    private static final class Group extends MultiThreadIoEventLoopGroup {

        Group(int count, ThreadFactory threads, IoHandlerFactory io, long taskQuantumMillis) {
            super(count, threads, io, taskQuantumMillis);
        }

        @Override
        protected IoEventLoop newChild(Executor executor, IoHandlerFactory io, Object... args) {
            // Called from the super constructor: the quantum comes as an argument, not a field.
            return new SingleThreadIoEventLoop(this, executor, io, Integer.MAX_VALUE,
                    RejectedExecutionHandlers.reject(), (Long) args[0]);
        }
    }

    private static final class LoopThreads extends DefaultThreadFactory {

        LoopThreads(String prefix) {
            super(prefix + (LoopResources.hasNativeSupport() ? "-epoll" : "-nio"), true);
        }

        @Override
        protected Thread newThread(Runnable task, String name) {
            return new LoopThread(threadGroup, task, name);
        }
    }

    /** Reactor refuses to block on threads marked {@link NonBlocking}, as on its own loops. */
    private static final class LoopThread extends FastThreadLocalThread implements NonBlocking {

        LoopThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }
}
