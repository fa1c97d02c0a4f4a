// Entry point of the staff page: login and logout, the navigation between sections, the one live
// event stream and the alert sound. Everything a section shows is in its own module.
//
// Adding a section (announcements, residents, ...):
//   1. in index.html, a nav link <a href="#name" data-nav="name"> with a <span class="nav-count">,
//      and a <section data-section="name" hidden="hidden"> holding the section's markup;
//   2. a module js/sections/name.js exporting an object with
//        id, events (stream event names it wants),
//        roles       only if not everyone may see it: the user roles that do, e.g. ['ADMIN']
//                    (the nav link and section stay hidden for the others, and start() is not called);
//        countLabel  only if it calls ctx.setCount: the words after its count in the window
//                    title, e.g. '条新求助';
//        start(ctx)  after login: fetch and show data (ctx: api, user, alert(kind), setCount);
//        stop()      at logout: forget everything;
//        reload()    after the live stream (re)connected: fetch again, events may have been missed;
//        show() / hide()  when the user switches to / away from it;
//        link(rest)  only if the section can be opened at an item: the address was #name/rest (a
//                    link in a group robot's message, such as #help/9b6c...), called after show();
//        onEvent(name, data)  a live event (every section gets the events it listed);
//   3. add it to SECTIONS below.

import { api, setStorageFullHandler, setUnauthorizedHandler } from './api.js';
import { byId, showMessage } from './dom.js';
import { ROLE } from './format.js';
import { HealthBanner } from './health.js';
import * as sound from './sound.js';
import { initPhone } from './phone.js';
import { LiveStream } from './stream.js';
import { checkinSection } from './sections/checkins.js';
import { helpSection } from './sections/help.js';
import { kioskSection } from './sections/kiosks.js';
import { residentSection } from './sections/residents.js';
import { announcementSection } from './sections/announcements.js';
import { cadreSection } from './sections/cadres.js';
import { careSection } from './sections/care.js';
import { auditSection } from './sections/audit.js';
import { surveySection } from './sections/survey.js';
import { reportSection } from './sections/reports.js';
import { notifySection } from './sections/notify.js';

const SECTIONS = [helpSection, checkinSection, careSection, announcementSection, residentSection, cadreSection,
  surveySection, reportSection, kioskSection, notifySection, auditSection];
const TITLE = document.title;

const loginView = byId('login-view');
const loginForm = byId('login-form');
const loginUsername = byId('login-username');
const loginPassword = byId('login-password');
const loginError = byId('login-error');
const loginButton = byId('login-button');
const appView = byId('app-view');
const sessionBar = byId('session');
const who = byId('who');
const liveState = byId('live-state');
const soundState = byId('sound-state');
const soundButton = byId('sound-button');
const globalError = byId('global-error');
const main = byId('main');
const health = new HealthBanner(byId('hub-health'));

let user = null;
let current = null;
const counts = new Map();

const ctx = {
  api,
  get user() {
    return user;
  },
  /** Plays an alert tone: 'new' or 'overdue'. */
  alert(kind) {
    sound.play(kind);
  },
  /** Shows n next to the section's name in the navigation (0 hides it) and in the window title. */
  setCount(sectionId, n) {
    counts.set(sectionId, n);
    const badge = document.querySelector(`[data-nav="${sectionId}"] .nav-count`);
    if (badge) {
      badge.textContent = String(n);
      badge.hidden = n <= 0;
    }
    const parts = SECTIONS.filter((section) => counts.get(section.id) > 0)
        .map((section) => `${counts.get(section.id)}${section.countLabel || ''}`);
    document.title = parts.length > 0 ? `（${parts.join('，')}）${TITLE}` : TITLE;
  },
};

/** The sections the logged-in user may see (none when nobody is logged in). */
function allowed() {
  return user ? SECTIONS.filter((section) => !section.roles || section.roles.includes(user.role)) : [];
}

const stream = new LiveStream('/api/v1/stream', [...new Set(SECTIONS.flatMap((s) => s.events))], {
  onEvent(name, data) {
    for (const section of allowed()) {
      if (section.events.includes(name)) {
        section.onEvent(name, data);
      }
    }
  },
  onOpen(reconnect) {
    setLiveState('live', '实时更新中');
    if (reconnect) {
      health.check();
      // No event ids on the stream: whatever happened while we were away is only in the lists.
      for (const section of allowed()) {
        section.reload();
      }
    }
  },
  onDown() {
    setLiveState('down', '连接中断，正在重连…');
  },
  onClosed() {
    // The browser stopped retrying (the hub answered with an error). A 401 here means the
    // session is over; api.js then shows the login form. Otherwise try again shortly.
    api.get('/api/v1/me').then(() => stream.restartLater(), (error) => {
      if (error.status !== 401) {
        stream.restartLater();
      }
    });
  },
});

function setLiveState(state, text) {
  liveState.dataset.state = state;
  liveState.textContent = text;
}

function showSound(on) {
  soundState.dataset.state = on ? 'on' : 'off';
  soundState.textContent = on ? '提示音已开启' : '提示音未开启';
  soundButton.textContent = on ? '试听提示音' : '开启提示音';
  soundButton.classList.toggle('attention', !on);
}

function describe(person) {
  const name = person.displayName || person.username;
  const role = ROLE[person.role] || person.role;
  return person.village ? `${name}（${role} · ${person.village}）` : `${name}（${role}）`;
}

function showApp(person) {
  user = person;
  who.textContent = describe(user);
  loginView.hidden = true;
  appView.hidden = false;
  sessionBar.hidden = false;
  showMessage(globalError, '');
  setLiveState('connecting', '正在连接…');
  showSound(sound.isOn());
  const sections = allowed();
  for (const section of SECTIONS) {
    document.querySelector(`[data-nav="${section.id}"]`).hidden = !sections.includes(section);
  }
  for (const section of sections) {
    section.start(ctx);
  }
  stream.reset();
  stream.start();
  health.start();
  route();
  main.focus();
}

function showLogin(message) {
  const started = allowed();
  user = null;
  stream.reset();
  health.stop();
  for (const section of started) {
    section.stop();
  }
  current = null;
  counts.clear();
  document.title = TITLE;
  appView.hidden = true;
  sessionBar.hidden = true;
  loginView.hidden = false;
  loginPassword.value = '';
  showMessage(loginError, message);
  loginUsername.focus();
}

function route() {
  if (!user) {
    return;
  }
  const [wanted, ...rest] = window.location.hash.replace(/^#/, '').split('/');
  const sections = allowed();
  const next = sections.find((section) => section.id === wanted) || sections[0];
  for (const section of SECTIONS) {
    const element = document.querySelector(`[data-section="${section.id}"]`);
    const active = section === next;
    element.hidden = !active;
    const link = document.querySelector(`[data-nav="${section.id}"]`);
    if (active) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (current !== next) {
    if (current) {
      current.hide();
    }
    current = next;
    current.show();
  }
  if (next.id === wanted && rest.length > 0 && next.link) {
    next.link(decodeURIComponent(rest.join('/')));
  }
}

async function login(event) {
  event.preventDefault();
  // The login click is the user gesture browsers require before a page may make sound.
  sound.unlock();
  const username = loginUsername.value.trim();
  const password = loginPassword.value;
  if (!username || !password) {
    showMessage(loginError, '请输入用户名和密码。');
    (username ? loginPassword : loginUsername).focus();
    return;
  }
  showMessage(loginError, '');
  loginButton.disabled = true;
  loginButton.textContent = '正在登录…';
  try {
    // The answer also carries the token; the page relies on the HttpOnly cookie instead.
    const answer = await api.post('/api/v1/login', { username, password });
    showApp(answer.user);
  } catch (error) {
    const text = error.status === 401 ? '用户名或密码不对，请再试一次。'
      : error.status === 429 ? `登录失败的次数太多，暂时不能从这里登录。请${waitText(error.retryAfter)}后再试，或请管理员解锁。`
      : `登录没有成功：${error.message}`;
    showMessage(loginError, text);
    loginPassword.select();
    loginPassword.focus();
  } finally {
    loginButton.disabled = false;
    loginButton.textContent = '登录';
  }
}

/** "1 分钟", "15 分钟": how long the hub asked to wait, rounded up to whole minutes. */
function waitText(seconds) {
  const minutes = Math.max(1, Math.ceil((seconds || 900) / 60));
  return `${minutes} 分钟`;
}

async function logout() {
  try {
    await api.post('/api/v1/logout');
    showLogin('您已退出登录。');
  } catch (error) {
    if (error.status !== 401) {
      showMessage(globalError, `退出没有成功：${error.message}`);
    }
  }
}

function boot() {
  initPhone();
  setUnauthorizedHandler(() => {
    if (user) {
      showLogin('登录已过期或已在别处退出，请重新登录。');
    }
  });
  setStorageFullHandler(() => health.check());
  sound.onChange(showSound);
  loginForm.addEventListener('submit', login);
  byId('logout-button').addEventListener('click', logout);
  soundButton.addEventListener('click', () => {
    if (sound.isOn()) {
      sound.play('new');
    } else {
      sound.unlock().then((on) => on && sound.play('new'));
    }
  });
  // After a page reload nobody clicked "登录": any first click or key press turns sound on.
  const wake = () => {
    if (user && !sound.isOn()) {
      sound.unlock();
    }
  };
  document.addEventListener('pointerdown', wake, true);
  document.addEventListener('keydown', wake, true);
  window.addEventListener('hashchange', route);

  api.get('/api/v1/me').then(showApp, (error) => showLogin(error.status === 401 ? '' : error.message));
}

boot();
