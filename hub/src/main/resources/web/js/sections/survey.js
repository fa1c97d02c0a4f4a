// The survey section (核实, 半年一动态): the round in progress as a board of villages, the people
// still to review with 「核实」 on each, what was reviewed and what waits for the township's
// decision; a closed round's changes to the ledger. Staff open and close rounds and decide on
// flags; a cadre reviews the people of their own village. docs/survey.md tells the whole of it.

import { withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import { dateTime } from '../format.js';
import {
  CHILDREN_AWAY, FIELD_LABELS, LEAVE_REASON, PARENTS_AWAY, SURVEY_FLAG as FLAG, byVillageThenName, criteriaReason,
  fieldText, fillChoices, today, typeText,
} from '../people.js';

const OUTCOME = { CONFIRMED: '核实无误', CHANGED: '信息有变', LEFT: '退出' };
const DECISION = { KEEP: '保留', REMOVE: '移出' };
const CAME = { ADDED: '本轮新发现', RETURNED: '重新在册', NEW: '台账新增' };
/** The ledger's field names in the words of this section (the survey form's own labels). */
const FIELD = {
  ...FIELD_LABELS,
  guardian: '平时照管人',
  guardianPhone: '照管人电话',
  school: '就读学校',
  reason: '退出原因',
  outcome: '核实结果',
};
const VALUE = { parentsAway: PARENTS_AWAY, childrenAway: CHILDREN_AWAY };
const EMPTY = {
  'to-review': '这里的人都已核实。',
  reviewed: '还没有人核实。',
  flagged: '没有等待决定的人。',
  decided: '还没有做过决定。',
};
const PAGE = 50;

let ctx = null;
let els = null;
let rounds = [];
let round = null;
let show = 'to-review';
let people = [];
let next = null;
/** The Link of the diff's next page, null on its last. */
let diffNext = null;
let reviewing = null;
let loadNumber = 0;

function elements() {
  return {
    roundSelect: byId('survey-round'),
    add: byId('survey-new'),
    openForm: byId('survey-open-form'),
    openError: byId('survey-open-error'),
    openName: byId('survey-open-name'),
    openCloses: byId('survey-open-closes'),
    openCancel: byId('survey-open-cancel'),
    error: byId('survey-error'),
    notice: byId('survey-notice'),
    none: byId('survey-none'),
    body: byId('survey-round-body'),
    facts: byId('survey-facts'),
    criteria: byId('survey-criteria'),
    totals: byId('survey-totals'),
    villages: byId('survey-villages'),
    close: byId('survey-close'),
    diffCsv: byId('survey-diff-csv'),
    diff: byId('survey-diff'),
    diffSummary: byId('survey-diff-summary'),
    diffRows: byId('survey-diff-rows'),
    diffMore: byId('survey-diff-more'),
    tabs: byId('survey-tabs'),
    village: byId('survey-village'),
    peopleError: byId('survey-people-error'),
    rows: byId('survey-people-rows'),
    empty: byId('survey-people-empty'),
    more: byId('survey-more'),
    review: byId('survey-review'),
    reviewTitle: byId('survey-review-title'),
    reviewForm: byId('survey-review-form'),
    reviewError: byId('survey-review-error'),
    changes: byId('survey-review-changes'),
    childFields: byId('survey-child-fields'),
    elderFields: byId('survey-elder-fields'),
    left: byId('survey-review-left'),
    leftReason: byId('survey-left-reason'),
    note: byId('survey-review-note'),
    reviewCancel: byId('survey-review-cancel'),
    parentsAway: byId('survey-f-parents-away'),
    childrenAway: byId('survey-f-children-away'),
  };
}

function isCadre() {
  return ctx.user.role === 'CADRE';
}

function isOpen() {
  return round && round.status === 'OPEN';
}

function roundPath(suffix = '') {
  return `/api/v1/survey-rounds/${encodeURIComponent(round.id)}${suffix}`;
}

function failed(element, what, error) {
  if (ctx && error.status !== 401) {
    showMessage(element, `${what}：${fieldText(error.message, FIELD)}`);
  }
}

// Rounds

async function loadRounds(chosen) {
  try {
    rounds = await ctx.api.get('/api/v1/survey-rounds');
    if (!ctx) {
      return;
    }
    showMessage(els.error, '');
    els.roundSelect.replaceChildren(...rounds.map((r) => el('option', {
      value: r.id, text: r.status === 'OPEN' ? `${r.name}（进行中）` : r.name })));
    const pick = rounds.find((r) => r.id === chosen) || rounds.find((r) => r.status === 'OPEN') || rounds[0];
    els.none.hidden = rounds.length > 0;
    els.add.hidden = isCadre() || rounds.some((r) => r.status === 'OPEN');
    if (pick) {
      els.roundSelect.value = pick.id;
      await loadRound(pick.id);
    } else {
      round = null;
      renderRound();
      renderPeople();
    }
  } catch (error) {
    failed(els.error, '没能载入核实轮次', error);
  }
}

async function loadRound(id) {
  const number = ++loadNumber;
  try {
    const answer = await ctx.api.get(withQuery(`/api/v1/survey-rounds/${encodeURIComponent(id)}`,
        { village: els.village.value, limit: PAGE }));
    if (!ctx || number !== loadNumber) {
      return;
    }
    round = answer;
    renderRound();
    renderVillageChoices();
    if (show === 'to-review') {
      people = answer.toReview;
      next = answer.toReviewNext;
      renderPeople();
    } else {
      await loadPeople(true);
    }
    if (round.status === 'CLOSED') {
      loadDiff();
    } else {
      els.diff.hidden = true;
    }
    const waiting = isCadre() ? round.progress.total - round.progress.reviewed : round.progress.flagged;
    ctx.setCount('survey', isOpen() ? waiting : 0);
  } catch (error) {
    failed(els.error, '没能载入这一轮核实', error);
  }
}

function renderRound() {
  els.body.hidden = !round;
  els.diff.hidden = !round || round.status !== 'CLOSED';
  if (!round) {
    return;
  }
  const state = isOpen() ? `进行中，截止 ${round.closesOn}` : `已于 ${dateTime(round.closedAt)} 结束（${round.closedBy}）`;
  els.facts.textContent = `${round.name}：${state}。${round.openedBy} 于 ${dateTime(round.openedAt)} 开启。`;
  const c = round.criteria;
  els.criteria.textContent = `纳入条件：未满 ${c.childUnder} 周岁、父母均外出（或一方外出另一方无监护能力）的儿童；`
      + `${c.elderFrom} 周岁以上、子女均不在身边（或无子女）的老人；以及${c.fiveGuaranteeTag}。`;
  const p = round.progress;
  const totals = [
    ['应核实', p.total], ['已核实', p.reviewed], ['核实无误', p.confirmed], ['信息有变', p.changed],
    ['退出', p.left], ['新增', p.added], ['待决定', p.flagged],
  ];
  els.totals.replaceChildren(...totals.map(([label, n]) => el('li', {},
      el('span', { class: 'total-value', text: `${n}` }), el('span', { class: 'total-label', text: label }))));
  els.villages.replaceChildren(...round.villages.map((v) => el('tr', { 'data-village': v.village },
      el('th', { scope: 'row', text: v.village }),
      el('td', {}, progressBar(v)),
      ...[v.total, v.reviewed, v.confirmed, v.changed, v.left, v.added, v.flagged]
          .map((n) => el('td', { class: 'number', text: `${n}` })))));
  els.close.hidden = isCadre() || !isOpen();
  resetConfirm(els.close, '结束本轮核实');
  els.diffCsv.hidden = isOpen();
  els.diffCsv.href = roundPath('/diff.csv');
  els.diffCsv.download = `survey-${round.id}-diff.csv`;
}

function progressBar(v) {
  const share = v.total === 0 ? 0 : Math.round((v.reviewed / v.total) * 100);
  const bar = el('progress', { max: 100, value: share, 'aria-label': `${v.village}已核实 ${share}%` });
  return el('span', { class: 'progress' }, bar, el('span', { class: 'progress-text', text: `${share}%` }));
}

function renderVillageChoices() {
  if (isCadre()) {
    els.village.replaceChildren(el('option', { value: ctx.user.village, text: ctx.user.village }));
    els.village.disabled = true;
    return;
  }
  const chosen = els.village.value;
  const names = round.villages.map((v) => v.village).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (chosen && !names.includes(chosen)) {
    names.push(chosen);
  }
  els.village.replaceChildren(el('option', { value: '', text: '全部村' }),
      ...names.map((name) => el('option', { value: name, text: name })));
  els.village.value = chosen;
}

// Opening and closing

function suggestRound() {
  const day = today();
  const year = day.slice(0, 4);
  const first = Number(day.slice(5, 7)) <= 6;
  return { name: `${year}年${first ? '上' : '下'}半年`, closesOn: `${year}-${first ? '06-30' : '12-31'}` };
}

function startOpen() {
  const suggested = suggestRound();
  els.openName.value = suggested.name;
  els.openCloses.value = suggested.closesOn;
  els.openCloses.min = today();
  showMessage(els.openError, '');
  els.openForm.hidden = false;
  els.add.hidden = true;
  els.openName.focus();
}

async function openRound(event) {
  event.preventDefault();
  const body = { name: els.openName.value.trim(), closesOn: els.openCloses.value };
  if (!body.name || !body.closesOn) {
    showMessage(els.openError, '请填写名称和截止日期。');
    return;
  }
  try {
    const opened = await ctx.api.post('/api/v1/survey-rounds', body);
    if (!ctx) {
      return;
    }
    els.openForm.hidden = true;
    showMessage(els.notice, `已开启“${opened.name}”：共 ${opened.progress.total} 人待核实。`);
    show = 'to-review';
    renderTabs();
    await loadRounds(opened.id);
  } catch (error) {
    failed(els.openError, '没能开启', error);
  }
}

/** A button that asks once more before it acts: the first click changes its words, the second acts. */
function confirmFirst(button, question) {
  if (button.dataset.confirming === 'true') {
    return true;
  }
  button.dataset.confirming = 'true';
  button.textContent = question;
  return false;
}

function resetConfirm(button, words) {
  button.dataset.confirming = 'false';
  button.textContent = words;
}

async function closeRound() {
  if (!confirmFirst(els.close, '确定结束？结束后本轮不能再修改')) {
    return;
  }
  try {
    const closed = await ctx.api.post(roundPath('/close'), {});
    if (ctx) {
      showMessage(els.notice, `“${closed.name}”已结束，台账已存档。`);
      await loadRounds(closed.id);
    }
  } catch (error) {
    resetConfirm(els.close, '结束本轮核实');
    failed(els.error, '没能结束', error);
  }
}

// The people of the round

async function loadPeople(reset) {
  if (!round) {
    return;
  }
  const number = ++loadNumber;
  try {
    const page = await ctx.api.get(withQuery(roundPath('/people'), {
      show, village: els.village.value, limit: PAGE, after: reset ? '' : next }));
    if (!ctx || number !== loadNumber) {
      return;
    }
    people = reset ? page.items : people.concat(page.items);
    next = page.next || null;
    showMessage(els.peopleError, '');
    renderPeople();
  } catch (error) {
    failed(els.peopleError, '没能载入名单', error);
  }
}

function renderTabs() {
  for (const tab of els.tabs.querySelectorAll('[data-show]')) {
    tab.setAttribute('aria-pressed', String(tab.dataset.show === show));
  }
}

function value(field, raw) {
  if (raw === null || raw === undefined || raw === '') {
    return '（空）';
  }
  if (Array.isArray(raw)) {
    return raw.join('、') || '（空）';
  }
  return (VALUE[field] && VALUE[field][raw]) || String(raw);
}

function reasonText(code) {
  return criteriaReason(code, round.criteria);
}

function stateOf(person) {
  const parts = [];
  if (person.added) {
    parts.push('本轮新增');
  } else if (person.outcome) {
    parts.push(OUTCOME[person.outcome]);
  } else {
    parts.push('待核实');
  }
  if (person.reason) {
    parts.push(`原因：${LEAVE_REASON[person.reason] || person.reason}`);
  }
  if (person.changes) {
    parts.push(Object.entries(person.changes).map(([field, [before, after]]) =>
      `${FIELD[field] || field}：${value(field, before)} → ${value(field, after)}`).join('；'));
  }
  if (person.flag) {
    const why = person.reasons.length ? `（${person.reasons.map(reasonText).join('、')}）` : '';
    parts.push(`${FLAG[person.flag]}${why}`);
  }
  if (person.decision) {
    parts.push(`已决定：${DECISION[person.decision]}${person.decisionNote ? `，${person.decisionNote}` : ''}`);
  }
  if (person.reviewedBy) {
    parts.push(`${person.reviewedBy}，${dateTime(person.reviewedAt)}`);
  }
  return parts.join('。');
}

function actionsOf(person) {
  if (!isOpen()) {
    return [];
  }
  if (!person.outcome && !person.added) {
    return [el('button', { type: 'button', class: 'button small primary', 'data-action': 'review', text: '核实' })];
  }
  if (person.flag && !person.decision && !isCadre()) {
    return [
      el('button', { type: 'button', class: 'button small', 'data-action': 'KEEP', text: '保留' }),
      el('button', { type: 'button', class: 'button small danger', 'data-action': 'REMOVE', text: '移出' }),
    ];
  }
  return [];
}

function renderPeople() {
  const sorted = [...people].sort(byVillageThenName);
  els.rows.replaceChildren(...sorted.map((person) => el('tr', {
    'data-resident': person.residentId, class: person.flag && !person.decision ? 'is-flagged' : null },
  el('th', { scope: 'row', text: person.name }),
  el('td', { text: person.village }),
  el('td', { text: typeText(person.type) }),
  el('td', { class: 'state', text: stateOf(person) }),
  el('td', { class: 'actions-cell' }, ...actionsOf(person)))));
  els.empty.textContent = round ? EMPTY[show] : '';
  els.empty.hidden = !round || people.length > 0;
  els.more.hidden = !next;
}

async function decide(residentId, decision, button) {
  if (decision === 'REMOVE' && !confirmFirst(button, '确认移出')) {
    return;
  }
  try {
    const person = await ctx.api.post(roundPath(`/people/${encodeURIComponent(residentId)}/decision`), { decision });
    if (ctx) {
      showMessage(els.notice, `${person.name}：${DECISION[decision]}。`);
      await loadRound(round.id);
    }
  } catch (error) {
    failed(els.peopleError, '没能保存决定', error);
  }
}

// Reviewing one person

async function startReview(residentId) {
  try {
    const resident = await ctx.api.get(`/api/v1/residents/${encodeURIComponent(residentId)}`);
    if (!ctx) {
      return;
    }
    reviewing = resident;
    els.reviewTitle.textContent = `核实：${resident.name}（${resident.village}，${typeText(resident.type)}）`;
    for (const input of els.changes.querySelectorAll('[data-field]')) {
      input.value = resident[input.dataset.field] || '';
      input.removeAttribute('aria-invalid');
    }
    els.childFields.hidden = resident.type !== 'CHILD';
    els.elderFields.hidden = resident.type !== 'ELDER';
    for (const radio of els.reviewForm.querySelectorAll('[name="survey-outcome"]')) {
      radio.checked = false;
    }
    els.leftReason.value = '';
    els.note.value = '';
    showOutcome();
    showMessage(els.reviewError, '');
    els.review.hidden = false;
    els.review.scrollIntoView({ block: 'nearest' });
    els.reviewForm.querySelector('[name="survey-outcome"]').focus();
  } catch (error) {
    failed(els.peopleError, '打不开这个人的信息', error);
  }
}

function chosenOutcome() {
  const checked = els.reviewForm.querySelector('[name="survey-outcome"]:checked');
  return checked ? checked.value : null;
}

function showOutcome() {
  const outcome = chosenOutcome();
  els.changes.hidden = outcome !== 'CHANGED';
  els.left.hidden = outcome !== 'LEFT';
}

/** The fields the form changed, as the merge patch the hub applies. */
function changedFields() {
  const changes = {};
  for (const input of els.changes.querySelectorAll('[data-field]')) {
    if (input.closest('[hidden]')) {
      continue;
    }
    const field = input.dataset.field;
    const now = input.value.trim();
    if (now !== (reviewing[field] || '')) {
      changes[field] = now || null;
    }
  }
  return changes;
}

async function submitReview(event) {
  event.preventDefault();
  const outcome = chosenOutcome();
  if (!outcome) {
    showMessage(els.reviewError, '请选择核实结果。');
    return;
  }
  const body = { residentId: reviewing.id, outcome };
  const note = els.note.value.trim();
  if (note) {
    body.note = note;
  }
  if (outcome === 'CHANGED') {
    body.changes = changedFields();
    if (Object.keys(body.changes).length === 0) {
      showMessage(els.reviewError, '没有改动任何内容。信息没有变化请选“核实无误”。');
      return;
    }
  } else if (outcome === 'LEFT') {
    body.reason = els.leftReason.value;
    if (!body.reason) {
      showMessage(els.reviewError, '请选择退出的原因。');
      els.leftReason.focus();
      return;
    }
  }
  try {
    const person = await ctx.api.post(roundPath('/reviews'), body);
    if (!ctx) {
      return;
    }
    els.review.hidden = true;
    const flag = person.flag ? ` 请注意：${FLAG[person.flag]}，等乡镇决定。` : '';
    showMessage(els.notice, `已核实 ${person.name}：${OUTCOME[person.outcome]}。${flag}`);
    reviewing = null;
    await loadRound(round.id);
  } catch (error) {
    const field = /field '([A-Za-z.]+)'|^changes\.([A-Za-z]+)/.exec(error.message || '');
    const name = field ? (field[1] || field[2]).replace(/^changes\./, '') : null;
    const input = name ? els.changes.querySelector(`[data-field="${name}"]`) : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
    failed(els.reviewError, '没能提交', error);
  }
}

// Changes to the ledger of a closed round

/**
 * The diff's first page, or with more the page its Link gives (docs/api.md "Paging"): the counts
 * are the whole diff's, the people come a page at a time (新纳入, then 退出, then 信息变更) with 更多.
 */
async function loadDiff(more) {
  const path = more || withQuery(roundPath('/diff'), { village: els.village.value });
  els.diffMore.disabled = true;
  try {
    const { items: diff, next: following } = await ctx.api.page(path);
    if (!ctx || !round || diff.roundId !== round.id) {
      return;
    }
    const since = diff.from.stage === 'OPEN' ? '本轮开始时' : `“${diff.from.name}”结束时`;
    els.diffSummary.textContent = `与${since}相比：新纳入 ${diff.cameCount} 人，退出 ${diff.leftCount} 人，`
        + `信息变更 ${diff.changedCount} 人。`;
    const rows = [
      ...diff.came.map((p) => [p, '新纳入', CAME[p.how] || p.how]),
      ...diff.left.map((p) => [p, '退出', p.reason ? LEAVE_REASON[p.reason] || p.reason : '在台账中设为不在册']),
      ...diff.changed.map((p) => [p, '信息变更', p.fields.map((f) =>
        `${FIELD[f.field] || f.field}：${value(f.field, f.before)} → ${value(f.field, f.after)}`).join('；')]),
    ];
    const shown = rows.map(([p, kind, detail]) => el('tr', { 'data-resident': p.residentId },
        el('td', { text: kind }), el('th', { scope: 'row', text: p.name }), el('td', { text: p.village }),
        el('td', { text: detail })));
    if (more) {
      els.diffRows.append(...shown);
    } else {
      els.diffRows.replaceChildren(...shown);
    }
    diffNext = following;
    els.diffMore.hidden = !diffNext;
    els.diff.hidden = false;
  } catch (error) {
    failed(els.error, '没能载入本轮的变化', error);
  } finally {
    els.diffMore.disabled = false;
  }
}

export const surveySection = {
  id: 'survey',
  events: [],
  countLabel: '人待办',

  start(context) {
    ctx = context;
    els = elements();
    fillChoices(els.parentsAway, PARENTS_AWAY);
    fillChoices(els.childrenAway, CHILDREN_AWAY);
    show = 'to-review';
    renderTabs();
    els.add.hidden = true;
    els.add.onclick = startOpen;
    els.openForm.onsubmit = openRound;
    els.openCancel.onclick = () => {
      els.openForm.hidden = true;
      els.add.hidden = isCadre() || rounds.some((r) => r.status === 'OPEN');
    };
    els.roundSelect.onchange = () => loadRound(els.roundSelect.value);
    els.village.onchange = () => round && loadRound(round.id);
    els.close.onclick = closeRound;
    els.close.onblur = () => resetConfirm(els.close, '结束本轮核实');
    els.more.onclick = () => loadPeople(false);
    els.diffMore.onclick = () => diffNext && loadDiff(diffNext);
    els.tabs.onclick = (event) => {
      const tab = event.target.closest('[data-show]');
      if (tab && round) {
        show = tab.dataset.show;
        renderTabs();
        loadPeople(true);
      }
    };
    els.rows.onclick = (event) => {
      const button = event.target.closest('button[data-action]');
      const row = event.target.closest('tr[data-resident]');
      if (!button || !row) {
        return;
      }
      if (button.dataset.action === 'review') {
        startReview(row.dataset.resident);
      } else {
        decide(row.dataset.resident, button.dataset.action, button);
      }
    };
    els.reviewForm.onchange = (event) => {
      if (event.target.name === 'survey-outcome') {
        showOutcome();
      }
    };
    els.reviewForm.onsubmit = submitReview;
    els.reviewCancel.onclick = () => {
      els.review.hidden = true;
      reviewing = null;
    };
    loadRounds(null);
  },

  stop() {
    ctx = null;
    rounds = [];
    round = null;
    people = [];
    next = null;
    reviewing = null;
    els.review.hidden = true;
    els.openForm.hidden = true;
    els.rows.replaceChildren();
    els.villages.replaceChildren();
    els.diffRows.replaceChildren();
    diffNext = null;
    showMessage(els.notice, '');
    showMessage(els.error, '');
  },

  reload() {
    loadRounds(round ? round.id : null);
  },

  show() {
    if (round) {
      loadRound(round.id);
    }
  },

  hide() {},

  onEvent() {},
};
