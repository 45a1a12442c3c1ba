// The protocol's floor: the smallest server that answers the same fan-out traffic. Notes live in
// memory, there is no database, no security and no rules; the graphql-ws reference server
// delivers them. Whatever this manages on the same machine is what graphql-transport-ws over
// Node costs, so the real server's fan-out figures can be read against it.
//
// Run as its own process: node reference-server.mjs <port>; prints "listening <port>" when ready.
import http from 'node:http';
import { buildSchema, graphql } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';

const schema = buildSchema(`
  type Query { ready: Boolean! }
  input AddNoteInput { incidentId: ID!, body: String! }
  type Note { id: ID! body: String! }
  type UserError { code: String! message: String! }
  type AddNotePayload { note: Note userErrors: [UserError!]! }
  type Mutation { addNote(input: AddNoteInput!): AddNotePayload! }
  type TimelineEvent { sequence: Int! kind: String! at: String! summary: String! }
  type Subscription { incidentTimeline(incidentId: ID!, afterSequence: Int): TimelineEvent! }
`);

const incidents = new Map();

// An incident exists from its first mention, declared: its timeline starts at 1 like the real one.
function incident(id) {
  let found = incidents.get(id);
  if (!found) {
    found = { events: [], listeners: new Set() };
    incidents.set(id, found);
    append(found, 'INCIDENT_DECLARED', `${id} declared`);
  }
  return found;
}

function append(inc, kind, summary) {
  const event = { sequence: inc.events.length + 1, kind, at: new Date().toISOString(), summary };
  inc.events.push(event);
  for (const listener of inc.listeners) listener(event);
  return event;
}

// Replay after `after`, then live events; `last` drops what the replay already sent.
async function* timeline(id, after) {
  const inc = incident(id);
  const queue = [];
  let wake = null;
  const listener = (event) => { queue.push(event); wake?.(); };
  inc.listeners.add(listener);
  let last = after ?? inc.events.length;
  try {
    for (let i = last; i < inc.events.length; i++) {
      last = inc.events[i].sequence;
      yield inc.events[i];
    }
    for (;;) {
      while (queue.length) {
        const event = queue.shift();
        if (event.sequence > last) {
          last = event.sequence;
          yield event;
        }
      }
      await new Promise((resolve) => { wake = resolve; });
      wake = null;
    }
  } finally {
    inc.listeners.delete(listener);
  }
}

const roots = {
  ready: () => true,
  addNote: ({ input }) => {
    const event = append(incident(input.incidentId), 'NOTE_ADDED', `noted: ${input.body}`);
    return { note: { id: `${input.incidentId}:${event.sequence}`, body: input.body }, userErrors: [] };
  },
};
const subscriptionField = schema.getSubscriptionType().getFields().incidentTimeline;
subscriptionField.subscribe = (_, args) => timeline(args.incidentId, args.afterSequence);
subscriptionField.resolve = (event) => event;

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/graphql') {
    res.writeHead(req.url === '/ready' ? 200 : 404).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const result = await graphql({ schema, source: query, variableValues: variables, rootValue: roots });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  });
});
server.keepAliveTimeout = 60_000;

useServer({ schema }, new WebSocketServer({ server, path: '/graphql', perMessageDeflate: false }));

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
