#!/usr/bin/env node
// Load and performance harness for Incident Command. One command:
//   node bench/run.mjs <mutations|board|fanout|memory|ceilings|all|smoke> [options]
// It starts the server from the jar on a fresh database, sets data up over the public API, drives
// the scenarios over HTTP and WebSocket, prints a table and writes the figures as JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConnectionSampler, createDatabase, dropDatabase, urlOf, location } from './lib/database.mjs';
import { GraphQLHttp } from './lib/http.mjs';
import { adminSecret, findJar, startServer } from './lib/server.mjs';
import { seedIncidents } from './lib/setup.mjs';
import { memoryMonitor, memoryMonitorNote } from './lib/machine.mjs';
import * as scenarios from './lib/scenarios.mjs';
import { rows, table, writeJson } from './lib/report.mjs';
import { parseDuration } from './lib/stats.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const ROOT = path.resolve(HERE, '..');
const ALL = ['mutations', 'board', 'fanout', 'memory', 'ceilings'];

const USAGE = `usage: node bench/run.mjs <${[...ALL, 'all', 'smoke'].join('|')}> [options]

  --duration 20s          measured time of each load run
  --warmup 300s           longest unmeasured load before it: load runs in 10 s windows until the
                          rate stops climbing and the server's JIT is quiet; under 30 s, one fixed run
  --concurrency 16        requests in flight (mutations, board, ceilings)
  --subscribers 1000      fan-out subscribers (also the memory scenario's, when run alone)
  --memory-subscribers 5000  idle subscribers of the memory scenario
  --incidents 50          incidents the fan-out subscribers are spread over
  --rate 50               notes per second during the fan-out
  --board-incidents 100   active incidents of the board's second run (statements per request again)
  --board-rate 400        board requests per second of the paced run (latency at a given rate; also
                          PostGraphile's, in ceilings)
  --subs-per-socket 1     subscriptions per WebSocket (1: a socket each, like boards)
  --grace 10s             how long to wait for the last deliveries
  --heap-dump FILE        memory scenario: also write the server's heap, subscribers open, to FILE
  --no-reference          skip the reference graphql-ws server in the fan-out
  --jar PATH              the server jar (default target/incident-command-*.jar)
  --classpath CP          start the server from a classpath instead (with --main-class)
  --java PATH             the java to run it with (default $JAVA_HOME/bin/java, else java)
  --jvm-opts="..."        JVM options (default "-Xms512m -Xmx1g -XX:+UseParallelGC", as the README runs it;
                          note the =, as they start with a dash)
  --pg URL                PostgreSQL server; a database bench_<time> is created on it and dropped
                          (default postgresql://postgres@127.0.0.1:5432/postgres)
  --url URL --token T     drive a server that is already running (T an ADMIN token); --pg is
                          then that server's database, used for connection counts and ceilings
  --out FILE              JSON results (default bench/results/<time>.json)`;

function options(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      duration: { type: 'string' }, warmup: { type: 'string' }, concurrency: { type: 'string' },
      subscribers: { type: 'string' }, 'memory-subscribers': { type: 'string' }, incidents: { type: 'string' },
      rate: { type: 'string' }, 'board-incidents': { type: 'string' }, 'board-rate': { type: 'string' }, 'subs-per-socket': { type: 'string' }, grace: { type: 'string' },
      'heap-dump': { type: 'string' }, 'no-reference': { type: 'boolean' }, jar: { type: 'string' }, classpath: { type: 'string' },
      'main-class': { type: 'string' }, java: { type: 'string' }, 'jvm-opts': { type: 'string' }, pg: { type: 'string' },
      url: { type: 'string' }, token: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const scenario = positionals[0];
  if (values.help || !scenario || ![...ALL, 'all', 'smoke'].includes(scenario)) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const smoke = scenario === 'smoke';
  // The smoke run checks that everything works in well under a minute; its figures mean nothing.
  const d = smoke
    ? { duration: '2s', warmup: '0.5s', concurrency: 4, subscribers: 20, memory: 200, incidents: 5, rate: 20, grace: '5s', boardLarge: 40, boardRate: 20 }
    : { duration: '20s', warmup: '300s', concurrency: 16, subscribers: 1000, memory: 5000, incidents: 50, rate: 50, grace: '10s', boardLarge: 100, boardRate: 400 };
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '_');
  const subscribers = Number(values.subscribers ?? d.subscribers);
  return {
    scenario,
    run: scenario === 'all' ? ALL : smoke ? ALL.filter((s) => s !== 'ceilings') : [scenario],
    smoke,
    stamp,
    durationMs: parseDuration(values.duration ?? d.duration),
    warmupMs: parseDuration(values.warmup ?? d.warmup),
    concurrency: Number(values.concurrency ?? d.concurrency),
    subscribers,
    memorySubscribers: Number(values['memory-subscribers'] ?? (scenario === 'memory' && values.subscribers ? subscribers : d.memory)),
    incidents: Number(values.incidents ?? d.incidents),
    boardLarge: Number(values['board-incidents'] ?? d.boardLarge),
    rate: Number(values.rate ?? d.rate),
    boardRate: Number(values['board-rate'] ?? d.boardRate),
    subsPerSocket: Number(values['subs-per-socket'] ?? 1),
    graceMs: parseDuration(values.grace ?? d.grace),
    heapDump: values['heap-dump'] ? path.resolve(values['heap-dump']) : null,
    reference: !values['no-reference'],
    jar: values.jar,
    classpath: values.classpath,
    mainClass: values['main-class'] ?? 'dev.incidentcommand.IncidentCommandApplication',
    java: values.java ?? (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java'),
    // The smoke run's JVM compiles with C1 only: it starts in about half the CPU time, and the
    // smoke's figures are not for reading anyway.
    // Run alone, the memory scenario also has the JVM track its native memory (a few percent of
    // CPU, so not while speed is measured).
    jvmOpts: values['jvm-opts'] ?? (smoke ? '-Xmx512m -XX:TieredStopAtLevel=1'
      : `-Xms512m -Xmx1g -XX:+UseParallelGC${scenario === 'memory' ? ' -XX:NativeMemoryTracking=summary' : ''}`),
    pg: values.pg ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
    url: values.url?.replace(/\/$/, ''),
    token: values.token,
    out: values.out ?? path.join(HERE, 'results', `${stamp}.json`),
  };
}

// Undone in reverse on the way out, also on Ctrl-C: the server process, the database.
const cleanup = [];
async function cleanUp() {
  while (cleanup.length) await cleanup.pop()().catch((e) => process.stderr.write(`cleanup: ${e.message}\n`));
}
process.once('SIGINT', () => cleanUp().finally(() => process.exit(130)));

async function main() {
  const opts = options(process.argv.slice(2));
  const results = { scenario: opts.scenario, startedAt: new Date().toISOString(), options: { ...opts, token: undefined, classpath: opts.classpath ? '(given)' : undefined }, crashed: {} };
  let exitCode = 0;
  results.machine = { cores: os.availableParallelism(), memoryMonitor: memoryMonitor() };
  try {
    const ctx = await prepare(opts);
    results.server = { url: ctx.url, database: location(ctx.databaseUrl).database, jvmOpts: ctx.server.pid ? opts.jvmOpts : null };
    for (const name of opts.run) {
      process.stderr.write(`== ${name}\n`);
      const started = Date.now();
      try {
        results[name] = await scenarios[name](ctx);
        process.stderr.write(`   ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      } catch (e) {
        results.crashed[name] = e.message.split('\n')[0];
        process.stderr.write(`${name} failed: ${e.stack}\n`);
      }
    }
    results.connectionsOverall = await ctx.sampler.stop();
  } catch (e) {
    results.crashed.setup = e.message.split('\n')[0];
    process.stderr.write(`${e.stack}\n`);
  } finally {
    await cleanUp();
  }
  results.problems = scenarios.problems(results);
  console.log(`\nIncident Command, ${opts.scenario} (${opts.run.join(', ')}), ${new Date().toISOString()}\n`);
  console.log(table(rows(results)));
  const monitorNote = memoryMonitorNote(results.machine.memoryMonitor);
  if (monitorNote) console.log(`\n${monitorNote}`);
  if (results.problems.length) console.log(`\nPROBLEMS:\n${results.problems.map((p) => `- ${p}`).join('\n')}`);
  for (const [name, r] of Object.entries(results)) {
    const failures = r?.server?.failures ?? r?.failures;
    if (failures?.length) console.log(`\n${name}: first failures: ${failures.join(' | ')}`);
  }
  writeJson(opts.out, results);
  console.log(`\nresults: ${path.relative(process.cwd(), opts.out)}`);
  // Broken means crashed, lost or failed; never slow. A smoke run exists to catch the broken.
  if (Object.keys(results.crashed).length || (opts.smoke && results.problems.length)) exitCode = 1;
  process.exit(exitCode);
}

/** The server (started here or given), its database, the credentials and the clients of the run. */
async function prepare(opts) {
  fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
  const logPrefix = path.join(HERE, 'results', opts.stamp);
  let url = opts.url;
  let adminToken = opts.token;
  let databaseUrl = opts.pg;
  let server = { pid: null };
  if (!url) {
    const name = `bench_${opts.stamp}_${process.pid}`.toLowerCase();
    await createDatabase(opts.pg, name);
    cleanup.push(() => dropDatabase(opts.pg, name));
    databaseUrl = urlOf(opts.pg, name);
    adminToken = adminSecret();
    const launch = opts.classpath ? { classpath: opts.classpath, mainClass: opts.mainClass } : { jar: opts.jar ?? findJar(ROOT) };
    const db = location(databaseUrl);
    process.stderr.write(`== starting the server (${launch.jar ?? launch.mainClass}) on database ${name}\n`);
    server = await startServer({
      java: opts.java, launch, jvmOpts: opts.jvmOpts, token: adminToken, logFile: `${logPrefix}-server.log`,
      databaseUrl: `postgresql://${db.host}:${db.port}/${db.database}`, databaseUser: db.user, databasePassword: db.password,
      subscriptionsPerSocket: opts.subsPerSocket,
    });
    cleanup.push(() => server.stop());
    process.stderr.write(`   ready in ${server.startSeconds.toFixed(1)} s at ${server.url}\n`);
    url = server.url;
  } else if (!adminToken) {
    throw new Error('--url needs --token (an ADMIN token)');
  }
  const admin = new GraphQLHttp(`${url}/graphql`, adminToken);
  const issue = async (responder, role) => (await admin.must(
    'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret userErrors { code message } } }',
    { input: { name: `bench ${responder} ${opts.stamp}`, responder, role } })).createApiToken.secret;
  const writerToken = await issue('bench-writer', 'RESPONDER');
  const viewerToken = await issue('bench-board', 'VIEWER');
  const sampler = new ConnectionSampler(databaseUrl);
  await sampler.start();
  cleanup.push(() => sampler.stop().catch(() => {}));
  const clients = [admin, new GraphQLHttp(`${url}/graphql`, writerToken, { sockets: 256 }), new GraphQLHttp(`${url}/graphql`, viewerToken, { sockets: 256 })];
  cleanup.push(async () => clients.forEach((c) => c.close()));
  const board = [];
  return {
    opts, url, server, databaseUrl, adminToken, writerToken, viewerToken, sampler, logPrefix,
    admin: clients[0], writer: clients[1], viewer: clients[2],
    live: [],
    /** The first `count` board incidents, declaring the missing ones. */
    async boardIncidents(count) {
      if (board.length < count) board.push(...await seedIncidents(admin, count - board.length, { from: board.length }));
      return board.slice(0, count);
    },
  };
}

main();
