// A minimal graphql-transport-ws client over the `ws` package: one object per socket, no timers
// or buffering of its own, so ten thousand of them fit in one Node process. It speaks the same
// protocol as the graphql-ws reference client (connection_init/ack, subscribe, next, error,
// complete, ping/pong) and nothing more.
import WebSocket from 'ws';

export class LiveSocket {
  constructor(url, token) {
    this.url = url;
    this.token = token;
    this.handlers = new Map();
    this.closed = null;
  }

  /** Resolves once the server acknowledged the connection. */
  open() {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, 'graphql-transport-ws', { perMessageDeflate: false });
      this.ws = ws;
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: this.token ? { Authorization: `Bearer ${this.token}` } : {} })));
      ws.on('error', (e) => reject(e));
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        reject(new Error(`closed ${code} ${reason}`));
        for (const h of this.handlers.values()) h.onClose?.(this.closed);
      });
      ws.on('message', (raw) => {
        const message = JSON.parse(raw.toString());
        switch (message.type) {
          case 'connection_ack': resolve(this); break;
          case 'ping': ws.send('{"type":"pong"}'); break;
          case 'next': this.handlers.get(message.id)?.onNext(message.payload); break;
          case 'error': this.handlers.get(message.id)?.onError(message.payload); break;
          case 'complete': this.handlers.get(message.id)?.onComplete?.(); break;
          default: break;
        }
      });
    });
  }

  subscribe(id, query, variables, handler) {
    this.handlers.set(id, handler);
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  close() {
    if (!this.closed && this.ws) this.ws.close(1000);
  }
}
