// Fan-out: many live subscribers on a few incidents while notes are added at a steady rate.
// Every note carries the moment it was sent, so each delivery's latency is measured from the
// mutation's send time to its arrival at the subscriber (both on this process's clock): it
// includes the mutation's own work and commit, which is what someone watching a board waits for.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LiveSocket } from './ws-client.mjs';
import { writeNotes } from './notes-writer.mjs';
import { Samples, now, sleep } from './stats.mjs';

export const TIMELINE = `subscription($id: ID!, $after: Int) {
  incidentTimeline(incidentId: $id, afterSequence: $after) { sequence kind at summary }
}`;

const TAG = /bench (\w+) (\d+) (\d+\.\d+)/;

/**
 * Opens `subscribers` subscriptions (`subsPerSocket` per WebSocket) spread round-robin over
 * `incidents`, each from afterSequence 0 so the replay and the live part are both checked, and
 * resolves once every one of them is live.
 */
export async function openSubscribers({ wsUrl, token, incidents, subscribers, subsPerSocket = 1, batch = 100 }) {
  const subs = Array.from({ length: subscribers }, (_, i) => ({
    incident: incidents[i % incidents.length], last: 0, replayed: false, tagged: 0, duplicates: 0, gaps: 0, errors: 0, ended: false,
  }));
  const sockets = [];
  const latency = new Samples();
  const state = { subs, sockets, latency, tag: null, deliveries: 0, failures: [] };
  const started = now();
  // Sockets are opened a batch at a time: a burst of thousands of handshakes at once measures the
  // kernel's accept queue, not the server.
  for (let first = 0; first < subscribers; first += subsPerSocket * batch) {
    const opening = [];
    for (let s = first; s < Math.min(subscribers, first + subsPerSocket * batch); s += subsPerSocket) {
      const socket = new LiveSocket(wsUrl, token);
      sockets.push(socket);
      const group = subs.slice(s, s + subsPerSocket);
      opening.push(socket.open().then(() => group.forEach((sub, k) => follow(state, socket, `${s + k}`, sub)),
        (e) => { group.forEach((sub) => { sub.errors++; sub.ended = true; }); note(state, `socket: ${e.message}`); }));
    }
    await Promise.all(opening);
  }
  // Each subscription is live once its replay (at least the declaration) has arrived.
  const deadline = now() + 60_000;
  while (subs.some((s) => !s.replayed && !s.ended) && now() < deadline) await sleep(50);
  state.notReady = subs.filter((s) => !s.replayed).length;
  state.setupSeconds = (now() - started) / 1000;
  return state;
}

function follow(state, socket, id, sub) {
  socket.subscribe(id, TIMELINE, { id: sub.incident, after: 0 }, {
    onNext: ({ data, errors }) => {
      if (errors) { sub.errors++; note(state, `next with errors: ${JSON.stringify(errors)}`); return; }
      const event = data.incidentTimeline;
      const received = now();
      sub.replayed = true;
      if (event.sequence <= sub.last) { sub.duplicates++; return; }
      if (event.sequence !== sub.last + 1) sub.gaps++;
      sub.last = event.sequence;
      const tag = TAG.exec(event.summary);
      if (tag && tag[1] === state.tag) {
        sub.tagged++;
        state.deliveries++;
        state.latency.add(received - Number(tag[3]));
      }
    },
    onError: (errors) => { sub.errors++; sub.ended = true; note(state, `error: ${JSON.stringify(errors)}`); },
    onComplete: () => { sub.ended = true; },
    onClose: (closed) => { if (!sub.ended && !state.closing) { sub.errors++; sub.ended = true; note(state, `socket closed ${closed.code} ${closed.reason}`); } },
  });
}

function note(state, message) {
  if (state.failures.length < 5) state.failures.push(message);
}

/**
 * Writes at `rate` for `durationMs` through `writer` ({ url, token }, on a thread of its own: see
 * notes-writer.mjs) and waits up to `graceMs` for every expected delivery.
 */
export async function driveFanout(state, { incidents, rate, durationMs, graceMs = 10_000, writer }) {
  // A fresh tag per run: deliveries of an earlier run (a warm-up) that arrive late are not counted.
  state.tag = Math.random().toString(36).slice(2, 10);
  state.latency = new Samples();
  state.deliveries = 0;
  for (const sub of state.subs) sub.tagged = 0;
  const expected = new Map(incidents.map((i) => [i, 0]));
  const mutation = new Samples();
  let mutationErrors = 0;
  let firstMutationError = null;
  // How long this thread's callbacks waited for its event loop: the harness's own share of each
  // delivery's latency. (The histogram holds a 1 ms timer's intervals: an idle loop shows 1 ms.)
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const started = now();
  for (const { incident, ms, ok } of await writeNotes({ writer, incidents, rate, durationMs, tag: state.tag })) {
    mutation.add(ms);
    if (ok === true) expected.set(incident, expected.get(incident) + 1);
    else { mutationErrors++; firstMutationError ??= ok; }
  }
  const written = now();
  loopDelay.disable();
  const missing = () => state.subs.reduce((sum, s) => sum + (s.ended ? 0 : Math.max(0, expected.get(s.incident) - s.tagged)), 0);
  while (missing() > 0 && now() - written < graceMs) await sleep(100);

  const expectedTotal = state.subs.reduce((sum, s) => sum + expected.get(s.incident), 0);
  const lat = state.latency.summary();
  const mut = mutation.summary();
  return {
    subscribers: state.subs.length,
    sockets: state.sockets.length,
    setupSeconds: state.setupSeconds,
    notReady: state.notReady,
    mutations: mut.count,
    mutationErrors,
    firstMutationError,
    mutationP50: mut.p50,
    mutationP99: mut.p99,
    expected: expectedTotal,
    delivered: state.deliveries,
    deliveriesPerSecond: state.deliveries / ((now() - started) / 1000),
    lost: state.subs.reduce((sum, s) => sum + Math.max(0, expected.get(s.incident) - s.tagged), 0),
    duplicates: state.subs.reduce((sum, s) => sum + s.duplicates, 0),
    outOfOrder: state.subs.reduce((sum, s) => sum + s.gaps, 0),
    subscriptionErrors: state.subs.reduce((sum, s) => sum + s.errors, 0),
    failures: state.failures,
    p50: lat.p50,
    p99: lat.p99,
    max: lat.max,
    harnessLoopDelay: state.subs.length ? { p99: Math.max(0, loopDelay.percentile(99) / 1e6 - 1), max: Math.max(0, loopDelay.max / 1e6 - 1) } : null,
  };
}

/** A fan-out with nobody listening: driveFanout on it measures the mutations alone. */
export function noSubscribers() {
  return { subs: [], sockets: [], latency: new Samples(), tag: null, deliveries: 0, failures: [], notReady: 0, setupSeconds: 0 };
}

export async function closeSubscribers(state) {
  state.closing = true;
  for (const socket of state.sockets) socket.close();
  await sleep(200);
}
