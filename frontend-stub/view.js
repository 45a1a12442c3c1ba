/** Drawing the board. Every text from the server goes into text nodes, never into markup. */
import { clock, clockWithSeconds, count, duration, scope, taskStatus, words } from './format.js';
import { attention, isCheckInOverdue, isOverdue, isUnacknowledged, tasksByUrgency } from './incidents.js';

/** An element with attributes and children; strings become text. */
function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null && child !== false) node.append(child);
  }
  return node;
}

/** A length of time that keeps counting: up from `since`, or down to `until`. Kept current by `tick`. */
function elapsedSince(instant, now) {
  return h('span', { 'data-since': String(Date.parse(instant)) }, duration(now - Date.parse(instant)));
}

function remainingUntil(instant, now) {
  return h('span', { 'data-until': String(Date.parse(instant)) }, duration(Date.parse(instant) - now));
}

/** Moves every counting time inside `root` on to `now`, without redrawing anything else. */
export function tick(root, now) {
  root.querySelectorAll('[data-since]').forEach((node) => {
    node.textContent = duration(now - Number(node.dataset.since));
  });
  root.querySelectorAll('[data-until]').forEach((node) => {
    node.textContent = duration(Number(node.dataset.until) - now);
  });
}

/**
 * Redraws `node` only when `signature` differs from the one it was drawn with, so elements (and
 * their animations, focus and hover) last as long as what they show does.
 */
function drawIfChanged(node, signature, draw) {
  if (node.dataset.signature !== signature) {
    node.dataset.signature = signature;
    draw();
  }
}

function severityBadge(severity, size = '') {
  return h('span', { class: `severity ${severity.toLowerCase()} ${size}`.trim() }, severity);
}

function chip(kind, text) {
  return h('span', { class: `chip ${kind}` }, text);
}

function commanderName(commander) {
  if (!commander) return null;
  return commander.name && commander.name !== commander.handle ? commander.name : commander.handle;
}

function commanderWithHandle(commander) {
  if (!commander) return 'Nobody has command';
  const name = commanderName(commander);
  return name === commander.handle ? name : `${name} (${commander.handle})`;
}

/** The chips under an incident: what needs someone's attention first. */
function attentionChips(incident, now) {
  const a = attention(incident, now);
  return [
    a.unacknowledged > 0 && chip('unacknowledged', `${a.unacknowledged} not acknowledged`),
    a.overdue > 0 && chip('overdue', `${a.overdue} overdue`),
    a.stalled && chip('stalled', 'Stalled: nothing under way'),
    a.checkInOverdue && chip('check-in', 'Check-in overdue'),
    a.open > 0 && chip('open', `${count(a.open, 'open task')}`),
  ];
}

function incidentRow(incident, now) {
  return [
    h('div', { class: 'row-severity' }, incident.severity),
    h('div', { class: 'row-body' },
      h('div', { class: 'row-title' },
        h('span', { class: 'key' }, incident.key),
        h('span', { class: 'title' }, incident.title)),
      h('div', { class: 'row-facts' },
        h('span', { class: `status ${incident.status.toLowerCase()}` }, words(incident.status)),
        incident.commander
          ? h('span', { class: 'commander' }, 'IC ', h('strong', {}, commanderName(incident.commander)))
          : h('span', { class: 'commander missing' }, 'No commander'),
        h('span', { class: 'row-impact' }, incident.impact.summary ?? 'No impact statement yet')),
      h('div', { class: 'chips' }, attentionChips(incident, now))),
    h('div', { class: 'row-age', title: `Declared ${clock(incident.declaredAt)}` },
      h('span', { class: 'age' }, elapsedSince(incident.declaredAt, now)),
      h('span', { class: 'since' }, `since ${clock(incident.declaredAt)}`)),
  ];
}

/** Redraws the rows in order, keeping each row's element so focus and hover survive. */
export function renderList(list, incidents, selectedId, now) {
  const existing = new Map([...list.children].map((item) => [item.dataset.id, item]));
  incidents.forEach((incident, index) => {
    let item = existing.get(incident.id);
    existing.delete(incident.id);
    if (!item) {
      item = h('li', { role: 'option', tabindex: '0', 'data-id': incident.id });
    }
    item.dataset.key = incident.key;
    item.className = `incident sev-${incident.severity.toLowerCase()}`;
    item.setAttribute('aria-selected', String(incident.id === selectedId));
    drawIfChanged(item, `${incident.lastSequence}|${JSON.stringify(attention(incident, now))}`,
      () => item.replaceChildren(...incidentRow(incident, now)));
    if (list.children[index] !== item) {
      list.insertBefore(item, list.children[index] ?? null);
    }
  });
  existing.forEach((item) => item.remove());
}

function taskRow(task, now) {
  const overdue = isOverdue(task, now);
  const due = task.dueAt && Date.parse(task.dueAt);
  let expected = h('span', { class: 'due none' }, 'no expected time');
  if (overdue) {
    expected = h('span', { class: 'due overdue' }, 'Overdue ', elapsedSince(task.dueAt, now), h('small', {}, ` (due ${clock(due)})`));
  } else if (due && (task.status === 'DONE' || task.status === 'CANCELLED')) {
    expected = h('span', { class: 'due' }, `was due ${clock(due)}`);
  } else if (due) {
    expected = h('span', { class: 'due' }, `due ${clock(due)}`, h('small', {}, ' in ', remainingUntil(task.dueAt, now)));
  }
  const classes = ['task', task.status.toLowerCase().replace('_', '-'),
    isUnacknowledged(task) && 'needs-ack', overdue && 'is-overdue'].filter(Boolean).join(' ');
  return h('li', { class: classes },
    h('span', { class: 'task-status' }, taskStatus(task.status)),
    h('span', { class: 'task-title' }, task.title, h('small', {}, ` · ${words(task.kind)}`)),
    h('span', { class: 'assignee' }, task.assignee.handle),
    expected);
}

/** The selected incident: what it is, who leads, the impact, and its work. */
export function renderDetail(container, incident, now, following, loaded) {
  const overdue = incident ? incident.tasks.filter((task) => isOverdue(task, now)).map((task) => task.id) : [];
  const late = incident ? isCheckInOverdue(incident, now) : false;
  drawIfChanged(container, incident ? `${incident.id}|${incident.lastSequence}|${following}|${overdue}|${late}` : `none|${loaded}`,
    () => drawDetail(container, incident, now, following, loaded));
}

function drawDetail(container, incident, now, following, loaded) {
  if (!incident && !loaded) {
    container.replaceChildren(h('div', { class: 'all-clear' }, h('p', {}, 'Loading incidents…')));
    return;
  }
  if (!incident) {
    container.replaceChildren(h('div', { class: 'all-clear' },
      h('p', { class: 'big' }, 'No active incidents'),
      h('p', {}, 'New incidents appear here the moment they are declared.')));
    return;
  }
  const tasks = tasksByUrgency(incident.tasks, now);
  const open = incident.tasks.filter((task) => task.status !== 'DONE' && task.status !== 'CANCELLED').length;
  container.replaceChildren(
    h('div', { class: `detail-head sev-${incident.severity.toLowerCase()}` },
      h('div', { class: 'detail-badges' },
        severityBadge(incident.severity, 'large'),
        h('span', { class: `status ${incident.status.toLowerCase()}` }, words(incident.status)),
        h('span', { class: 'key' }, incident.key),
        following && h('span', { class: 'following', title: 'Press a row to pin an incident' }, 'Following the worst incident')),
      h('h2', { class: 'detail-title' }, incident.title),
      !incident.active && h('p', { class: 'off-board' }, 'Resolved, so no longer on the board. Pick another incident, or press Esc to follow the worst one.'),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', {}, 'Commander'),
          h('dd', { class: incident.commander ? '' : 'missing' }, commanderWithHandle(incident.commander))),
        h('div', {}, h('dt', {}, 'Declared'),
          h('dd', {}, `${clock(incident.declaredAt)} · `, h('strong', {}, elapsedSince(incident.declaredAt, now)), ' ago')),
        incident.nextCheckInDue && h('div', {}, h('dt', {}, 'Check-in'),
          isCheckInOverdue(incident, now)
            ? h('dd', { class: 'late' }, `Overdue since ${clock(incident.nextCheckInDue)}`)
            : h('dd', {}, `Next by ${clock(incident.nextCheckInDue)} · in `,
              h('strong', {}, remainingUntil(incident.nextCheckInDue, now)))),
        incident.monitoringUntil && h('div', {}, h('dt', {}, 'Monitoring'),
          h('dd', {}, `until ${clock(incident.monitoringUntil)}`)),
        h('div', { class: 'impact' }, h('dt', {}, 'Impact'),
          h('dd', {}, incident.impact.summary ?? 'No impact statement yet',
            h('span', { class: 'scope' }, scope(incident.impact)))))),
    h('section', { class: 'tasks' },
      h('h3', {}, 'Tasks ', h('span', { class: 'muted' }, `${open} open of ${incident.tasks.length}`)),
      tasks.length
        ? h('ol', { class: 'task-list' }, tasks.map((task) => taskRow(task, now)))
        : h('p', { class: 'muted' }, 'No tasks delegated yet.')));
}

/** One timeline entry; `fresh` ones arrived while watching and are highlighted for a moment. */
export function timelineItem(event, fresh) {
  return h('li', { class: `event ${event.kind.toLowerCase().replaceAll('_', '-')}${fresh ? ' fresh' : ''}`, 'data-sequence': String(event.sequence) },
    h('time', { datetime: event.at }, clockWithSeconds(event.at)),
    h('span', { class: 'sequence' }, `#${event.sequence}`),
    h('span', { class: 'kind' }, words(event.kind)),
    h('span', { class: 'summary' }, event.summary));
}

/** Counts by severity for the top bar. */
export function renderSummary(container, incidents) {
  const bySeverity = new Map();
  incidents.forEach((incident) => bySeverity.set(incident.severity, (bySeverity.get(incident.severity) ?? 0) + 1));
  drawIfChanged(container, `${incidents.length}|${[...bySeverity]}`, () => container.replaceChildren(
    h('span', { class: 'total' }, count(incidents.length, 'active incident')),
    ...['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'].filter((s) => bySeverity.has(s))
      .map((s) => h('span', { class: `tally ${s.toLowerCase()}` }, `${bySeverity.get(s)} × ${s}`))));
}

/** Whether the board is live, and if not, that it is getting back and when it last knew. */
export function renderConnection(container, connection, now) {
  const { phase } = connection;
  container.dataset.phase = phase;
  drawIfChanged(container, JSON.stringify(connection), () => drawConnection(container, connection, now));
}

function drawConnection(container, connection, now) {
  const { phase } = connection;
  if (phase === 'live') {
    container.replaceChildren(h('span', { class: 'dot' }), 'Live');
  } else if (phase === 'catching-up') {
    container.replaceChildren(h('span', { class: 'dot' }), 'Catching up…');
  } else if (phase === 'reconnecting') {
    container.replaceChildren(h('span', { class: 'dot' }),
      h('strong', {}, 'Reconnecting…'),
      h('span', { class: 'why' }, ` ${connection.reason}; next try in `,
        remainingUntil(new Date(Math.max(now, connection.retryAt)).toISOString(), now),
        connection.lastLive ? ` · showing the state of ${clockWithSeconds(connection.lastLive)}` : ''));
  } else if (phase === 'error') {
    container.replaceChildren(h('span', { class: 'dot' }), h('strong', {}, 'Cannot load incidents'),
      h('span', { class: 'why' }, ` ${connection.message}; retrying`));
  } else {
    container.replaceChildren(h('span', { class: 'dot' }), 'Connecting…');
  }
}
