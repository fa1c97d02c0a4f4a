// The kiosk section: every courtyard kiosk the user may see, whether it is online or silent (the
// hub's alert for a kiosk not heard from for kiosk.silent-minutes), when it last talked to the hub
// and what its last heartbeat said (outbox, voice, loudspeaker, disk, temperature, power, self-test).

import { byId, el, showMessage } from '../dom.js';
import { dateTime } from '../format.js';

/** Below this much free disk (MiB) a kiosk's health cell warns. */
const LOW_DISK_MB = 500;
/** At or above this SoC temperature (°C) a Pi starts to slow down; the cell warns. */
const HOT_C = 80;
const SELF_TEST_NAMES = { speaker: '喇叭', relay: '继电器', button: '按钮', lamps: '指示灯', microphone: '话筒' };

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

function elements() {
  return {
    rows: byId('kiosk-rows'),
    empty: byId('kiosk-empty'),
    error: byId('kiosk-error'),
    summary: byId('kiosk-summary'),
    refresh: byId('kiosk-refresh'),
  };
}

/** A heartbeat state such as "ok" or "off: no model at ..." as a table cell. */
function deviceState(value) {
  if (value === undefined || value === null) {
    return el('td', { text: '—' });
  }
  if (value === 'ok') {
    return el('td', { class: 'ok', text: '正常' });
  }
  return el('td', { class: 'warn', text: `异常：${value}` });
}

function outboxCell(heartbeat) {
  if (!heartbeat || heartbeat.outbox === undefined) {
    return el('td', { text: '—' });
  }
  return heartbeat.outbox > 0
    ? el('td', { class: 'warn', text: `${heartbeat.outbox} 条未发出` })
    : el('td', { class: 'ok', text: '0' });
}

/** Online, offline, or silent since its last contact (the hub's alert). */
function onlineCell(kiosk) {
  if (kiosk.silentSince) {
    return el('td', {},
        el('span', { class: 'badge badge-silent', text: '失联' }),
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
    (heartbeat.diskFreeMb < LOW_DISK_MB ? warn : fine)(text);
  }
  if (typeof heartbeat.temperatureC === 'number') {
    (heartbeat.temperatureC >= HOT_C ? warn : fine)(`温度 ${heartbeat.temperatureC.toFixed(1)}℃`);
  }
  if (heartbeat.power) {
    const onBattery = /battery|unknown/i.test(heartbeat.power);
    (onBattery ? warn : fine)(`电源 ${heartbeat.power.replace(/^mains$/i, '市电').replace(/^battery/i, '电池')}`);
  }
  const test = heartbeat.selfTest || {};
  for (const [key, name] of Object.entries(SELF_TEST_NAMES)) {
    if (test[key] && test[key] !== 'ok') {
      warn(`${name}：${test[key]}`);
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
        el('td', {}, kiosk.name, el('span', { class: 'small-note', text: `编号 ${kiosk.id}` })),
        el('td', { text: kiosk.village || '—' }),
        onlineCell(kiosk),
        el('td', { text: kiosk.lastSeenAt ? dateTime(kiosk.lastSeenAt) : '从未联系' }),
        el('td', { text: kiosk.lastHeartbeatAt ? dateTime(kiosk.lastHeartbeatAt) : '尚无心跳' }),
        outboxCell(heartbeat),
        heartbeat ? deviceState(heartbeat.voice) : el('td', { text: '—' }),
        heartbeat ? deviceState(heartbeat.speaker) : el('td', { text: '—' }),
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
}

async function load() {
  const number = ++loadNumber;
  try {
    const list = await ctx.api.get('/api/v1/kiosks');
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
    }
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
    els.rows.replaceChildren();
    els.summary.textContent = '';
    showMessage(els.error, '');
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
