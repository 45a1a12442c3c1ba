/**
 * The live board and commander's console: every active incident, worst and oldest first, and the
 * selected incident's tasks, people, updates and timeline, kept current over one WebSocket. A
 * RESPONDER (or ADMIN) gets the controls to act on it; anyone can rewind it to an earlier event.
 *
 * On every (re)connect the subscriptions are requested first and the list is queried after, so
 * changes made while the query runs arrive on the stream. Rows from the query and from the stream
 * are reconciled by the incident's `lastSequence`: the newer state wins. The selected incident's timeline resumes after
 * the last sequence shown, so a drop costs neither duplicates nor gaps.
 */
import { asOf, connect, consoleIncident, PAGE_SIZE, viewer } from './api.js';
import { signIn, signOut, token } from './auth.js';
import { install } from './console.js';
import { bySeverityThenAge } from './incidents.js';
import * as view from './view.js';

/** Timeline events replayed when an incident is opened, and the most kept on screen. */
const HISTORY = 100;
const KEPT = 300;
const RETRY_MS = 3000;

const elements = {
  connection: document.getElementById('connection'),
  summary: document.getElementById('summary'),
  clock: document.getElementById('clock'),
  list: document.getElementById('incident-list'),
  more: document.getElementById('more-incidents'),
  empty: document.getElementById('no-incidents'),
  detail: document.getElementById('detail-state'),
  timelinePanel: document.getElementById('timeline-panel'),
  timeline: document.getElementById('timeline'),
  identity: document.getElementById('identity'),
  signOut: document.getElementById('sign-out'),
  signIn: document.getElementById('sign-in'),
  signInReason: document.getElementById('sign-in-reason'),
  signInForm: document.getElementById('sign-in-form'),
  board: document.querySelector('main.board'),
  console: document.getElementById('detail-more'),
  toolbar: document.getElementById('actions'),
  rewind: document.getElementById('rewind'),
  dialog: document.getElementById('action-dialog'),
  help: document.getElementById('help'),
  announcer: document.getElementById('announcer'),
};

/** Active incidents by id, with the change count at which each was last written. */
const rows = new Map();
/** Incidents that left the board (resolved), with the sequence at which they did. */
const resolved = new Map();
let changes = 0;
let total = 0;
let loaded = false;
let status = { phase: 'connecting' };
let lastLive = null;
/** The incident a person picked (by key); null while the board follows the worst incident. */
let chosenKey = decodeURIComponent(location.hash.slice(1)) || null;
/** The open timeline: which incident, the last sequence shown, and how to stop it. */
let timeline = null;
let refreshTimer = null;
/** Who is signed in ({ handle, role }), once known. */
let me = null;
/** The console's extra reading of the selected incident, and whether a newer one is being read. */
let detail = null;
let detailReading = null;
let detailFailedAt = 0;
/** Rewound: `{ incidentId, sequence, state }`, state null while it is read; null when showing now. */
let rewind = null;

const REWIND_DEBOUNCE_MS = 120;
const PICK_GRACE_MS = 5000;
let pickedAt = 0;
let rewindTimer = null;

const controls = install({
  dialog: elements.dialog,
  toolbar: elements.toolbar,
  help: elements.help,
  busy: () => elements.help.open,
  context: () => {
    const selected = selectedIncident(sortedIncidents());
    return me && { me, canAct: canAct(), incident: selected, detail: detail?.id === selected?.id ? detail : null, rewound: Boolean(rewind) };
  },
}, (key) => choose(key));

/** Viewers and integrations watch; responders and admins act. */
function canAct() {
  return me?.role === 'RESPONDER' || me?.role === 'ADMIN';
}

/** The board's connection; null until it has a token to sign in with. */
let api = null;
if (token()) {
  api = connect(onConnection);
  followIncidentChanges();
  showIdentity();
} else {
  askToSignIn('');
}

/** Hides the board and asks for a token, saying why when there is a reason. */
function askToSignIn(reason) {
  status = { phase: 'signed-out' };
  elements.board.hidden = true;
  elements.signOut.hidden = true;
  elements.signIn.hidden = false;
  elements.signInReason.textContent = reason;
  elements.signInForm.elements.token.focus();
}

async function showIdentity() {
  try {
    me = await viewer();
    render();
    elements.identity.textContent = `${me.handle} · ${me.role}`;
    elements.signOut.hidden = false;
  } catch (error) {
    if (error.status === 401) askToSignIn(error.message);
  }
}

function onConnection(state) {
  if (state.phase === 'signed-out') {
    askToSignIn(state.reason);
    return;
  }
  if (state.phase === 'connected') {
    status = { phase: 'catching-up' };
    refresh();
  } else if (state.phase === 'reconnecting') {
    if (status.phase === 'live') {
      lastLive = Date.now();
    }
    clearTimeout(refreshTimer);
    status = { ...state, lastLive };
  } else {
    status = state;
  }
  render();
}

function followIncidentChanges() {
  if (status.phase === 'signed-out') return;
  api.incidentChanges({
    next: applyChange,
    // The stream was ended (e.g. it fell behind): take it again, then re-read what it may have missed.
    error: () => setTimeout(() => {
      followIncidentChanges();
      refresh();
    }, RETRY_MS),
  });
}

function applyChange(incident) {
  changes += 1;
  const leftAt = resolved.get(incident.id);
  if (leftAt !== undefined && leftAt >= incident.lastSequence) {
    return;
  }
  if (timeline?.incident.id === incident.id && incident.lastSequence >= timeline.incident.lastSequence) {
    timeline.incident = incident;
  }
  if (incident.active) {
    resolved.delete(incident.id);
    const known = rows.get(incident.id);
    if (!known || known.incident.lastSequence <= incident.lastSequence) {
      rows.set(incident.id, { incident, written: changes });
    }
  } else {
    rows.delete(incident.id);
    resolved.set(incident.id, incident.lastSequence);
  }
  render();
}

/** One query for the active incidents, merged with whatever the stream delivered meanwhile. */
async function refresh() {
  clearTimeout(refreshTimer);
  const mark = changes;
  try {
    const result = await api.activeIncidents();
    const merged = new Map();
    for (const incident of result.incidents) {
      const leftAt = resolved.get(incident.id);
      if (leftAt !== undefined && leftAt >= incident.lastSequence) continue;
      const known = rows.get(incident.id);
      merged.set(incident.id, known && known.incident.lastSequence > incident.lastSequence
        ? known : { incident, written: mark });
    }
    // Declared after the query read the table: only the stream knows them yet.
    rows.forEach((row, id) => {
      if (!merged.has(id) && row.written > mark) merged.set(id, row);
    });
    rows.clear();
    merged.forEach((row, id) => rows.set(id, row));
    total = result.total;
    loaded = true;
    if (status.phase === 'catching-up' || status.phase === 'error') {
      status = { phase: 'live' };
    }
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      askToSignIn(error.message);
      return;
    }
    if (status.phase === 'catching-up' || status.phase === 'error') {
      status = { phase: 'error', message: error.message };
      refreshTimer = setTimeout(refresh, RETRY_MS);
    }
  }
  render();
}

function sortedIncidents() {
  return [...rows.values()].map((row) => row.incident).sort(bySeverityThenAge);
}

/** The picked incident (also once resolved, while it stays open here), else the worst one. */
function selectedIncident(incidents) {
  if (chosenKey) {
    const picked = incidents.find((incident) => incident.key === chosenKey)
      ?? (timeline?.incident.key === chosenKey && !timeline.incident.active ? timeline.incident : null);
    if (picked) return picked;
    // Once the board is current, a pick that is not on it (resolved meanwhile, mistyped) is let go;
    // one just declared from here is given a moment to arrive on the stream.
    if (status.phase === 'live' && Date.now() - pickedAt > PICK_GRACE_MS) remember(null);
  }
  return incidents[0] ?? null;
}

function remember(key) {
  chosenKey = key;
  history.replaceState(null, '', key ? `#${encodeURIComponent(key)}` : location.pathname + location.search);
}

function choose(key) {
  pickedAt = Date.now();
  remember(key);
  render();
}

/** Shows the incident's timeline: its recent history, then live; resumes after the last one shown. */
function showTimeline(incident) {
  if (timeline?.incident.id === incident?.id) return;
  timeline?.stop();
  elements.timeline.replaceChildren();
  timeline = null;
  if (!incident) return;
  const opened = { incident, lastSeen: Math.max(0, incident.lastSequence - HISTORY), startedAt: incident.lastSequence };
  const subscribe = () => {
    opened.stop = api.timeline(incident.id, () => opened.lastSeen, {
      next: (event) => {
        if (event.sequence <= opened.lastSeen) return;
        opened.lastSeen = event.sequence;
        const fresh = event.sequence > opened.startedAt;
        elements.timeline.prepend(view.timelineItem(event, fresh));
        if (fresh) announce(event);
        while (elements.timeline.children.length > KEPT) elements.timeline.lastElementChild.remove();
      },
      // Ended by the server (it fell behind, or a restart lost it): take it again from the last event shown.
      error: () => setTimeout(() => {
        if (timeline === opened) subscribe();
      }, RETRY_MS),
    });
  };
  timeline = opened;
  subscribe();
}

/** New events are read out by screen readers, a few words each, through one polite live region. */
function announce(event) {
  elements.announcer.textContent = `${timeline?.incident.key ?? ''} #${event.sequence}: ${event.summary}`;
}

/** Reads the console's view of the selected incident again when its timeline has moved on. */
async function readDetail(incident) {
  if (!incident || !me) {
    detail = null;
    return;
  }
  const current = detail?.id === incident.id && detail.lastSequence >= incident.lastSequence;
  if (current || detailReading?.id === incident.id || Date.now() - detailFailedAt < RETRY_MS) return;
  const reading = { id: incident.id };
  detailReading = reading;
  try {
    const read = await consoleIncident(incident.id);
    if (read && selectedIncident(sortedIncidents())?.id === read.id) detail = read;
  } catch (error) {
    // The board's own stream still shows the state; the extras are read again after a pause.
    detailFailedAt = Date.now();
  } finally {
    // A read of another incident, started meanwhile, stays marked as under way.
    if (detailReading === reading) detailReading = null;
  }
  render();
}

/** Rewinds the selected incident to `sequence`; at or past its last event, back to now. */
function rewindTo(sequence) {
  const incident = selectedIncident(sortedIncidents());
  if (!incident) return;
  const target = Math.max(1, Math.min(sequence, incident.lastSequence));
  if (target >= incident.lastSequence && sequence >= incident.lastSequence) {
    backToNow();
    return;
  }
  rewind = { incidentId: incident.id, sequence: target, state: rewind?.incidentId === incident.id ? rewind.state : null };
  clearTimeout(rewindTimer);
  rewindTimer = setTimeout(async () => {
    try {
      const state = await asOf(incident.id, target);
      if (rewind?.incidentId === incident.id && rewind.sequence === target) rewind = { ...rewind, state };
    } catch (error) {
      if (rewind?.sequence === target) rewind = { ...rewind, error: error.message };
    }
    render();
  }, REWIND_DEBOUNCE_MS);
  render();
}

function backToNow() {
  clearTimeout(rewindTimer);
  rewind = null;
  render();
}

/** The rewound state drawn like a live incident: only what the timeline records changes. */
function asIncident(live, state) {
  return {
    ...live, ...state, lastSequence: state.sequence, nextCheckInDue: null, monitoringUntil: null,
  };
}

function render() {
  if (!api || status.phase === 'signed-out') return;
  const now = Date.now();
  const incidents = sortedIncidents();
  const selected = selectedIncident(incidents);
  if (rewind && rewind.incidentId !== selected?.id) rewind = null;
  showTimeline(selected);
  readDetail(selected);
  document.body.dataset.connection = status.phase;
  document.body.dataset.acting = String(canAct());
  view.renderConnection(elements.connection, status, now);
  view.renderSummary(elements.summary, incidents);
  view.renderList(elements.list, incidents, selected?.id, now);
  elements.empty.hidden = incidents.length > 0 || !loaded;
  elements.more.hidden = total <= PAGE_SIZE;
  elements.more.textContent = `Showing the ${PAGE_SIZE} most recently declared of ${total} active incidents.`;
  // While a newer point is being read, the last one read stays on screen (never a flash of now).
  const rewound = rewind?.state ?? null;
  view.renderRewind(elements.rewind, selected, rewind);
  controls.renderToolbar(me && { canAct: canAct(), incident: selected, rewound: Boolean(rewind) });
  view.renderDetail(elements.detail, rewound ? asIncident(selected, rewound) : selected, now,
    { following: !chosenKey, loaded, actor: canAct() ? me.handle : null, rewound });
  view.renderConsole(elements.console, selected, detail, now, rewound);
  elements.timeline.querySelector('[aria-current]')?.removeAttribute('aria-current');
  if (rewound) elements.timeline.querySelector(`li[data-sequence="${rewound.sequence}"]`)?.setAttribute('aria-current', 'step');
  elements.timelinePanel.hidden = !selected;
  elements.clock.textContent = new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  view.tick(document.body, now);
}

elements.list.addEventListener('click', (event) => {
  const item = event.target.closest('li[data-key]');
  if (item) choose(item.dataset.key);
});

elements.list.addEventListener('keydown', (event) => {
  const item = event.target.closest('li[data-key]');
  if (!item) return;
  const next = { ArrowDown: item.nextElementSibling, ArrowUp: item.previousElementSibling }[event.key];
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    choose(item.dataset.key);
  } else if (next) {
    event.preventDefault();
    next.focus();
    choose(next.dataset.key);
  }
});

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || elements.dialog.open || elements.help.open) return;
  if (event.target.closest?.('input:not([type=range]), textarea, select')) return;
  const selected = selectedIncident(sortedIncidents());
  if (event.key === 'Escape') {
    if (rewind) backToNow();
    else choose(null);
  } else if ((event.key === '[' || event.key === ']') && selected) {
    event.preventDefault();
    const from = rewind?.sequence ?? selected.lastSequence;
    rewindTo(from + (event.key === '[' ? -1 : 1));
  }
});

elements.rewind.querySelector('input').addEventListener('input', (event) => rewindTo(Number(event.target.value)));

// A timeline entry's number rewinds to it; the sitrep copies with one press.
document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-rewind], [data-copy]');
  if (target?.dataset.rewind) rewindTo(Number(target.dataset.rewind));
  else if (target?.dataset.copy) copy(target);
});

async function copy(button) {
  const text = document.getElementById(button.dataset.copy)?.textContent ?? '';
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch (error) {
    // Clipboard access needs HTTPS or localhost: select the text so Ctrl+C copies it.
    getSelection().selectAllChildren(document.getElementById(button.dataset.copy));
    button.textContent = 'Selected: press Ctrl+C';
  }
}

window.addEventListener('hashchange', () => choose(decodeURIComponent(location.hash.slice(1)) || null));

elements.signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(elements.signInForm.elements.token.value);
  location.reload();
});

document.getElementById('show-help').addEventListener('click', () => elements.help.showModal());

elements.signOut.addEventListener('click', () => {
  signOut();
  location.reload();
});

// Ages, expected times and the reconnect countdown move on their own.
setInterval(render, 1000);
render();
