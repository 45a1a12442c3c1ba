/** Drawing the board. Every text from the server goes into text nodes, never into markup. */
import { h } from './dom.js';
import { clock, clockWithSeconds, count, duration, scope, taskStatus, words } from './format.js';
import { taskButtons } from './console.js';
import { attention, isCheckInOverdue, isOverdue, isUnacknowledged, tasksByUrgency } from './incidents.js';

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

function taskRow(task, now, actor) {
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
    expected,
    actor && taskButtons(task, actor));
}

/**
 * The selected incident: what it is, who leads, the impact, and its work. `options`: `following`
 * (no incident picked), `loaded`, `actor` (who may act: draw task controls for them) and `rewound` (the state as of an
 * earlier event: `{ sequence, at }`).
 */
export function renderDetail(container, incident, now, options) {
  const { following, loaded, actor, rewound } = options;
  const overdue = incident && !rewound ? incident.tasks.filter((task) => isOverdue(task, now)).map((task) => task.id) : [];
  const late = incident && !rewound ? isCheckInOverdue(incident, now) : false;
  drawIfChanged(container, incident
    ? `${incident.id}|${incident.lastSequence}|${following}|${overdue}|${late}|${actor}|${rewound?.sequence}` : `none|${loaded}`,
  () => drawDetail(container, incident, now, options));
}

function drawDetail(container, incident, now, { following, loaded, actor, rewound }) {
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
      rewound && h('p', { class: 'rewound-note' }, `As it stood after event #${rewound.sequence}, ${clockWithSeconds(rewound.at)}.`),
      !incident.active && !rewound && h('p', { class: 'off-board' }, 'Resolved, so no longer on the board. Pick another incident, or press Esc to follow the worst one.'),
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
        ? h('ol', { class: 'task-list' }, tasks.map((task) => taskRow(task, now, !rewound && incident.active ? actor : null)))
        : h('p', { class: 'muted' }, 'No tasks delegated yet.')));
}

function person(responder) {
  return responder.name && responder.name !== responder.handle ? `${responder.name} (${responder.handle})` : responder.handle;
}

function section(className, title, ...content) {
  return h('section', { class: `part ${className}` }, h('h3', {}, title), ...content);
}

/** The newest update for an audience, or null. */
function latest(updates, audience) {
  return updates.filter((update) => update.audience === audience).at(-1) ?? null;
}

function updateItem(title, update, now) {
  return h('div', { class: 'update' },
    h('dt', {}, title),
    update
      ? h('dd', {}, h('span', { class: 'age' }, elapsedSince(update.postedAt, now), ' ago'),
        ` by ${update.author.handle}: `, h('q', {}, update.body))
      : h('dd', { class: 'muted' }, 'None posted yet'));
}

/**
 * What the commander needs besides the state: the call and who is on it, pages waiting, the last
 * updates, the sitrep, mitigations tried, relief and command history. Rewound, only the people
 * on the incident at that moment.
 */
export function renderConsole(container, incident, detail, now, rewound) {
  const signature = rewound ? `asof|${incident?.id}|${rewound.sequence}` : `${incident?.id}|${detail?.lastSequence}|${detail?.id}`;
  drawIfChanged(container, signature, () => drawConsole(container, incident, detail, now, rewound));
}

function drawConsole(container, incident, detail, now, rewound) {
  if (!incident || (!rewound && (!detail || detail.id !== incident.id))) {
    container.replaceChildren();
    return;
  }
  if (rewound) {
    container.replaceChildren(
      section('people', 'People on the incident then', peopleList(rewound.participants, now, false)),
      section('pages', `Pages waiting then (${rewound.unansweredPages.length})`, rewound.unansweredPages.length
        ? h('ul', {}, rewound.unansweredPages.map((page) => h('li', {},
          h('strong', {}, person(page.responder)), ` paged at ${clock(page.pagedAt)}`,
          page.reason && h('span', { class: 'muted' }, ` – ${page.reason}`))))
        : h('p', { class: 'muted' }, 'Nobody was waiting to be reached.')));
    return;
  }
  const unanswered = detail.pages.filter((page) => !page.answeredAt);
  const relief = detail.participants.filter((p) => p.dueForRelief);
  const mitigations = detail.tasks.filter((task) => task.kind === 'MITIGATION' && task.status !== 'ASSIGNED' && task.status !== 'ACKNOWLEDGED');
  container.replaceChildren(
    h('div', { class: 'call' },
      detail.callUrl
        ? h('a', { class: 'join-call', href: detail.callUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Join the call')
        : h('span', { class: 'muted' }, 'No call link yet'),
      relief.length > 0 && h('span', { class: 'chip relief' }, `Due for relief: ${relief.map((p) => p.responder.handle).join(', ')}`)),
    section('people', `On the incident (${detail.participants.length})`, peopleList(detail.participants, now, true)),
    section('pages', `Pages waiting (${unanswered.length})`, unanswered.length
      ? h('ul', {}, unanswered.map((page) => h('li', { class: Date.parse(page.answerBy) < now ? 'late' : '' },
        h('strong', {}, person(page.responder)), ' paged by ', page.pagedBy.handle, ' ', elapsedSince(page.pagedAt, now), ' ago',
        page.reason && h('span', { class: 'muted' }, ` – ${page.reason}`),
        Date.parse(page.answerBy) < now && h('span', { class: 'chip overdue' }, 'not answered'))))
      : h('p', { class: 'muted' }, 'Nobody is waiting to be reached.')),
    section('updates', 'Latest updates', h('dl', {},
      updateItem('Internal', latest(detail.updates, 'INTERNAL'), now),
      updateItem('External', latest(detail.updates, 'EXTERNAL'), now))),
    section('mitigations', 'Mitigations tried', mitigations.length
      ? h('ul', {}, mitigations.map((task) => h('li', {},
        h('strong', {}, task.title), ` (${task.assignee.handle}) · `, taskStatus(task.status),
        task.outcome ? h('span', { class: `outcome ${task.outcome.toLowerCase().replaceAll('_', '-')}` }, ` · ${words(task.outcome)}`)
          : task.status === 'DONE' && h('span', { class: 'muted' }, ' · outcome not judged yet'))))
      : h('p', { class: 'muted' }, 'None started yet.')),
    section('command-history', 'Command', h('ol', {}, detail.commandHistory.map((stint) => h('li', {},
      h('strong', {}, person(stint.responder)), ` from ${clock(stint.since)}`,
      stint.until ? ` to ${clock(stint.until)}` : ' · now',
      stint.handoverNotes && h('span', { class: 'muted' }, ` – ${stint.handoverNotes}`))))),
    section('sitrep', 'Sitrep',
      h('pre', { id: 'sitrep-text', tabindex: '0' }, detail.sitrep.text),
      h('button', { type: 'button', class: 'copy', 'data-copy': 'sitrep-text' }, 'Copy sitrep')),
  );
}

function peopleList(participants, now, live) {
  if (!participants.length) return h('p', { class: 'muted' }, 'Nobody yet.');
  return h('ul', { class: 'people' }, participants.map((p) => h('li', { class: p.dueForRelief ? 'relief' : '' },
    h('span', { class: 'who' }, person(p.responder)),
    h('span', { class: 'role' }, words(p.role)),
    live ? h('span', { class: 'for' }, 'for ', elapsedSince(p.since, now)) : h('span', { class: 'for' }, `since ${clock(p.since)}`),
    p.dueForRelief && h('span', { class: 'chip relief' }, 'due for relief'))));
}

/** The rewind bar: a scrubber over the timeline; at its right end, now. */
export function renderRewind(bar, incident, rewind) {
  const slider = bar.querySelector('input');
  const label = bar.querySelector('output');
  bar.hidden = !incident;
  if (!incident) return;
  slider.max = String(incident.lastSequence);
  slider.value = String(rewind ? rewind.sequence : incident.lastSequence);
  slider.setAttribute('aria-valuetext', rewind ? `event ${rewind.sequence} of ${incident.lastSequence}` : 'now');
  bar.dataset.rewound = String(Boolean(rewind));
  const shown = rewind?.state?.sequence === rewind?.sequence ? rewind?.state : null;
  label.textContent = !rewind ? `Now · event #${incident.lastSequence}`
    : shown ? `Rewound to #${rewind.sequence} of ${incident.lastSequence} · ${clockWithSeconds(shown.at)} · Esc returns to now`
      : rewind.error ? `Cannot rewind to #${rewind.sequence}: ${rewind.error}`
        : `Rewinding to #${rewind.sequence}…`;
}

/** One timeline entry; `fresh` ones arrived while watching and are highlighted for a moment. */
export function timelineItem(event, fresh) {
  return h('li', { class: `event ${event.kind.toLowerCase().replaceAll('_', '-')}${fresh ? ' fresh' : ''}`, 'data-sequence': String(event.sequence) },
    h('time', { datetime: event.at }, clockWithSeconds(event.at)),
    h('button', { type: 'button', class: 'sequence', 'data-rewind': String(event.sequence),
      'aria-label': `Rewind to event ${event.sequence}` }, `#${event.sequence}`),
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
