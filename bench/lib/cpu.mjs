// CPU time of processes, from /proc: what a request costs the server and the database, beside
// what it costs in wall time. On a shared 2-core machine throughput hides where the time goes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { query } from './database.mjs';

let ticks = null;
function ticksPerSecond() {
  if (ticks == null) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** User plus system CPU seconds of the processes, or null when /proc does not show one of them. */
export function cpuSeconds(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces, so cut at the last parenthesis):
      // state is the 3rd field of the line, utime the 14th, stime the 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return total / ticksPerSecond();
}

/** The PostgreSQL backends serving a database, when PostgreSQL runs on this machine. */
export async function backendPids(databaseUrl, database) {
  const { rows } = await query(databaseUrl,
    "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name <> 'incident-command-bench'", [database]);
  return rows.map((r) => r.pid);
}

/**
 * Measures CPU around a piece of work: `processes` names groups of pids (an async function, asked
 * once before); the answer is CPU milliseconds per request of each group, null where unreadable.
 */
export async function cpuAround(processes, work) {
  const groups = processes ? await processes() : {};
  const before = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, cpuSeconds(pids)]));
  const result = await work();
  const perRequest = {};
  for (const [name, pids] of Object.entries(groups)) {
    const after = cpuSeconds(pids);
    perRequest[name] = before[name] == null || after == null || !result.requests
      ? null : ((after - before[name]) * 1000) / result.requests;
  }
  return { ...result, cpuMsPerRequest: perRequest };
}
