// Ceilings: what the same machine and the same database do with less in the way. pgbench shows
// what PostgreSQL itself commits; PostGraphile 5 shows a GraphQL server generated straight from
// the tables, with none of this server's rules, timeline or security, answering the same shapes.
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { location, query } from './database.mjs';
import { freePort } from './server.mjs';
import { GraphQLHttp } from './http.mjs';
import { Samples, sleep } from './stats.mjs';

const run = promisify(execFile);
const BENCH = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** pgbench where PostgreSQL's packages put it, else on the PATH; null when there is none. */
export function findPgbench() {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const candidate = path.join(base, v, 'bin', 'pgbench');
    if (fs.existsSync(candidate)) return candidate;
  }
  return 'pgbench';
}

/**
 * One row inserted and committed per transaction into a scratch table, `concurrency` clients,
 * for `seconds`. Latencies come from pgbench's per-transaction log.
 */
export async function pgbench(databaseUrl, { concurrency, seconds }) {
  await query(databaseUrl, `CREATE TABLE IF NOT EXISTS public.bench_scratch (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, incident int NOT NULL, body text NOT NULL, at timestamptz NOT NULL)`);
  return runPgbench(databaseUrl, { concurrency, seconds }, [[
    '\\set incident random(1, 20)',
    'BEGIN;',
    "INSERT INTO public.bench_scratch (incident, body, at) VALUES (:incident, 'a note, as addNote writes one', now());",
    'COMMIT;',
  ]]);
}

/**
 * The statement a lone addNote sends, on the server's own tables, straight from pgbench: lock one
 * of the first 20 incidents, insert the note and append its timeline event after the incident's
 * last sequence (the trigger moves it along), committed on its own. What PostgreSQL alone does
 * with notes that come one at a time (the server gathers those that arrive together into one
 * statement). It waits for the lock: the server's skips an incident another change holds, which
 * here would have clients skip each other and write nothing.
 */
export async function pgbenchAddNote(databaseUrl, { concurrency, seconds, schema = 'incident_command' }) {
  const { incidentIds, authorId } = await noteTargets(databaseUrl, 20, schema);
  // One script per incident, pgbench choosing among them at random for each transaction.
  return runPgbench(databaseUrl, { concurrency, seconds }, incidentIds.map((incident) => [
    `WITH locked AS (SELECT id, last_sequence FROM ${schema}.incident WHERE id = ${incident} FOR UPDATE),`
      + ` note AS (INSERT INTO ${schema}.note (incident_id, kind, body, url, author_id, added_at)`
      + ` SELECT id, 'TEXT', 'a note, as addNote writes one', NULL, ${authorId}, now() FROM locked)`
      + ` INSERT INTO ${schema}.timeline_event (incident_id, sequence, kind, at, actor_id, summary, details)`
      + ` SELECT id, last_sequence + 1, 'NOTE_ADDED', now(), ${authorId}, 'bench noted: a note', '{"body": "a note", "kind": "TEXT"}'`
      + ' FROM locked RETURNING sequence;',
  ]));
}

/** Runs pgbench with `scripts` (each a list of lines; with several, each transaction runs one of them at random). */
async function runPgbench(databaseUrl, { concurrency, seconds }, scripts) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pgbench-'));
  const files = scripts.map((lines, i) => {
    const file = path.join(dir, `script${i}.sql`);
    fs.writeFileSync(file, [...lines, ''].join('\n'));
    return file;
  });
  const db = location(databaseUrl);
  // Prepared statements, as the server's driver uses them.
  const args = ['-n', '-M', 'prepared', '-h', db.host, '-p', String(db.port), '-U', db.user, '-c', String(concurrency), '-j', '2',
    '-T', String(Math.max(1, Math.round(seconds))), ...files.flatMap((file) => ['-f', file]), '-l', `--log-prefix=${path.join(dir, 'tx')}`, db.database];
  const env = { ...process.env, ...(db.password ? { PGPASSWORD: db.password } : {}) };
  try {
    const { stdout } = await run(findPgbench(), args, { env, maxBuffer: 1 << 24 });
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latency = new Samples();
    for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('tx'))) {
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length > 2) latency.add(Number(fields[2]) / 1000);
      }
    }
    return { perSecond: tps, ...latency.summary() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Node 22 from the `node` package in bench's dependencies (PostGraphile 5 needs it). */
export function node22() {
  const bin = path.join(BENCH, 'node_modules', 'node', 'bin', 'node');
  if (!fs.existsSync(bin)) throw new Error('bench/node_modules/node/bin/node is missing: run npm ci --prefix bench');
  return bin;
}

/** Starts PostGraphile 5 (the amber preset) on `schema` of the database and waits until it answers. */
export async function startPostGraphile(databaseUrl, { schema = 'incident_command', logFile }) {
  const port = await freePort();
  const cli = path.join(BENCH, 'node_modules', 'postgraphile', 'dist', 'cli-run.js');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(node22(), [cli, '-C', path.join(BENCH, 'lib', 'postgraphile.config.mjs'), '-c', databaseUrl, '-s', schema,
    '-p', String(port), '-n', '127.0.0.1'], { cwd: BENCH, stdio: ['ignore', out, out], env: { ...process.env, NODE_ENV: 'production' } });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const url = `http://127.0.0.1:${port}/graphql`;
  const client = new GraphQLHttp(url);
  for (let tries = 0; ; tries++) {
    if (exited !== null) throw new Error(`PostGraphile exited (${exited}): ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    if (tries > 240) { child.kill('SIGKILL'); throw new Error('PostGraphile did not answer within 60 s'); }
    const answer = await client.request('{ __typename }').catch(() => null);
    if (answer?.status === 200) break;
    await sleep(250);
  }
  return {
    url,
    client,
    pid: child.pid,
    async stop() {
      client.close();
      if (exited !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

// The same board as the server's: active incidents (not resolved), with commander and tasks.
export const PG_BOARD = `query($first: Int!) {
  allIncidents(condition: { resolvedAt: null }, first: $first) {
    nodes { key title severity status responderByCommanderId { handle }
            tasksByIncidentId { nodes { title status responderByAssigneeId { handle } } } }
  }
}`;

// The row addNote writes (the note; the server also appends the timeline event and locks the incident).
export const PG_ADD_NOTE = `mutation($note: NoteInput!) { createNote(input: { note: $note }) { note { id } } }`;

/** Row ids PostGraphile's createNote needs, read from the database the server filled. */
export async function noteTargets(databaseUrl, count, schema = 'incident_command') {
  const incidents = await query(databaseUrl, `SELECT id::text FROM ${schema}.incident ORDER BY id LIMIT $1`, [count]);
  const author = await query(databaseUrl, `SELECT id::text FROM ${schema}.responder ORDER BY id LIMIT 1`);
  return { incidentIds: incidents.rows.map((r) => r.id), authorId: author.rows[0].id };
}

