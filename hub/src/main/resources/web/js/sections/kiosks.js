// The kiosk section: every courtyard kiosk the user may see, whether it is online or silent (the
// hub's alert for a kiosk not heard from for kiosk.silent-minutes), when it last talked to the hub
// and what its last heartbeat said (outbox, voice, loudspeaker, disk, temperature, power, self-test).
// Admins also register new kiosks here and make enrolment codes: the one-time code a technician
// types into a kiosk's first-run screen, shown large so it can be read out over the phone.

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

let ctx = null;
let els = null;
const kiosks = new Map();
let timer = null;
let loadNumber = 0;

/** Villages named by users (cadres), fetched for an admin's registration form. */
let userVillages = [];
/** A village not seen before that the admin confirmed by submitting it a second time. */
let confirmedVillage = null;

function elements() {
  return {
    rows: byId('kiosk-rows'),
    empty: byId('kiosk-empty'),
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

/** Online, offline, or silent since its last contact (the hub's alert). */
function onlineCell(kiosk) {
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
  const sorted = [...kiosks.values()].sort((a, b) =>
    (a.village || '').localeCompare(b.village || '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  const rows = sorted.map((kiosk) => {
    const heartbeat = kiosk.lastHeartbeat;
    return el('tr', { 'data-id': kiosk.id },
        el('td', {}, kiosk.kind === 'HOME' ? el('span', { class: 'badge badge-home', text: '居家' }) : null,
            kiosk.name, el('span', { class: 'small-note', text: kiosk.kind === 'HOME'
              ? `${kiosk.resident && kiosk.resident.name ? `${kiosk.resident.name}家的呼叫器，` : ''}编号 ${kiosk.id}`
              : `编号 ${kiosk.id}` }),
            isAdmin() ? el('button', { type: 'button', class: 'button small', 'data-action': 'new-code',
              title: '换了存储卡、重装了系统或换了设备时，用新的激活码重新激活', text: '生成激活码' }) : null),
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
  const online = sorted.filter((kiosk) => kiosk.online).length;
  const silent = sorted.filter((kiosk) => kiosk.silentSince).length;
  els.summary.textContent = rows.length > 0
    ? `共 ${rows.length} 台，在线 ${online} 台，离线 ${rows.length - online} 台${silent > 0 ? `，失联 ${silent} 台` : ''}`
    : '';
  if (ctx) {
    ctx.setCount('kiosks', silent);
  }
  if (isAdmin()) {
    els.villages.replaceChildren(...knownVillages().map((village) => el('option', { value: village })));
  }
}

/** Every village a kiosk or a user is registered in, sorted. */
function knownVillages() {
  const villages = new Set(userVillages);
  for (const kiosk of kiosks.values()) {
    if (kiosk.village) {
      villages.add(kiosk.village);
    }
  }
  return [...villages].sort((a, b) => a.localeCompare(b, 'zh-CN'));
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
    ctx.api.get('/api/v1/users').then((users) => {
      userVillages = users.map((user) => user.village).filter(Boolean);
      render();
    }, () => {});
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
  const twin = [...kiosks.values()].find((kiosk) => kiosk.village === village && kiosk.name === name);
  if (twin) {
    refuse(els.name, `${village}已经有一台叫「${name}」的设备（编号 ${twin.id}）。如果是给它换了存储卡或重装了系统，`
        + '请在下面的列表里点它的“生成激活码”，不要重复登记。');
    return;
  }
  if (!knownVillages().includes(village) && confirmedVillage !== village) {
    confirmedVillage = village;
    refuse(els.village, `还没有任何设备或村干部账号登记在「${village}」。请核对村名，要和村干部账号里的村名一字不差；`
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

async function load() {
  const number = ++loadNumber;
  try {
    const list = await ctx.api.all('/api/v1/kiosks?limit=1000');
    if (!ctx || number !== loadNumber) {
      return;
    }
    kiosks.clear();
    for (const kiosk of list) {
      kiosks.set(kiosk.id, kiosk);
    }
    showMessage(els.error, '');
    render();
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.error, `没能载入设备列表：${error.message}`);
    }
  }
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
    load();
    clearInterval(timer);
    timer = setInterval(load, REFRESH_MS);
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    clearInterval(timer);
    timer = null;
    kiosks.clear();
    userVillages = [];
    els.rows.replaceChildren();
    els.summary.textContent = '';
    showMessage(els.error, '');
    closeForm();
    hideCode();
    els.register.hidden = true;
  },

  reload() {
    load();
  },

  show() {
    load();
  },

  hide() {},

  onEvent(name, data) {
    kiosks.set(data.id, data);
    render();
  },
};
