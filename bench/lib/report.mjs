// The figures, as a table for people and as JSON for comparing runs.
import fs from 'node:fs';
import path from 'node:path';

export const fmt = {
  rate: (v) => (v == null || Number.isNaN(v) ? '–' : `${v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(1)}/s`),
  ms: (v) => (v == null ? '–' : v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`),
  bytes: (v) => (v == null ? '–' : Math.abs(v) >= 1 << 20 ? `${(v / (1 << 20)).toFixed(1)} MB` : `${(v / 1024).toFixed(1)} KB`),
  num: (v, digits = 2) => (v == null ? '–' : Number(v).toFixed(digits)),
  ratio: (a, b) => (a == null || b == null || !b ? '–' : `${(a / b).toFixed(2)}×`),
  latency: (r) => (r ? `p50 ${fmt.ms(r.p50)} · p99 ${fmt.ms(r.p99)} · max ${fmt.ms(r.max)}` : '–'),
};

/** CPU time: under a millisecond, to the hundredth. */
const cpuMs = (v) => (v < 1 ? `${v.toFixed(2)} ms` : fmt.ms(v));

/** CPU milliseconds of each process group that was readable: the serving process, PostgreSQL's backends, the harness. */
function cpuParts(c, name = 'server') {
  const parts = [[name, c?.[name]], ['PostgreSQL', c?.postgres], ['harness', c?.harness]]
    .filter(([, v]) => v != null).map(([label, v]) => `${label} ${cpuMs(v)}`);
  return parts.length ? parts.join(' · ') : '–';
}

/**
 * CPU per request, and, when all three were read, the most requests a second the machine's cores
 * could serve at that cost: the ceiling any throughput on this machine stays under.
 */
function cpu(r, name = 'server', cores = null) {
  const c = r?.cpuMsPerRequest;
  if (!c || (c[name] == null && c.postgres == null)) return '–';
  const all = [c[name], c.postgres, c.harness];
  if (!cores || all.some((v) => v == null)) return cpuParts(c, name);
  const sum = all.reduce((a, b) => a + b, 0);
  return `${cpuParts(c, name)}; ${cpuMs(sum)} in all: ${cores} cores allow ${fmt.rate((cores * 1000) / sum)} at most`;
}

/** How the warm-up went: its length and the rate of each window, so a reader sees it levelled off. */
function warmup(r) {
  const w = r?.warmup;
  if (!w?.windows?.length) return '–';
  const rates = w.windows.map((v) => Math.round(v).toLocaleString('en')).join(' → ');
  const jit = w.compilingMs?.length ? `; JIT ${(w.compilingMs.at(-1) / 1000).toFixed(1)} s in the last window` : '';
  return `${Math.round(w.seconds)} s: ${rates} /s${jit}${w.steady === false ? ' (not settled)' : ''}`;
}

/** A markdown table: rows of [work, this server, side by side, ratio]. */
export function table(rows) {
  const header = ['work', 'this server', 'side by side, same run', 'ratio'];
  const all = [header, ...rows.map((r) => r.map((c) => String(c ?? '–')))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...all.slice(1).map(line)].join('\n');
}

/** The table rows for whatever scenarios ran. */
export function rows(results) {
  const out = [];
  const { mutations: m, board: b, fanout: f, memory: mem, ceilings: c } = results;
  const cores = results.machine?.cores;
  if (m) {
    out.push([`addNote, ${m.concurrency} in flight (${m.errors} errors)`, `${fmt.rate(m.perSecond)}, ${fmt.latency(m)}`,
      c?.postgraphile?.insert ? `PostGraphile createNote: ${fmt.rate(c.postgraphile.insert.perSecond)}, ${fmt.latency(c.postgraphile.insert)}` : '–',
      fmt.ratio(m.perSecond, c?.postgraphile?.insert?.perSecond)]);
    out.push(['  CPU per addNote', cpu(m, 'server', cores), c?.postgraphile?.insert ? cpu(c.postgraphile.insert, 'PostGraphile', cores) : '–', '–']);
    if (m.statementsPerRequest != null) out.push(['  SQL statements per addNote', fmt.num(m.statementsPerRequest), '–', '–']);
    out.push(['  warm-up before measuring', warmup(m), c?.postgraphile?.insert ? warmup(c.postgraphile.insert) : '–', '–']);
    if (c?.pgbench) {
      out.push(['  same, against a plain INSERT + COMMIT', fmt.rate(m.perSecond),
        `pgbench: ${fmt.rate(c.pgbench.perSecond)}, ${fmt.latency(c.pgbench)}`, fmt.ratio(m.perSecond, c.pgbench.perSecond)]);
    }
    if (c?.pgbenchAddNote) {
      out.push(["  same, against addNote's own statement", fmt.rate(m.perSecond),
        `pgbench: ${fmt.rate(c.pgbenchAddNote.perSecond)}, ${fmt.latency(c.pgbenchAddNote)}`, fmt.ratio(m.perSecond, c.pgbenchAddNote.perSecond)]);
    }
    out.push(['  database connections during addNote (max)', m.connections?.max,
      c?.postgraphile ? `during PostGraphile's runs, with this server's idle pool: ${c.postgraphile.connections.max}` : '–', '–']);
  }
  if (b) {
    out.push([`board, 20 of ${b.small.active} active, ${b.small.concurrency} in flight (${b.small.errors} errors)`,
      `${fmt.rate(b.small.perSecond)}, ${fmt.latency(b.small)}`,
      c?.postgraphile?.board ? `PostGraphile allIncidents (${c.postgraphile.board.active} active): ${fmt.rate(c.postgraphile.board.perSecond)}, ${fmt.latency(c.postgraphile.board)}` : '–',
      fmt.ratio(b.small.perSecond, c?.postgraphile?.board?.perSecond)]);
    if (b.paced) {
      const pg = c?.postgraphile?.boardPaced;
      out.push([`  board at a steady ${fmt.rate(b.paced.rate)}, timed from when each was due (${b.paced.errors} errors)`, fmt.latency(b.paced),
        pg ? `PostGraphile at ${fmt.rate(pg.rate)}: ${fmt.latency(pg)}` : '–', pg ? `p99 ${fmt.ratio(b.paced.p99, pg.p99)}` : '–']);
      out.push(['  CPU per board request at that rate', cpu(b.paced), pg ? cpu(pg, 'PostGraphile') : '–', '–']);
    }
    out.push(['  CPU per board request', cpu(b.small, 'server', cores), c?.postgraphile?.board ? cpu(c.postgraphile.board, 'PostGraphile', cores) : '–', '–']);
    out.push([`  SQL statements per board request (${b.small.active} / ${b.large.active} active)`,
      `${fmt.num(b.small.statementsPerRequest)} / ${fmt.num(b.large.statementsPerRequest)}`, '–', '–']);
    out.push([`  board with ${b.large.active} active (${b.large.errors} errors)`, `${fmt.rate(b.large.perSecond)}, ${fmt.latency(b.large)}`, '–', '–']);
    out.push(['  database connections during board (max)', b.connections?.max, '–', '–']);
  }
  if (f) {
    const s = f.server;
    const r = f.reference;
    out.push([`fan-out: ${s.subscribers} subscribers (${s.sockets} sockets) on ${f.incidents} incidents, ${f.rate} notes/s; send to delivery`,
      `${fmt.rate(s.deliveriesPerSecond)} delivered, ${fmt.latency(s)}`,
      r ? `reference graphql-ws server: ${fmt.rate(r.deliveriesPerSecond)} delivered, ${fmt.latency(r)}` : '–',
      r ? `p99 ${fmt.ratio(s.p99, r.p99)}` : '–']);
    out.push(['  lost / duplicated / out of order / errors', `${s.lost} / ${s.duplicates} / ${s.outOfOrder} / ${s.subscriptionErrors + s.notReady}`,
      r ? `${r.lost} / ${r.duplicates} / ${r.outOfOrder} / ${r.subscriptionErrors + r.notReady}` : '–', '–']);
    if (s.cpuMsPerThousand) {
      out.push(['  CPU per 1,000 deliveries', cpuParts(s.cpuMsPerThousand), r?.cpuMsPerThousand ? cpuParts(r.cpuMsPerThousand) : '–',
        r?.cpuMsPerThousand?.server ? `server ${fmt.ratio(s.cpuMsPerThousand.server, r.cpuMsPerThousand.server)}` : '–']);
    }
    if (s.statementsPerNote != null) {
      out.push(['  SQL statements per note, with the subscribers / once they left', `${fmt.num(s.statementsPerNote)} / ${fmt.num(s.mutationAlone?.statementsPerNote)}`, '–', '–']);
    }
    if (s.harnessLoopDelay) {
      out.push(['  harness: its subscribers\' event loop delay (part of each delivery\'s latency)', `p99 ${fmt.ms(s.harnessLoopDelay.p99)} · max ${fmt.ms(s.harnessLoopDelay.max)}`,
        r?.harnessLoopDelay ? `p99 ${fmt.ms(r.harnessLoopDelay.p99)} · max ${fmt.ms(r.harnessLoopDelay.max)}` : '–', '–']);
    }
    if (s.gcPauses) {
      out.push(['  garbage collection pauses in the server', `${s.gcPauses.count}, ${fmt.ms(s.gcPauses.totalMs)} in all; longest of the last two minutes (set-up and warm-up too) ${fmt.ms(s.gcPauses.longestMs)}`, '–', '–']);
    }
    out.push(['  addNote during the fan-out', `p50 ${fmt.ms(s.mutationP50)} · p99 ${fmt.ms(s.mutationP99)} (${s.mutationErrors} errors)`,
      r ? `p50 ${fmt.ms(r.mutationP50)} · p99 ${fmt.ms(r.mutationP99)}` : '–', '–']);
    if (s.mutationAlone) {
      out.push(['  addNote at the same rate once the subscribers left', `p50 ${fmt.ms(s.mutationAlone.p50)} · p99 ${fmt.ms(s.mutationAlone.p99)} (${s.mutationAlone.errors} errors)`,
        '–', s.mutationAlone.p99 ? `p99 ${s.mutationP99 >= s.mutationAlone.p99 ? '+' : ''}${Math.round((s.mutationP99 / s.mutationAlone.p99 - 1) * 100)}% with them` : '–']);
    }
    out.push(['  warm-up before measuring', s.warmup ? `${Math.round(s.warmup.seconds)} s${s.warmup.compilingMs?.length ? `; JIT ${(s.warmup.compilingMs.at(-1) / 1000).toFixed(1)} s in the last 5 s` : ''}` : '–',
      r?.warmup ? `${Math.round(r.warmup.seconds)} s` : '–', '–']);
    out.push(['  database connections during fan-out (max, of them LISTEN)', `${s.connections?.max} (${s.connections?.maxListening})`, '–', '–']);
  }
  if (mem) {
    const native = mem.nativePerSubscriber == null ? ''
      : ` · native ${fmt.bytes(mem.nativePerSubscriber)} · heap + native ${fmt.bytes(mem.heapPerSubscriber + mem.nativePerSubscriber)}`;
    out.push([`memory per idle subscriber (${mem.subscribers} subscribers)`,
      `heap ${fmt.bytes(mem.heapPerSubscriber)}${native} · resident ${fmt.bytes(mem.residentPerSubscriber)}`, '–', '–']);
    out.push(['  heap before → after (after a full GC)', `${fmt.bytes(mem.heapBefore)} → ${fmt.bytes(mem.heapAfter)}`, '–', '–']);
    out.push(['  resident before → after', `${fmt.bytes(mem.residentBefore)} → ${fmt.bytes(mem.residentAfter)}`, '–', '–']);
    if (mem.nativePerSubscriber != null) {
      const parts = Object.entries(mem.nativeGrown ?? {}).sort((a, b) => b[1] - a[1])
        .map(([name, bytes]) => `${name} ${Math.round(bytes)} B`).join(', ');
      out.push(['  native (outside the heap) before → after', `${fmt.bytes(mem.nativeBefore)} → ${fmt.bytes(mem.nativeAfter)}${parts ? ` (per subscriber: ${parts})` : ''}`, '–', '–']);
    }
    for (const grown of (mem.grown ?? []).slice(0, 12)) {
      out.push([`  of it ${grown.name}`, `${Math.round(grown.bytes)} B (${grown.instances.toFixed(1)} per subscriber)`, '–', '–']);
    }
  }
  // Ceilings run without the scenarios they stand beside: their figures alone.
  if (c?.pgbenchAddNote && !m) out.push(["addNote's statement, pgbench", '–', `${fmt.rate(c.pgbenchAddNote.perSecond)}, ${fmt.latency(c.pgbenchAddNote)}`, '–']);
  if (c?.pgbench && !m) out.push(['insert + commit, pgbench', '–', `${fmt.rate(c.pgbench.perSecond)}, ${fmt.latency(c.pgbench)}`, '–']);
  if (c?.postgraphile && !m) out.push(['insert, PostGraphile createNote', '–', `${fmt.rate(c.postgraphile.insert.perSecond)}, ${fmt.latency(c.postgraphile.insert)}`, '–']);
  if (c?.postgraphile && !b) out.push(['board, PostGraphile allIncidents', '–', `${fmt.rate(c.postgraphile.board.perSecond)}, ${fmt.latency(c.postgraphile.board)}`, '–']);
  if (c?.postgraphile?.boardPaced && !b) {
    out.push([`board at a steady ${fmt.rate(c.postgraphile.boardPaced.rate)}, PostGraphile`, '–',
      `${fmt.latency(c.postgraphile.boardPaced)}; CPU per request: ${cpu(c.postgraphile.boardPaced, 'PostGraphile')}`, '–']);
  }
  for (const [name, skipped] of Object.entries(results.skipped ?? {})) out.push([`${name}: skipped`, skipped, '–', '–']);
  return out;
}

export function writeJson(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
