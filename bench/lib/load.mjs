// Two ways to put load on a server. A closed loop keeps `concurrency` requests in flight (each
// worker sends its next request when the previous answer arrives), which finds throughput. An
// open loop sends at a fixed rate whatever the answers do, which is how the fan-out's writers
// behave: latency is then not hidden by the writers slowing down.
import { cpuAround } from './cpu.mjs';
import { Samples, now, sleep } from './stats.mjs';

/**
 * Runs `op` (an async function resolving to { ok }) from `concurrency` workers for `durationMs`,
 * then waits for what is in flight. Every request started in the window is counted.
 */
export async function closedLoop({ concurrency, durationMs, op }) {
  const tally = new Tally();
  const started = now();
  const end = started + durationMs;
  async function worker(w) {
    for (let i = 0; now() < end; i++) await tally.time(now(), () => op(w, i));
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = (now() - started) / 1000;
  const summary = tally.summary();
  return { ...summary, seconds, perSecond: summary.requests / seconds };
}

/** The answers of a load run: each one's latency, how many failed, and the first failure's text. */
class Tally {
  constructor() {
    this.latency = new Samples();
    this.errors = 0;
    this.firstError = null;
  }

  /** Awaits `call()` (resolving to { ok, error }), timed from `since`; never rejects. */
  async time(since, call) {
    let ok = false;
    try {
      const result = await call();
      ok = result.ok;
      if (!ok) this.firstError ??= result.error;
    } catch (e) {
      this.firstError ??= e.message;
    }
    this.latency.add(now() - since);
    if (!ok) this.errors++;
  }

  summary() {
    const { count, p50, p99, max } = this.latency.summary();
    return { requests: count, errors: this.errors, firstError: this.firstError, p50, p99, max };
  }
}

/**
 * Warm-up, not counted. A JVM keeps compiling its hot paths for minutes on two shared cores (the
 * addNote rate after 15 s of load was a third of the rate after 150 s, and it can hold level for
 * a while in between), so a fixed short warm-up measured the compiler. Load runs in windows of
 * `windowMs` until the rate stops climbing (two windows in a row no more than 3% above the best
 * before them) and, where `compiledMs` tells the server's cumulative JIT time, the compiler is
 * quiet (under 2% of a window). `maxMs` bounds it; below three windows it is one fixed run (smoke
 * runs). Returns the rate of each window and whether it settled.
 */
export async function warmUp({ concurrency, maxMs, windowMs = 10_000, op, compiledMs }) {
  if (maxMs <= 0) return { seconds: 0, windows: [] };
  if (maxMs < 3 * windowMs) {
    const run = await closedLoop({ concurrency, durationMs: maxMs, op });
    return { seconds: run.seconds, windows: [run.perSecond] };
  }
  const windows = [];
  const jit = await compilerWatch(compiledMs);
  let best = 0;
  let flat = 0;
  let seconds = 0;
  while (seconds * 1000 + windowMs <= maxMs && !(flat >= 2 && jit.quiet(windowMs))) {
    const run = await closedLoop({ concurrency, durationMs: windowMs, op });
    seconds += run.seconds;
    windows.push(run.perSecond);
    flat = windows.length > 1 && run.perSecond <= best * 1.03 ? flat + 1 : 0;
    best = Math.max(best, run.perSecond);
    await jit.sample();
  }
  return { seconds, windows, compilingMs: jit.known ? jit.perWindow : null, steady: flat >= 2 && jit.quiet(windowMs) };
}

/**
 * The server's JIT compilation time window by window, from `compiledMs` (its cumulative total;
 * absent for a server that does not tell it). `sample()` closes a window; `quiet(windowMs)`: the
 * last window compiled for under 2% of its length (always, when the total is not known).
 */
export async function compilerWatch(compiledMs) {
  let total = compiledMs ? await compiledMs() : null;
  const perWindow = [];
  return {
    known: total != null,
    perWindow,
    async sample() {
      if (total == null) return;
      const now = await compiledMs();
      perWindow.push(now - total);
      total = now;
    },
    quiet: (windowMs) => total == null || (perWindow.length > 0 && perWindow.at(-1) < 0.02 * windowMs),
  };
}

/**
 * A warm-up then a measured closed loop. `processes` (optional) names the pids whose CPU time the
 * measured window is charged with, per request: see cpu.mjs. `compiledMs`: see warmUp.
 */
export async function warmThenMeasure({ concurrency, warmupMs, durationMs, op, beforeMeasure, afterMeasure, processes, compiledMs }) {
  const warmup = await warmUp({ concurrency, maxMs: warmupMs, op, compiledMs });
  const before = beforeMeasure ? await beforeMeasure() : undefined;
  const result = await cpuAround(processes, () => closedLoop({ concurrency, durationMs, op }));
  if (afterMeasure) Object.assign(result, await afterMeasure(before, result));
  return { ...result, warmup };
}

/** Calls `op(i)` `rate` times a second for `durationMs`, not waiting for answers; resolves when all have answered. */
export async function openLoop({ rate, durationMs, op }) {
  const pending = [];
  const started = now();
  let sent = 0;
  while (now() - started < durationMs) {
    const due = Math.floor(((now() - started) / 1000) * rate);
    while (sent < due) pending.push(op(sent++));
    await sleep(Math.max(1, Math.min(20, 1000 / rate)));
  }
  return Promise.all(pending);
}

/**
 * Sends `op()` at a steady `rate` for `durationMs` and times each answer from the moment its
 * request was due, not from when it left: a server that falls behind is charged with the wait
 * (no coordinated omission). This is latency at a given rate, where a closed loop's latency is
 * mostly its own queue (16 in flight at 1,000/s is 16 ms each before any work).
 */
export async function pacedLoop({ rate, durationMs, op }) {
  const tally = new Tally();
  const pending = [];
  const started = now();
  const total = Math.floor((durationMs / 1000) * rate);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    pending.push(tally.time(due, op));
  }
  await Promise.all(pending);
  return { rate, ...tally.summary(), seconds: (now() - started) / 1000 };
}
