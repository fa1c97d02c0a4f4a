// 核实 on the cadre's phone page: while a survey round (半年一动态) is open, the people of the
// cadre's village still to review, each with three answers — 核实无误 (one tap), 有变化 (the ledger
// fields the survey asks about, sent as CHANGED) and 已不符合 (why, sent as LEFT) — and the people
// waiting for the township's decision, with why. The hub keeps a cadre to their own village.
// Reviews need the line: nothing here waits in the outbox.

import { api, withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import { CHILDREN_AWAY, LEAVE_REASON, PARENTS_AWAY, SURVEY_FLAG, criteriaReason, fillChoices } from '../people.js';

const TYPE = { ELDER: '老人', CHILD: '儿童' };
/** The reasons a cadre gives on the phone, by type (staff have more on their page). */
const REASONS = {
  CHILD: ['PARENTS_RETURNED', 'MOVED', 'AGED_OUT', 'PASSED_AWAY'],
  ELDER: ['CHILDREN_RETURNED', 'MOVED', 'PASSED_AWAY'],
};
const PAGE = 50;

const tab = document.querySelector('[data-tab="survey"]');
const count = byId('count-survey');
const title = byId('survey-title');
const progress = byId('survey-progress');
const error = byId('survey-error');
const list = byId('survey-list');
const empty = byId('survey-empty');
const more = byId('survey-more');
const flaggedBox = byId('survey-flagged-box');
const flaggedList = byId('survey-flagged');
const view = byId('review-view');
const form = byId('review-form');
const formTitle = byId('review-title');
const formFor = byId('review-for');
const changes = byId('review-changes');
const childFields = byId('review-child-fields');
const elderFields = byId('review-elder-fields');
const left = byId('review-left');
const reasons = byId('review-reasons');
const note = byId('review-note');
const formError = byId('review-error');

fillChoices(byId('review-parents-away'), PARENTS_AWAY);
fillChoices(byId('review-children-away'), CHILDREN_AWAY);

/** What the page around this needs: a toast, and hiding or showing the lists behind the form. */
let host = null;
/** The open round (ROUND), or null. */
let round = null;
let people = [];
let next = null;
/** The review being written: { person, resident, outcome }. */
let writing = null;

/** @param page {{ say(text), showLists(visible) }} */
export function initSurvey(page) {
  host = page;
}

/** "6月30日" of a date YYYY-MM-DD. */
function monthDay(day) {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** Reads the open round, if any, and its first page still to review; the tab shows only then. */
export async function loadSurvey() {
  try {
    const rounds = await api.get('/api/v1/survey-rounds');
    const open = rounds.find((r) => r.status === 'OPEN');
    if (!open) {
      round = null;
      tab.hidden = true;
      return;
    }
    round = await api.get(withQuery(`/api/v1/survey-rounds/${encodeURIComponent(open.id)}`, { limit: PAGE }));
    people = round.toReview;
    next = round.toReviewNext;
    const flagged = await api.get(withQuery(roundPath('/people'), { show: 'flagged', limit: PAGE }));
    tab.hidden = false;
    showMessage(error, '');
    render(flagged.items);
  } catch (failure) {
    if (round) {
      showMessage(error, problem(failure));
    }
  }
}

/** The hub's refusal in the cadre's words (the hub's own message names the field for 400). */
function problem(failure) {
  if (failure.status === 0) {
    return '没有信号，核实要在有信号时做。';
  }
  if (failure.status === 403) {
    return '只能核实本村的人。';
  }
  if (failure.status === 409) {
    return '这个人已经核实过了，或这一轮核实已经结束。';
  }
  const field = /field '(?:changes\.)?([A-Za-z]+)'/.exec(failure.message || '');
  const label = field ? document.querySelector(`label[for="${changes.querySelector(`[data-field="${field[1]}"]`)?.id}"]`)
    : null;
  return label ? `“${label.textContent}”填得不对，请改一下。` : `没能保存：${failure.message}`;
}

function roundPath(path) {
  return `/api/v1/survey-rounds/${encodeURIComponent(round.id)}${path}`;
}

function render(flagged) {
  const p = round.progress;
  title.textContent = `${round.name}核实（${monthDay(round.closesOn)}前）`;
  progress.textContent = `已核实 ${p.reviewed} / ${p.total} 人，还有 ${p.total - p.reviewed} 人`;
  count.textContent = p.total - p.reviewed > 0 ? String(p.total - p.reviewed) : '';
  list.replaceChildren(...people.map(card));
  empty.hidden = people.length > 0;
  more.hidden = !next;
  flaggedList.replaceChildren(...flagged.map(flaggedCard));
  flaggedBox.hidden = flagged.length === 0;
}

function card(person) {
  const answers = el('div', { class: 'review-actions' },
    button('核实无误', 'button primary', () => confirm(person, answers)),
    button('有变化', 'button', () => open(person, 'CHANGED')),
    button('已不符合', 'button', () => open(person, 'LEFT')));
  return el('li', { class: 'card person', 'data-resident': person.residentId },
    el('span', { class: 'photo initial', 'aria-hidden': 'true', text: person.name.slice(0, 1) }),
    el('div', { class: 'body' },
      el('p', { class: 'name' }, el('strong', { text: person.name }),
        el('span', { class: 'type', text: TYPE[person.type] || '' })),
      el('p', { class: 'what', text: '待核实' })),
    answers);
}

function flaggedCard(person) {
  const why = person.reasons.length
    ? `（${person.reasons.map((code) => criteriaReason(code, round.criteria)).join('、')}）` : '';
  return el('li', { class: 'card person', 'data-resident': person.residentId },
    el('span', { class: 'photo initial', 'aria-hidden': 'true', text: person.name.slice(0, 1) }),
    el('div', { class: 'body' },
      el('p', { class: 'name' }, el('strong', { text: person.name }),
        el('span', { class: 'type', text: TYPE[person.type] || '' })),
      el('p', { class: 'what' }, el('span', { class: 'badge flag', text: '待决定' }),
        ` ${SURVEY_FLAG[person.flag] || person.flag}${why}`)));
}

function button(text, className, action) {
  const b = el('button', { type: 'button', class: className, text });
  b.addEventListener('click', action);
  return b;
}

more.addEventListener('click', async () => {
  try {
    const page = await api.get(withQuery(roundPath('/people'), { show: 'to-review', after: next, limit: PAGE }));
    people = people.concat(page.items);
    next = page.next;
    list.append(...page.items.map(card));
    more.hidden = !next;
  } catch (failure) {
    showMessage(error, problem(failure));
  }
});

/** 核实无误: one tap, no form. */
async function confirm(person, answers) {
  for (const b of answers.querySelectorAll('button')) {
    b.disabled = true;
  }
  const sent = await send({ residentId: person.residentId, outcome: 'CONFIRMED' }, person, error);
  if (!sent) {
    for (const b of answers.querySelectorAll('button')) {
      b.disabled = false;
    }
  }
}

/** 有变化 or 已不符合: the person's ledger record, then the form for it. */
async function open(person, outcome) {
  showMessage(error, '');
  let resident;
  try {
    resident = await api.get(`/api/v1/residents/${encodeURIComponent(person.residentId)}`);
  } catch (failure) {
    showMessage(error, problem(failure));
    return;
  }
  writing = { person, resident, outcome, reason: null };
  formTitle.textContent = `${outcome === 'CHANGED' ? '信息有变化' : '已不符合'}：${person.name}`;
  formFor.textContent = outcome === 'CHANGED' ? '改成现在的情况，没变的不用动。' : '选一个原因。';
  changes.hidden = outcome !== 'CHANGED';
  left.hidden = outcome !== 'LEFT';
  childFields.hidden = resident.type !== 'CHILD';
  elderFields.hidden = resident.type !== 'ELDER';
  for (const input of changes.querySelectorAll('[data-field]')) {
    input.value = resident[input.dataset.field] || '';
    input.removeAttribute('aria-invalid');
  }
  reasons.replaceChildren(...(REASONS[resident.type] || REASONS.ELDER).map((code) => {
    const chip = el('button', { type: 'button', class: 'chip', 'aria-pressed': 'false', 'data-reason': code,
      text: LEAVE_REASON[code] });
    chip.addEventListener('click', () => {
      writing.reason = code;
      for (const other of reasons.children) {
        other.setAttribute('aria-pressed', String(other === chip));
      }
    });
    return chip;
  }));
  note.value = '';
  showMessage(formError, '');
  host.showLists(false);
  view.hidden = false;
  window.scrollTo(0, 0);
}

function closeForm() {
  writing = null;
  view.hidden = true;
  host.showLists(true);
}

byId('review-back').addEventListener('click', closeForm);

/** The fields changed, as the merge patch the hub applies (an emptied field is null). */
function changedFields() {
  const changed = {};
  for (const input of changes.querySelectorAll('[data-field]')) {
    if (input.closest('[hidden]')) {
      continue;
    }
    const now = input.value.trim();
    if (now !== (writing.resident[input.dataset.field] || '')) {
      changed[input.dataset.field] = now || null;
    }
  }
  return changed;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!writing) {
    return;
  }
  const body = { residentId: writing.person.residentId, outcome: writing.outcome };
  if (note.value.trim()) {
    body.note = note.value.trim();
  }
  if (writing.outcome === 'CHANGED') {
    body.changes = changedFields();
    if (Object.keys(body.changes).length === 0) {
      showMessage(formError, '还没有改动。没有变化请返回，点“核实无误”。');
      return;
    }
  } else {
    if (!writing.reason) {
      showMessage(formError, '请选一个原因。');
      return;
    }
    body.reason = writing.reason;
  }
  const person = writing.person;
  if (await send(body, person, formError)) {
    closeForm();
  }
});

/** Sends a review; true when the hub took it. Errors go to {@code where}, naming the field. */
async function send(body, person, where) {
  try {
    const reviewed = await api.post(roundPath('/reviews'), body);
    const flag = reviewed.flag ? `请注意：${SURVEY_FLAG[reviewed.flag]}，等乡镇决定。` : '';
    host.say(`已核实 ${person.name}。${flag}`);
    await loadSurvey();
    return true;
  } catch (failure) {
    const field = /field '(?:changes\.)?([A-Za-z]+)'/.exec(failure.message || '');
    const input = field ? changes.querySelector(`[data-field="${field[1]}"]`) : null;
    if (input && !input.closest('[hidden]')) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
    showMessage(where, problem(failure));
    return false;
  }
}
