// The PostgreSQL side: a fresh database per run, and how many connections the run holds.
import pg from 'pg';

/** Connection settings of a postgresql:// url, with another database name if given. */
export function location(url, database) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || process.env.PGUSER || 'postgres'),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? u.pathname.replace(/^\//, ''),
    // The harness's own sessions (set-up, CPU accounting, sampling) are not the server's connections.
    application_name: HARNESS,
  };
}

const HARNESS = 'incident-command-bench';

/** The url of database `name` on the same server as `url`. */
export function urlOf(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withClient(config, work) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl, name) {
  await withClient(location(adminUrl), (c) => c.query(`CREATE DATABASE ${name}`));
}

export async function dropDatabase(adminUrl, name) {
  await withClient(location(adminUrl), (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export function query(url, sql, params) {
  return withClient(location(url), (c) => c.query(sql, params));
}

/**
 * Samples the database's sessions every 200 ms on one connection of its own (not counted) and
 * keeps the highest total and the highest number waiting on LISTEN.
 */
export class ConnectionSampler {
  constructor(url) {
    this.config = location(url);
    this.max = 0;
    this.maxListening = 0;
  }

  async start() {
    this.client = new pg.Client(this.config);
    await this.client.connect();
    this.timer = setInterval(() => this.sample().catch(() => {}), 200);
    await this.sample();
  }

  async sample() {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE query ILIKE 'LISTEN%')::int AS listening
           FROM pg_stat_activity WHERE datname = $1 AND application_name <> $2`, [this.config.database, HARNESS]);
      this.max = Math.max(this.max, rows[0].total);
      this.maxListening = Math.max(this.maxListening, rows[0].listening);
    } finally {
      this.busy = false;
    }
  }

  snapshot() {
    return { max: this.max, maxListening: this.maxListening };
  }

  /** Starts counting afresh, for the next phase of a run. */
  reset() {
    this.max = 0;
    this.maxListening = 0;
  }

  async stop() {
    clearInterval(this.timer);
    await this.client?.end();
    return { max: this.max, maxListening: this.maxListening };
  }
}
