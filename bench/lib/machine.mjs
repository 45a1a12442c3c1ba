// Facts about the machine that change what the latency figures mean, recorded with every run.
import fs from 'node:fs';
import path from 'node:path';

const DAMON = '/sys/kernel/mm/damon/admin/kdamonds';

/**
 * The kernel's data access monitor (DAMON), when the kernel runs one: every sampling interval its
 * thread, kdamond, clears and re-reads the accessed bits of pages across physical memory, and a
 * process that touches much memory (a JVM's heap) stalls while it does. With a 500 ms interval
 * this server's answers at a steady rate came in bursts of slow ones twice a second: the board's
 * p99 at 400/s was 64-81 ms with the monitor on and 8.0-11.9 ms with it off, on one machine.
 * Returns null where the kernel has no such interface, else each monitor's state (read once, as
 * the run starts).
 */
export function memoryMonitor() {
  let ids;
  try {
    ids = fs.readdirSync(DAMON).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const monitors = ids.map((id) => {
    const dir = path.join(DAMON, id);
    const on = read(path.join(dir, 'state')) === 'on';
    const context = path.join(dir, 'contexts', '0');
    const sampleUs = Number(read(path.join(context, 'monitoring_attrs', 'intervals', 'sample_us')));
    return {
      kdamond: id,
      on,
      sampleMs: Number.isFinite(sampleUs) ? sampleUs / 1000 : null,
      action: read(path.join(context, 'schemes', '0', 'action')),
    };
  });
  return { monitors };
}

/** A line for the report when a monitor was running, else null. */
export function memoryMonitorNote(monitor) {
  const running = monitor?.monitors.filter((m) => m.on) ?? [];
  if (!running.length) return null;
  const every = running.map((m) => (m.sampleMs ? `${m.sampleMs} ms` : 'an unknown interval')).join(', ');
  return `The kernel's memory access monitor (DAMON) was running as the run started, sampling every ${every}: a process ` +
    'that touches much memory (the server, with its heap) stalls briefly each time, and the latency tails (p99, max) include those stalls. See the README, "Performance".';
}

function read(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
