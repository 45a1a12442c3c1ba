/**
 * A small client for the graphql-transport-ws protocol, built to stay connected: it reconnects
 * with backoff whenever the socket drops and subscribes again to everything still wanted.
 *
 * A subscription's request may be a function; it is called on every (re)subscribe, so a stream
 * that can resume (e.g. from the last sequence seen) asks for exactly what it is missing.
 */

/** How long a silent socket is trusted. The server pings every 15 s; two missed pings mean it is gone. */
const SILENCE_LIMIT_MS = 40_000;

/** 0.5 s, 1 s, 2 s, 4 s, then every 8 s, each spread by ±25% so many boards do not return at once. */
export function backoff(attempt) {
  const base = Math.min(8_000, 500 * 2 ** attempt);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * @param {object} options
 * @param {string} options.url                ws:// or wss:// address of the GraphQL endpoint
 * @param {() => object} options.connectionParams  payload of connection_init, asked for on every connect
 * @param {(state: ConnectionState) => void} options.onState  told about every change of connection state
 * @param {(attempt: number) => number} [options.retryDelay]  milliseconds to wait before attempt n (0-based)
 *
 * @typedef {{ phase: 'connecting' } | { phase: 'connected', reconnected: boolean }
 *   | { phase: 'reconnecting', attempt: number, retryAt: number, reason: string }
 *   | { phase: 'signed-out', reason: string }} ConnectionState
 */
/** Close codes of graphql-transport-ws that mean "not with this credential". */
const REFUSED = [4401, 4403];

export function createClient({ url, connectionParams, onState, retryDelay = backoff }) {
  const subscriptions = new Map();
  let socket = null;
  let acknowledged = false;
  let everConnected = false;
  let failures = 0;
  let retryTimer = null;
  let silenceTimer = null;
  let nextId = 1;

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (!everConnected) {
      onState({ phase: 'connecting' });
    }
    const ws = new WebSocket(url, 'graphql-transport-ws');
    let opened = false;
    socket = ws;
    ws.onopen = () => {
      opened = true;
      expectTraffic();
      send({ type: 'connection_init', payload: connectionParams() });
    };
    ws.onmessage = (event) => receive(JSON.parse(event.data));
    ws.onclose = (event) => (REFUSED.includes(event.code) ? refused(event.reason) : dropped(describeClose(event, opened)));
    // An error is always followed by a close, which does the work.
    ws.onerror = () => {};
  }

  function receive(message) {
    expectTraffic();
    switch (message.type) {
      case 'connection_ack':
        acknowledged = true;
        failures = 0;
        for (const [id, subscription] of subscriptions) {
          sendSubscribe(id, subscription);
        }
        onState({ phase: 'connected', reconnected: everConnected });
        everConnected = true;
        break;
      case 'ping':
        send({ type: 'pong' });
        break;
      case 'next':
        subscriptions.get(message.id)?.sink.next(message.payload);
        break;
      case 'error':
        finish(message.id)?.sink.error(message.payload);
        break;
      case 'complete':
        finish(message.id)?.sink.complete();
        break;
      default:
        break;
    }
  }

  /** The server refused the credential (4401) or its role (4403): trying again would not help. */
  function refused(reason) {
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
    }
    socket = null;
    acknowledged = false;
    clearTimeout(silenceTimer);
    onState({ phase: 'signed-out', reason: reason || 'The server did not accept this sign-in.' });
  }

  /** The socket is gone: forget it and try again after a pause. */
  function dropped(reason) {
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
    }
    socket = null;
    acknowledged = false;
    clearTimeout(silenceTimer);
    const delay = retryDelay(failures);
    onState({ phase: 'reconnecting', attempt: failures + 1, retryAt: Date.now() + delay, reason });
    failures += 1;
    retryTimer = setTimeout(connect, delay);
  }

  /** A socket can die without a close (a sleeping laptop, a dropped route): notice the silence. */
  function expectTraffic() {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => {
      const silent = socket;
      dropped('no message from the server for ' + SILENCE_LIMIT_MS / 1000 + ' s');
      silent?.close(4000, 'silent');
    }, SILENCE_LIMIT_MS);
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function sendSubscribe(id, subscription) {
    const request = typeof subscription.request === 'function' ? subscription.request() : subscription.request;
    send({ id, type: 'subscribe', payload: request });
  }

  function finish(id) {
    const subscription = subscriptions.get(id);
    subscriptions.delete(id);
    return subscription;
  }

  /** Why the socket closed, in words for the people watching the board. */
  function describeClose(event, opened) {
    if (!opened) {
      return 'cannot reach the server';
    }
    if (event.code === 1001) {
      return 'the server is restarting';
    }
    if (event.code === 1006) {
      return 'connection lost';
    }
    return `closed by the server (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
  }

  if (typeof window !== 'undefined') {
    // Coming back online is worth trying at once rather than at the end of a long pause.
    window.addEventListener('online', () => {
      if (retryTimer) {
        connect();
      }
    });
  }

  connect();

  return {
    /**
     * Subscribes until unsubscribed; survives reconnects. The sink gets `next(result)` with each
     * `{ data, errors }`, then at most one of `error(errors)` or `complete()`.
     * @returns {() => void} unsubscribe
     */
    subscribe(request, sink) {
      const id = String(nextId++);
      const subscription = { request, sink };
      subscriptions.set(id, subscription);
      if (acknowledged) {
        sendSubscribe(id, subscription);
      }
      return () => {
        if (subscriptions.delete(id) && acknowledged) {
          send({ id, type: 'complete' });
        }
      };
    },
  };
}
