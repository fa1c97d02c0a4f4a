// The check-in section (报平安): the live list of people who went quiet past their expectation
// plus the grace days (pausable from the row, for someone in hospital or away), who has and who
// has not checked in today village by village, one person's history, and the monthly visit
// coverage (月月有联系). Alerts, check-ins and visits arrive on the live stream.

import { withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import { dateTime } from '../format.js';
import {
  addDays, byName, dayText, dayTimeText, daysBetween, everyText, localDate, setToday, timeText, today, typeText,
} from '../people.js';

/** Ids of the pause form's inputs, which exists while one alert row shows it. */
const PAUSE_UNTIL = 'checkins-pause-until';
const PAUSE_NOTE = 'checkins-pause-note';
const PAUSE_REASON = 'checkins-pause-reason';
/** Why someone is paused; illness and hospital bring a follow-up visit within days (the 走访 tab). */
const PAUSE_REASONS = [['HOSPITAL', '住院（安排回访）'], ['ILLNESS', '生病在家（安排回访）'], ['AWAY', '外出'],
  ['OTHER', '其他']];

/** The periodic check raises many alerts at once; one tone for a burst is enough. */
const QUIET_AFTER_TONE_MS = 10_000;

/** The day rolls over and "not yet" becomes "missed" without any event: fetch again this often. */
const REFRESH_MS = 5 * 60_000;

let ctx = null;
let els = null;
/** Open alerts by alert id. */
const alerts = new Map();
const villages = new Set();
/** The alert whose row shows the pause form, by alert id, and that form (kept across redraws). */
let pausing = null;
let pausingForm = null;
let personId = null;
/** Whether the user picked a month; until then the coverage follows the hub's this month. */
let monthChosen = false;
let timer = null;
let lastTone = 0;
const loads = { alerts: 0, today: 0, coverage: 0, person: 0 };
/** The path of the next page of open alerts (docs/api.md "Paging"); null on the last. */
let alertsNext = null;

function elements() {
  return {
    alertsSummary: byId('checkins-alerts-summary'),
    alertsError: byId('checkins-alerts-error'),
    alertsNotice: byId('checkins-alerts-notice'),
    alertRows: byId('checkins-alert-rows'),
    alertsEmpty: byId('checkins-alerts-empty'),
    alertsMore: byId('checkins-alerts-more'),
    todaySummary: byId('checkins-today-summary'),
    villageFilter: byId('checkins-filter-village'),
    filters: byId('checkins-filters'),
    refresh: byId('checkins-refresh'),
    todayError: byId('checkins-today-error'),
    villages: byId('checkins-villages'),
    todayEmpty: byId('checkins-today-empty'),
    person: byId('checkins-person'),
    personTitle: byId('checkins-person-title'),
    personBadges: byId('checkins-person-badges'),
    personPlaceholder: byId('checkins-person-placeholder'),
    personBody: byId('checkins-person-body'),
    personError: byId('checkins-person-error'),
    personSummary: byId('checkins-person-summary'),
    personCheckIns: byId('checkins-person-checkins'),
    personVisits: byId('checkins-person-visits'),
    personCheckInsMore: byId('checkins-person-checkins-more'),
    personVisitsMore: byId('checkins-person-visits-more'),
    coverageForm: byId('checkins-coverage-form'),
    month: byId('checkins-month'),
    coverageError: byId('checkins-coverage-error'),
    coverage: byId('checkins-coverage'),
  };
}

/** A name that opens the person's history. */
function personButton(residentId, name, extraClass) {
  return el('button', { type: 'button', class: `person-link ${extraClass || ''}`.trim(), 'data-resident': residentId,
    title: `查看 ${name} 的记录` }, name);
}

function quietFor(lastCheckInAt) {
  if (!lastCheckInAt) {
    return '从未报过平安';
  }
  const days = daysBetween(localDate(lastCheckInAt), today());
  return `${dayTimeText(lastCheckInAt)}（${days > 0 ? `${days} 天前` : '今天'}）`;
}

// Alerts

/** Loads the newest open alerts (more = false) or the next page of them (more = true). */
async function loadAlerts(more = false) {
  if (more && !alertsNext) {
    return;
  }
  const number = more ? loads.alerts : ++loads.alerts;
  els.alertsMore.disabled = true;
  try {
    const page = await ctx.api.page(more ? alertsNext : '/api/v1/check-in-alerts');
    if (!ctx || number !== loads.alerts) {
      return;
    }
    if (!more) {
      alerts.clear();
    }
    page.items.forEach((alert) => alerts.set(alert.id, alert));
    alertsNext = page.next;
    showMessage(els.alertsError, '');
    renderAlerts();
  } catch (error) {
    if (ctx && number === loads.alerts && error.status !== 401) {
      showMessage(els.alertsError, `没能载入未报平安提醒：${error.message}`);
    }
  }
}

function pauseForm(alert) {
  const until = el('input', { type: 'date', id: PAUSE_UNTIL, min: today(), max: addDays(today(), 366),
    value: addDays(today(), 7), required: true });
  const note = el('input', { type: 'text', id: PAUSE_NOTE, maxlength: 500, list: 'pause-reasons',
    placeholder: '例如：在医院、外出探亲', autocomplete: 'off' });
  const reason = el('select', { id: PAUSE_REASON }, ...PAUSE_REASONS.map(([value, text]) =>
    el('option', { value, text, selected: value === 'OTHER' })));
  const error = el('p', { class: 'message error', role: 'alert', hidden: true });
  const form = el('form', { class: 'pause-inline', novalidate: true, 'aria-label': `暂停 ${alert.name} 的提醒` },
      el('label', { for: PAUSE_REASON, text: '为什么' }), reason,
      el('label', { for: PAUSE_NOTE, text: '说明' }), note,
      el('label', { for: PAUSE_UNTIL, text: '暂停到（含这天）' }), until,
      el('button', { type: 'submit', class: 'button primary small', text: '确认暂停' }),
      el('button', { type: 'button', class: 'button small', 'data-cancel': 'true', text: '取消' }),
      error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    pause(alert, until.value, note.value.trim(), reason.value, error);
  });
  form.querySelector('[data-cancel]').addEventListener('click', () => {
    stopPausing();
    renderAlerts();
  });
  return form;
}

function renderAlerts() {
  const sorted = [...alerts.values()].sort((a, b) =>
    a.village.localeCompare(b.village, 'zh-CN') || a.dueDate.localeCompare(b.dueDate) || byName(a, b));
  const rows = [];
  for (const alert of sorted) {
    rows.push(el('tr', { 'data-alert': alert.id, 'data-resident': alert.residentId, class: 'is-alert' },
        el('td', {}, personButton(alert.residentId, alert.name),
            el('span', { class: 'small-note', text: `${typeText(alert.type)} · ${everyText(alert.checkInEveryDays)}报平安` })),
        el('td', { text: alert.village }),
        el('td', {}, quietFor(alert.lastCheckInAt),
            el('span', { class: 'small-note', text: `应在 ${dayText(alert.dueDate)} 报平安` })),
        el('td', { text: alert.cadres.map((cadre) => cadre.name).join('、') || '未结对' }),
        el('td', {}, pausing === alert.id ? null
          : el('button', { type: 'button', class: 'button small', 'data-pause': alert.id, text: '暂停提醒' }))));
    if (pausing === alert.id) {
      if (!pausingForm) {
        pausingForm = pauseForm(alert);
      }
      rows.push(el('tr', { class: 'pause-row' }, el('td', { colspan: 5 }, pausingForm)));
    }
  }
  els.alertRows.replaceChildren(...rows);
  els.alertsEmpty.hidden = alerts.size > 0;
  els.alertsMore.hidden = !alertsNext;
  els.alertsMore.disabled = false;
  els.alertsSummary.textContent = alerts.size > 0
    ? `${alertsNext ? '至少 ' : ''}${alerts.size} 人超过约定天数未报平安，请尽快联系` : '';
  ctx.setCount('checkins', alerts.size);
}

function stopPausing() {
  pausing = null;
  pausingForm = null;
}

async function pause(alert, until, note, reason, error) {
  if (!until) {
    showMessage(error, '请选择暂停到哪一天。');
    return;
  }
  try {
    await ctx.api.post(`/api/v1/residents/${encodeURIComponent(alert.residentId)}/pause`,
        { until, note: note || null, reason });
    if (!ctx) {
      return;
    }
    stopPausing();
    alerts.delete(alert.id);
    renderAlerts();
    showMessage(els.alertsNotice, `已暂停 ${alert.name} 的提醒，到 ${dayText(until)}（含这天）${note ? `，原因：${note}` : ''}。`);
    loadToday();
    if (personId === alert.residentId) {
      loadPerson(personId);
    }
  } catch (failure) {
    if (ctx && failure.status !== 401) {
      showMessage(error, `没有暂停：${failure.message}`);
    }
  }
}

// Today by village

function addVillage(village) {
  if (village && !villages.has(village)) {
    villages.add(village);
    renderVillageOptions();
  }
}

function renderVillageOptions() {
  const select = els.villageFilter;
  const own = ctx.user.role === 'CADRE' ? ctx.user.village : null;
  const chosen = own || select.value;
  select.replaceChildren();
  if (own) {
    select.append(el('option', { value: own, text: own }));
  } else {
    select.append(el('option', { value: '', text: '全部村' }));
    [...villages].sort((a, b) => a.localeCompare(b, 'zh-CN'))
        .forEach((village) => select.append(el('option', { value: village, text: village })));
  }
  select.value = chosen;
  select.disabled = Boolean(own);
}

/**
 * Every village's names are shown at once up to this many residents; a larger township (a county's
 * hub) gets each village in numbers, and one village's names when it is chosen (docs/api.md).
 */
const NAMES_FOR_ALL_UP_TO = 1000;

async function loadToday() {
  const number = ++loads.today;
  try {
    const village = els.villageFilter.value;
    if (!village) {
      const counts = await ctx.api.get('/api/v1/check-ins/village-counts');
      if (!ctx || number !== loads.today) {
        return;
      }
      if (counts.reduce((sum, count) => sum + count.residents, 0) > NAMES_FOR_ALL_UP_TO) {
        if (counts.length > 0) {
          setToday(counts[0].date);
        }
        counts.forEach((count) => villages.add(count.village));
        renderVillageOptions();
        showMessage(els.todayError, '');
        renderCounts(counts);
        return;
      }
    }
    const days = await ctx.api.all(withQuery('/api/v1/check-ins/by-village', { village }));
    if (!ctx || number !== loads.today) {
      return;
    }
    if (days.length > 0) {
      setToday(days[0].date);
    }
    days.forEach((day) => addVillage(day.village));
    showMessage(els.todayError, '');
    renderToday(days);
  } catch (error) {
    if (ctx && number === loads.today && error.status !== 401) {
      showMessage(els.todayError, `没能载入今日报平安：${error.message}`);
    }
  }
}

function absentChip(person) {
  const notes = [];
  if (person.alert) {
    notes.push(el('span', { class: 'badge badge-overdue', text: '超时未报' }));
  }
  if (person.pausedUntil && person.pausedUntil >= today()) {
    notes.push(el('span', { class: 'badge badge-paused', text: `暂停至${dayText(person.pausedUntil)}` }));
  }
  return el('li', { class: person.alert ? 'chip is-alert' : 'chip', 'data-resident': person.residentId },
      personButton(person.residentId, person.name),
      el('span', { class: 'chip-note', text: person.lastCheckInAt ? `上次 ${dayTimeText(person.lastCheckInAt)}` : '从未报过' }),
      ...notes);
}

function renderToday(days) {
  let expectedAll = 0;
  let doneAll = 0;
  const cards = days.map((day) => {
    const waiting = day.notCheckedIn.filter((person) => person.checkInEveryDays);
    const optional = day.notCheckedIn.filter((person) => !person.checkInEveryDays);
    const done = day.checkedIn.length;
    expectedAll += day.expected;
    doneAll += done;
    return el('article', { class: 'village-day', 'data-village': day.village, 'aria-label': `${day.village} 今日报平安` },
        el('h3', {}, day.village,
            el('span', { class: 'village-count', text: `已报平安 ${done} 人 · 还没报 ${waiting.length} 人` })),
        el('div', { class: 'day-lists' },
            el('div', { class: 'day-list done' },
                el('h4', { text: `已报平安（${done}）` }),
                done > 0 ? el('ul', { class: 'chips', 'data-list': 'done' }, ...day.checkedIn.map((person) =>
                  el('li', { class: 'chip is-done', 'data-resident': person.residentId },
                      personButton(person.residentId, person.name),
                      el('span', { class: 'chip-note', text: timeText(person.at) })))) : el('p', { class: 'empty', text: '今天还没有人报平安。' })),
            el('div', { class: 'day-list waiting' },
                el('h4', { text: `还没报平安（${waiting.length}）` }),
                waiting.length > 0 ? el('ul', { class: 'chips', 'data-list': 'waiting' }, ...waiting.map(absentChip))
                  : el('p', { class: 'empty', text: '都报过平安了。' }))),
        optional.length > 0 ? el('p', { class: 'small-note' }, `不需要报平安的：${optional.map((p) => p.name).join('、')}`)
          : null);
  });
  els.villages.replaceChildren(...cards);
  els.todayEmpty.hidden = cards.length > 0;
  els.todaySummary.textContent = days.length > 0
    ? `${dayText(days[0].date)}：已报平安 ${doneAll} 人，需要报平安的共 ${expectedAll} 人` : '';
}

/** Each village in numbers, with a button that shows its names (chooses it in the filter). */
function renderCounts(counts) {
  let expectedAll = 0;
  let doneAll = 0;
  const cards = counts.map((count) => {
    expectedAll += count.expected;
    doneAll += count.checkedIn;
    return el('article', { class: 'village-day', 'data-village': count.village, 'aria-label': `${count.village} 今日报平安` },
        el('h3', {}, count.village,
            el('span', { class: 'village-count', text: `已报平安 ${count.checkedIn} 人 · 还没报 ${count.waiting} 人` })),
        el('button', { type: 'button', class: 'button small', 'data-show-village': count.village, text: '看名单' }));
  });
  els.villages.replaceChildren(...cards);
  els.todayEmpty.hidden = cards.length > 0;
  els.todaySummary.textContent = counts.length > 0
    ? `${dayText(counts[0].date)}：已报平安 ${doneAll} 人，需要报平安的共 ${expectedAll} 人` : '';
}

// One person

async function loadPerson(id) {
  const number = ++loads.person;
  personId = id;
  els.personPlaceholder.hidden = true;
  els.personBody.hidden = false;
  try {
    const path = `/api/v1/residents/${encodeURIComponent(id)}`;
    const [resident, checkIns, visits] = await Promise.all([ctx.api.get(path),
      ctx.api.page(`${path}/check-ins?limit=30`), ctx.api.page(`${path}/visits?limit=10`)]);
    if (!ctx || number !== loads.person) {
      return;
    }
    showMessage(els.personError, '');
    renderPerson(resident);
    fillHistory(els.personCheckIns, els.personCheckInsMore, checkIns, checkInItem, false);
    fillHistory(els.personVisits, els.personVisitsMore, visits, visitItem, false);
  } catch (error) {
    if (ctx && number === loads.person && error.status !== 401) {
      showMessage(els.personError, `打不开这个人的记录：${error.message}`);
    }
  }
}

/** The next page of one of the person's histories, added under what is shown (the 更多 button). */
async function moreHistory(list, button, item) {
  const number = loads.person;
  const next = button.dataset.next;
  if (!next) {
    return;
  }
  button.disabled = true;
  try {
    const page = await ctx.api.page(next);
    if (ctx && number === loads.person) {
      fillHistory(list, button, page, item, true);
    }
  } catch (error) {
    if (ctx && number === loads.person && error.status !== 401) {
      showMessage(els.personError, `没能载入更多记录：${error.message}`);
    }
  } finally {
    button.disabled = false;
  }
}

/** Shows a page of a history in list (added to it with more), and 更多 under it while more follow. */
function fillHistory(list, button, page, item, more) {
  const items = page.items.map(item);
  if (more) {
    list.append(...items);
  } else {
    list.replaceChildren(...(items.length > 0 ? items : [el('li', { class: 'none', text: '没有记录。' })]));
  }
  button.dataset.next = page.next || '';
  button.hidden = !page.next;
}

function checkInItem(record) {
  return el('li', {}, el('strong', { text: dateTime(record.at) }),
    record.clockTrusted ? null : el('span', { class: 'small-note', text: '（设备时钟未校准，按到达乡镇的时间）' }));
}

function visitItem(visit) {
  return el('li', {}, el('strong', { text: dateTime(visit.at) }), `　${visit.cadre}`,
    visit.note ? el('span', { class: 'history-note', text: `备注：${visit.note}` }) : null);
}

function renderPerson(resident) {
  els.personTitle.textContent = `${resident.name}的记录`;
  const badges = [el('span', { class: 'badge badge-type', text: typeText(resident.type) })];
  if (resident.alert) {
    badges.push(el('span', { class: 'badge badge-overdue', text: '超时未报平安' }));
  }
  if (resident.pausedUntil && resident.pausedUntil >= today()) {
    badges.push(el('span', { class: 'badge badge-paused', text: `暂停提醒至${dayText(resident.pausedUntil)}` }));
  }
  els.personBadges.replaceChildren(...badges);
  const facts = [`${resident.village}，${everyText(resident.checkInEveryDays)}报平安。`];
  facts.push(resident.lastCheckInAt ? `上次报平安：${quietFor(resident.lastCheckInAt)}。` : '还没有报过平安。');
  if (resident.pausedUntil && resident.pausedUntil >= today() && resident.pauseNote) {
    facts.push(`暂停原因：${resident.pauseNote}。`);
  }
  if (resident.cadres.length > 0) {
    facts.push(`结对干部：${resident.cadres.map((cadre) => cadre.name).join('、')}。`);
  }
  els.personSummary.textContent = facts.join(' ');
}

// Visits this month

async function loadCoverage() {
  const number = ++loads.coverage;
  try {
    const month = monthChosen ? els.month.value : '';
    const village = els.villageFilter.value;
    // As for today's check-ins: above NAMES_FOR_ALL_UP_TO residents, all villages in numbers.
    let list = village ? null : await ctx.api.get(withQuery('/api/v1/visits/coverage', { month, names: 'false' }));
    if (!ctx || number !== loads.coverage) {
      return;
    }
    if (!list || list.reduce((sum, count) => sum + count.residents, 0) <= NAMES_FOR_ALL_UP_TO) {
      list = await ctx.api.all(withQuery('/api/v1/visits/coverage', { month, village }));
      if (!ctx || number !== loads.coverage) {
        return;
      }
    }
    if (!monthChosen && list.length > 0) {
      els.month.value = list[0].month;
    }
    showMessage(els.coverageError, '');
    renderCoverage(list);
  } catch (error) {
    if (ctx && number === loads.coverage && error.status !== 401) {
      showMessage(els.coverageError, `没能载入走访情况：${error.message}`);
    }
  }
}

function renderCoverage(list) {
  if (list.length === 0) {
    els.coverage.replaceChildren(el('p', { class: 'empty', text: '还没有登记任何居民。' }));
    return;
  }
  els.coverage.replaceChildren(...list.map((village) => el('article', { class: 'village-coverage',
    'data-village': village.village },
  el('h3', {}, village.village, el('span', { class: village.visited < village.residents ? 'village-count warn' : 'village-count ok',
    text: `已走访 ${village.visited} / ${village.residents} 人` })),
  !village.notVisited
    ? el('button', { type: 'button', class: 'button small', 'data-show-village': village.village, text: '看名单' })
    : village.notVisited.length > 0
    ? el('ul', { class: 'chips' }, ...village.notVisited.map((person) => el('li', { class: 'chip',
      'data-resident': person.residentId },
    personButton(person.residentId, person.name),
    el('span', { class: 'chip-note', text: person.lastVisitAt ? `上次走访 ${dayText(localDate(person.lastVisitAt))}`
      : '从未走访' }))))
    : el('p', { class: 'ok', text: '本月每个人都走访到了。' }))));
}

function wire() {
  // Any name anywhere in the section opens that person's history.
  byId('section-checkins').addEventListener('click', (event) => {
    const link = event.target.closest('button.person-link');
    if (link) {
      loadPerson(link.dataset.resident);
      els.person.scrollIntoView({ block: 'nearest' });
      return;
    }
    const showVillage = event.target.closest('button[data-show-village]');
    if (showVillage) {
      els.villageFilter.value = showVillage.dataset.showVillage;
      loadToday();
      loadCoverage();
      return;
    }
    const pauseButton = event.target.closest('button[data-pause]');
    if (pauseButton) {
      stopPausing();
      pausing = Number(pauseButton.dataset.pause);
      showMessage(els.alertsNotice, '');
      renderAlerts();
      els.alertRows.querySelector(`#${PAUSE_NOTE}`).focus();
    }
  });
  els.filters.addEventListener('submit', (event) => event.preventDefault());
  els.villageFilter.addEventListener('change', () => {
    loadToday();
    loadCoverage();
  });
  els.alertsMore.addEventListener('click', () => loadAlerts(true));
  els.personCheckInsMore.addEventListener('click', () => moreHistory(els.personCheckIns, els.personCheckInsMore,
    checkInItem));
  els.personVisitsMore.addEventListener('click', () => moreHistory(els.personVisits, els.personVisitsMore, visitItem));
  els.refresh.addEventListener('click', () => {
    loadAlerts();
    loadToday();
    loadCoverage();
  });
  els.coverageForm.addEventListener('submit', (event) => event.preventDefault());
  els.month.addEventListener('change', () => {
    monthChosen = Boolean(els.month.value);
    loadCoverage();
  });
}

function loadAll() {
  loadAlerts();
  loadToday();
  loadCoverage();
  if (personId) {
    loadPerson(personId);
  }
}

export const checkinSection = {
  id: 'checkins',
  events: ['checked-in', 'checkin-undone', 'visit-checked-in', 'checkin-alert', 'checkin-alert-cleared'],
  countLabel: '人未报平安',

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      wire();
    }
    els.villageFilter.value = '';
    els.month.value = '';
    monthChosen = false;
    renderVillageOptions();
    loadAll();
    clearInterval(timer);
    timer = setInterval(loadAll, REFRESH_MS);
  },

  stop() {
    ctx = null;
    for (const name of Object.keys(loads)) {
      loads[name] += 1;
    }
    clearInterval(timer);
    timer = null;
    alerts.clear();
    alertsNext = null;
    villages.clear();
    stopPausing();
    personId = null;
    els.alertRows.replaceChildren();
    els.villages.replaceChildren();
    els.coverage.replaceChildren();
    els.personCheckIns.replaceChildren();
    els.personVisits.replaceChildren();
    els.personCheckInsMore.hidden = true;
    els.personVisitsMore.hidden = true;
    els.personBadges.replaceChildren();
    els.personSummary.textContent = '';
    els.personTitle.textContent = '个人记录';
    els.personBody.hidden = true;
    els.personPlaceholder.hidden = false;
    els.alertsSummary.textContent = '';
    els.todaySummary.textContent = '';
    els.villageFilter.replaceChildren(el('option', { value: '', text: '全部村' }));
    for (const message of [els.alertsError, els.alertsNotice, els.todayError, els.coverageError, els.personError]) {
      showMessage(message, '');
    }
  },

  reload() {
    loadAll();
  },

  show() {
    loadToday();
  },

  hide() {},

  onEvent(name, data) {
    if (name === 'checkin-alert') {
      alerts.set(data.id, data);
      renderAlerts();
      if (Date.now() - lastTone > QUIET_AFTER_TONE_MS) {
        lastTone = Date.now();
        ctx.alert('overdue');
      }
      loadToday();
    } else if (name === 'checkin-alert-cleared') {
      alerts.delete(data.id);
      if (pausing === data.id) {
        stopPausing();
      }
      renderAlerts();
      loadToday();
    } else if (name === 'checked-in' || name === 'checkin-undone') {
      loadToday();
    } else if (name === 'visit-checked-in') {
      loadCoverage();
    }
    if (personId && data.residentId === personId) {
      loadPerson(personId);
    }
  },
};
