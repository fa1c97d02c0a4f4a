// The family page (docs/family.md): sign up with the invitation's code and a PIN, sign in again
// with the PIN, see today's 报平安 and the last 30 days, leave voice messages and hear the replies.
// Made for a slow line: small answers, no live stream (the lists refresh every 30 s while the page
// is in view), and a recorded message is kept in the phone (IndexedDB) until the hub has it, then
// sent again with the same id, so it arrives once however often the line drops.

import { Recorder, unavailableReason } from './js/recorder.js';

const MAX_SECONDS = 180;
const REFRESH_MS = 30000;
const ZONE = 'Asia/Shanghai';
const RELATIONS = {
  SON: '儿子', DAUGHTER: '女儿', DAUGHTER_IN_LAW: '儿媳', SON_IN_LAW: '女婿', GRANDSON: '孙子',
  GRANDDAUGHTER: '孙女', FATHER: '爸爸', MOTHER: '妈妈', SPOUSE: '老伴', OTHER: '家人',
};
const HELP_STATES = {
  NEW: '已发出，等待村干部回应', DELIVERED: '已发出，等待村干部回应', ACKNOWLEDGED: '村干部已收到',
  ASSIGNED: '村干部正在赶去',
};

const $ = (id) => document.getElementById(id);
let me = null;
let code = null;
let recorder = null;
let draft = null;
let refreshTimer = null;
let sending = false;

// ---- calls ----

class Failure extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(method, path, body, type) {
  return (await exchange(method, path, body, type)).data;
}

/**
 * Every item of a paged list (docs/api.md "Paging"), following its Link headers to the last page.
 * Only for lists that stay small: a family's messages are kept 90 days.
 */
async function callAll(path) {
  const items = [];
  for (let at = path; at;) {
    const { data, response } = await exchange('GET', at);
    items.push(...(data || []));
    const match = /<([^>]*)>\s*;\s*rel="next"/.exec(response.headers.get('Link') || '');
    at = match ? match[1] : null;
  }
  return items;
}

/** A request and its parsed JSON answer: { data, response }; a Failure for an error or no network. */
async function exchange(method, path, body, type) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } };
  if (body instanceof Blob) {
    init.headers['Content-Type'] = type || body.type;
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new Failure(0, 'network', '网络不通，请稍后再试。');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (cause) {
    data = null;
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    throw new Failure(response.status, error.code || `http_${response.status}`, error.message || '');
  }
  return { data, response };
}

// ---- views ----

function show(view) {
  for (const id of ['loading-view', 'redeem-view', 'signin-view', 'invite-view', 'app-view']) {
    $(id).hidden = id !== view;
  }
  $('signout').hidden = view !== 'app-view';
}

function say(element, text) {
  element.textContent = text;
  element.hidden = !text;
}

function notice(text) {
  say($('notice'), text);
}

// ---- signing in ----

async function start() {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  code = hash.get('code') || query.get('code');
  if (code) {
    // Keep the code out of the address bar, the history and anything shared from here.
    history.replaceState(null, '', location.pathname);
    show('redeem-view');
    $('redeem-pin').focus();
    return;
  }
  try {
    me = await call('GET', '/api/v1/family/me');
    await enter();
  } catch (failure) {
    if (failure.status === 401) {
      show('signin-view');
    } else {
      show('signin-view');
      say($('signin-error'), failure.status === 0 ? failure.message : '出了点问题，请稍后再试。');
    }
  }
}

function pinProblem(pin) {
  if (!/^[0-9]{6}$/.test(pin)) {
    return '密码要 6 位数字。';
  }
  return null;
}

async function redeem(event) {
  event.preventDefault();
  const pin = $('redeem-pin').value;
  const problem = pinProblem(pin) || (pin !== $('redeem-pin2').value ? '两次输入的密码不一样。' : null);
  if (problem) {
    say($('redeem-error'), problem);
    return;
  }
  $('redeem-button').disabled = true;
  try {
    me = await call('POST', '/api/v1/family/redeem', { code, pin });
    code = null;
    await enter();
  } catch (failure) {
    if (failure.code === 'invalid_invitation') {
      say($('redeem-error'), '这个邀请已经用过或过期了。请联系村干部重新发一个。');
    } else if (failure.status === 400) {
      say($('redeem-error'), '这个密码太简单，请换一个（不要 6 个相同数字或 123456 这样的）。');
    } else if (failure.status === 429) {
      say($('redeem-error'), '试错太多次，请过 15 分钟再试。');
    } else {
      say($('redeem-error'), failure.status === 0 ? failure.message : '没有成功，请稍后再试。');
    }
  } finally {
    $('redeem-button').disabled = false;
  }
}

async function signIn(event) {
  event.preventDefault();
  const pin = $('signin-pin').value;
  const problem = pinProblem(pin);
  if (problem) {
    say($('signin-error'), problem);
    return;
  }
  $('signin-button').disabled = true;
  try {
    me = await call('POST', '/api/v1/family/signin', { pin });
    $('signin-pin').value = '';
    await enter();
  } catch (failure) {
    if (failure.code === 'unknown_device') {
      show('invite-view');
    } else if (failure.code === 'wrong_pin') {
      say($('signin-error'), '密码不对。连错 5 次要等 15 分钟。');
    } else if (failure.status === 429) {
      say($('signin-error'), '密码错太多次，请过 15 分钟再试。');
    } else {
      say($('signin-error'), failure.status === 0 ? failure.message : '没有成功，请稍后再试。');
    }
  } finally {
    $('signin-button').disabled = false;
  }
}

async function signOut() {
  try {
    await call('POST', '/api/v1/family/signout', {});
  } catch (failure) {
    // Signed out already, or offline: the page forgets the session either way.
  }
  me = null;
  clearTimeout(refreshTimer);
  show('signin-view');
}

/** A call of the signed-in page answered 401: the session ended; the PIN brings it back. */
function sessionEnded() {
  me = null;
  clearTimeout(refreshTimer);
  show('signin-view');
  say($('signin-error'), '请重新输入密码。');
}

// ---- the resident's day ----

async function enter() {
  say($('hello'), `${me.name}，您好！这里是${me.residentName}（${me.village}）的消息。`);
  show('app-view');
  say($('record-error'), unavailableReason() ? '这个浏览器不能录音。请点右上角「…」，选「在浏览器打开」。' : '');
  $('record-button').disabled = Boolean(unavailableReason());
  await refresh();
  await sendWaiting();
}

async function refresh() {
  clearTimeout(refreshTimer);
  try {
    const [today, messages] = await Promise.all([call('GET', '/api/v1/family/today'),
      callAll('/api/v1/family/messages')]);
    showToday(today);
    showMessages(messages);
    notice('');
  } catch (failure) {
    if (failure.status === 401) {
      sessionEnded();
      return;
    }
    notice(failure.status === 0 ? '网络不通，显示的是上次的消息。' : '暂时读不到消息，稍后自动再试。');
  }
  if (document.visibilityState === 'visible' && me) {
    refreshTimer = setTimeout(refresh, REFRESH_MS);
  }
}

const timeFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const dayFormat = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, month: 'long', day: 'numeric' });

function time(iso) {
  return timeFormat.format(new Date(iso));
}

function day(iso) {
  return dayFormat.format(new Date(iso));
}

function when(iso) {
  const date = new Date(iso);
  const today = dayFormat.format(new Date());
  return dayFormat.format(date) === today ? `今天 ${timeFormat.format(date)}` : `${day(iso)} ${time(iso)}`;
}

function showToday(today) {
  const state = $('today-state');
  const list = $('today-list');
  list.replaceChildren();
  if (today.today.length > 0) {
    const first = today.today[0];
    state.dataset.state = 'done';
    state.textContent = `✓ 今天 ${time(first.at)} 报了平安`;
    for (const checkIn of today.today) {
      const item = document.createElement('li');
      item.textContent = `${time(checkIn.at)}　在${checkIn.where}`;
      list.append(item);
    }
  } else {
    state.dataset.state = 'waiting';
    state.textContent = '今天还没有报平安';
  }

  const done = new Set(today.checkedInDays);
  const calendar = $('calendar');
  calendar.replaceChildren();
  const last = new Date(`${today.date}T12:00:00+08:00`);
  for (let back = 29; back >= 0; back--) {
    const date = new Date(last.getTime() - back * 86400000);
    const key = date.toISOString().slice(0, 10);
    const cell = document.createElement('li');
    cell.textContent = String(Number(key.slice(8, 10)));
    cell.className = done.has(key) ? 'done' : '';
    cell.title = `${day(date.toISOString())}${done.has(key) ? ' 报了平安' : ' 没有报'}`;
    if (back === 0) {
      cell.classList.add('today');
    }
    calendar.append(cell);
  }

  $('visit').textContent = today.lastVisit
    ? `最近一次走访：${day(today.lastVisit.at)}，${today.lastVisit.cadre}`
    : '最近没有走访记录。';
  const help = $('help-list');
  help.replaceChildren();
  for (const request of today.openHelp) {
    const item = document.createElement('li');
    item.className = 'help';
    item.textContent = `${day(request.since)} ${time(request.since)} 求助：${HELP_STATES[request.status] || '处理中'}`;
    help.append(item);
  }
}

// ---- messages ----

/** The message each item shows, kept current by every refresh. */
const shownMessage = new WeakMap();

/**
 * Shows the list, keeping the items already there (only their state changes), so that a refresh
 * never cuts off a message being played.
 */
function showMessages(messages) {
  const list = $('message-list');
  const items = new Map([...list.children].map((item) => [item.dataset.id, item]));
  list.replaceChildren(...messages.map((message) => {
    const item = items.get(message.id);
    if (!item) {
      return messageItem(message);
    }
    Object.assign(shownMessage.get(item), message);
    showState(item);
    return item;
  }));
  $('no-messages').hidden = messages.length > 0;
}

function messageItem(message) {
  const mine = message.direction === 'TO_RESIDENT';
  const item = document.createElement('li');
  item.className = mine ? 'mine' : 'theirs';
  item.dataset.id = message.id;
  const head = document.createElement('p');
  head.className = 'head';
  const who = document.createElement('strong');
  who.textContent = mine ? '我的留言' : `${me.residentName}的回复`;
  const at = document.createElement('span');
  at.textContent = `${when(message.sentAt)} · ${Math.max(1, Math.round(message.durationMs / 1000))} 秒`;
  head.append(who, at);
  const status = document.createElement('span');
  status.className = 'status';
  const play = document.createElement('button');
  play.type = 'button';
  play.className = 'button play';
  play.textContent = '▶ 播放';
  play.setAttribute('aria-label', `播放${who.textContent}`);
  play.addEventListener('click', () => playMessage(item, message, play));
  item.append(head, status, play);
  shownMessage.set(item, message);
  showState(item);
  return item;
}

/** 已发出 / 已送达 / 已听 for his own messages, 新 / 已听 for the replies. */
function showState(item) {
  const message = shownMessage.get(item);
  const status = item.querySelector('.status');
  if (message.direction === 'TO_RESIDENT') {
    status.textContent = message.heardAt ? '已听' : message.deliveredAt ? '已送达' : '已发出';
    status.dataset.state = message.heardAt ? 'heard' : message.deliveredAt ? 'delivered' : 'sent';
  } else {
    status.textContent = message.heardAt ? '已听' : '新';
    status.dataset.state = message.heardAt ? 'heard' : 'new';
  }
}

function playMessage(item, message, button) {
  let audio = item.querySelector('audio');
  if (!audio) {
    audio = document.createElement('audio');
    audio.controls = true;
    audio.preload = 'none';
    audio.src = message.audio;
    item.append(audio);
    button.hidden = true;
    if (message.direction === 'FROM_RESIDENT' && !message.heardAt) {
      audio.addEventListener('playing', () => markHeard(item, message), { once: true });
    }
  }
  audio.play().catch(() => {
    // WeChat may ask for a second tap before sound; the controls are there for it.
  });
}

async function markHeard(item, message) {
  try {
    await call('POST', `/api/v1/family/messages/${message.id}/heard`, {});
    message.heardAt = new Date().toISOString();
    showState(item);
  } catch (failure) {
    // Told again the next time it is played.
  }
}

// ---- recording and sending ----

async function toggleRecording() {
  say($('record-error'), '');
  if (recorder) {
    await stopRecording();
    return;
  }
  discardDraft();
  const started = new Recorder((seconds, level) => {
    $('recording-time').textContent = `${Math.floor(seconds)} 秒`;
    $('level').dataset.level = String(Math.min(5, Math.round(level * 5)));
    if (seconds >= MAX_SECONDS) {
      stopRecording();
    }
  });
  try {
    await started.start();
  } catch (cause) {
    started.release();
    say($('record-error'), '不能使用麦克风。请允许本页使用麦克风后再试。');
    return;
  }
  recorder = started;
  $('record-button').textContent = '按一下停止录音';
  $('record-button').classList.add('stop');
  $('recording').hidden = false;
  $('record-hint').hidden = true;
}

async function stopRecording() {
  const stopping = recorder;
  if (!stopping) {
    return;
  }
  recorder = null;
  const result = await stopping.stop();
  $('record-button').textContent = '按一下重新录音';
  $('record-button').classList.remove('stop');
  $('recording').hidden = true;
  if (result.seconds < 0.5) {
    say($('record-error'), '没有录到声音，请再录一次。');
    return;
  }
  draft = { id: crypto.randomUUID ? crypto.randomUUID() : uuid(), blob: result.blob, seconds: result.seconds };
  $('draft-audio').src = URL.createObjectURL(result.blob);
  $('draft').hidden = false;
}

function discardDraft() {
  if (draft) {
    URL.revokeObjectURL($('draft-audio').src);
  }
  draft = null;
  $('draft').hidden = true;
  $('record-hint').hidden = false;
  $('record-button').textContent = '按一下开始录音';
}

async function send() {
  if (!draft) {
    return;
  }
  const message = draft;
  discardDraft();
  await keep(message);
  await sendWaiting();
}

/** Sends every kept message; each leaves the phone once the hub has it (201, or 200 for a retry). */
async function sendWaiting() {
  if (sending || !me) {
    return;
  }
  sending = true;
  try {
    for (const message of await waiting()) {
      notice('正在发送留言…');
      try {
        await call('POST', `/api/v1/family/messages?id=${message.id}`, message.blob, 'audio/wav');
        await forget(message.id);
        notice('留言已发出。');
      } catch (failure) {
        if (failure.status === 401) {
          sessionEnded();
          return;
        }
        if (failure.status === 0 || failure.status >= 500 || failure.status === 408) {
          notice('网络不好，留言存在手机里，稍后自动重发。');
          setTimeout(sendWaiting, 15000);
          return;
        }
        await forget(message.id);
        notice(failure.status === 413 ? '留言太长了，最长 3 分钟。' : '这条留言发不出去，请重录一条。');
      }
    }
    await refresh();
  } finally {
    sending = false;
  }
}

// ---- messages kept in the phone until sent (IndexedDB; in memory where it is missing) ----

const memory = new Map();
let database = null;

function open() {
  if (database || !window.indexedDB) {
    return Promise.resolve(database);
  }
  return new Promise((resolve) => {
    const request = indexedDB.open('courtyard-family', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('outbox', { keyPath: 'id' });
    request.onsuccess = () => {
      database = request.result;
      resolve(database);
    };
    request.onerror = () => resolve(null);
  });
}

async function store(mode, work) {
  const db = await open();
  if (!db) {
    return work(null);
  }
  return new Promise((resolve) => {
    const transaction = db.transaction('outbox', mode);
    const result = work(transaction.objectStore('outbox'));
    transaction.oncomplete = () => resolve(result && result.result !== undefined ? result.result : undefined);
    transaction.onerror = () => resolve(undefined);
  });
}

async function keep(message) {
  memory.set(message.id, message);
  await store('readwrite', (outbox) => outbox && outbox.put(message));
}

async function forget(id) {
  memory.delete(id);
  await store('readwrite', (outbox) => outbox && outbox.delete(id));
}

async function waiting() {
  const kept = await store('readonly', (outbox) => outbox && outbox.getAll());
  const all = new Map(memory);
  for (const message of kept || []) {
    all.set(message.id, message);
  }
  return [...all.values()];
}

function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- wiring ----

$('redeem-form').addEventListener('submit', redeem);
$('signin-form').addEventListener('submit', signIn);
$('signout').addEventListener('click', signOut);
$('record-button').addEventListener('click', toggleRecording);
$('send-button').addEventListener('click', send);
$('discard-button').addEventListener('click', () => {
  discardDraft();
  toggleRecording();
});
window.addEventListener('online', sendWaiting);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && me) {
    refresh();
  }
});
start();
