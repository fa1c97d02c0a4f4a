// The cadres section (村干部): village cadres and paired party members, village by village — their
// name, village and phone, the kiosk PIN they type for the kiosk's cadre mode, and the residents
// they are paired with. The list masks phone numbers (the hub does); the form reads the one cadre
// with the full number, so what it saves back is never a masked number.
//
// The hub decides who may do what, and the page follows it: staff and admins register and edit
// cadres and set anyone's PIN; a cadre's login sees their own village only, and may set only the
// PIN of the cadre their login is linked to. A PIN is typed twice, sent once and never shown again:
// the hub keeps only its hash, which is what the village's kiosks receive.

import { changedLines, conflictNotice, isConflict, rebased } from '../conflict.js';
import { byId, clearMarkOnInput, el, markInvalid, onRowClick, showMessage } from '../dom.js';
import { byVillageThenName, fieldOf, fieldText } from '../people.js';

/** The hub's field names as the form labels them, for error messages. */
const LABELS = {
  name: '姓名',
  village: '村',
  phone: '电话',
  level: '级别',
  kind: '身份',
  pin: '村干部密码',
  active: '在用',
};

const PIN = /^[0-9]{4,8}$/;

let ctx = null;
let els = null;
/** The cadres the list knows (phones masked), by id. */
const cadres = new Map();
const villages = new Set();
/** The cadre open in the form with the full phone; null for a new one (when the form is open). */
let open = null;
let formOpen = false;
/** The cadre as the form was filled from it: its version goes with the save (If-Match). */
let edited = null;
let busy = false;
let loadNumber = 0;

function elements() {
  return {
    summary: byId('cadres-summary'),
    add: byId('cadres-new'),
    filters: byId('cadres-filters'),
    villageFilter: byId('cadres-filter-village'),
    inactive: byId('cadres-inactive'),
    listError: byId('cadres-list-error'),
    rows: byId('cadres-rows'),
    empty: byId('cadres-empty'),
    title: byId('cadre-detail-title'),
    placeholder: byId('cadre-placeholder'),
    body: byId('cadre-body'),
    notice: byId('cadre-notice'),
    form: byId('cadre-form'),
    formError: byId('cadre-form-error'),
    name: byId('cadre-name'),
    village: byId('cadre-village'),
    phone: byId('cadre-phone'),
    level: byId('cadre-level'),
    kind: byId('cadre-kind'),
    active: byId('cadre-active'),
    villageList: byId('cadre-villages'),
    readonly: byId('cadre-readonly'),
    formButtons: byId('cadre-form-buttons'),
    save: byId('cadre-save'),
    cancel: byId('cadre-cancel'),
    pin: byId('cadre-pin'),
    pinState: byId('cadre-pin-state'),
    pinError: byId('cadre-pin-error'),
    pinFields: byId('cadre-pin-fields'),
    pinButtons: byId('cadre-pin-buttons'),
    pinNew: byId('cadre-pin-new'),
    pinAgain: byId('cadre-pin-again'),
    pinSave: byId('cadre-pin-save'),
    pinRemove: byId('cadre-pin-remove'),
    residents: byId('cadre-residents'),
    residentsNone: byId('cadre-residents-none'),
  };
}

function isCadre() {
  return ctx.user.role === 'CADRE';
}

/** Whether this login may set {@code cadre}'s PIN: staff anyone's, a cadre only their linked own. */
function mayChangePin(cadre) {
  return !isCadre() || (cadre.username !== null && cadre.username === ctx.user.username);
}

// The list

function addVillage(village) {
  if (village && !villages.has(village)) {
    villages.add(village);
    renderVillages();
  }
}

function renderVillages() {
  const select = els.villageFilter;
  const own = isCadre() ? ctx.user.village : null;
  const chosen = own || select.value;
  const names = [...villages].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const options = own ? [el('option', { value: own, text: own })]
    : [el('option', { value: '', text: '全部村' }), ...names.map((name) => el('option', { value: name, text: name }))];
  select.replaceChildren(...options);
  select.value = chosen && (own || villages.has(chosen)) ? chosen : '';
  select.disabled = Boolean(own);
  els.villageList.replaceChildren(...names.map((name) => el('option', { value: name })));
}

async function load() {
  const number = ++loadNumber;
  try {
    const list = await ctx.api.get('/api/v1/cadres');
    if (!ctx || number !== loadNumber) {
      return;
    }
    cadres.clear();
    for (const cadre of list) {
      cadres.set(cadre.id, cadre);
      addVillage(cadre.village);
    }
    showMessage(els.listError, '');
    renderList();
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      showMessage(els.listError, `没能载入村干部名单：${error.message}`);
    }
  }
}

/** Villages with kiosks or residents but no cadre yet belong in the choices too (GET /api/v1/villages). */
async function loadVillages() {
  try {
    const list = await ctx.api.get('/api/v1/villages');
    if (ctx) {
      list.forEach((village) => addVillage(village.name));
    }
  } catch (error) {
    if (ctx && error.status !== 401) {
      console.warn('courtyard: no /api/v1/villages for the village choices', error);
    }
  }
}

function pinText(cadre) {
  return cadre.hasPin ? '已设置' : '未设置';
}

function renderList() {
  const village = els.villageFilter.value;
  const shown = [...cadres.values()]
      .filter((cadre) => (!village || cadre.village === village) && (cadre.active || els.inactive.checked))
      .sort(byVillageThenName);
  const rows = shown.map((cadre) => el('tr', {
    'data-id': cadre.id,
    class: [open && open.id === cadre.id ? 'is-selected' : '', cadre.active ? '' : 'is-closed'].join(' ').trim(),
  },
  el('td', {}, el('button', { type: 'button', class: 'row-open', title: `查看 ${cadre.name}` }, cadre.name),
      cadre.active ? null : el('span', { class: 'badge', text: '已停用' })),
  el('td', { text: cadre.village }),
  el('td', { class: 'phone', text: cadre.phone || '—' }),
  el('td', { class: cadre.hasPin ? 'pin-set' : 'pin-none', text: pinText(cadre) }),
  el('td', { text: cadre.residents.map((resident) => resident.name).join('、') || '—' })));
  els.rows.replaceChildren(...rows);
  els.empty.hidden = rows.length > 0;
  const active = [...cadres.values()].filter((cadre) => cadre.active).length;
  els.summary.textContent = cadres.size > 0 ? `显示 ${rows.length} 位（在用共 ${active} 位）` : '';
}

// The form

function setInvalid(field) {
  const input = field && els[field];
  markInvalid(els.form, input instanceof HTMLInputElement ? input : null);
}

function fillForm(cadre) {
  edited = cadre;
  els.name.value = cadre ? cadre.name : '';
  els.village.value = cadre ? cadre.village : (isCadre() ? ctx.user.village : els.villageFilter.value);
  els.phone.value = cadre && cadre.phone ? cadre.phone : '';
  els.level.value = cadre && cadre.level ? cadre.level : 'VILLAGE';
  els.kind.value = cadre && cadre.kind ? cadre.kind : 'CADRE';
  els.active.checked = cadre ? cadre.active : true;
  showMessage(els.formError, '');
  setInvalid(null);
}

function clearPinInputs() {
  els.pinNew.value = '';
  els.pinAgain.value = '';
  els.pinNew.removeAttribute('aria-invalid');
  els.pinAgain.removeAttribute('aria-invalid');
  showMessage(els.pinError, '');
}

function renderDetail() {
  els.placeholder.hidden = formOpen;
  els.body.hidden = !formOpen;
  if (!formOpen) {
    els.title.textContent = '村干部信息';
    return;
  }
  els.title.textContent = open ? open.name : '登记村干部';
  const editable = !isCadre();
  for (const input of [els.name, els.village, els.phone, els.level, els.kind, els.active]) {
    input.disabled = !editable;
  }
  els.formButtons.hidden = !editable;
  els.readonly.hidden = editable;
  // A PIN belongs to a registered cadre: a new one gets it after the first save.
  els.pin.hidden = !open;
  if (open) {
    const allowed = mayChangePin(open);
    els.pinState.textContent = open.hasPin ? '已设置。小院设备认得这个密码。' : '未设置：这位干部还不能在小院设备上进入干部模式。';
    els.pinFields.hidden = !allowed;
    els.pinButtons.hidden = !allowed;
    els.pinRemove.hidden = !open.hasPin;
    els.pinSave.textContent = open.hasPin ? '重新设置密码' : '设置密码';
    if (!allowed) {
      els.pinState.textContent += ' 只有乡镇工作人员或这位干部本人可以设置。';
    }
  }
  const paired = open ? open.residents : [];
  els.residents.replaceChildren(...paired.map((resident) => el('li', { 'data-resident': resident.id, text: resident.name })));
  els.residentsNone.hidden = paired.length > 0;
}

function startNew() {
  open = null;
  formOpen = true;
  fillForm(null);
  clearPinInputs();
  showMessage(els.notice, '');
  renderDetail();
  renderList();
  els.name.focus();
}

async function openCadre(id, notice) {
  try {
    const cadre = await ctx.api.get(`/api/v1/cadres/${encodeURIComponent(id)}`);
    if (!ctx) {
      return;
    }
    if (!open || open.id !== id) {
      clearPinInputs();
    }
    open = cadre;
    formOpen = true;
    fillForm(cadre);
    showMessage(els.notice, notice || '');
    renderDetail();
    renderList();
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.listError, `打不开这位村干部的信息：${error.message}`);
    }
  }
}

function formBody() {
  return {
    name: els.name.value.trim(),
    village: els.village.value.trim(),
    phone: els.phone.value.trim() || null,
    level: els.level.value,
    kind: els.kind.value,
    active: els.active.checked,
  };
}

/** A stored cadre as formBody() reads a form filled from it. */
function bodyOf(cadre) {
  return { name: cadre.name, village: cadre.village, phone: cadre.phone || null, active: cadre.active };
}

/** Checks on the page what the hub would refuse anyway, with the field named in Chinese. */
function localProblem(body) {
  if (!body.name) {
    return ['name', '请填写姓名。'];
  }
  if (!body.village) {
    return ['village', '请填写村名。'];
  }
  if (body.phone && body.phone.includes('*')) {
    return ['phone', '“电话”是带 * 的隐藏号码，请填写完整号码。'];
  }
  return null;
}

/** The hub's refusal in words staff understand, keeping the original for technicians. */
function refusal(error) {
  const message = error.message || '';
  if (error.status === 403) {
    return `没有权限：${isCadre() ? '村干部只能设置自己的密码。' : ''}（${message}）`;
  }
  if (/already uses this PIN/.test(message)) {
    return '这个村已经有别的干部用这个密码了，请换一个（小院设备是靠密码认出干部的）。';
  }
  if (/is paired with/.test(message)) {
    return '这位干部还和本村的居民结对。请先在“居民”页把这些居民改给别的干部，再换村。';
  }
  if (/'pin' must be 4 to 8 digits/.test(message)) {
    return '密码要 4 到 8 位数字。';
  }
  return fieldText(message, LABELS);
}

async function save(event) {
  event.preventDefault();
  if (busy || isCadre()) {
    return;
  }
  const body = formBody();
  const problem = localProblem(body);
  if (problem) {
    showMessage(els.formError, problem[1]);
    setInvalid(problem[0]);
    return;
  }
  showMessage(els.formError, '');
  setInvalid(null);
  busy = true;
  els.save.disabled = true;
  const creating = !open;
  try {
    const saved = creating
      ? await ctx.api.post('/api/v1/cadres', body)
      : await ctx.api.patch(`/api/v1/cadres/${encodeURIComponent(open.id)}`, body, edited.version);
    if (!ctx) {
      return;
    }
    addVillage(saved.village);
    await load();
    await openCadre(saved.id, creating ? `已登记 ${saved.name}。现在可以在下面给他设置村干部密码。` : '已保存。');
  } catch (error) {
    if (!ctx || error.status === 401) {
      return;
    }
    if (isConflict(error)) {
      // The current state, with what this person changed put back on top; the next save sends it.
      const current = error.error.current;
      const lines = changedLines(edited, current, { name: LABELS.name, village: LABELS.village,
        phone: LABELS.phone, active: LABELS.active });
      const form = rebased(body, bodyOf(edited), bodyOf(current));
      open = current;
      fillForm({ ...current, ...form });
      edited = current;
      renderDetail();
      showMessage(els.notice, conflictNotice(`${current.name}的信息`, lines));
      return;
    }
    showMessage(els.formError, `没有保存：${refusal(error)}`);
    setInvalid(fieldOf(error.message));
  } finally {
    busy = false;
    if (els) {
      els.save.disabled = false;
    }
  }
}

function cancel() {
  if (open) {
    fillForm(open);
    showMessage(els.notice, '已恢复为保存过的内容。');
  } else {
    formOpen = false;
    renderDetail();
  }
}

/** Sends {pin} (a new PIN, or null to take kiosk access away) and shows the outcome. */
async function sendPin(pin) {
  if (busy || !open) {
    return;
  }
  busy = true;
  els.pinSave.disabled = true;
  els.pinRemove.disabled = true;
  const id = open.id;
  try {
    await ctx.api.patch(`/api/v1/cadres/${encodeURIComponent(id)}`, { pin });
    if (!ctx) {
      return;
    }
    clearPinInputs();
    await load();
    await openCadre(id, pin === null
      ? '已取消村干部密码。这位干部不能再在小院设备上进入干部模式。'
      : '村干部密码已设置。本村的小院设备会在一分钟内收到，请告诉这位干部本人。');
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.pinError, `密码没有改：${refusal(error)}`);
    }
  } finally {
    busy = false;
    if (els) {
      els.pinSave.disabled = false;
      els.pinRemove.disabled = false;
    }
  }
}

function setPin(event) {
  event.preventDefault();
  const pin = els.pinNew.value.trim();
  const again = els.pinAgain.value.trim();
  els.pinNew.removeAttribute('aria-invalid');
  els.pinAgain.removeAttribute('aria-invalid');
  if (!PIN.test(pin)) {
    showMessage(els.pinError, '密码要 4 到 8 位数字。');
    els.pinNew.setAttribute('aria-invalid', 'true');
    els.pinNew.focus();
    return;
  }
  if (pin !== again) {
    showMessage(els.pinError, '两次输入的密码不一样，请再输一遍。');
    els.pinAgain.value = '';
    els.pinAgain.setAttribute('aria-invalid', 'true');
    els.pinAgain.focus();
    return;
  }
  showMessage(els.pinError, '');
  sendPin(pin);
}

function removePin() {
  if (open && window.confirm(`取消 ${open.name} 的村干部密码？取消后他不能在小院设备上进入干部模式，直到重新设置。`)) {
    sendPin(null);
  }
}

function wire() {
  onRowClick(els.rows, (id) => openCadre(id));
  els.add.addEventListener('click', startNew);
  els.filters.addEventListener('submit', (event) => event.preventDefault());
  els.villageFilter.addEventListener('change', renderList);
  els.inactive.addEventListener('change', renderList);
  els.form.addEventListener('submit', save);
  clearMarkOnInput(els.form);
  els.cancel.addEventListener('click', cancel);
  els.pin.addEventListener('submit', setPin);
  clearMarkOnInput(els.pin);
  els.pinRemove.addEventListener('click', removePin);
}

export const cadreSection = {
  id: 'cadres',
  events: [],

  start(context) {
    ctx = context;
    if (!els) {
      els = elements();
      wire();
    }
    els.add.hidden = isCadre();
    els.inactive.checked = false;
    renderVillages();
    renderList();
    renderDetail();
    load();
    loadVillages();
  },

  stop() {
    ctx = null;
    loadNumber += 1;
    cadres.clear();
    villages.clear();
    open = null;
    formOpen = false;
    els.rows.replaceChildren();
    els.villageFilter.replaceChildren(el('option', { value: '', text: '全部村' }));
    els.summary.textContent = '';
    els.name.value = '';
    els.village.value = '';
    els.phone.value = '';
    clearPinInputs();
    els.residents.replaceChildren();
    renderDetail();
    showMessage(els.listError, '');
    showMessage(els.notice, '');
  },

  reload() {
    load();
    if (open) {
      openCadre(open.id);
    }
  },

  show() {
    // Pairings made on the 居民 page meanwhile show here again.
    load();
    if (open) {
      openCadre(open.id, els.notice.textContent);
    }
  },

  hide() {},

  onEvent() {},
};
