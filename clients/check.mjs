// Drives a running server with the GraphQL ecosystem's own clients, as third-party tooling would:
// the graphql-http audit of GraphQL over HTTP, the graphql-ws and graphql-sse reference clients, and
// urql with automatic persisted queries over GET. Prints one line per check and exits non-zero when
// any fails.
//
//   node check.mjs http://localhost:8080 <RESPONDER token>

import { auditServer } from 'graphql-http';
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import WebSocket from 'ws';

const [base, token] = process.argv.slice(2);
const http = `${base}/graphql`;
const ws = http.replace(/^http/, 'ws');
const authorization = { Authorization: `Bearer ${token}` };
const failures = [];

function report(check, ok, detail) {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${check}: ${detail}`);
  if (!ok) failures.push(check);
}

/** Declares an incident over plain HTTP and returns its key. */
async function declare(title) {
  const response = await fetch(http, {
    method: 'POST',
    headers: { ...authorization, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($t: String!) { declareIncident(input: {title: $t, severity: SEV4}) { incident { key } } }',
      variables: { t: title },
    }),
  });
  return (await response.json()).data.declareIncident.incident.key;
}

/**
 * Subscribes, then declares an incident every half second until the subscription delivers the
 * declaration of one of them: a client cannot tell when the server has registered its subscription.
 * Resolves with that event; rejects after `ms`.
 */
function declaredWhileSubscribed(subscribe, title, ms = 20000) {
  const keys = new Set();
  return new Promise((resolve, reject) => {
    let poke;
    const finish = (settle, value) => {
      clearTimeout(timer);
      clearInterval(poke);
      settle(value);
    };
    const timer = setTimeout(() => finish(reject, new Error(`no event for ${[...keys].join(', ') || 'any incident'} within ${ms} ms`)), ms);
    subscribe({
      next: (result) => {
        if (result.errors) {
          finish(reject, new Error(JSON.stringify(result.errors)));
        } else if (keys.has(result.data?.timelineEvents?.incident?.key)) {
          finish(resolve, result.data.timelineEvents);
        }
      },
      error: (error) => finish(reject, error instanceof Error ? error : new Error(JSON.stringify(error))),
      complete: () => {},
    });
    poke = setInterval(() => declare(title).then((key) => keys.add(key)).catch(() => {}), 500);
  });
}

const TIMELINE = 'subscription { timelineEvents { kind incident { key } } }';

async function audit() {
  const results = await auditServer({
    url: http,
    fetchFn: (input, init = {}) => {
      const headers = new Headers(init.headers || {});
      headers.set('authorization', authorization.Authorization);
      return fetch(input, { ...init, headers });
    },
  });
  for (const level of ['MUST', 'SHOULD', 'MAY']) {
    const all = results.filter((r) => r.name.startsWith(level));
    const ok = all.filter((r) => r.status === 'ok');
    const missed = all.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${r.reason}`);
    report(`graphql-http audit ${level}`, ok.length === all.length, `${ok.length}/${all.length}${missed.length ? ' – ' + missed.join('; ') : ''}`);
  }
}

async function overGraphqlWs() {
  const client = createWsClient({ url: ws, webSocketImpl: WebSocket, connectionParams: authorization, retryAttempts: 0 });
  let dispose;
  const received = await declaredWhileSubscribed((sink) => { dispose = client.subscribe({ query: TIMELINE }, sink); }, 'graphql-ws client');
  dispose();
  await client.dispose();
  report('graphql-ws subscription', received.kind === 'INCIDENT_DECLARED', `${received.kind} for ${received.incident.key}`);
}

async function overGraphqlSse() {
  const client = createSseClient({ url: http, headers: authorization, singleConnection: false, retryAttempts: 0 });
  // Replays from a sequence, then goes live: the same resume contract as over WebSocket.
  const key = await declare('graphql-sse client');
  const events = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no replay over SSE within 20 s')), 20000);
    const dispose = client.subscribe({
      query: 'subscription($id: ID!) { incidentTimeline(incidentId: $id, afterSequence: 0) { sequence kind } }',
      variables: { id: key },
    }, {
      next: (result) => {
        events.push(result.data?.incidentTimeline?.kind ?? JSON.stringify(result.errors));
        clearTimeout(timer);
        dispose();
        resolve();
      },
      error: (error) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(JSON.stringify(error))); },
      complete: () => {},
    });
  });
  client.dispose();
  report('graphql-sse subscription with resume', events[0] === 'INCIDENT_DECLARED', `${events.join(', ')} for ${key}`);
}

async function overUrql() {
  const socket = createWsClient({ url: ws, webSocketImpl: WebSocket, connectionParams: authorization, retryAttempts: 0 });
  const sent = [];
  const client = new Client({
    url: http,
    fetchOptions: () => ({ headers: authorization }),
    fetch: (input, init) => {
      sent.push(`${init?.method ?? 'GET'} ${String(input).includes('sha256Hash') ? 'hash' : 'query'}`);
      return fetch(input, init);
    },
    exchanges: [
      persistedExchange({ preferGetForPersistedQueries: true }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query || '' }, sink) }),
        }),
      }),
    ],
  });
  const viewer = await client.query('query Viewer { viewer { handle role } }', {}).toPromise();
  const again = await client.query('query Viewer { viewer { handle role } }', {}, { requestPolicy: 'network-only' }).toPromise();
  report('urql query with automatic persisted queries over GET', !viewer.error && !again.error && viewer.data?.viewer?.role === 'RESPONDER',
    `${viewer.data?.viewer?.handle ?? viewer.error?.message}; requests: ${sent.join(', ')}`);

  let subscription;
  const received = await declaredWhileSubscribed((sink) => {
    subscription = client.subscription(TIMELINE, {}).subscribe((result) =>
      result.error ? sink.error(result.error) : sink.next(result));
  }, 'urql client');
  subscription.unsubscribe();
  await socket.dispose();
  report('urql subscription', received.kind === 'INCIDENT_DECLARED', `${received.kind} for ${received.incident.key}`);
}

for (const check of [audit, overGraphqlWs, overGraphqlSse, overUrql]) {
  try {
    await check();
  } catch (error) {
    report(check.name, false, error?.message ?? String(error));
  }
}
console.log(failures.length === 0 ? 'ALL PASSED' : `FAILED: ${failures.join(', ')}`);
process.exit(failures.length === 0 ? 0 : 1);
