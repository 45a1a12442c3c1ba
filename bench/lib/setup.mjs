// Data for the scenarios, made through the public API only, as an operator's tooling would.
export const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code message } } }`;

export const BOARD = `query($first: Int!) {
  incidents(filter: { active: true }, first: $first) {
    edges { node { key title severity status commander { handle } tasks { title status assignee { handle } } } }
  }
}`;

const DECLARE = `mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { id key } userErrors { code message } } }`;
const COMMANDER = `mutation($input: AssignCommanderInput!) { assignCommander(input: $input) { incident { key } userErrors { code message } } }`;
const TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { task { id } userErrors { code message } } }`;
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];
const TASKS = [['INFORMATION_GATHERING', 'Read the error logs'], ['COORDINATION', 'Run the call'], ['INTERNAL_COMMS', 'Tell support']];

/**
 * Declares `count` incidents, each with a commander and three tasks assigned to others, like the
 * active incidents a board shows; returns their keys. A few at a time: setup is not what is measured.
 */
export async function seedIncidents(client, count, { from = 0, parallel = 8 } = {}) {
  const keys = [];
  for (let first = 0; first < count; first += parallel) {
    const batch = [];
    for (let n = first; n < Math.min(count, first + parallel); n++) batch.push(seedOne(client, from + n));
    keys.push(...await Promise.all(batch));
  }
  return keys;
}

async function seedOne(client, n) {
  const declared = await client.must(DECLARE, {
    input: { title: `Bench incident ${n}: checkout latency`, severity: SEVERITIES[n % SEVERITIES.length], impact: { summary: 'Slow checkout' } },
  });
  const { key } = declared.declareIncident.incident;
  await client.must(COMMANDER, { input: { incidentId: key, commander: `commander${n % 5}` } });
  for (const [i, [kind, title]] of TASKS.entries()) {
    await client.must(TASK, { input: { incidentId: key, kind, title, assignee: `responder${(n + i) % 7}` } });
  }
  return key;
}

/** addNote for the fan-out and the mutation scenarios: true when it was applied, else what went wrong. */
export function addNoteWith(client) {
  return async (incident, body) => {
    const { status, body: answer } = await client.request(ADD_NOTE, { input: { incidentId: incident, body } });
    if (status === 200 && !answer.errors && !answer.data.addNote.userErrors.length) return true;
    return JSON.stringify(answer.errors ?? answer.data?.addNote?.userErrors ?? status).slice(0, 300);
  };
}
