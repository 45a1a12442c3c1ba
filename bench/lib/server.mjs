// The server under test as a process of its own, started the way operators start it: a JVM on a
// free port, configured by environment variables, against the database the harness created.
import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { get } from './http.mjs';
import { sleep } from './stats.mjs';

const run = promisify(execFile);

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** An ADMIN secret in the form API tokens have: `icmd_` and 256 random bits. */
export function adminSecret() {
  return `icmd_${randomBytes(32).toString('base64url')}`;
}

/** The packaged jar in target/, for when neither --jar nor --classpath is given. */
export function findJar(root) {
  const dir = path.join(root, 'target');
  const jars = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((f) => /^incident-command-.*\.jar$/.test(f) && !f.endsWith('-plain.jar'))
    : [];
  if (!jars.length) throw new Error('No target/incident-command-*.jar: build it with ./mvnw -q package -DskipTests, or pass --jar or --classpath');
  return path.join(dir, jars.sort().at(-1));
}

/**
 * Starts the server and waits until it is ready. `launch` is { jar } or { classpath, mainClass };
 * `limits` raises the rate limit and subscriptions per socket so the harness measures the server,
 * not its guards against abuse.
 */
export async function startServer({ java = 'java', launch, jvmOpts, databaseUrl, databaseUser, databasePassword, token, subscriptionsPerSocket, logFile }) {
  const started = Date.now();
  const port = await freePort();
  const target = launch.jar ? ['-jar', launch.jar] : ['-cp', launch.classpath, launch.mainClass];
  const args = [...jvmOpts.split(/\s+/).filter(Boolean), ...target];
  const env = {
    ...process.env,
    PORT: String(port),
    INCIDENT_DB_URL: databaseUrl,
    INCIDENT_DB_USER: databaseUser,
    ...(databasePassword ? { INCIDENT_DB_PASSWORD: databasePassword } : {}),
    INCIDENT_BOOTSTRAP_TOKEN: token,
    INCIDENT_COMMAND_LIMITS_REQUESTS_PER_SECOND: '1000000',
    INCIDENT_COMMAND_LIMITS_BURST: '1000000',
    INCIDENT_COMMAND_LIMITS_SUBSCRIPTIONS_PER_CONNECTION: String(Math.max(100, subscriptionsPerSocket)),
  };
  const out = fs.openSync(logFile, 'w');
  const child = spawn(java, args, { env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) throw new Error(`The server exited (${JSON.stringify(exited)}) before it was ready; its log:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server was not ready within 180 s; its log:\n${tail(logFile)}`);
    }
    const health = await get(`${url}/actuator/health/readiness`).catch(() => null);
    if (health?.status === 200) break;
    await sleep(250);
  }
  return {
    url,
    pid: child.pid,
    java,
    startSeconds: (Date.now() - started) / 1000,
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Values of one Prometheus metric, summed (or `combine`d) over the series whose labels contain `labels`. */
export function metric(text, name, labels = {}, combine = (a, b) => a + b) {
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const set = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) {
      sum = found ? combine(sum, Number(match[3])) : Number(match[3]);
      found = true;
    }
  }
  return found ? sum : null;
}

export async function prometheus(url, token) {
  const { status, text } = await get(`${url}/actuator/prometheus`, token);
  if (status !== 200) throw new Error(`/actuator/prometheus answered ${status}`);
  return text;
}

/**
 * Runs a jcmd command in the server's JVM and returns what it printed; null for a server the
 * harness did not start (jcmd needs the pid) or when the command fails.
 */
async function jcmd(server, ...command) {
  if (!server.pid) return null;
  const beside = path.join(path.dirname(server.java), 'jcmd');
  try {
    const { stdout } = await run(fs.existsSync(beside) ? beside : 'jcmd', [String(server.pid), ...command], { maxBuffer: 64 << 20 });
    return stdout;
  } catch {
    return null;
  }
}

/** Asks the JVM for a full collection; false where it cannot. */
export async function collectGarbage(server) {
  return (await jcmd(server, 'GC.run')) != null;
}

/** Writes the server's live heap to `file` (HPROF), for a heap analyser; false where it cannot. */
export async function heapDump(server, file) {
  return (await jcmd(server, 'GC.heap_dump', file)) != null;
}

/**
 * Native memory the JVM has committed outside its heap (`jcmd VM.native_memory`), in bytes:
 * { total, categories: { Thread, Code, GC, Other (direct buffers)... } }; null unless the
 * server runs with -XX:NativeMemoryTracking.
 */
export async function nativeCommitted(server) {
  const summary = await jcmd(server, 'VM.native_memory', 'summary');
  if (summary == null) return null;
  const categories = {};
  let total = null;
  for (const line of summary.split('\n')) {
    const kb = /committed=(\d+)KB/.exec(line);
    if (!kb) continue;
    const category = /^-\s+(.+?)\s+\(reserved=/.exec(line);
    if (category) categories[category[1]] = Number(kb[1]) * 1024;
    if (/^\s*Total:/.test(line)) total = Number(kb[1]) * 1024;
  }
  const heap = categories['Java Heap'];
  delete categories['Java Heap'];
  return total == null || heap == null ? null : { total: total - heap, categories };
}

/**
 * Live objects by class after a full collection (`jcmd GC.class_histogram`): a Map from class name
 * to { instances, bytes }; null for a server the harness did not start.
 */
export async function classHistogram(server) {
  const histogram = await jcmd(server, 'GC.class_histogram');
  if (histogram == null) return null;
  const classes = new Map();
  for (const line of histogram.split('\n')) {
    const row = /^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)/.exec(line);
    if (row) classes.set(row[3], { instances: Number(row[1]), bytes: Number(row[2]) });
  }
  return classes;
}

/** The classes that grew most from `before` to `after`, per `n` (subscribers): [{ name, bytes, instances }]. */
export function grownClasses(before, after, n, top = 12) {
  if (!before || !after) return null;
  return [...after.entries()]
    .map(([name, { instances, bytes }]) => ({
      name,
      bytes: (bytes - (before.get(name)?.bytes ?? 0)) / n,
      instances: (instances - (before.get(name)?.instances ?? 0)) / n,
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

/** Resident set size of a process in bytes, from /proc; null where there is no /proc or no pid. */
export function residentBytes(pid) {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}
