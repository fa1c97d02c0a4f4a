// The cadre's phone page: log in, see today's, this week's and overdue visits and the people
// paired with me, record a visit in two taps (记录走访, 完成走访). Made for a weak signal: the lists
// last seen are kept on the phone and shown when the hub cannot be reached, and a visit saved
// without signal waits in the outbox (./outbox.js) until the line returns, marked 未发送.

import { api, setUnauthorizedHandler, withQuery } from '../api.js';
import { byId, el, showMessage } from '../dom.js';
import * as outbox from './outbox.js';
import { initSurvey, loadSurvey } from './survey.js';

const ZONE = 'Asia/Shanghai';
/** Things often brought on a visit, one tap each; anything else goes in the text box. */
const ITEMS = ['米', '油', '毛毯', '棉被', '衣物', '书包', '文具', '药品', '慰问金'];
const TYPE = { ELDER: '老人', CHILD: '儿童' };
const RETRY_MS = 15000;
/** A photo is kept on the phone at most this many pixels on its longer side (the hub keeps 640). */
const PHOTO_SIDE = 960;

const lineState = byId('line-state');
const loginView = byId('login-view');
const loginForm = byId('login-form');
const loginUsername = byId('login-username');
const loginPassword = byId('login-password');
const loginError = byId('login-error');
const loginButton = byId('login-button');
const appView = byId('app-view');
const who = byId('who');
const appError = byId('app-error');
const stale = byId('stale');
const pendingBox = byId('pending');
const pendingList = byId('pending-list');
const pendingSend = byId('pending-send');
const visitView = byId('visit-view');
const visitForm = byId('visit-form');
const visitTitle = byId('visit-title');
const visitFor = byId('visit-for');
const visitItems = byId('visit-items');
const visitItemOther = byId('visit-item-other');
const visitProblems = byId('visit-problems');
const visitNote = byId('visit-note');
const visitPhoto = byId('visit-photo');
const visitPhotoPreview = byId('visit-photo-preview');
const visitPhotoRemove = byId('visit-photo-remove');
const visitError = byId('visit-error');
const toast = byId('toast');

const lists = {
  today: { list: byId('today-list'), empty: byId('today-empty'), count: byId('count-today') },
  week: { list: byId('week-list'), empty: byId('week-empty'), count: byId('count-week') },
  overdue: { list: byId('overdue-list'), empty: byId('overdue-empty'), count: byId('count-overdue') },
  people: { list: byId('people-list'), empty: byId('people-empty'), more: byId('people-more') },
};
const festival = { box: byId('festival'), title: byId('festival-title'), when: byId('festival-when'),
  list: byId('festival-list') };

/** The login and its cadre, from /api/v1/care/me; today is the hub's date. */
let me = null;
/** What the lists show: { fetchedAt, today, week, overdue, festival, people }. */
let shown = null;
/** The person the visit form is for. */
let visiting = null;
let retryTimer = null;

// --- Dates, in Beijing time whatever the phone's zone.

const dayParts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit',
  day: '2-digit' });
const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit',
  hourCycle: 'h23' });

/** "2026-12-07" of an instant, in Beijing. */
function dayOf(iso) {
  return dayParts.format(new Date(iso));
}

/** A date YYYY-MM-DD plus n days. */
function plusDays(day, n) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** "12月31日" of a date YYYY-MM-DD. */
function monthDay(day) {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** "今天 08:10", "昨天 19:02" or "12月5日" of an instant; "还没有" for none. */
function when(iso) {
  if (!iso) {
    return '还没有';
  }
  const day = dayOf(iso);
  if (me && day === me.today) {
    return `今天 ${clock.format(new Date(iso))}`;
  }
  if (me && day === plusDays(me.today, -1)) {
    return `昨天 ${clock.format(new Date(iso))}`;
  }
  return monthDay(day);
}

// --- The line: online, or no signal (the last call could not reach the hub).

function setLine(online) {
  lineState.dataset.state = online ? 'online' : 'offline';
  lineState.textContent = online ? '在线' : '没有信号';
}

function say(text) {
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => {
    toast.hidden = true;
  }, 4000);
}

// --- Login.

setUnauthorizedHandler(() => showLogin());

function showLogin() {
  me = null;
  appView.hidden = true;
  visitView.hidden = true;
  byId('review-view').hidden = true;
  loginView.hidden = false;
  loginUsername.focus();
}

loginForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  showMessage(loginError, '');
  if (!loginUsername.value.trim() || !loginPassword.value) {
    showMessage(loginError, '请填写用户名和密码。');
    return;
  }
  loginButton.disabled = true;
  try {
    await api.post('/api/v1/login', { username: loginUsername.value.trim(), password: loginPassword.value });
    loginPassword.value = '';
    await start();
  } catch (error) {
    showMessage(loginError, error.status === 401 ? '用户名或密码不对。' : error.message);
  } finally {
    loginButton.disabled = false;
  }
});

byId('logout-button').addEventListener('click', async () => {
  try {
    await api.post('/api/v1/logout', {});
  } catch (error) {
    // Logged out or offline: the form comes back either way.
  }
  showLogin();
});

async function start() {
  try {
    me = await api.get('/api/v1/care/me');
    localStorage.setItem('courtyard.care.me', JSON.stringify(me));
    setLine(true);
  } catch (error) {
    if (error.status !== 0) {
      showLogin();
      return;
    }
    // No signal: work with who was logged in last on this phone.
    me = JSON.parse(localStorage.getItem('courtyard.care.me') || 'null');
    setLine(false);
    if (!me) {
      showLogin();
      showMessage(loginError, '没有信号，连接不上乡镇服务器。有信号后再登录。');
      return;
    }
  }
  loginView.hidden = true;
  appView.hidden = false;
  who.textContent = me.cadre ? `${me.cadre.name}（${me.cadre.village}）` : `${me.displayName || me.username}`;
  showMessage(appError, me.role === 'CADRE' && !me.cadre
    ? '您的账号还没有和村干部登记关联，记不了走访。请乡镇工作人员在“村干部”里关联。' : '');
  renderPending();
  await load();
  await send();
}

// --- The lists.

function cacheKey() {
  return `courtyard.care.lists.${me.username}`;
}

async function load() {
  const today = me.today;
  const mine = me.cadre ? { cadreId: me.cadre.id } : {};
  // Each list is a few days' tasks (of the cadre's people, for a cadre): all of it, every page.
  const tasks = (params) => api.all(withQuery('/api/v1/care-tasks', { ...params, ...mine, limit: 500 }));
  // A cadre's paired people: all of them. Anyone else (no pairs) sees the first page of everyone,
  // and a line saying that there are more.
  const residents = withQuery('/api/v1/residents', { ...mine, limit: 500 });
  try {
    const [todays, week, overdue, festivals, people] = await Promise.all([
      tasks({ from: today, to: today }),
      tasks({ from: today, to: plusDays(today, 6), status: 'OPEN' }),
      tasks({ from: plusDays(today, -30), to: plusDays(today, -1), status: 'OVERDUE' }),
      tasks({ from: plusDays(today, 1), to: plusDays(today, 120), kind: 'FESTIVAL' }),
      me.cadre ? api.all(residents).then((items) => ({ items, next: null })) : api.page(residents),
    ]);
    shown = { fetchedAt: new Date().toISOString(), today: todays, week, overdue, festival: festivals,
      people: people.items, morePeople: Boolean(people.next) };
    localStorage.setItem(cacheKey(), JSON.stringify(shown));
    stale.hidden = true;
    setLine(true);
    await loadSurvey();
  } catch (error) {
    if (error.status !== 0) {
      showMessage(appError, error.message);
      return;
    }
    setLine(false);
    shown = JSON.parse(localStorage.getItem(cacheKey()) || 'null');
    stale.textContent = shown
      ? `没有信号，下面是 ${when(shown.fetchedAt)} 的内容。走访照常记，有信号时自动发送。`
      : '没有信号，还没有可显示的内容。';
    stale.hidden = false;
  }
  render();
}

function render() {
  if (!shown) {
    return;
  }
  const waiting = new Set(outbox.pending(me.username).map((entry) => entry.visit.residentId));
  const todays = [...shown.today].sort((a, b) => (a.status === 'DONE') - (b.status === 'DONE'));
  fill(lists.today, todays.map((task) => taskCard(task, waiting)), todays.filter(open).length);
  fill(lists.week, shown.week.map((task) => taskCard(task, waiting)), shown.week.length);
  fill(lists.overdue, shown.overdue.map((task) => taskCard(task, waiting)), shown.overdue.length);
  fill(lists.people, shown.people.map((person) => personCard(person, waiting)));
  lists.people.more.hidden = !shown.morePeople;
  renderFestival(waiting);
}

function open(task) {
  return task.status === 'OPEN' || task.status === 'OVERDUE';
}

function fill(target, cards, count) {
  target.list.replaceChildren(...cards);
  target.empty.hidden = cards.length > 0;
  if (target.count) {
    target.count.textContent = count > 0 ? String(count) : '';
  }
}

/** The next festival's visits: its date, from when, and who. */
function renderFestival(waiting) {
  const first = shown.festival[0];
  if (!first) {
    festival.box.hidden = true;
    return;
  }
  const same = shown.festival.filter((task) => task.festival === first.festival && task.festivalOn === first.festivalOn);
  festival.title.textContent = `下一个节日：${first.title.replace(/走访$/, '')}（${monthDay(first.festivalOn)}）`;
  festival.when.textContent = `${monthDay(first.opensOn)}起走访，${monthDay(first.dueOn)}前走完，共 ${same.length} 人`;
  festival.list.replaceChildren(...same.map((task) => taskCard(task, waiting)));
  festival.box.hidden = false;
}

function photo(residentId, sha256, name) {
  return sha256
    ? el('img', { class: 'photo', src: `/api/v1/residents/${encodeURIComponent(residentId)}/photo`, alt: '',
      loading: 'lazy', width: 56, height: 56 })
    : el('span', { class: 'photo initial', 'aria-hidden': 'true', text: name.slice(0, 1) });
}

function dueText(task) {
  if (task.status === 'DONE') {
    return `已走访 ${when(task.doneAt)}`;
  }
  if (task.status === 'SKIPPED') {
    return `不用走访：${task.skipReason || ''}`;
  }
  if (task.status === 'OVERDUE') {
    return `已超期（应在${monthDay(task.dueOn)}前）`;
  }
  if (task.opensOn > me.today) {
    return `${monthDay(task.opensOn)}起，${monthDay(task.dueOn)}前`;
  }
  return task.dueOn === me.today ? '今天要去' : `${monthDay(task.dueOn)}前`;
}

function taskCard(task, waiting) {
  const resident = task.resident || {};
  const sent = waiting.has(task.residentId) && open(task);
  const card = el('li', { class: `card task status-${task.status.toLowerCase()}`, 'data-task': task.id,
    'data-resident': task.residentId, 'data-status': sent ? 'UNSENT' : task.status },
  photo(task.residentId, resident.photo, task.residentName),
  el('div', { class: 'body' },
    el('p', { class: 'name' }, el('strong', { text: task.residentName }),
      resident.type ? el('span', { class: 'type', text: TYPE[resident.type] || '' }) : null,
      resident.alert ? el('span', { class: 'badge alert', text: '未报平安' }) : null),
    el('p', { class: 'what', text: `${task.title} · ${sent ? '已记，未发送' : dueText(task)}` }),
    resident.address ? el('p', { class: 'detail', text: resident.address }) : null,
    el('p', { class: 'detail', text: `报平安：${when(resident.lastCheckInAt)} · 走访：${when(resident.lastVisitAt)}` })));
  if (sent) {
    card.append(el('span', { class: 'badge unsent', text: '未发送' }));
  } else if (open(task) && task.opensOn <= me.today && me.cadre) {
    card.append(visitButton(task.residentId, task.residentName, task.title));
  }
  return card;
}

function personCard(person, waiting) {
  const checkedToday = person.lastCheckInAt && dayOf(person.lastCheckInAt) === me.today;
  const state = checkedToday ? `今天已报平安 ${clock.format(new Date(person.lastCheckInAt))}`
    : person.checkInEveryDays ? '今天还没报平安' : '不用每天报平安';
  const card = el('li', { class: 'card person', 'data-resident': person.id },
    photo(person.id, person.photo && person.photo.sha256, person.name),
    el('div', { class: 'body' },
      el('p', { class: 'name' }, el('strong', { text: person.name }),
        el('span', { class: 'type', text: TYPE[person.type] || '' }),
        person.alert ? el('span', { class: 'badge alert', text: '未报平安' }) : null),
      el('p', { class: checkedToday ? 'what ok' : 'what', text: state }),
      person.address ? el('p', { class: 'detail', text: person.address }) : null,
      el('p', { class: 'detail', text: `上次走访：${when(person.lastVisitAt)}` })));
  if (waiting.has(person.id)) {
    card.append(el('span', { class: 'badge unsent', text: '未发送' }));
  } else if (me.cadre) {
    card.append(visitButton(person.id, person.name, '走访'));
  }
  return card;
}

function visitButton(residentId, name, title) {
  const button = el('button', { type: 'button', class: 'button primary', text: '记录走访' });
  button.addEventListener('click', () => openVisit(residentId, name, title));
  return button;
}

initSurvey({
  say,
  showLists(visible) {
    appView.hidden = !visible;
    window.scrollTo(0, 0);
  },
});

// --- Tabs.

for (const tab of document.querySelectorAll('[data-tab]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[data-tab]')) {
      other.setAttribute('aria-pressed', String(other === tab));
    }
    for (const panel of document.querySelectorAll('[data-panel]')) {
      panel.hidden = panel.dataset.panel !== tab.dataset.tab;
    }
  });
}

// --- The visit form: 记录走访 opens it, 完成走访 saves it (two taps); the rest is optional.

for (const item of ITEMS) {
  const chip = el('button', { type: 'button', class: 'chip', 'aria-pressed': 'false', text: item });
  chip.addEventListener('click', () => chip.setAttribute('aria-pressed',
    String(chip.getAttribute('aria-pressed') !== 'true')));
  visitItems.append(chip);
}

byId('visit-add-problem').addEventListener('click', () => addProblem());

function addProblem() {
  const index = visitProblems.children.length + 1;
  const text = el('input', { type: 'text', maxlength: 500, 'aria-label': `问题${index}`,
    placeholder: '例如：屋顶漏雨' });
  const solved = el('input', { type: 'checkbox', 'aria-label': `问题${index}已解决` });
  visitProblems.append(el('li', {}, text, el('label', { class: 'solved' }, solved, '已解决')));
  text.focus();
}

function setPhoto(dataUrl) {
  if (visiting) {
    visiting.photo = dataUrl;
  }
  visitPhotoPreview.hidden = !dataUrl;
  visitPhotoRemove.hidden = !dataUrl;
  if (dataUrl) {
    visitPhotoPreview.src = dataUrl;
  } else {
    visitPhotoPreview.removeAttribute('src');
  }
}

/** A photo from the camera, made small enough to wait on the phone: a JPEG of at most PHOTO_SIDE. */
visitPhoto.addEventListener('change', async () => {
  const file = visitPhoto.files[0];
  visitPhoto.value = '';
  if (!file) {
    return;
  }
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, PHOTO_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    setPhoto(canvas.toDataURL('image/jpeg', 0.75));
  } catch (error) {
    showMessage(visitError, '这张照片打不开，请换一张。');
  }
});

visitPhotoRemove.addEventListener('click', () => setPhoto(null));

function openVisit(residentId, name, title) {
  visiting = { residentId, name, photo: null };
  visitTitle.textContent = `走访 ${name}`;
  visitFor.textContent = title;
  for (const chip of visitItems.children) {
    chip.setAttribute('aria-pressed', 'false');
  }
  visitItemOther.value = '';
  visitProblems.replaceChildren();
  visitNote.value = '';
  setPhoto(null);
  showMessage(visitError, '');
  appView.hidden = true;
  visitView.hidden = false;
  window.scrollTo(0, 0);
}

function closeVisit() {
  visiting = null;
  visitView.hidden = true;
  appView.hidden = false;
  window.scrollTo(0, 0);
}

byId('visit-back').addEventListener('click', closeVisit);

visitForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!visiting) {
    return;
  }
  const items = [...visitItems.children].filter((chip) => chip.getAttribute('aria-pressed') === 'true')
    .map((chip) => chip.textContent);
  if (visitItemOther.value.trim()) {
    items.push(visitItemOther.value.trim());
  }
  const problems = [...visitProblems.children].map((row) => {
    const [text, solved] = row.querySelectorAll('input');
    return { text: text.value.trim(), solved: solved.checked };
  }).filter((problem) => problem.text);
  const visit = {
    id: outbox.newId(),
    residentId: visiting.residentId,
    at: new Date().toISOString(),
    note: visitNote.value.trim() || null,
    items,
    problems,
  };
  const kept = outbox.add(visit, visiting.name, me.username, visiting.photo);
  closeVisit();
  say(kept ? '已保存。' : '已保存，但手机存不下照片，这次走访没有照片。');
  renderPending();
  render();
  send();
});

// --- The outbox.

function renderPending() {
  const waiting = me ? outbox.pending(me.username) : [];
  pendingList.replaceChildren(...waiting.map((entry) => {
    const row = el('li', { 'data-visit': entry.visit.id },
      el('span', { class: 'badge unsent', text: '未发送' }),
      el('span', { text: `${entry.residentName} · ${when(entry.savedAt)}` }));
    if (entry.error) {
      const drop = el('button', { type: 'button', class: 'link', text: '删除' });
      drop.addEventListener('click', () => {
        outbox.remove(entry.visit.id);
        renderPending();
        render();
      });
      row.append(el('span', { class: 'message error', text: `发不出去：${entry.error}` }), drop);
    }
    return row;
  }));
  pendingBox.hidden = waiting.length === 0;
  clearInterval(retryTimer);
  retryTimer = waiting.some((entry) => !entry.error) ? setInterval(send, RETRY_MS) : null;
}

/** Sends what waits; when anything went, the lists are read again (the tasks it closed show done). */
async function send() {
  if (!me || outbox.pending(me.username).length === 0) {
    return;
  }
  const result = await outbox.flush(api, me.username);
  setLine(!result.offline);
  renderPending();
  if (result.sent > 0) {
    say(`已发送 ${result.sent} 条走访。`);
    await load();
  } else {
    render();
  }
}

pendingSend.addEventListener('click', send);
window.addEventListener('online', () => {
  if (me) {
    send().then(() => load());
  }
});
window.addEventListener('offline', () => setLine(false));

// The page itself opens without signal once it has been opened with it (where the browser allows
// a service worker: over HTTPS, or on this computer).
if ('serviceWorker' in navigator) {
  // The scope is relative to this page (care.html): every address starting /care.
  navigator.serviceWorker.register(new URL('../../care-sw.js', import.meta.url), { scope: './care' })
    .catch(() => {});
}

start();
