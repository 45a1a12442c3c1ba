/** Words and times as the board shows them. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A length of time in its two largest units: `45s`, `12m 05s`, `3h 07m`, `2d 4h`. */
export function duration(ms) {
  const t = Math.max(0, ms);
  const pad = (n) => String(n).padStart(2, '0');
  if (t < MINUTE) {
    return `${Math.floor(t / SECOND)}s`;
  }
  if (t < HOUR) {
    return `${Math.floor(t / MINUTE)}m ${pad(Math.floor((t % MINUTE) / SECOND))}s`;
  }
  if (t < DAY) {
    return `${Math.floor(t / HOUR)}h ${pad(Math.floor((t % HOUR) / MINUTE))}m`;
  }
  return `${Math.floor(t / DAY)}d ${Math.floor((t % DAY) / HOUR)}h`;
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const secondsFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** Local wall-clock time, `14:02`. */
export function clock(instant) {
  return clockFormat.format(new Date(instant));
}

/** Local wall-clock time to the second, `14:02:11`. */
export function clockWithSeconds(instant) {
  return secondsFormat.format(new Date(instant));
}

/** `SCREAMING_SNAKE_CASE` as words people read: `Information gathering`. */
export function words(constant) {
  const text = constant.toLowerCase().replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TASK_STATUS = {
  ASSIGNED: 'Not acknowledged',
  ACKNOWLEDGED: 'Acknowledged',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  CANCELLED: 'Cancelled',
};

export function taskStatus(status) {
  return TASK_STATUS[status] ?? words(status);
}

const SCOPE = { ALL_USERS: 'All users', SUBSET: 'Some users', UNKNOWN: 'Scope unknown' };

/** Who is affected, e.g. `Some users: EU card payments`. */
export function scope(impact) {
  const who = SCOPE[impact.scope] ?? words(impact.scope);
  return impact.affectedUsers ? `${who}: ${impact.affectedUsers}` : who;
}

/** A number with the right noun: `1 task`, `3 tasks`. */
export function count(n, noun, plural = `${noun}s`) {
  return `${n} ${n === 1 ? noun : plural}`;
}
