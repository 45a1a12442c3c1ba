// GraphQL over HTTP with one keep-alive agent, so load runs measure requests rather than TCP
// handshakes. No client library: the request is a POST of JSON, the answer JSON.
import http from 'node:http';
import { now } from './stats.mjs';

export class GraphQLHttp {
  constructor(url, token, { sockets = 64 } = {}) {
    this.url = new URL(url);
    this.token = token;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** Resolves to { status, body, ms }; never rejects on a GraphQL error, only on a network failure. */
  request(query, variables) {
    const payload = JSON.stringify({ query, variables });
    const started = now();
    return new Promise((resolve, reject) => {
      const req = http.request(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body;
          try { body = JSON.parse(text); } catch { body = { errors: [{ message: `HTTP ${res.statusCode}: ${text.slice(0, 200)}` }] }; }
          resolve({ status: res.statusCode, body, ms: now() - started });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** For setup: the data, or an exception naming what went wrong (GraphQL errors and userErrors alike). */
  async must(query, variables) {
    const { status, body } = await this.request(query, variables);
    if (status !== 200 || body.errors) throw new Error(`GraphQL request failed (${status}): ${JSON.stringify(body.errors ?? body)}`);
    for (const value of Object.values(body.data ?? {})) {
      if (value?.userErrors?.length) throw new Error(`Refused: ${JSON.stringify(value.userErrors)}`);
    }
    return body.data;
  }

  close() {
    this.agent.destroy();
  }
}

/** A failed answer: transport or GraphQL errors, or userErrors in any root field's payload. */
export function failed({ status, body }) {
  if (status !== 200 || body.errors) return true;
  return Object.values(body.data ?? {}).some((v) => v?.userErrors?.length);
}

/** GET with an optional bearer token; resolves to { status, text }. */
export function get(url, token) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}
