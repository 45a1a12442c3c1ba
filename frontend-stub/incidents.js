/** What the board reads out of an incident's state: order, open work, and what needs attention. */

const SEVERITY_RANK = { SEV1: 1, SEV2: 2, SEV3: 3, SEV4: 4, SEV5: 5 };
const OPEN = new Set(['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS']);

/** Worst first; among equals the oldest first, since it has hurt longest. */
export function bySeverityThenAge(a, b) {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || Date.parse(a.declaredAt) - Date.parse(b.declaredAt)
    || a.key.localeCompare(b.key, undefined, { numeric: true });
}

export function isOpen(task) {
  return OPEN.has(task.status);
}

/** Assigned but not yet acknowledged: not delegated until the assignee says so. */
export function isUnacknowledged(task) {
  return task.status === 'ASSIGNED';
}

/** Still open after its expected completion time. */
export function isOverdue(task, now) {
  return isOpen(task) && task.dueAt != null && Date.parse(task.dueAt) < now;
}

/** Open tasks first, most urgent first (unacknowledged, overdue, then by expected time), then finished ones. */
export function tasksByUrgency(tasks, now) {
  const rank = (task) => {
    if (!isOpen(task)) return 4;
    if (isUnacknowledged(task)) return 0;
    if (isOverdue(task, now)) return 1;
    return task.status === 'IN_PROGRESS' ? 2 : 3;
  };
  const due = (task) => (task.dueAt ? Date.parse(task.dueAt) : Infinity);
  return [...tasks].sort((a, b) => rank(a) - rank(b) || due(a) - due(b));
}

/** Counts a board shows for an incident at a glance. */
export function attention(incident, now) {
  const open = incident.tasks.filter(isOpen);
  return {
    open: open.length,
    unacknowledged: open.filter(isUnacknowledged).length,
    overdue: open.filter((task) => isOverdue(task, now)).length,
    // The server applies the rules of command; the board shows what they found.
    stalled: incident.stalled,
    checkInOverdue: isCheckInOverdue(incident, now),
  };
}

/** A check-in (internal update) was due under the severity's cadence and none was posted. */
export function isCheckInOverdue(incident, now) {
  return incident.nextCheckInDue != null && Date.parse(incident.nextCheckInDue) <= now;
}
