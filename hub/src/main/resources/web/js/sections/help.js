// The help-request section: the live list (newest first, filtered by the hub) and the open
// request with its history and the actions its status allows.

import { withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import { byText, categoryText, dateTime, shortDateTime, sourceText, statusText } from '../format.js';
import { typeText } from '../people.js';

/** The hub's state machine: which statuses a request may move to from each status. */
const NEXT = {
  NEW: ['ACKNOWLEDGED', 'CANCELLED'],
  ACKNOWLEDGED: ['ASSIGNED', 'RESOLVED', 'CANCELLED'],
  ASSIGNED: ['RESOLVED', 'CANCELLED'],
  RESOLVED: [],
  CANCELLED: [],
};
/** How long a cancelled request stays on the default list of open requests. */
const CANCELLED_SHOWN_MINUTES = 10;
/** How long a request pressed again flashes 再次求助 in the list. */
const REPEAT_FLASH_MS = 30000;
const OPEN = ['NEW', 'ACKNOWLEDGED', 'ASSIGNED'];

const DONE = {
  ACKNOWLEDGED: '已确认收到。小院设备下次联系乡镇时会告诉老人“已收到”。',
  ASSIGNED: '已指派。',
  RESOLVED: '已标记为解决。',
  CANCELLED: '已取消这条求助。',
};

let ctx = null;
let els = null;
/** The requests the list shows now, by id. */
const requests = new Map();
/** Requests that arrived live and nobody has opened or handled yet (highlighted as new). */
const unseen = new Map();
/** Requests pressed again in the last REPEAT_FLASH_MS: their rows flash 再次求助. */
const repeatedNow = new Set();
/** When this page first saw each cancelled request (Date.now()), to keep it listed ten minutes. */
const cancelledSeen = new Map();
/**
 * Requests past the overdue time that nobody has acknowledged, whatever the list's filter: they
 * count in the badge and the window title in every login until someone acknowledges them.
 */
const overdue = new Map();
const villages = new Set();
let openId = null;
let openHelp = null;
let sending = false;
/** Requests being acknowledged from the list. */
const acknowledging = new Set();
/** Each list load gets a number; only the answer of the latest one is used. */
let loadNumber = 0;
/** Versions live events brought while a list load was on its way, by id. */
let touchedDuringLoad = null;
/** The path of the list's next page (the hub's Link header), null when the list is all here. */
let nextPage = null;

function elements() {
  return {
    villageFilter: byId('help-filter-village'),
    statusFilter: byId('help-filter-status'),
    rows: byId('help-rows'),
    empty: byId('help-empty'),
    hiddenNew: byId('help-hidden-new'),
    hiddenNewText: byId('help-hidden-new-text'),
    showAll: byId('help-show-all'),
    listError: byId('help-list-error'),
    more: byId('help-more'),
    detail: byId('help-detail'),
    placeholder: byId('help-detail-placeholder'),
    body: byId('help-detail-body'),
    notice: byId('help-detail-notice'),
    badges: byId('help-detail-badges'),
    fields: byId('help-detail-fields'),
    memo: byId('help-detail-memo'),
    audio: byId('help-detail-audio'),
    audioError: byId('help-detail-audio-error'),
    actions: byId('help-actions'),
    actionError: byId('help-action-error'),
    assigneeField: byId('help-assignee-field'),
    assignee: byId('help-assignee'),
    note: byId('help-note'),
    closed: byId('help-closed'),
    history: byId('help-history'),
  };
}

function time(iso) {
  return Date.parse(iso) || 0;
}

/** The time of the press as staff should read it: the kiosk's if its clock was right, else the hub's. */
function pressedAt(help) {
  return help.clockTrusted ? help.occurredAt : help.receivedAt;
}

/** Whether the request still waits for anyone past the overdue time (red, "超时未响应"). */
function isOverdueNow(help) {
  return help.overdue && help.status === 'NEW';
}

/**
 * The newer of two versions of one request. Events and list loads can cross on the way, so an
 * older version never replaces a newer one; `overdue` is never cleared once set.
 */
function merge(known, incoming) {
  if (!known) {
    return incoming;
  }
  const newer = time(incoming.updatedAt) >= time(known.updatedAt) ? incoming : known;
  const older = newer === incoming ? known : incoming;
  if (older.overdue && !newer.overdue) {
    return { ...newer, overdue: true, overdueAt: older.overdueAt };
  }
  return newer;
}

function filterParams() {
  const params = {};
  const status = els.statusFilter.value;
  if (status === 'open') {
    params.open = 'true';
    // A cancelled request stays on the default list, marked 已取消, for ten minutes.
    params.cancelledWithin = String(CANCELLED_SHOWN_MINUTES);
  } else if (status) {
    params.status = status;
  }
  if (els.villageFilter.value) {
    params.village = els.villageFilter.value;
  }
  return params;
}

/**
 * Whether a cancelled request still belongs on the default list: for ten minutes from when this page
 * first saw it cancelled (the hub's list, by the hub's clock, only sends the recent ones), then it
 * leaves by itself.
 */
function recentlyCancelled(help) {
  if (help.status !== 'CANCELLED') {
    return false;
  }
  const shownFor = CANCELLED_SHOWN_MINUTES * 60000;
  if (!cancelledSeen.has(help.id)) {
    cancelledSeen.set(help.id, Date.now());
    setTimeout(() => {
      if (ctx && els.statusFilter.value === 'open' && requests.delete(help.id)) {
        renderList();
      }
    }, shownFor);
  }
  return Date.now() - cancelledSeen.get(help.id) < shownFor;
}

function matchesFilter(help) {
  const status = els.statusFilter.value;
  if (status === 'open' && !OPEN.includes(help.status) && !recentlyCancelled(help)) {
    return false;
  }
  if (status && status !== 'open' && help.status !== status) {
    return false;
  }
  return !els.villageFilter.value || help.village === els.villageFilter.value;
}

/** Puts a version of a request into the list, or takes it out when the filter no longer matches. */
function upsert(help) {
  const merged = merge(requests.get(help.id), help);
  if (matchesFilter(merged)) {
    requests.set(help.id, merged);
  } else {
    requests.delete(help.id);
  }
  if (touchedDuringLoad) {
    touchedDuringLoad.set(help.id, merged);
  }
  if (merged.status !== 'NEW') {
    unseen.delete(help.id);
  }
  noteOverdue(merged);
  addVillage(merged.village);
  return merged;
}

function noteOverdue(help) {
  if (isOverdueNow(help)) {
    overdue.set(help.id, help);
  } else {
    overdue.delete(help.id);
  }
}

/** The requests still waiting for anyone (NEW), whatever the filter: the overdue ones count. */
async function loadWaiting() {
  try {
    // Every page: the count must hold each waiting request, however many there are.
    const waiting = await ctx.api.all(withQuery('/api/v1/help-requests', { status: 'NEW', limit: 1000 }));
    if (!ctx) {
      return;
    }
    overdue.clear();
    for (const help of waiting) {
      noteOverdue(merge(requests.get(help.id), help));
    }
    renderList();
  } catch (error) {
    if (ctx && error.status !== 401) {
      console.warn('courtyard: no list of waiting requests for the count', error);
    }
  }
}

function addVillage(village) {
  if (!village || villages.has(village)) {
    return;
  }
  villages.add(village);
  renderVillageOptions();
}

function renderVillageOptions() {
  const select = els.villageFilter;
  const cadreVillage = ctx.user.role === 'CADRE' ? ctx.user.village : null;
  const chosen = cadreVillage || select.value;
  select.replaceChildren();
  if (cadreVillage) {
    select.append(el('option', { value: cadreVillage, text: cadreVillage }));
  } else {
    select.append(el('option', { value: '', text: '全部村' }));
    for (const village of [...villages].sort((a, b) => a.localeCompare(b, 'zh-CN'))) {
      select.append(el('option', { value: village, text: village }));
    }
  }
  select.value = chosen;
  select.disabled = Boolean(cadreVillage);
}

/** Loads the first page of the list (more = false) or adds the next one (more = true, 更多). */
async function loadList(more = false) {
  if (more && !nextPage) {
    return;
  }
  const adding = more;
  const number = adding ? loadNumber : ++loadNumber;
  if (!adding) {
    touchedDuringLoad = new Map();
    // The next page of the list as it was filtered before is not this list's.
    nextPage = null;
  }
  els.more.disabled = true;
  try {
    const page = await ctx.api.page(adding ? nextPage : withQuery('/api/v1/help-requests', filterParams()));
    if (number !== loadNumber || !ctx) {
      return;
    }
    nextPage = page.next;
    if (adding) {
      // Live events already keep the requests shown current; a page only adds the older ones.
      for (const help of page.items) {
        const merged = merge(requests.get(help.id), help);
        requests.set(help.id, merged);
        noteOverdue(merged);
        addVillage(help.village);
      }
    } else {
      const fresh = new Map();
      for (const help of page.items) {
        fresh.set(help.id, merge(requests.get(help.id), help));
        noteOverdue(fresh.get(help.id));
        addVillage(help.village);
      }
      // A request created or changed by a live event during the load may be missing from (or
      // older in) the answer; what the event said wins when it is newer.
      for (const [id, help] of touchedDuringLoad) {
        const merged = merge(fresh.get(id), help);
        if (matchesFilter(merged)) {
          fresh.set(id, merged);
        } else {
          fresh.delete(id);
        }
      }
      requests.clear();
      for (const [id, help] of fresh) {
        requests.set(id, help);
      }
    }
    showMessage(els.listError, '');
  } catch (error) {
    if (number === loadNumber && ctx && error.status !== 401) {
      showMessage(els.listError, `没能载入求助列表：${error.message}`);
    }
  } finally {
    if (number === loadNumber && !adding) {
      touchedDuringLoad = null;
    }
  }
  if (ctx) {
    renderList();
  }
}

/** Every village the hub knows, not only those of the requests listed (GET /api/v1/villages). */
async function loadVillages() {
  try {
    const list = await ctx.api.get('/api/v1/villages');
    if (ctx) {
      for (const village of list) {
        addVillage(village.name);
      }
    }
  } catch (error) {
    // The filter still offers the villages seen in requests.
    if (ctx && error.status !== 401) {
      console.warn('courtyard: no /api/v1/villages for the village filter', error);
    }
  }
}

function statusBadge(status) {
  return el('span', { class: `status status-${status}`, text: statusText(status) });
}

function badges(help, withNew) {
  const out = [statusBadge(help.status)];
  if (withNew && unseen.has(help.id)) {
    out.push(el('span', { class: 'badge badge-new', text: '新' }));
  }
  if (help.repeatCount > 0) {
    out.push(el('span', { class: 'badge badge-repeated', text: `再次求助 ×${help.repeatCount}` }));
  }
  if (isOverdueNow(help)) {
    out.push(el('span', { class: 'badge badge-overdue', text: '超时未响应' }));
  } else if (help.overdue) {
    out.push(el('span', { class: 'badge badge-offline', text: '曾超时' }));
  }
  return out;
}

function renderList() {
  // A press again moves the request to the top, as the hub sorts it.
  const latest = (help) => time(help.repeatedAt || help.receivedAt);
  const sorted = [...requests.values()].sort((a, b) => latest(b) - latest(a));
  const rows = sorted.map((help) => {
    const classes = [];
    if (unseen.has(help.id)) {
      classes.push('is-new');
    }
    if (isOverdueNow(help)) {
      classes.push('is-overdue');
    }
    if (!OPEN.includes(help.status)) {
      classes.push('is-closed');
    }
    if (help.id === openId) {
      classes.push('is-selected');
    }
    if (repeatedNow.has(help.id)) {
      classes.push('is-repeated');
    }
    const when = pressedAt(help);
    return el('tr', { class: classes.join(' '), 'data-id': help.id },
        el('td', { class: 'when' },
            el('button', { type: 'button', class: 'row-open', title: `查看 ${dateTime(when)} 的求助` },
                shortDateTime(when))),
        el('td', { text: help.village || '—' }),
        deviceCell(help),
        el('td', { text: sourceText(help.source) }),
        el('td', { text: categoryText(help.category) }),
        el('td', { class: 'state' }, ...badges(help, true),
            // One tap acknowledges, from the list (on a phone, the card): no need to open it first.
            help.status === 'NEW' ? el('button', { type: 'button', class: 'button primary acknowledge',
              'data-acknowledge': help.id, text: '确认收到', disabled: sending || acknowledging.has(help.id) })
              : null));
  });
  els.rows.replaceChildren(...rows);
  els.empty.hidden = rows.length > 0;
  els.more.hidden = !nextPage;
  els.more.disabled = false;
  const elsewhere = [...unseen.keys()].filter((id) => !requests.has(id)).length;
  els.hiddenNewText.textContent = `另有 ${elsewhere} 条新求助不在当前筛选里。`;
  els.hiddenNew.hidden = elsewhere === 0;
  ctx.setCount('help', new Set([...unseen.keys(), ...overdue.keys()]).size);
}

/** Whether the request came from a resident's home unit (居家呼叫器): staff go to the home, not the courtyard. */
function fromHome(help) {
  return help.kioskKind === 'HOME';
}

/** A home request's resident and address as one line: 张桂英　和平村3组12号. */
function homeWho(help) {
  const resident = help.resident || {};
  return [resident.name, resident.address].filter(Boolean).join('　') || '（居民已不在台账里）';
}

/** The list's device cell: who asked (when the kiosk was told) and the kiosk, or 居家 with whose home it is. */
function deviceCell(help) {
  if (!fromHome(help)) {
    return el('td', {}, help.resident
      ? el('strong', { class: 'help-person-name', text: help.resident.name }) : null,
    help.resident ? el('span', { class: 'small-note', text: ` ${help.kioskName || help.kioskId}` })
      : help.kioskName || help.kioskId);
  }
  return el('td', {}, el('span', { class: 'badge badge-home', text: '居家' }),
      el('span', { class: 'home-who', text: homeWho(help) }));
}

/** One fact of the open request: a dt/dd pair, half the width unless `wide`. */
function field(term, wide, ...value) {
  return el('div', { class: wide ? 'pair wide' : 'pair' }, el('dt', { text: term }), el('dd', {}, ...value));
}

/** Who asked, when the kiosk was told: photo, name, type, tags, address, paired cadres to call, last check-in. */
function personFields(person) {
  if (!person) {
    return [];
  }
  const who = [el('strong', { class: 'help-person-name', text: person.name }),
    el('span', { class: 'small-note', text: ` ${typeText(person.type)}${person.tags.length ? ` · ${person.tags.join('、')}` : ''}` })];
  if (person.photoUrl) {
    who.unshift(el('img', { class: 'help-person-photo', src: person.photoUrl, alt: `${person.name}的照片` }));
  }
  const fields = [field('求助人', true, ...who)];
  fields.push(field('住址', false, person.address || '—'));
  fields.push(field('上次报平安', false, person.lastCheckInAt ? dateTime(person.lastCheckInAt) : '还没有报过'));
  if (person.cadres.length > 0) {
    fields.push(field('结对干部', true, ...person.cadres.map((cadre) => el('span', { class: 'help-cadre' },
        cadre.name, cadre.phone ? ' ' : null,
        cadre.phone ? el('a', { href: `tel:${cadre.phone.replace(/[^0-9+]/g, '')}`, text: cadre.phone }) : null))));
  }
  return fields;
}

function renderDetail(help) {
  openHelp = help;
  els.placeholder.hidden = true;
  els.body.hidden = false;
  els.detail.classList.toggle('is-overdue', isOverdueNow(help));
  els.badges.replaceChildren(...badges(help, false));

  const items = [];
  if (fromHome(help)) {
    // A press at home: staff go to the house, so whose home it is comes first.
    items.push(field('居家求助', true, el('span', { class: 'badge badge-home', text: '居家' }),
        help.resident ? ' 在家里按的居家呼叫器' : ' （居民已不在台账里）'));
  }
  items.push(
    ...personFields(help.resident),
    field('设备', false, help.kioskName || help.kioskId, el('span', { class: 'small-note', text: `编号 ${help.kioskId}` })),
    field('村', false, help.village || '—'),
    field('求助时间', false, dateTime(help.occurredAt),
        help.clockTrusted ? null : el('span', { class: 'clock-note', text: '(设备时钟未校准)' })),
    field('到达乡镇', false, dateTime(help.receivedAt)),
    field('方式', false, sourceText(help.source)),
    field('类别', false, categoryText(help.category)));
  if (help.acknowledgedBy) {
    items.push(field('确认人', false, help.acknowledgedBy));
  }
  if (help.assignee) {
    items.push(field('指派给', false, help.assignee));
  }
  if (help.transcript) {
    items.push(field('老人说的话', true, `“${help.transcript}”`));
  }
  if (help.voiceMemo) {
    items.push(field('语音留言文字', true, help.voiceMemo.transcript
        ? `“${help.voiceMemo.transcript}”`
        : `未能转写（${Math.round(help.voiceMemo.durationMs / 1000)} 秒录音，请直接收听）`));
  }
  if (help.overdue) {
    items.push(field('超时', true, isOverdueNow(help)
        ? `超时未响应（从 ${dateTime(help.overdueAt)} 起）`
        : `曾超时未响应（${dateTime(help.overdueAt)}）`));
  }
  els.fields.replaceChildren(...items);

  const memoUrl = help.voiceMemo ? help.voiceMemo.url : null;
  els.memo.hidden = !memoUrl;
  if (memoUrl) {
    if (els.audio.getAttribute('src') !== memoUrl) {
      els.audio.src = memoUrl;
      els.audioError.hidden = true;
    }
  } else if (els.audio.hasAttribute('src')) {
    els.audio.removeAttribute('src');
    els.audio.load();
  }

  const allowed = NEXT[help.status] || [];
  for (const button of els.actions.querySelectorAll('button[data-to]')) {
    button.hidden = !allowed.includes(button.dataset.to);
    button.disabled = sending;
  }
  els.assigneeField.hidden = !allowed.includes('ASSIGNED');
  els.actions.hidden = allowed.length === 0;
  els.closed.hidden = allowed.length > 0;

  els.history.replaceChildren(...(help.history || []).map((entry) => el('li', {},
      el('strong', { text: `${dateTime(entry.at)}　${entry.event === 'REPEATED' ? '再次求助' : statusText(entry.status)}` }),
      entry.by ? `　${byText(entry.by)}` : null,
      entry.assignee ? `　指派给 ${entry.assignee}` : null,
      entry.note ? el('span', { class: 'history-note', text: `备注：${entry.note}` }) : null)));
}

function clearActionInputs() {
  els.note.value = '';
  els.assignee.value = '';
  els.assignee.removeAttribute('aria-invalid');
  showMessage(els.actionError, '');
}

async function open(id) {
  if (openId !== id) {
    clearActionInputs();
    showMessage(els.notice, '');
  }
  openId = id;
  unseen.delete(id);
  renderList();
  els.placeholder.hidden = true;
  els.body.hidden = false;
  await loadDetail(id);
}

async function loadDetail(id) {
  try {
    const help = await ctx.api.get(`/api/v1/help-requests/${encodeURIComponent(id)}`);
    if (ctx && openId === id) {
      upsert(help);
      renderList();
      renderDetail(help);
    }
  } catch (error) {
    if (ctx && openId === id && error.status !== 401) {
      showMessage(els.notice, `打不开这条求助：${error.message}`);
    }
  }
}

async function transition(to) {
  const id = openId;
  const note = els.note.value.trim();
  const assignee = els.assignee.value.trim();
  showMessage(els.notice, '');
  if (to === 'ASSIGNED' && !assignee) {
    showMessage(els.actionError, '请先填写指派给谁（姓名），再点“指派”。');
    els.assignee.setAttribute('aria-invalid', 'true');
    els.assignee.focus();
    return;
  }
  const body = { to };
  if (note) {
    body.note = note;
  }
  if (to === 'ASSIGNED') {
    body.assignee = assignee;
  }
  showMessage(els.actionError, '');
  sending = true;
  setButtonsDisabled(true);
  try {
    const help = await ctx.api.post(`/api/v1/help-requests/${encodeURIComponent(id)}/transitions`, body);
    if (!ctx) {
      return;
    }
    upsert(help);
    renderList();
    if (openId === id) {
      clearActionInputs();
      renderDetail(help);
      showMessage(els.notice, to === 'ASSIGNED' ? `已指派给 ${assignee}。` : DONE[to]);
    }
  } catch (error) {
    if (!ctx || openId !== id) {
      return;
    }
    if (error.status === 409) {
      showMessage(els.notice, `这条求助刚刚已被别人处理过，下面已重新载入最新状态，请看清后再操作。（${error.message}）`);
      await loadDetail(id);
    } else if (error.status !== 401) {
      showMessage(els.actionError, `操作没有成功：${error.message}`);
    }
  } finally {
    sending = false;
    if (ctx) {
      setButtonsDisabled(false);
    }
  }
}

/** 确认收到 on a row of the list: acknowledges the request without opening it. */
async function acknowledge(id) {
  acknowledging.add(id);
  renderList();
  try {
    const help = await ctx.api.post(`/api/v1/help-requests/${encodeURIComponent(id)}/transitions`,
        { to: 'ACKNOWLEDGED' });
    if (!ctx) {
      return;
    }
    upsert(help);
    showMessage(els.listError, '');
    if (openId === id) {
      renderDetail(help);
      showMessage(els.notice, DONE.ACKNOWLEDGED);
    }
  } catch (error) {
    if (!ctx || error.status === 401) {
      return;
    }
    showMessage(els.listError, error.status === 409
      ? '这条求助刚刚已被别人处理过，列表已更新。'
      : `确认没有成功：${error.message}`);
    loadList();
  } finally {
    acknowledging.delete(id);
    if (ctx) {
      renderList();
    }
  }
}

function setButtonsDisabled(disabled) {
  for (const button of els.actions.querySelectorAll('button[data-to]')) {
    button.disabled = disabled;
  }
}

/** A live change of the request that is open: show it, and say so when someone else changed the status. */
function refreshOpen(help) {
  if (sending || !openHelp || help.id !== openId) {
    return;
  }
  if (help.status !== openHelp.status) {
    showMessage(els.notice, `这条求助刚被其他人更新为“${statusText(help.status)}”。`);
    loadDetail(help.id);
  } else if (help.overdue !== openHelp.overdue) {
    loadDetail(help.id);
  }
}

function wire() {
  els.rows.addEventListener('click', (event) => {
    const ack = event.target.closest('button[data-acknowledge]');
    if (ack) {
      event.stopPropagation();
      if (!ack.disabled) {
        acknowledge(ack.dataset.acknowledge);
      }
      return;
    }
    const row = event.target.closest('tr[data-id]');
    if (row) {
      open(row.dataset.id);
    }
  });
  els.actions.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-to]');
    if (button && openId && !sending) {
      transition(button.dataset.to);
    }
  });
  // Enter in the name field assigns, as a click on 指派 would.
  els.actions.addEventListener('submit', (event) => {
    event.preventDefault();
    if (document.activeElement === els.assignee && openId && !sending && !els.assigneeField.hidden) {
      transition('ASSIGNED');
    }
  });
  els.assignee.addEventListener('input', () => els.assignee.removeAttribute('aria-invalid'));
  els.showAll.addEventListener('click', () => {
    if (ctx.user.role !== 'CADRE') {
      els.villageFilter.value = '';
    }
    els.statusFilter.value = 'open';
    loadList();
  });
  els.villageFilter.addEventListener('change', () => loadList());
  els.statusFilter.addEventListener('change', () => loadList());
  els.more.addEventListener('click', () => loadList(true));
  els.audio.addEventListener('error', () => {
    if (els.audio.hasAttribute('src')) {
      els.audioError.hidden = false;
    }
  });
}

export const helpSection = {
  id: 'help',
  events: ['help-created', 'help-updated', 'help-overdue', 'help-repeated', 'kiosk-seen'],
  countLabel: '条求助待确认',

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      wire();
    }
    els.statusFilter.value = 'open';
    els.villageFilter.value = '';
    renderVillageOptions();
    renderList();
    loadVillages();
    loadList();
    loadWaiting();
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    touchedDuringLoad = null;
    nextPage = null;
    requests.clear();
    unseen.clear();
    repeatedNow.clear();
    cancelledSeen.clear();
    overdue.clear();
    acknowledging.clear();
    villages.clear();
    openId = null;
    openHelp = null;
    sending = false;
    els.rows.replaceChildren();
    els.more.hidden = true;
    els.body.hidden = true;
    els.placeholder.hidden = false;
    els.detail.classList.remove('is-overdue');
    els.badges.replaceChildren();
    els.audio.removeAttribute('src');
    clearActionInputs();
    showMessage(els.notice, '');
    showMessage(els.listError, '');
  },

  reload() {
    loadVillages();
    loadList();
    loadWaiting();
    if (openId) {
      loadDetail(openId);
    }
  },

  show() {},

  hide() {},

  /** #help/ID, the link in a group robot's message: opens that request. */
  link(id) {
    open(id);
  },

  onEvent(name, data) {
    if (name === 'kiosk-seen') {
      addVillage(data.village);
      return;
    }
    const help = upsert(data);
    if (name === 'help-created' && help.status === 'NEW') {
      unseen.set(help.id, help);
      ctx.alert('new');
    } else if (name === 'help-overdue' && help.status === 'NEW') {
      ctx.alert('overdue');
    } else if (name === 'help-repeated') {
      // 再次求助: the row flashes at the top of the list, with the new-request tone.
      repeatedNow.add(help.id);
      setTimeout(() => {
        repeatedNow.delete(help.id);
        if (ctx) {
          renderList();
        }
      }, REPEAT_FLASH_MS);
      ctx.alert('new');
    }
    renderList();
    refreshOpen(help);
  },
};
