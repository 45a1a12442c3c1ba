/**
 * The live board: every active incident, worst and oldest first, and the selected incident's
 * tasks and timeline, kept current over one WebSocket.
 *
 * On every (re)connect the subscriptions are requested first and the list is queried after, so
 * changes made while the query runs arrive on the stream. Rows from the query and from the stream
 * are reconciled by the incident's `lastSequence`: the newer state wins. The selected incident's timeline resumes after
 * the last sequence shown, so a drop costs neither duplicates nor gaps.
 */
import { connect, PAGE_SIZE, viewer } from './api.js';
import { signIn, signOut, token } from './auth.js';
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
    const me = await viewer();
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
    // Once the board is current, a pick that is not on it (resolved meanwhile, mistyped) is let go.
    if (status.phase === 'live') remember(null);
  }
  return incidents[0] ?? null;
}

function remember(key) {
  chosenKey = key;
  history.replaceState(null, '', key ? `#${encodeURIComponent(key)}` : location.pathname + location.search);
}

function choose(key) {
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
        elements.timeline.prepend(view.timelineItem(event, event.sequence > opened.startedAt));
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

function render() {
  if (!api || status.phase === 'signed-out') return;
  const now = Date.now();
  const incidents = sortedIncidents();
  const selected = selectedIncident(incidents);
  showTimeline(selected);
  document.body.dataset.connection = status.phase;
  view.renderConnection(elements.connection, status, now);
  view.renderSummary(elements.summary, incidents);
  view.renderList(elements.list, incidents, selected?.id, now);
  elements.empty.hidden = incidents.length > 0 || !loaded;
  elements.more.hidden = total <= PAGE_SIZE;
  elements.more.textContent = `Showing the ${PAGE_SIZE} most recently declared of ${total} active incidents.`;
  view.renderDetail(elements.detail, selected, now, !chosenKey, loaded);
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
  if (event.key === 'Escape') choose(null);
});

window.addEventListener('hashchange', () => choose(decodeURIComponent(location.hash.slice(1)) || null));

elements.signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  signIn(elements.signInForm.elements.token.value);
  location.reload();
});

elements.signOut.addEventListener('click', () => {
  signOut();
  location.reload();
});

// Ages, expected times and the reconnect countdown move on their own.
setInterval(render, 1000);
render();
