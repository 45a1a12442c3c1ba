// The fan-out's writer: adds notes at a steady rate on a thread of its own and times each answer
// there. On the subscribers' thread an answer would wait behind thousands of deliveries a second
// (one event loop takes both), and the mutations would be charged with the harness's own queue;
// a deploy tool or bot adding notes does not share its event loop with the boards.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { GraphQLHttp } from './http.mjs';
import { openLoop } from './load.mjs';
import { addNoteWith } from './setup.mjs';
import { now } from './stats.mjs';

/**
 * Adds `rate` notes a second for `durationMs` through `writer` ({ url, token }), spread over
 * `incidents`, each body `body(i, sent)`; resolves to one { incident, ms, ok } per note.
 */
export function writeNotes({ writer, incidents, rate, durationMs, tag }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { writer, incidents, rate, durationMs, tag } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the notes writer exited (${code}) before it answered`)));
  });
}

if (!isMainThread) {
  const { writer, incidents, rate, durationMs, tag } = workerData;
  const client = new GraphQLHttp(writer.url, writer.token, { sockets: 64 });
  const addNote = addNoteWith(client);
  const notes = [];
  await openLoop({
    rate,
    durationMs,
    op: async (i) => {
      const incident = incidents[i % incidents.length];
      const sent = now();
      let ok;
      try {
        ok = await addNote(incident, `bench ${tag} ${i} ${sent.toFixed(3)}`);
      } catch (e) {
        ok = e.message;
      }
      notes.push({ incident, ms: now() - sent, ok });
    },
  });
  client.close();
  parentPort.postMessage(notes);
}
