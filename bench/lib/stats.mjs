// Latency samples and their summary. Samples are kept whole (a 20 s run is at most a few
// hundred thousand numbers) so percentiles are exact rather than bucketed.

export class Samples {
  constructor() {
    this.values = [];
  }

  add(ms) {
    this.values.push(ms);
  }

  get count() {
    return this.values.length;
  }

  summary() {
    const sorted = Float64Array.from(this.values).sort();
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : null };
  }
}

/** Milliseconds on a clock shared by everything in this process, with sub-millisecond resolution. */
export function now() {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** "20s", "500ms", "2m" or a bare number of seconds, in milliseconds. */
export function parseDuration(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(text).trim());
  if (!match) throw new Error(`Not a duration: ${text} (use e.g. 20s, 500ms, 2m)`);
  const factor = { ms: 1, s: 1000, m: 60000 }[match[2] ?? 's'];
  return Number(match[1]) * factor;
}
