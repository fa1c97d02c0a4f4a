// The kiosk section (设备状态): the kiosks the user may see, a page at a time (「更多」 for the next),
// filtered by village and state on the hub, with the hub's count of each state over the whole
// list (GET /api/v1/kiosks/summary): whether each is online, offline or silent (the hub's alert for
// a kiosk not heard from for kiosk.silent-minutes, 失联), when it last talked to the hub and what its
// last heartbeat said (outbox, voice, loudspeaker, disk, temperature, power, self-test).
// Admins also register new kiosks here and make enrolment codes: the one-time code a technician
// types into a kiosk's first-run screen, shown large so it can be read out over the phone.

import { withQuery } from '../api.js';
import { deviceState, SELF_TEST_DEVICES } from '../devices.js';
import { byId, el, showMessage } from '../dom.js';
import { dateTime } from '../format.js';

/** Below this much free disk (MiB) a kiosk's health cell warns. */
const LOW_DISK_MB = 500;
/** At or above this SoC temperature (°C) a Pi starts to slow down; the cell warns. */
const HOT_C = 80;

/**
 * "Online" is the hub's judgement at the time of the answer and a kiosk going quiet sends no
 * event, so the list is fetched again this often.
 */
const REFRESH_MS = 60_000;

/** Kiosks a page; 「更多」 adds the next. */
const PAGE = 100;
/** The hub's largest page: a refresh reloads as many kiosks as are shown, up to this. */
const MAX_PAGE = 1000;
/** Live events come with every kiosk's heartbeat: the counts are fetched again at most this often. */
const SUMMARY_DELAY_MS = 2000;
const STATE_TEXT = { online: '在线', offline: '离线', lost: '失联', retired: '已停用' };

let ctx = null;
let els = null;
/** The kiosks shown, in the hub's order (village, name, id). */
const kiosks = new Map();
let timer = null;
let loadNumber = 0;
/** The path of the list's next page (the hub's Link header), null when the list is all here. */
let nextPage = null;
/** The hub's counts for the filter's village (or all), and for all the user may see (the tab's count). */
let summary = null;
let fleet = null;
let summaryTimer = null;
let summaryNumber = 0;

/** Every village the hub knows (GET /api/v1/villages), for the filter and the registration form. */
let villages = [];
/** A village not seen before that the admin confirmed by submitting it a second time. */
let confirmedVillage = null;

function elements() {
  return {
    rows: byId('kiosk-rows'),
    empty: byId('kiosk-empty'),
    more: byId('kiosk-more'),
    shown: byId('kiosk-shown'),
    villageFilter: byId('kiosk-filter-village'),
    stateFilter: byId('kiosk-filter-state'),
    error: byId('kiosk-error'),
    summary: byId('kiosk-summary'),
    refresh: byId('kiosk-refresh'),
    register: byId('kiosk-register'),
    form: byId('kiosk-register-form'),
    name: byId('kiosk-register-name'),
    village: byId('kiosk-register-village'),
    villages: byId('kiosk-register-villages'),
    formError: byId('kiosk-register-error'),
    submit: byId('kiosk-register-submit'),
    cancel: byId('kiosk-register-cancel'),
    code: byId('kiosk-code'),
    codeFor: byId('kiosk-code-for'),
    codeDigits: byId('kiosk-code-digits'),
    codeExpiry: byId('kiosk-code-expiry'),
    codeClose: byId('kiosk-code-close'),
  };
}

function isAdmin() {
  return Boolean(ctx && ctx.user && ctx.user.role === 'ADMIN');
}

/** A heartbeat state such as "ok" or "off: no model at ..." as a table cell, in Chinese with what to do. */
function deviceCell(kind, value) {
  const state = deviceState(kind, value);
  return el('td', { class: state.warn ? 'warn' : state.text === '正常' ? 'ok' : null, text: state.text,
    title: state.detail });
}

function outboxCell(heartbeat) {
  if (!heartbeat || heartbeat.outbox === undefined) {
    return el('td', { text: '—' });
  }
  return heartbeat.outbox > 0
    ? el('td', { class: 'warn', text: `${heartbeat.outbox} 条未发出：网络通了会自动补发` })
    : el('td', { class: 'ok', text: '0' });
}

/** online, offline, lost or retired, as the hub's ?state= and summary name them. */
function stateOf(kiosk) {
  if (kiosk.retiredAt) {
    return 'retired';
  }
  if (kiosk.silentSince) {
    return 'lost';
  }
  return kiosk.online ? 'online' : 'offline';
}

/** Online, offline, silent since its last contact (the hub's alert), or out of service. */
function onlineCell(kiosk) {
  if (kiosk.retiredAt) {
    return el('td', {}, el('span', { class: 'badge badge-offline', text: '已停用' }),
        el('span', { class: 'small-note', text: `${dateTime(kiosk.retiredAt)} 起` }));
  }
  if (kiosk.silentSince) {
    return el('td', {},
        el('span', { class: 'badge badge-silent', text: kiosk.kind === 'HOME' ? '居家呼叫器离线' : '失联' }),
        el('span', { class: 'small-note', text: `${dateTime(kiosk.silentSince)} 起` }));
  }
  return el('td', {}, kiosk.online
    ? el('span', { class: 'badge badge-online', text: '在线' })
    : el('span', { class: 'badge badge-offline', text: '离线' }));
}

/** Disk, temperature, power and the self-test's problems, as a few short lines. */
function healthCell(heartbeat) {
  if (!heartbeat) {
    return el('td', { text: '—' });
  }
  const lines = [];
  const warn = (text) => lines.push(el('span', { class: 'health-line warn', text }));
  const fine = (text) => lines.push(el('span', { class: 'health-line', text }));
  if (typeof heartbeat.diskFreeMb === 'number') {
    const text = `磁盘余 ${heartbeat.diskFreeMb >= 1024 ? `${(heartbeat.diskFreeMb / 1024).toFixed(1)} GB`
      : `${heartbeat.diskFreeMb} MB`}`;
    if (heartbeat.diskFreeMb < LOW_DISK_MB) {
      warn(`${text}：快满了，录音和记录可能存不下。请技术人员清理或换更大的存储卡。`);
    } else {
      fine(text);
    }
  }
  if (typeof heartbeat.temperatureC === 'number') {
    const temperature = `温度 ${heartbeat.temperatureC.toFixed(1)}℃`;
    if (heartbeat.temperatureC >= HOT_C) {
      warn(`${temperature}：太热，设备会变慢。请检查通风和风扇，别让太阳直晒。`);
    } else {
      fine(temperature);
    }
  }
  if (heartbeat.power) {
    if (/^mains$/i.test(heartbeat.power)) {
      fine('电源 市电');
    } else if (/^battery/i.test(heartbeat.power)) {
      warn(`电源 电池${heartbeat.power.replace(/^battery/i, '')}：停电了，备用电池还能撑一阵。请尽快恢复供电。`);
    } else {
      warn(`电源 ${heartbeat.power}：看不出供电情况，请技术人员检查备用电源的连线。`);
    }
  }
  const test = heartbeat.selfTest || {};
  // The speaker has its own column.
  for (const key of SELF_TEST_DEVICES.filter((device) => device !== 'speaker')) {
    const state = deviceState(key, test[key]);
    if (state.warn) {
      lines.push(el('span', { class: 'health-line warn', text: state.text, title: state.detail }));
    }
  }
  return lines.length > 0 ? el('td', { class: 'health' }, ...lines) : el('td', { text: '—' });
}

function render() {
  const rows = [...kiosks.values()].map((kiosk) => {
    const heartbeat = kiosk.lastHeartbeat;
    return el('tr', { 'data-id': kiosk.id },
        el('td', {}, kiosk.kind === 'HOME' ? el('span', { class: 'badge badge-home', text: '居家' }) : null,
            kiosk.name, el('span', { class: 'small-note', text: kiosk.kind === 'HOME'
              ? `${kiosk.resident && kiosk.resident.name ? `${kiosk.resident.name}家的呼叫器，` : ''}编号 ${kiosk.id}`
              : `编号 ${kiosk.id}` }),
            isAdmin() && !kiosk.retiredAt ? el('button', { type: 'button', class: 'button small',
              'data-action': 'new-code', title: '换了存储卡、重装了系统或换了设备时，用新的激活码重新激活',
              text: '生成激活码' }) : null),
        el('td', { text: kiosk.village || '—' }),
        onlineCell(kiosk),
        el('td', { text: kiosk.lastSeenAt ? dateTime(kiosk.lastSeenAt) : '从未联系' }),
        el('td', { text: kiosk.lastHeartbeatAt ? dateTime(kiosk.lastHeartbeatAt) : '尚无心跳' }),
        outboxCell(heartbeat),
        heartbeat ? deviceCell('voice', heartbeat.voice) : el('td', { text: '—' }),
        heartbeat ? deviceCell('speaker', heartbeat.speaker) : el('td', { text: '—' }),
        healthCell(heartbeat),
        el('td', { text: heartbeat && heartbeat.version ? heartbeat.version : '—' }));
  });
  els.rows.replaceChildren(...rows);
  els.empty.hidden = rows.length > 0;
  els.empty.textContent = filtered() ? '没有符合条件的设备。' : '还没有登记任何设备。';
  els.more.hidden = !nextPage;
  els.more.disabled = false;
  renderSummary();
}

/** Whether the list is narrowed by the village or state filter. */
function filtered() {
  return Boolean(els.stateFilter.value || (els.villageFilter.value && !isCadre()));
}

/** How many kiosks the list holds in all, by the hub's count; null before the count came. */
function listTotal() {
  if (!summary) {
    return null;
  }
  const state = els.stateFilter.value;
  return state ? summary[state] : summary.total + summary.retired;
}

/** 共/在线/离线/失联 from the hub's counts, how many of the list are shown, and the tab's count of 失联. */
function renderSummary() {
  if (summary) {
    const where = els.villageFilter.value && !isCadre() ? `${els.villageFilter.value}：` : '';
    // Each count a piece that does not break, so that a narrow screen never leaves 台 alone on a line.
    const parts = [`${where}共 ${summary.total} 台，`, `在线 ${summary.online} 台，`, `离线 ${summary.offline} 台，`,
      `失联 ${summary.lost} 台`];
    if (summary.retired > 0) {
      parts.push(`（另有 ${summary.retired} 台已停用）`);
    }
    els.summary.replaceChildren(...parts.map((text) => el('span', { class: 'summary-part', text })));
  } else {
    els.summary.replaceChildren();
  }
  const total = listTotal();
  els.shown.textContent = nextPage && total !== null ? `已显示 ${kiosks.size} 台，共 ${total} 台` : '';
  els.shown.hidden = !els.shown.textContent;
  if (ctx && fleet) {
    ctx.setCount('kiosks', fleet.lost);
  }
}

function isCadre() {
  return Boolean(ctx && ctx.user && ctx.user.role === 'CADRE');
}

/** The village filter's choices: 全部村 and every village, or a cadre's own village alone. */
function renderVillageOptions() {
  const select = els.villageFilter;
  const own = isCadre() ? ctx.user.village : null;
  const chosen = own || select.value;
  select.replaceChildren(...(own ? [el('option', { value: own, text: own })]
    : [el('option', { value: '', text: '全部村' }), ...villages.map((name) => el('option', { value: name, text: name }))]));
  if (chosen && !own && !villages.includes(chosen)) {
    select.append(el('option', { value: chosen, text: chosen }));
  }
  select.value = chosen;
  select.disabled = Boolean(own);
  if (isAdmin()) {
    els.villages.replaceChildren(...villages.map((village) => el('option', { value: village })));
  }
}

async function loadVillages() {
  try {
    const list = await ctx.api.get('/api/v1/villages');
    if (ctx) {
      villages = list.map((village) => village.name);
      renderVillageOptions();
    }
  } catch (error) {
    if (ctx && error.status !== 401) {
      console.warn('courtyard: no /api/v1/villages for the kiosk filter', error);
    }
  }
}

/** Shows a freshly made enrolment code, large, with the kiosk it is for and when it stops working. */
function showCode(kiosk, code, expiresAt) {
  els.codeFor.textContent = `设备「${kiosk.name}」（${kiosk.village}，编号 ${kiosk.id}）的激活码：`;
  els.codeDigits.textContent = code;
  els.codeExpiry.textContent = `有效期到 ${dateTime(expiresAt)}（北京时间），只能用一次。`;
  els.code.hidden = false;
  els.code.scrollIntoView({ block: 'nearest' });
  els.codeClose.focus();
}

function hideCode() {
  els.code.hidden = true;
  els.codeDigits.textContent = '';
}

function openForm() {
  hideCode();
  confirmedVillage = null;
  showMessage(els.formError, '');
  els.form.hidden = false;
  els.name.focus();
  if (ctx) {
    loadVillages();
  }
}

function closeForm() {
  els.form.reset();
  els.form.hidden = true;
  showMessage(els.formError, '');
  els.name.removeAttribute('aria-invalid');
  els.village.removeAttribute('aria-invalid');
}

function refuse(input, text) {
  showMessage(els.formError, text);
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

/** What the hub's refusal of a registration means, for the admin. */
function registrationError(error) {
  if (error.status === 400 && /name/.test(error.message)) {
    return '请填写设备名称（最多 100 个字）。';
  }
  if (error.status === 400 && /village/.test(error.message)) {
    return '请填写所在村（最多 100 个字）。';
  }
  if (error.status === 403) {
    return '只有管理员可以登记设备，请用管理员账号登录。';
  }
  return `登记没有成功：${error.message}`;
}

async function register(event) {
  event.preventDefault();
  const name = els.name.value.trim();
  const village = els.village.value.trim();
  els.name.removeAttribute('aria-invalid');
  els.village.removeAttribute('aria-invalid');
  if (!name) {
    refuse(els.name, '请填写设备名称，例如“和平村幸福小院活动室”。');
    return;
  }
  if (!village) {
    refuse(els.village, '请填写设备所在的村。');
    return;
  }
  showMessage(els.formError, '');
  els.submit.disabled = true;
  let twin;
  try {
    // The village's own kiosks, not the page shown: the twin may be on a page not loaded.
    const own = await ctx.api.all(withQuery('/api/v1/kiosks', { village, limit: MAX_PAGE }));
    twin = own.find((kiosk) => kiosk.name === name && !kiosk.retiredAt);
  } catch (error) {
    els.submit.disabled = false;
    if (error.status !== 401) {
      showMessage(els.formError, registrationError(error));
    }
    return;
  }
  els.submit.disabled = false;
  if (twin) {
    refuse(els.name, `${village}已经有一台叫「${name}」的设备（编号 ${twin.id}）。如果是给它换了存储卡或重装了系统，`
        + '请在下面的列表里点它的“生成激活码”，不要重复登记。');
    if (!isCadre() && [...els.villageFilter.options].some((option) => option.value === village)) {
      // The list shows the village, so the twin is among the rows below.
      els.villageFilter.value = village;
      els.stateFilter.value = '';
      kiosks.clear();
      load();
    }
    return;
  }
  if (!villages.includes(village) && confirmedVillage !== village) {
    confirmedVillage = village;
    refuse(els.village, `还没有任何设备、居民或村干部登记在「${village}」。请核对村名，要和村干部账号里的村名一字不差；`
        + '如果没有写错，请再点一次“登记并生成激活码”。');
    return;
  }
  showMessage(els.formError, '');
  els.submit.disabled = true;
  try {
    const created = await ctx.api.post('/api/v1/kiosks', { name, village });
    closeForm();
    showCode({ id: created.id, name, village }, created.enrolmentCode, created.enrolmentCodeExpiresAt);
    load();
  } catch (error) {
    if (error.status !== 401) {
      showMessage(els.formError, registrationError(error));
    }
  } finally {
    els.submit.disabled = false;
  }
}

/** A new code for a kiosk already registered (a new SD card, a reinstalled or replaced Pi). */
async function newCode(id) {
  const kiosk = kiosks.get(id);
  closeForm();
  hideCode();
  try {
    const code = await ctx.api.post(`/api/v1/kiosks/${encodeURIComponent(id)}/enrolment-code`);
    showCode(kiosk || { id, name: id, village: '—' }, code.code, code.expiresAt);
  } catch (error) {
    if (error.status === 404) {
      showMessage(els.error, `没有找到编号为 ${id} 的设备，请点“刷新”再看。`);
    } else if (error.status === 403) {
      showMessage(els.error, '只有管理员可以生成激活码。');
    } else if (error.status !== 401) {
      showMessage(els.error, `没能生成激活码：${error.message}`);
    }
  }
}

function filterParams() {
  return { village: els.villageFilter.value, state: els.stateFilter.value };
}

/**
 * Loads the list again (more = false: as many kiosks as are shown, at least a page) or adds the
 * next page (more = true, 「更多」), and the counts with a fresh list.
 */
async function load(more = false) {
  if (more && !nextPage) {
    return;
  }
  const number = more ? loadNumber : ++loadNumber;
  els.more.disabled = true;
  try {
    const limit = Math.min(MAX_PAGE, Math.max(PAGE, kiosks.size));
    const page = await ctx.api.page(more ? nextPage : withQuery('/api/v1/kiosks', { ...filterParams(), limit }));
    if (!ctx || number !== loadNumber) {
      return;
    }
    if (!more) {
      kiosks.clear();
    }
    for (const kiosk of page.items) {
      kiosks.set(kiosk.id, kiosk);
    }
    nextPage = page.next;
    showMessage(els.error, '');
    render();
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.error, `没能载入设备列表：${error.message}`);
      els.more.disabled = false;
    }
  }
  if (!more && ctx && number === loadNumber) {
    loadSummary();
  }
}

/** The hub's counts: of the filter's village (the summary line) and of everything (the tab's count). */
async function loadSummary() {
  clearTimeout(summaryTimer);
  summaryTimer = null;
  const number = ++summaryNumber;
  const village = isCadre() ? '' : els.villageFilter.value;
  try {
    const [own, all] = await Promise.all([
      ctx.api.get(withQuery('/api/v1/kiosks/summary', { village })),
      village ? ctx.api.get('/api/v1/kiosks/summary') : null,
    ]);
    if (!ctx || number !== summaryNumber) {
      return;
    }
    summary = own;
    fleet = all || own;
    renderSummary();
  } catch (error) {
    if (ctx && number === summaryNumber && error.status !== 401) {
      showMessage(els.error, `没能载入设备数量：${error.message}`);
    }
  }
}

/** Counts again soon: live events can come with every heartbeat of every kiosk. */
function scheduleSummary() {
  if (!summaryTimer) {
    summaryTimer = setTimeout(loadSummary, SUMMARY_DELAY_MS);
  }
}

/** Whether a kiosk belongs in the list as filtered. */
function matches(kiosk) {
  const village = els.villageFilter.value;
  const state = els.stateFilter.value;
  return (!village || kiosk.village === village) && (!state || stateOf(kiosk) === state);
}

/** The hub's order: village, name, id, compared as the hub compares them (by code point). */
function before(a, b) {
  const key = (kiosk) => [kiosk.village || '', kiosk.name, kiosk.id];
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      return x[i] < y[i] ? -1 : 1;
    }
  }
  return 0;
}

export const kioskSection = {
  id: 'kiosks',
  events: ['kiosk-seen', 'kiosk-silent', 'kiosk-back'],
  countLabel: '台设备失联',

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      els.refresh.addEventListener('click', () => load());
      els.more.addEventListener('click', () => load(true));
      els.villageFilter.addEventListener('change', () => {
        kiosks.clear();
        load();
      });
      els.stateFilter.addEventListener('change', () => {
        kiosks.clear();
        load();
      });
      els.register.addEventListener('click', openForm);
      els.cancel.addEventListener('click', closeForm);
      els.form.addEventListener('submit', register);
      els.codeClose.addEventListener('click', hideCode);
      els.rows.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-action="new-code"]');
        if (button && isAdmin()) {
          newCode(button.closest('tr').dataset.id);
        }
      });
    }
    els.register.hidden = !isAdmin();
    els.stateFilter.value = '';
    renderVillageOptions();
    loadVillages();
    load();
    clearInterval(timer);
    timer = setInterval(load, REFRESH_MS);
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    summaryNumber += 1;
    clearInterval(timer);
    timer = null;
    clearTimeout(summaryTimer);
    summaryTimer = null;
    kiosks.clear();
    nextPage = null;
    summary = null;
    fleet = null;
    villages = [];
    els.rows.replaceChildren();
    els.summary.replaceChildren();
    els.shown.textContent = '';
    els.more.hidden = true;
    els.villageFilter.replaceChildren(el('option', { value: '', text: '全部村' }));
    showMessage(els.error, '');
    closeForm();
    hideCode();
    els.register.hidden = true;
  },

  reload() {
    loadVillages();
    load();
  },

  show() {
    load();
  },

  hide() {},

  /**
   * A kiosk shown is updated (or leaves a list it no longer matches); one not shown joins if it
   * sorts among the kiosks shown, else a later page brings it. The counts follow shortly.
   */
  onEvent(name, data) {
    const last = [...kiosks.values()].pop();
    if (kiosks.has(data.id) || !nextPage || (last && before(data, last) < 0)) {
      if (!matches(data)) {
        kiosks.delete(data.id);
      } else if (kiosks.has(data.id)) {
        kiosks.set(data.id, data);
      } else {
        const sorted = [...kiosks.values(), data].sort(before);
        kiosks.clear();
        sorted.forEach((kiosk) => kiosks.set(kiosk.id, kiosk));
      }
      render();
    }
    scheduleSummary();
  },
};
