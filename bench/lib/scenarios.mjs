// The scenarios. Each takes the run's context (the server, its database, clients, options) and
// returns plain figures; run.mjs decides which run and report.mjs prints them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { failed } from './http.mjs';
import { compilerWatch, pacedLoop, warmThenMeasure } from './load.mjs';
import { openSubscribers, driveFanout, closeSubscribers, noSubscribers } from './fanout.mjs';
import { BOARD, addNoteWith, seedIncidents } from './setup.mjs';
import { classHistogram, collectGarbage, grownClasses, heapDump, metric, nativeCommitted, prometheus, residentBytes } from './server.mjs';
import { noteTargets, pgbench, pgbenchAddNote, startPostGraphile, PG_ADD_NOTE, PG_BOARD } from './ceilings.mjs';
import { sleep } from './stats.mjs';
import { backendPids, cpuAround } from './cpu.mjs';
import { location } from './database.mjs';

const DECLARE_ONLY = `mutation($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { key } userErrors { code message } } }`;

async function activeIncidents(client) {
  const data = await client.must('{ incidents(filter: { active: true }, first: 1) { totalCount } }');
  return data.incidents.totalCount;
}

/**
 * The processes a measured window is charged with: the server under test (when started here),
 * PostgreSQL's backends, and the harness itself, which shares the cores: with all three, the
 * report can say how many requests a second the machine's CPU allows at that cost.
 */
function processesOf(ctx, name, pid) {
  return async () => ({
    ...(pid ? { [name]: [pid] } : {}),
    postgres: await backendPids(ctx.databaseUrl, location(ctx.databaseUrl).database).catch(() => []),
    harness: [process.pid],
  });
}

/** The server's cumulative JIT compilation time (Micrometer's jvm.compilation.time), for the warm-up. */
function compiledMs(ctx) {
  return async () => metric(await prometheus(ctx.url, ctx.adminToken), 'jvm_compilation_time_ms_total');
}

/**
 * The server's garbage collection pauses so far (Micrometer's jvm.gc.pause): how many, their total,
 * and the longest of the last minutes (the timer's max decays); null where the metric is missing.
 */
function gcPauses(ctx) {
  return async () => {
    const text = await prometheus(ctx.url, ctx.adminToken);
    const count = metric(text, 'jvm_gc_pause_seconds_count');
    return count == null ? null : {
      count, seconds: metric(text, 'jvm_gc_pause_seconds_sum'), longest: metric(text, 'jvm_gc_pause_seconds_max', {}, Math.max),
    };
  };
}

/** The server's own count of the SQL statements it has sent. */
function statementCount(ctx) {
  return async () => metric(await prometheus(ctx.url, ctx.adminToken), 'incident_command_database_statements_total');
}

/**
 * The server's own count of SQL statements, read around a measured window to give statements per
 * request (the background sweeps add a few a second, a rounding error against thousands of requests).
 */
function statementsAround(ctx) {
  const statements = statementCount(ctx);
  return {
    beforeMeasure: statements,
    afterMeasure: async (before, r) => ({ statementsPerRequest: ((await statements()) - before) / r.requests }),
  };
}

function asResult(answer) {
  return answer === true ? { ok: true } : { ok: false, error: answer };
}

export async function mutations(ctx) {
  const { opts } = ctx;
  const keys = await ctx.boardIncidents(20);
  const addNote = addNoteWith(ctx.writer);
  ctx.sampler.reset();
  const result = await warmThenMeasure({
    concurrency: opts.concurrency,
    warmupMs: opts.warmupMs,
    durationMs: opts.durationMs,
    processes: processesOf(ctx, 'server', ctx.server.pid),
    compiledMs: compiledMs(ctx),
    // Fewer than one when notes arriving together share a statement.
    ...statementsAround(ctx),
    // Workers start on different incidents, so writes to one incident's row lock interleave as they would in life.
    op: async (w, i) => asResult(await addNote(keys[(w * 7 + i) % keys.length], `load note ${w}/${i}`)),
  });
  return { ...result, concurrency: opts.concurrency, incidents: keys.length, connections: { ...ctx.sampler.snapshot() } };
}

export async function board(ctx) {
  const { opts } = ctx;
  const op = async () => {
    const answer = await ctx.viewer.request(BOARD, { first: 20 });
    if (failed(answer)) return { ok: false, error: JSON.stringify(answer.body.errors ?? answer.status).slice(0, 300) };
    const rows = answer.body.data.incidents.edges.length;
    return rows === 20 ? { ok: true } : { ok: false, error: `${rows} rows instead of 20` };
  };
  // Statements per request: the same however many incidents are active (no N+1).
  const measure = (warmupMs) => warmThenMeasure({
    concurrency: opts.concurrency,
    warmupMs,
    durationMs: opts.durationMs,
    op,
    processes: processesOf(ctx, 'server', ctx.server.pid),
    compiledMs: compiledMs(ctx),
    ...statementsAround(ctx),
  });
  await ctx.boardIncidents(20);
  ctx.sampler.reset();
  const small = { ...(await measure(opts.warmupMs)), active: await activeIncidents(ctx.admin), concurrency: opts.concurrency };
  // Warm from the run before: the same requests at a steady rate, for latency without a queue of our own.
  const paced = await cpuAround(processesOf(ctx, 'server', ctx.server.pid),
    () => pacedLoop({ rate: opts.boardRate, durationMs: opts.durationMs, op }));
  await ctx.boardIncidents(opts.boardLarge);
  const large = { ...(await measure(Math.min(opts.warmupMs, 1000))), active: await activeIncidents(ctx.admin), concurrency: opts.concurrency };
  return { small, paced, large, connections: { ...ctx.sampler.snapshot() } };
}

/** Fresh incidents for live traffic, declared only: the replay each subscriber starts with stays short. */
async function liveIncidents(ctx, count) {
  while (ctx.live.length < count) {
    const n = ctx.live.length;
    const data = await ctx.admin.must(DECLARE_ONLY, { input: { title: `Live incident ${n}`, severity: 'SEV3' } });
    ctx.live.push(data.declareIncident.incident.key);
  }
  return ctx.live.slice(0, count);
}

async function fanoutAgainst({ wsUrl, token, writer, incidents, opts, sampler, compiled, processes, pauses, statements, alone = false }) {
  const state = await openSubscribers({ wsUrl, token, incidents, subscribers: opts.subscribers, subsPerSocket: opts.subsPerSocket });
  let open = true;
  try {
    // A warm-up at the same rate, not counted: 5 s, then, for a server that tells its JIT time,
    // more 5 s rounds (up to a minute) until the compiler is quiet: the delivery path is code the
    // mutation and board scenarios did not run.
    const jit = await compilerWatch(compiled);
    const round = Math.min(opts.warmupMs, 5000);
    const warmup = { seconds: 0, compilingMs: jit.perWindow };
    do {
      await driveFanout(state, { incidents, rate: opts.rate, durationMs: round, graceMs: 2000, writer });
      warmup.seconds += round / 1000;
      await jit.sample();
    } while (jit.known && warmup.seconds < Math.min(60, opts.warmupMs / 1000) && !jit.quiet(round));
    sampler?.reset();
    // CPU per thousand deliveries: steadier than latency on a shared machine, where the harness's
    // own sockets take a good part of the cores (`processes` counts the harness too).
    const pausesBefore = await pauses?.();
    const statementsBefore = await statements?.();
    const measured = await cpuAround(processes, async () => {
      const run = await driveFanout(state, { incidents, rate: opts.rate, durationMs: opts.durationMs, graceMs: opts.graceMs, writer });
      return { ...run, requests: run.delivered / 1000 };
    });
    const { requests, cpuMsPerRequest, ...result } = measured;
    result.cpuMsPerThousand = cpuMsPerRequest;
    // Each note's share of the server's SQL: its own statements and what delivering it cost the live feed.
    if (statementsBefore != null) result.statementsPerNote = ((await statements()) - statementsBefore) / result.mutations;
    const pausesAfter = await pauses?.();
    if (pausesBefore && pausesAfter) {
      result.gcPauses = { count: pausesAfter.count - pausesBefore.count, totalMs: (pausesAfter.seconds - pausesBefore.seconds) * 1000, longestMs: pausesAfter.longest * 1000 };
    }
    if (sampler) result.connections = { ...sampler.snapshot() };
    if (alone) {
      // The same notes at the same rate once every subscriber has gone: what the subscribers cost
      // the mutations (their p99 should hardly move).
      await closeSubscribers(state);
      open = false;
      await sleep(2000);
      const statementsAlone = await statements?.();
      const without = await driveFanout(noSubscribers(), { incidents, rate: opts.rate, durationMs: opts.durationMs, graceMs: 0, writer });
      result.mutationAlone = { p50: without.mutationP50, p99: without.mutationP99, errors: without.mutationErrors };
      if (statementsAlone != null) result.mutationAlone.statementsPerNote = ((await statements()) - statementsAlone) / without.mutations;
    }
    return { ...result, warmup };
  } finally {
    if (open) await closeSubscribers(state);
  }
}

export async function fanout(ctx) {
  const { opts } = ctx;
  const incidents = await liveIncidents(ctx, opts.incidents);
  const server = await fanoutAgainst({
    wsUrl: `${ctx.url.replace(/^http/, 'ws')}/graphql`, token: ctx.viewerToken, writer: { url: `${ctx.url}/graphql`, token: ctx.writerToken }, incidents, opts, sampler: ctx.sampler,
    compiled: compiledMs(ctx), processes: processesOf(ctx, 'server', ctx.server.pid), pauses: gcPauses(ctx), alone: true,
    statements: statementCount(ctx),
  });
  let reference = null;
  if (opts.reference) {
    const ref = await startReference(ctx);
    try {
      reference = await fanoutAgainst({
        wsUrl: `${ref.url.replace(/^http/, 'ws')}/graphql`, token: null, writer: { url: `${ref.url}/graphql`, token: null },
        incidents: incidents.map((_, i) => `REF-${i + 1}`), opts, processes: async () => ({ server: [ref.pid], harness: [process.pid] }),
      });
    } finally {
      ref.stop();
    }
  }
  return { incidents: incidents.length, rate: opts.rate, server, reference };
}

/** The reference server as a Node process of its own, like the server under test. */
async function startReference(ctx) {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'reference-server.mjs');
  const child = spawn(process.execPath, [script, '0'], { stdio: ['ignore', 'pipe', fs.openSync(`${ctx.logPrefix}-reference.log`, 'w')] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { const m = /listening (\d+)/.exec(d.toString()); if (m) resolve(Number(m[1])); });
    child.on('exit', (code) => reject(new Error(`the reference server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

export async function memory(ctx) {
  const { opts } = ctx;
  const heap = async () => metric(await prometheus(ctx.url, ctx.adminToken), 'jvm_memory_used_bytes', { area: 'heap' });
  // Live heap only: a full collection first (jcmd needs the pid, so only for a server the harness started).
  const settle = async () => {
    const collected = await collectGarbage(ctx.server);
    await sleep(1000);
    return collected;
  };
  const incidents = await liveIncidents(ctx, opts.incidents);
  const wsUrl = `${ctx.url.replace(/^http/, 'ws')}/graphql`;
  // The first subscribers also load and compile the code every later one runs, once (it shows as
  // JIT code and metaspace): a tenth of them come and go before the baseline is taken.
  await closeSubscribers(await openSubscribers({
    wsUrl, token: ctx.viewerToken, incidents, subscribers: Math.ceil(opts.memorySubscribers / 10), subsPerSocket: opts.subsPerSocket,
  }));
  await sleep(1000);
  const collected = await settle();
  const heapBefore = await heap();
  const residentBefore = residentBytes(ctx.server.pid);
  const nativeBefore = await nativeCommitted(ctx.server);
  const classesBefore = await classHistogram(ctx.server);
  const state = await openSubscribers({
    wsUrl, token: ctx.viewerToken, incidents, subscribers: opts.memorySubscribers, subsPerSocket: opts.subsPerSocket,
  });
  try {
    await sleep(2000);
    await settle();
    const heapAfter = await heap();
    const residentAfter = residentBytes(ctx.server.pid);
    const nativeAfter = await nativeCommitted(ctx.server);
    const n = opts.memorySubscribers;
    // Where each subscriber's heap goes: the classes that grew most, per subscriber.
    const grown = grownClasses(classesBefore, await classHistogram(ctx.server), n, 40);
    const dumped = opts.heapDump ? await heapDump(ctx.server, opts.heapDump) : null;
    return {
      grown,
      heapDump: dumped ? opts.heapDump : undefined,
      subscribers: n,
      ready: n - state.notReady,
      fullGc: collected,
      heapBefore,
      heapAfter,
      heapPerSubscriber: (heapAfter - heapBefore) / n,
      residentBefore,
      residentAfter,
      residentPerSubscriber: residentBefore == null ? null : (residentAfter - residentBefore) / n,
      // Outside the heap, as the JVM accounts for it (null without native memory tracking).
      nativeBefore: nativeBefore?.total,
      nativeAfter: nativeAfter?.total,
      nativePerSubscriber: nativeBefore == null || nativeAfter == null ? null : (nativeAfter.total - nativeBefore.total) / n,
      nativeGrown: nativeBefore == null || nativeAfter == null ? null : Object.fromEntries(Object.entries(nativeAfter.categories)
        .map(([name, bytes]) => [name, (bytes - (nativeBefore.categories[name] ?? 0)) / n])
        .filter(([, perSubscriber]) => Math.abs(perSubscriber) >= 64)),
    };
  } finally {
    await closeSubscribers(state);
  }
}

export async function ceilings(ctx) {
  const { opts } = ctx;
  const out = {};
  await ctx.boardIncidents(20); // run alone, the database needs the rows the others would have made
  try {
    out.pgbench = await pgbench(ctx.databaseUrl, { concurrency: opts.concurrency, seconds: opts.durationMs / 1000 });
  } catch (e) {
    out.pgbenchError = e.message.split('\n')[0];
  }
  try {
    out.pgbenchAddNote = await pgbenchAddNote(ctx.databaseUrl, { concurrency: opts.concurrency, seconds: opts.durationMs / 1000 });
  } catch (e) {
    out.pgbenchAddNoteError = e.message.split('\n')[0];
  }
  let pgl;
  try {
    pgl = await startPostGraphile(ctx.databaseUrl, { logFile: `${ctx.logPrefix}-postgraphile.log` });
    ctx.sampler.reset();
    const { incidentIds, authorId } = await noteTargets(ctx.databaseUrl, 20);
    const insert = await warmThenMeasure({
      concurrency: opts.concurrency,
      warmupMs: opts.warmupMs,
      durationMs: opts.durationMs,
      processes: processesOf(ctx, 'PostGraphile', pgl.pid),
      op: async (w, i) => {
        const note = { incidentId: incidentIds[(w * 7 + i) % incidentIds.length], kind: 'TEXT', body: `load note ${w}/${i}`, authorId, addedAt: new Date().toISOString() };
        const answer = await pgl.client.request(PG_ADD_NOTE, { note });
        return failed(answer) ? { ok: false, error: JSON.stringify(answer.body.errors).slice(0, 300) } : { ok: true };
      },
    });
    const boardOp = async () => {
      const answer = await pgl.client.request(PG_BOARD, { first: 20 });
      if (failed(answer)) return { ok: false, error: JSON.stringify(answer.body.errors).slice(0, 300) };
      return answer.body.data.allIncidents.nodes.length === 20 ? { ok: true } : { ok: false, error: 'not 20 rows' };
    };
    const boardRun = await warmThenMeasure({
      concurrency: opts.concurrency,
      warmupMs: opts.warmupMs,
      durationMs: opts.durationMs,
      processes: processesOf(ctx, 'PostGraphile', pgl.pid),
      op: boardOp,
    });
    const boardPaced = await cpuAround(processesOf(ctx, 'PostGraphile', pgl.pid),
      () => pacedLoop({ rate: opts.boardRate, durationMs: opts.durationMs, op: boardOp }));
    // Sessions on the database while PostGraphile ran, this server's idle pool included.
    out.postgraphile = {
      insert,
      board: { ...boardRun, active: await activeIncidents(ctx.admin) },
      boardPaced,
      connections: { ...ctx.sampler.snapshot() },
    };
  } catch (e) {
    out.postgraphileError = e.message.split('\n')[0];
  } finally {
    await pgl?.stop();
  }
  return out;
}

/** What makes a run broken (not slow): failed requests, lost or repeated events, crashed scenarios. */
export function problems(results) {
  const found = [];
  const check = (what, n) => { if (n) found.push(`${what}: ${n}`); };
  check('addNote errors', results.mutations?.errors);
  check('board errors (20 active)', results.board?.small.errors);
  check('board errors (100 active)', results.board?.large.errors);
  check('board errors (paced)', results.board?.paced?.errors);
  for (const side of ['server', 'reference']) {
    const f = results.fanout?.[side];
    if (!f) continue;
    check(`fan-out ${side}: lost`, f.lost);
    check(`fan-out ${side}: duplicated`, f.duplicates);
    check(`fan-out ${side}: out of order`, f.outOfOrder);
    check(`fan-out ${side}: subscription errors`, f.subscriptionErrors);
    check(`fan-out ${side}: subscribers never live`, f.notReady);
    check(`fan-out ${side}: addNote errors`, f.mutationErrors);
    check(`fan-out ${side}: nothing delivered`, f.expected > 0 && f.delivered === 0 ? 1 : 0);
  }
  check('memory: subscribers never live', results.memory ? results.memory.subscribers - results.memory.ready : 0);
  check('ceilings: PostGraphile insert errors', results.ceilings?.postgraphile?.insert.errors);
  check('ceilings: PostGraphile board errors', results.ceilings?.postgraphile?.board.errors);
  check('ceilings: PostGraphile board errors (paced)', results.ceilings?.postgraphile?.boardPaced?.errors);
  if (results.ceilings?.pgbenchError) found.push(`ceilings: pgbench failed: ${results.ceilings.pgbenchError}`);
  if (results.ceilings?.pgbenchAddNoteError) found.push(`ceilings: pgbench (addNote's statement) failed: ${results.ceilings.pgbenchAddNoteError}`);
  if (results.ceilings?.postgraphileError) found.push(`ceilings: PostGraphile failed: ${results.ceilings.postgraphileError}`);
  for (const [name, error] of Object.entries(results.crashed ?? {})) found.push(`${name} crashed: ${error}`);
  return found;
}

