/**
 * The board's whole conversation with the server: one query to draw the active incidents, then
 * two subscriptions over one WebSocket (incident state, and the selected incident's timeline).
 * The console adds what the commander needs about the selected incident (read again whenever its
 * timeline moves), the incident as it stood at an earlier event, and one mutation per action.
 */
import { connectionInitPayload, requestHeaders } from './auth.js';
import { createClient } from './graphql-ws.js';

/** The GraphQL endpoint of the server that serves this page (the board lives at /board/). */
const HTTP_ENDPOINT = new URL('../graphql', import.meta.url);
const WS_ENDPOINT = new URL(HTTP_ENDPOINT);
WS_ENDPOINT.protocol = HTTP_ENDPOINT.protocol === 'https:' ? 'wss:' : 'ws:';

/** The most incidents one query returns; a board with more says so. */
export const PAGE_SIZE = 100;

const INCIDENT_FIELDS = `
  fragment BoardIncident on Incident {
    id key title severity status active declaredAt lastSequence
    stalled stalledSince nextCheckInDue monitoringUntil
    commander { handle name }
    impact { summary scope affectedUsers }
    tasks { id title kind status assignee { handle name } dueAt }
  }`;

const ACTIVE_INCIDENTS = `
  query ActiveIncidents($first: Int!) {
    incidents(filter: { active: true }, first: $first) {
      totalCount
      edges { node { ...BoardIncident } }
    }
  }
  ${INCIDENT_FIELDS}`;

const INCIDENT_CHANGED = `
  subscription BoardRows {
    incidentChanged(filter: { active: true }) { ...BoardIncident }
  }
  ${INCIDENT_FIELDS}`;

const INCIDENT_TIMELINE = `
  subscription Timeline($incidentId: ID!, $afterSequence: Int) {
    incidentTimeline(incidentId: $incidentId, afterSequence: $afterSequence) {
      sequence kind at summary actor { handle }
    }
  }`;

const CONSOLE_INCIDENT = `
  query ConsoleIncident($id: ID!) {
    incident(id: $id) {
      id lastSequence callUrl
      impact { summary reproducible frequency retriesSucceed scope affectedUsers }
      participants { role since dueForRelief responder { handle name } }
      pages { id reason pagedAt answeredAt answerBy responder { handle name } pagedBy { handle } }
      updates { id audience body postedAt author { handle name } }
      sitrep { text }
      commandHistory { since until handoverNotes responder { handle name } }
      tasks { id kind title status outcome resolution startedAt finishedAt assignee { handle name } }
    }
  }`;

const AS_OF = `
  query AsOf($id: ID!, $sequence: Int!) {
    incident(id: $id) {
      id
      asOf(sequence: $sequence) {
        sequence at title severity status active callUrl stalled
        commander { handle name }
        impact { summary scope affectedUsers }
        tasks { id kind title status dueAt outcome assignee { handle name } }
        participants { role since responder { handle name } }
        unansweredPages { pagedAt reason responder { handle name } }
      }
    }
  }`;

/** A GraphQL request over HTTP; resolves to `data`, rejects with the server's messages. */
async function query(document, variables) {
  const response = await fetch(HTTP_ENDPOINT, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
      ...requestHeaders(),
    },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = await response.json().catch(() => null);
  if (body?.errors?.length || !response.ok || !body?.data) {
    const failure = new Error(body?.errors?.length ? body.errors.map((error) => error.message).join(' ')
      : `The server answered ${response.status}.`);
    failure.status = response.status;
    throw failure;
  }
  return body.data;
}

/** Who the board is signed in as. */
export async function viewer() {
  const { viewer: signedIn } = await query('{ viewer { handle role } }');
  return signedIn;
}

/** Every active incident (up to PAGE_SIZE) and how many there are in all. */
export async function activeIncidents() {
  const { incidents } = await query(ACTIVE_INCIDENTS, { first: PAGE_SIZE });
  return { incidents: incidents.edges.map((edge) => edge.node), total: incidents.totalCount };
}

/** What the console shows about one incident beyond the board's row: people, pages, updates, sitrep, command. */
export async function consoleIncident(id) {
  const { incident } = await query(CONSOLE_INCIDENT, { id });
  return incident;
}

/** The incident as it stood right after its event `sequence`, rebuilt by the server from the timeline. */
export async function asOf(id, sequence) {
  const { incident } = await query(AS_OF, { id, sequence });
  return incident.asOf;
}

/**
 * Sends one mutation and resolves to its payload (`userErrors` included); rejects only when the
 * request itself failed. `selection` picks what the payload returns besides `userErrors`.
 */
export async function act(mutation, input, selection = '') {
  const inputType = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
  const document = `mutation Console($input: ${inputType}!) {
    ${mutation}(input: $input) { ${selection} userErrors { code message field } }
  }`;
  const data = await query(document, { input });
  return data[mutation];
}

/**
 * A fresh idempotency key. One key is kept per attempt at an action, so a second click or a resend
 * after a lost answer returns the first result instead of acting twice. (Random bytes rather than
 * `crypto.randomUUID`, which browsers only offer on HTTPS or localhost.)
 */
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Passes `data[field]` of each result to `next`; a result with errors only ends the stream as an error. */
function fieldSink(field, { next, error }) {
  return {
    next: (result) => (result.data?.[field] ? next(result.data[field]) : error(result.errors ?? [])),
    error,
    complete: () => error([{ message: 'The server ended the stream.' }]),
  };
}

/**
 * Opens the board's connection.
 * @param {(state: object) => void} onState  connection state, as reported by the client
 */
export function connect(onState) {
  const client = createClient({ url: WS_ENDPOINT.href, connectionParams: connectionInitPayload, onState });
  return {
    activeIncidents,

    /** The current state of each incident after every change to it; a resolved one arrives once more, inactive. */
    incidentChanges(sink) {
      return client.subscribe({ query: INCIDENT_CHANGED }, fieldSink('incidentChanged', sink));
    },

    /**
     * One incident's timeline: replayed after `afterSequence()` and then live. The function is
     * asked again on every reconnect, so the stream resumes right after the last event seen.
     */
    timeline(incidentId, afterSequence, sink) {
      return client.subscribe(
        () => ({ query: INCIDENT_TIMELINE, variables: { incidentId, afterSequence: afterSequence() } }),
        fieldSink('incidentTimeline', sink),
      );
    },
  };
}
