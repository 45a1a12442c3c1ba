/**
 * The commander's controls. Each action is one form and one mutation: the form opens in a dialog,
 * sends the mutation with an idempotency key, shows the server's `userErrors` beside the fields
 * they name, and closes on success. Nothing is drawn from the answer: the change arrives through
 * the subscriptions, as anyone else's does.
 */
import { h } from './dom.js';
import { act, idempotencyKey } from './api.js';
import { words } from './format.js';

const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'].map((s) => [s, s]);
const TASK_KINDS = ['INFORMATION_GATHERING', 'MITIGATION', 'COORDINATION', 'PAGING', 'INTERNAL_COMMS', 'CUSTOMER_COMMS',
  'FOLLOW_UP'].map((k) => [k, words(k)]);
const OUTCOMES = [['', 'Not judged yet'], ...['EFFECTIVE', 'INEFFECTIVE', 'MADE_WORSE', 'UNKNOWN'].map((o) => [o, words(o)])];
const ANSWERS = ['UNKNOWN', 'YES', 'NO'].map((a) => [a, words(a)]);
const FREQUENCIES = ['UNKNOWN', 'EVERY_TIME', 'INTERMITTENT'].map((f) => [f, words(f)]);
const SCOPES = [['UNKNOWN', 'Not known yet'], ['ALL_USERS', 'All users'], ['SUBSET', 'Some users']];
const AUDIENCES = [['INTERNAL', 'Internal: stakeholders (counts as a check-in)'], ['EXTERNAL', 'External: customers']];
const NOTE_KINDS = ['TEXT', 'LINK', 'DASHBOARD', 'SCREENSHOT', 'LOG_LINE'].map((k) => [k, words(k)]);
const STATUSES = ['INVESTIGATING', 'IDENTIFIED', 'MITIGATING', 'MONITORING', 'RESOLVED'].map((s) => [s, words(s)]);

/** Minutes from now as an instant, for "expected in" fields; blank stays blank. */
function inMinutes(value) {
  return value === '' ? undefined : new Date(Date.now() + Number(value) * 60_000).toISOString();
}

/** Leaves out blank optional values, so the server keeps its defaults. */
function given(input) {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== undefined));
}

/**
 * The incident actions, by the key that opens them. `fields` are drawn in order; a field's `name`
 * is its path in the mutation's input (`impact.summary`), so a `userError` lands beside it.
 * `aliases` map input fields the form fills indirectly (a time from minutes) to the form field.
 */
const INCIDENT_ACTIONS = [
  {
    id: 'declare', key: 'd', label: 'Declare', title: () => 'Declare an incident', global: true,
    mutation: 'declareIncident', selection: 'incident { key }',
    fields: () => [
      { name: 'title', label: 'What is wrong', required: true },
      { name: 'severity', label: 'Severity', options: SEVERITIES, value: 'SEV3' },
      { name: 'impact.summary', label: 'Impact on customers', type: 'textarea' },
      { name: 'callUrl', label: 'Call link', type: 'url' },
      { name: 'commander', label: 'Commander (handle), if agreed' },
    ],
    input: (v) => given({ title: v.title, severity: v.severity, callUrl: v.callUrl, commander: v.commander,
      impact: v['impact.summary'] ? { summary: v['impact.summary'] } : undefined }),
  },
  {
    id: 'page', key: 'p', label: 'Page', title: (c) => `Page someone into ${c.incident.key}`,
    mutation: 'pageResponder',
    fields: () => [
      { name: 'responder', label: 'Handle', required: true },
      { name: 'reason', label: 'Why they are needed', type: 'textarea' },
    ],
    input: (v, c) => given({ incidentId: c.incident.id, responder: v.responder, reason: v.reason }),
  },
  {
    id: 'command', key: 'c', label: 'Command', title: (c) => commandAction(c).title,
    mutation: (c) => commandAction(c).mutation,
    fields: (c) => commandAction(c).fields,
    input: (v, c) => given({ incidentId: c.incident.id, ...v }),
  },
  {
    id: 'severity', key: 's', label: 'Severity', title: (c) => `Change the severity of ${c.incident.key}`,
    mutation: 'changeSeverity',
    fields: (c) => [
      { name: 'severity', label: 'New severity', options: SEVERITIES, value: c.incident.severity },
      { name: 'reason', label: 'Reason: what was learned about customer impact', type: 'textarea', required: true },
    ],
    input: (v, c) => ({ incidentId: c.incident.id, severity: v.severity, reason: v.reason }),
  },
  {
    id: 'impact', key: 'i', label: 'Impact', title: (c) => `Restate the impact of ${c.incident.key}`,
    mutation: 'updateImpact',
    fields: (c) => {
      const impact = c.detail?.impact ?? c.incident.impact;
      return [
        { name: 'impact.summary', label: 'Impact statement', type: 'textarea', value: impact.summary ?? '' },
        { name: 'impact.scope', label: 'Who is affected', options: SCOPES, value: impact.scope },
        { name: 'impact.affectedUsers', label: 'Which users', value: impact.affectedUsers ?? '' },
        { name: 'impact.reproducible', label: 'Reproducible', options: ANSWERS, value: impact.reproducible ?? 'UNKNOWN' },
        { name: 'impact.frequency', label: 'Fails', options: FREQUENCIES, value: impact.frequency ?? 'UNKNOWN' },
        { name: 'impact.retriesSucceed', label: 'Retries succeed', options: ANSWERS, value: impact.retriesSucceed ?? 'UNKNOWN' },
      ];
    },
    input: (v, c) => ({ incidentId: c.incident.id, impact: given({
      summary: v['impact.summary'], scope: v['impact.scope'], affectedUsers: v['impact.affectedUsers'],
      reproducible: v['impact.reproducible'], frequency: v['impact.frequency'], retriesSucceed: v['impact.retriesSucceed'],
    }) }),
  },
  {
    id: 'task', key: 't', label: 'Task', title: (c) => `Delegate a task on ${c.incident.key}`,
    mutation: 'createTask', aliases: { dueAt: 'expectedIn' },
    fields: () => [
      { name: 'title', label: 'What is to be done', required: true },
      { name: 'kind', label: 'Kind', options: TASK_KINDS },
      { name: 'assignee', label: 'Assignee (handle)', required: true },
      { name: 'expectedIn', label: 'Expected done in (minutes)', type: 'number', min: 1 },
    ],
    input: (v, c) => given({ incidentId: c.incident.id, title: v.title, kind: v.kind, assignee: v.assignee,
      dueAt: inMinutes(v.expectedIn) }),
  },
  {
    id: 'update', key: 'u', label: 'Update', title: (c) => `Post an update on ${c.incident.key}`,
    mutation: 'postUpdate',
    fields: (c) => [
      { name: 'audience', label: 'For', options: AUDIENCES, disabled: speaksForIncident(c) ? [] : ['EXTERNAL'],
        hint: speaksForIncident(c) ? null
          : 'Customers hear from the commander, or from whoever acknowledged the customer comms task.' },
      { name: 'body', label: 'Update', type: 'textarea', required: true,
        hint: 'Impact, what is being done, expected times, when the next update comes.' },
    ],
    input: (v, c) => ({ incidentId: c.incident.id, audience: v.audience, body: v.body }),
  },
  {
    id: 'note', key: 'n', label: 'Note', title: (c) => `Add a note or link to ${c.incident.key}`,
    mutation: 'addNote',
    fields: () => [
      { name: 'kind', label: 'Kind', options: NOTE_KINDS },
      { name: 'body', label: 'Note, or what the link shows', type: 'textarea', required: true },
      { name: 'url', label: 'Link (for links, dashboards, screenshots)', type: 'url' },
    ],
    input: (v, c) => given({ incidentId: c.incident.id, kind: v.kind, body: v.body, url: v.url }),
  },
  statusAction('status', 'x', 'Status', null),
  statusAction('monitor', 'm', 'Monitor', 'MONITORING'),
  statusAction('resolve', 'r', 'Resolve', 'RESOLVED'),
];

function statusAction(id, key, label, status) {
  return {
    id, key, label, mutation: 'changeStatus',
    title: (c) => (status === 'MONITORING' ? `Mitigated: watch ${c.incident.key}`
      : status === 'RESOLVED' ? `Resolve ${c.incident.key}` : `Move ${c.incident.key} along`),
    fields: (c) => [
      { name: 'status', label: 'Status', options: STATUSES, value: status ?? c.incident.status },
      status === 'MONITORING'
        ? { name: 'monitoringWindowMinutes', label: 'Watch for (minutes)', type: 'number', min: 1, value: '15' }
        : null,
      { name: 'reason', label: 'Reason', type: 'textarea',
        hint: 'Needed to reopen, and to resolve before the monitoring window ends or with work still open.' },
    ].filter(Boolean),
    input: (v, c) => given({ incidentId: c.incident.id, status: v.status, reason: v.reason,
      monitoringWindowMinutes: v.monitoringWindowMinutes === undefined || v.monitoringWindowMinutes === ''
        ? undefined : Number(v.monitoringWindowMinutes) }),
  };
}

/** Who may post EXTERNAL updates: the commander, or the owner of an acknowledged CUSTOMER_COMMS task. */
function speaksForIncident({ incident, detail, me }) {
  if (incident.commander?.handle === me.handle) return true;
  return (detail?.tasks ?? incident.tasks).some((task) => task.kind === 'CUSTOMER_COMMS' && task.assignee.handle === me.handle
    && (task.status === 'ACKNOWLEDGED' || task.status === 'IN_PROGRESS'));
}

/** Command changes hands three ways: given when nobody has it, handed over by its holder, or taken. */
function commandAction({ incident, me }) {
  if (!incident.commander) {
    return { title: `Assign a commander to ${incident.key}`, mutation: 'assignCommander',
      fields: [{ name: 'commander', label: 'Commander (handle)', value: me.handle, required: true }] };
  }
  if (incident.commander.handle === me.handle) {
    return { title: `Hand over command of ${incident.key}`, mutation: 'handOverCommand',
      fields: [
        { name: 'to', label: 'New commander (handle)', required: true },
        { name: 'notes', label: 'Handover notes: state, open actions, next check-in', type: 'textarea' },
      ] };
  }
  return { title: `Take command of ${incident.key} from ${incident.commander.handle}`, mutation: 'takeCommand',
    fields: [{ name: 'reason', label: `Why, rather than a handover from ${incident.commander.handle}`, type: 'textarea',
      required: true }] };
}

/** What can be done to a task, by its status: quick ones send at once, the rest open a form. */
const TASK_ACTIONS = [
  { id: 'acknowledge', label: 'Acknowledge', when: ['ASSIGNED'], mutation: 'acknowledgeTask', assigneeOnly: true },
  { id: 'start', label: 'Start', when: ['ASSIGNED', 'ACKNOWLEDGED'], mutation: 'startTask', assigneeOnly: true },
  {
    id: 'complete', label: 'Complete', when: ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS'], mutation: 'completeTask',
    assigneeOnly: true,
    title: (c) => `Complete: ${c.task.title}`,
    fields: (c) => [
      c.task.kind === 'MITIGATION' ? { name: 'outcome', label: 'What it did to the impact', options: OUTCOMES } : null,
      { name: 'resolution', label: 'What came of it', type: 'textarea' },
    ].filter(Boolean),
    input: (v, c) => given({ taskId: c.task.id, outcome: v.outcome, resolution: v.resolution }),
  },
  {
    id: 'reschedule', label: 'Reschedule', when: ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS'], mutation: 'rescheduleTask',
    aliases: { dueAt: 'expectedIn' },
    title: (c) => `Reschedule: ${c.task.title}`,
    fields: () => [
      { name: 'expectedIn', label: 'Expected done in (minutes)', type: 'number', min: 1, required: true },
      { name: 'reason', label: 'Why the time changed', type: 'textarea', required: true },
    ],
    input: (v, c) => ({ taskId: c.task.id, dueAt: inMinutes(v.expectedIn), reason: v.reason }),
  },
  {
    id: 'reassign', label: 'Reassign', when: ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS'], mutation: 'reassignTask',
    title: (c) => `Reassign: ${c.task.title}`,
    fields: () => [
      { name: 'assignee', label: 'New assignee (handle)', required: true },
      { name: 'reason', label: 'Why it changes hands', type: 'textarea' },
    ],
    input: (v, c) => given({ taskId: c.task.id, assignee: v.assignee, reason: v.reason }),
  },
  {
    id: 'cancel', label: 'Cancel', when: ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS'], mutation: 'cancelTask',
    title: (c) => `Cancel: ${c.task.title}`,
    fields: () => [{ name: 'reason', label: 'Why it is no longer needed', type: 'textarea' }],
    input: (v, c) => given({ taskId: c.task.id, reason: v.reason }),
  },
];

/** Shortcuts besides the actions' own, for the help sheet. */
const OTHER_KEYS = [
  ['↑ ↓', 'Previous or next incident in the list'],
  ['[  ]', 'Rewind one event back or forward'],
  ['Esc', 'Back to now when rewound; otherwise follow the worst incident'],
  ['?', 'This list'],
];

/**
 * Wires the console into the page.
 * @param {object} page  `dialog`, `toolbar` and `help` elements, and `context()`, which gives the
 *   signed-in responder (`me`), the selected incident and its console detail, or null while none is.
 * @param {(key: string) => void} onDeclared  selects an incident the console just declared
 */
export function install(page, onDeclared) {
  const { dialog, toolbar, help } = page;
  let open = null;

  function run(spec, context) {
    const resolve = (value) => (typeof value === 'function' ? value(context) : value);
    const fields = resolve(spec.fields) ?? [];
    const mutation = resolve(spec.mutation);
    const heading = h('h2', { id: 'action-title' }, resolve(spec.title));
    const formError = h('p', { class: 'form-error', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'primary' }, spec.label);
    const form = h('form', { method: 'dialog', 'data-action': spec.id },
      heading,
      fields.map(field),
      formError,
      h('div', { class: 'form-buttons' },
        submit,
        h('button', { type: 'button', value: 'cancel', 'data-close': '' }, 'Cancel')));
    // One key per attempt: repeated clicks and resends of the same attempt act once.
    let key = idempotencyKey();
    let sending = false;

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (sending) return;
      sending = true;
      submit.disabled = true;
      form.setAttribute('aria-busy', 'true');
      clearErrors(form);
      const values = Object.fromEntries(new FormData(form).entries());
      try {
        const payload = await act(mutation, { ...spec.input(values, context), idempotencyKey: key }, spec.selection ?? '');
        if (payload.userErrors.length) {
          showErrors(form, formError, payload.userErrors, spec.aliases ?? {});
          // Refused, so nothing changed: a corrected attempt is a new one.
          key = idempotencyKey();
        } else {
          close();
          if (spec.id === 'declare' && payload.incident) onDeclared(payload.incident.key);
        }
      } catch (error) {
        // The answer was lost or the request refused outright; the same key makes a resend safe.
        formError.textContent = error.message;
      } finally {
        sending = false;
        submit.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    form.querySelector('[data-close]').addEventListener('click', close);

    dialog.replaceChildren(form);
    dialog.setAttribute('aria-labelledby', 'action-title');
    open = { returnFocus: document.activeElement };
    dialog.showModal();
    (form.querySelector('input, textarea, select') ?? submit).focus();
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  dialog.addEventListener('close', () => {
    open?.returnFocus?.focus?.();
    open = null;
  });

  /** Quick task actions: one click sends; a refusal shows on the task's row. */
  async function quick(spec, context, button) {
    if (button.disabled) return;
    const row = button.closest('li');
    const message = row.querySelector('.task-error');
    button.disabled = true;
    message.textContent = '';
    try {
      const payload = await act(spec.mutation, { taskId: context.task.id, idempotencyKey: button.dataset.key });
      if (payload.userErrors.length) {
        message.textContent = payload.userErrors.map((e) => e.message).join(' ');
        button.dataset.key = idempotencyKey();
      }
    } catch (error) {
      message.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  }

  const byKey = new Map(INCIDENT_ACTIONS.map((spec) => [spec.key, spec]));

  function start(spec) {
    const context = page.context();
    if (!context?.me || !context.canAct || page.busy()) return;
    if (!spec.global && !context.incident) return;
    if (!spec.global && !context.incident.active && spec.id !== 'note' && spec.id !== 'update' && spec.id !== 'status') return;
    run(spec, context);
  }

  toolbar.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (button) start(INCIDENT_ACTIONS.find((spec) => spec.id === button.dataset.action));
  });

  // Task buttons live in the task list, which is redrawn as tasks change.
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-task-action]');
    if (!button) return;
    const context = page.context();
    const task = context?.incident?.tasks.find((t) => t.id === button.dataset.taskId);
    const spec = TASK_ACTIONS.find((s) => s.id === button.dataset.taskAction);
    if (!task || !spec || !context.canAct) return;
    if (spec.fields) run(spec, { ...context, task });
    else quick(spec, { ...context, task }, button);
  });

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    if (event.target.closest?.('input, textarea, select, [contenteditable]')) return;
    if (event.key === '?') {
      event.preventDefault();
      if (help.open) help.close();
      else help.showModal();
      return;
    }
    const spec = byKey.get(event.key);
    if (spec) {
      event.preventDefault();
      start(spec);
    }
  });

  help.replaceChildren(
    h('h2', {}, 'Keyboard shortcuts'),
    h('dl', { class: 'shortcuts' },
      INCIDENT_ACTIONS.map((spec) => h('div', {}, h('dt', {}, h('kbd', {}, spec.key)),
        h('dd', {}, spec.id === 'command' ? 'Take, hand over or assign command' : `${spec.label}${spec.global ? ' an incident' : ''}`))),
      OTHER_KEYS.map(([keys, what]) => h('div', {}, h('dt', {}, h('kbd', {}, keys)), h('dd', {}, what)))),
    h('form', { method: 'dialog' }, h('button', { type: 'submit' }, 'Close')));

  /** Draws the toolbar for the context: hidden for those who may not act, rewound or not. */
  function renderToolbar(context) {
    const visible = Boolean(context?.canAct);
    toolbar.hidden = !visible;
    if (!visible) return;
    const signature = `${context.incident?.id}|${context.incident?.active}|${context.rewound}`;
    if (toolbar.dataset.signature === signature) return;
    toolbar.dataset.signature = signature;
    toolbar.replaceChildren(...INCIDENT_ACTIONS.map((spec) => h('button', {
      type: 'button', 'data-action': spec.id, 'aria-keyshortcuts': spec.key, title: `Shortcut: ${spec.key}`,
      disabled: !spec.global && (!context.incident || context.rewound) ? true : null,
    }, spec.label, h('kbd', { 'aria-hidden': 'true' }, spec.key))));
  }

  return { renderToolbar };
}

/** The buttons under a task, for what its status allows; its own work only for the assignee. */
export function taskButtons(task, actor) {
  const actions = TASK_ACTIONS.filter((spec) => spec.when.includes(task.status)
    && (!spec.assigneeOnly || task.assignee.handle === actor));
  if (!actions.length) return null;
  return h('div', { class: 'task-actions' },
    actions.map((spec) => h('button', {
      type: 'button', 'data-task-action': spec.id, 'data-task-id': task.id,
      'data-key': spec.fields ? null : idempotencyKey(),
      'aria-label': `${spec.label}: ${task.title}`,
    }, spec.label)),
    h('p', { class: 'task-error', role: 'alert' }));
}

function field(spec) {
  const id = `field-${spec.name.replaceAll('.', '-')}`;
  const errorId = `${id}-error`;
  let control;
  if (spec.options) {
    control = h('select', { id, name: spec.name },
      spec.options.map(([value, label]) => h('option', {
        value, selected: value === (spec.value ?? '') ? true : null, disabled: spec.disabled?.includes(value) ? true : null,
      }, label)));
    if (spec.value != null) control.value = spec.value;
  } else if (spec.type === 'textarea') {
    control = h('textarea', { id, name: spec.name, rows: '3', required: spec.required ? true : null });
    control.value = spec.value ?? '';
  } else {
    control = h('input', { id, name: spec.name, type: spec.type ?? 'text', min: spec.min, required: spec.required ? true : null,
      autocomplete: 'off', spellcheck: spec.type === 'url' ? 'false' : null });
    control.value = spec.value ?? '';
  }
  control.setAttribute('aria-describedby', errorId);
  return h('div', { class: 'form-field', 'data-field': spec.name },
    h('label', { for: id }, spec.label),
    control,
    spec.hint && h('small', { class: 'hint' }, spec.hint),
    h('p', { class: 'field-error', id: errorId, role: 'alert' }));
}

function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-error').forEach((node) => { node.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
}

/** Puts each refusal beside the field it names (by its input path); the rest above the buttons. */
function showErrors(form, formError, errors, aliases) {
  const general = [];
  let first = null;
  for (const error of errors) {
    const path = (error.field ?? []).filter((part) => part !== 'input').join('.');
    const name = aliases[path] ?? path;
    const holder = name && form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (holder) {
      const message = holder.querySelector('.field-error');
      message.textContent = [message.textContent, error.message].filter(Boolean).join(' ');
      const control = holder.querySelector('input, textarea, select');
      control.setAttribute('aria-invalid', 'true');
      first ??= control;
    } else {
      general.push(error.message);
    }
  }
  formError.textContent = general.join(' ');
  first?.focus();
}
