// The 家人 part of an open resident (issue 18, docs/family.md): the resident's family contacts with
// where their invitation stands and how many 留言 went each way (counts only, never content); a form
// to register one (for a child, the parents' and guardian's numbers the ledger holds are one tap
// away); 邀请 shows the QR code, the link and its expiry, and fills the printable 邀请单; 撤销 asks
// first. Staff see every village; a cadre only their own (the hub refuses the rest with 403).

import { byId, el, showMessage } from './dom.js';
import { dateTime } from './format.js';

/** The relations as the kiosk says them (docs/glossary.md), in the order the form offers them. */
const RELATION = {
  SON: '儿子',
  DAUGHTER: '女儿',
  DAUGHTER_IN_LAW: '儿媳',
  SON_IN_LAW: '女婿',
  GRANDSON: '孙子',
  GRANDDAUGHTER: '孙女',
  FATHER: '爸爸',
  MOTHER: '妈妈',
  SPOUSE: '老伴',
  OTHER: '家人',
};

const FIELDS = ['name', 'relation', 'phone'];

let ctx = null;
let els = null;
/** The resident whose family is shown (with every field: the ledger's phones are not masked). */
let resident = null;
let contacts = [];
/** The id of the contact whose revoke waits for 确定撤销, or null. */
let confirming = null;
let busy = false;
let loadNumber = 0;

function elements() {
  const out = {
    box: byId('resident-family'),
    notice: byId('family-notice'),
    error: byId('family-error'),
    list: byId('family-list'),
    empty: byId('family-empty'),
    invite: byId('family-invite'),
    inviteTitle: byId('family-invite-title'),
    qr: byId('family-qr'),
    link: byId('family-link'),
    expiry: byId('family-expiry'),
    print: byId('family-print'),
    copy: byId('family-copy'),
    close: byId('family-invite-close'),
    form: byId('family-form'),
    suggestions: byId('family-suggestions'),
    suggestionButtons: byId('family-suggestion-buttons'),
    add: byId('family-add'),
    slipFor: byId('slip-for'),
    slipQr: byId('slip-qr'),
    slipLink: byId('slip-link'),
    slipExpiry: byId('slip-expiry'),
    slipSee: byId('slip-see'),
    input: Object.fromEntries(FIELDS.map((field) => [field, byId(`family-${field}`)])),
    fieldError: Object.fromEntries(FIELDS.map((field) => [field, byId(`family-${field}-error`)])),
  };
  out.input.relation.replaceChildren(...Object.entries(RELATION)
      .map(([value, words]) => el('option', { value, text: words })));
  return out;
}

/** "12月21日 18:00" in Beijing time. */
function expiryText(instant) {
  const [date, time] = dateTime(instant).split(' ');
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日 ${time.slice(0, 5)}`;
}

function stateText(contact) {
  switch (contact.status) {
    case 'INVITED':
      return `已邀请（${expiryText(contact.invitationExpiresAt)} 前有效）`;
    case 'ACTIVE':
      return '已使用';
    case 'REVOKED':
      return '已撤销';
    default:
      return '未邀请';
  }
}

function countsText(contact) {
  if (contact.toResident === 0 && contact.fromResident === 0) {
    return '还没有留言';
  }
  const heard = contact.toResident - contact.unheard;
  return `家人发来 ${contact.toResident} 条留言（未听 ${contact.unheard} 条，已听 ${heard} 条）；小院回复 ${contact.fromResident} 条`;
}

/** The hub's refusal in words, for the part of the section it concerns. */
function refusalText(error, doing) {
  if (error.status === 403) {
    return `没有权限${doing}：${resident ? resident.name : '这位居民'}不是您村里的居民。这位居民的家人只有镇里的工作人员和本村干部能管理。`;
  }
  if (error.status === 0) {
    return `没有${doing}：连不上镇里的服务器，请检查网络后再试。`;
  }
  return `没有${doing}：${error.message}`;
}

async function load() {
  const number = ++loadNumber;
  const id = resident.id;
  try {
    const list = await ctx.api.get(`/api/v1/residents/${encodeURIComponent(id)}/family`);
    if (!ctx || number !== loadNumber) {
      return;
    }
    contacts = list;
    showMessage(els.error, '');
    render();
  } catch (error) {
    if (ctx && number === loadNumber && error.status !== 401) {
      contacts = [];
      render();
      showMessage(els.error, refusalText(error, '载入家人名单'));
    }
  }
}

function render() {
  els.list.replaceChildren(...contacts.map((contact) => el('li', {
    'data-id': contact.id, 'data-status': contact.status, class: `family-contact status-${contact.status.toLowerCase()}`,
  },
  el('p', { class: 'who' }, el('strong', { text: contact.name }),
      el('span', { class: 'relation', text: RELATION[contact.relation] || '家人' }),
      el('span', { class: 'phone', text: contact.phone })),
  el('p', { class: 'state', text: stateText(contact) }),
  el('p', { class: 'counts small-note', text: countsText(contact) }),
  actions(contact))));
  els.empty.hidden = contacts.length > 0;
  renderSuggestions();
}

function actions(contact) {
  if (contact.status === 'REVOKED') {
    return null;
  }
  if (confirming === contact.id) {
    return el('div', { class: 'buttons confirm', role: 'group', 'aria-label': `撤销${contact.name}` },
        el('span', { class: 'confirm-text', text: `撤销后，${contact.name}的手机马上不能再打开家人页面，邀请链接也作废。确定吗？` }),
        el('button', { type: 'button', class: 'button danger', 'data-action': 'revoke-confirm', text: '确定撤销' }),
        el('button', { type: 'button', class: 'button', 'data-action': 'revoke-cancel', text: '不撤销' }));
  }
  const again = contact.status === 'NEW' ? '邀请' : contact.status === 'ACTIVE' ? '重新邀请（换手机时）' : '重新邀请';
  return el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'button primary', 'data-action': 'invite', text: again }),
      el('button', { type: 'button', class: 'button', 'data-action': 'revoke', text: '撤销' }));
}

/** For a child: the parents' and guardian's numbers the ledger holds, not registered yet. */
function renderSuggestions() {
  const offered = [];
  if (resident.type === 'CHILD') {
    const registered = new Set(contacts.filter((contact) => contact.status !== 'REVOKED')
        .map((contact) => contact.phone));
    if (resident.parentsPhone && !registered.has(masked(resident.parentsPhone))) {
      offered.push({ label: `父母电话 ${resident.parentsPhone}`, name: '', phone: resident.parentsPhone });
    }
    if (resident.guardianPhone && !registered.has(masked(resident.guardianPhone))) {
      offered.push({ label: `监护人${resident.guardian ? ` ${resident.guardian}` : ''} ${resident.guardianPhone}`,
        name: resident.guardian || '', phone: resident.guardianPhone });
    }
  }
  els.suggestionButtons.replaceChildren(...offered.map((offer) => {
    const button = el('button', { type: 'button', class: 'button small', text: offer.label });
    button.addEventListener('click', () => {
      els.input.phone.value = offer.phone;
      if (offer.name) {
        els.input.name.value = offer.name;
      }
      clearFieldErrors();
      (offer.name ? els.input.relation : els.input.name).focus();
    });
    return button;
  }));
  els.suggestions.hidden = offered.length === 0;
}

/**
 * A number as the hub masks it in lists (Phones.mask: the first three and last four characters
 * around four stars), to tell which of the ledger's numbers are registered already. Two numbers
 * alike at both ends look the same; then the one offer is left out, and typing it in still works.
 */
function masked(phone) {
  return phone.length >= 8 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : `****${phone.slice(-2)}`;
}

function clearFieldErrors() {
  for (const field of FIELDS) {
    showMessage(els.fieldError[field], '');
    els.input[field].removeAttribute('aria-invalid');
  }
}

function showFieldError(field, text) {
  showMessage(els.fieldError[field], text);
  els.input[field].setAttribute('aria-invalid', 'true');
  els.input[field].focus();
}

/** The hub's 400 message about one field, in words. */
function fieldProblem(message) {
  if (/missing required field 'name'/.test(message)) {
    return '请填写家人的姓名。';
  }
  if (/field 'name' is longer/.test(message)) {
    return '姓名最多 50 个字。';
  }
  if (/'relation'/.test(message)) {
    return '请选择这位家人是居民的什么人。';
  }
  if (/missing required field 'phone'/.test(message)) {
    return '请填写家人的手机号。';
  }
  if (/field 'phone' must be/.test(message)) {
    return '手机号只能是数字（可以有空格、“-”和开头的“+”），5 到 20 位。';
  }
  return null;
}

async function add(event) {
  event.preventDefault();
  if (busy) {
    return;
  }
  clearFieldErrors();
  showMessage(els.error, '');
  showMessage(els.notice, '');
  const body = Object.fromEntries(FIELDS.map((field) => [field, els.input[field].value.trim()]));
  busy = true;
  els.add.disabled = true;
  const id = resident.id;
  try {
    const created = await ctx.api.post(`/api/v1/residents/${encodeURIComponent(id)}/family`, body);
    if (!ctx || !resident || resident.id !== id) {
      return;
    }
    els.input.name.value = '';
    els.input.phone.value = '';
    showMessage(els.notice, `已登记 ${created.name}（${RELATION[created.relation]}）。点“邀请”生成邀请单。`);
    await load();
  } catch (error) {
    if (!ctx || error.status === 401) {
      return;
    }
    const field = /field '([a-z]+)'/.exec(error.message || '');
    if (error.code === 'contact_not_in_ledger') {
      showFieldError('phone', '村干部只能登记台账里的父母电话或监护人电话（点上面的号码填入）。要登记其他家人，请联系镇里的工作人员。');
    } else if (error.code === 'contact_exists') {
      showFieldError('phone', '这个号码已经登记过了。');
    } else if (error.code === 'too_many_contacts') {
      showMessage(els.error, '一位居民最多登记 10 位家人。请先撤销一位不再使用的。');
    } else if (error.status === 400 && field && FIELDS.includes(field[1])) {
      showFieldError(field[1], fieldProblem(error.message) || error.message);
    } else {
      showMessage(els.error, refusalText(error, '登记'));
    }
  } finally {
    busy = false;
    if (els) {
      els.add.disabled = false;
    }
  }
}

async function invite(contact) {
  showMessage(els.error, '');
  showMessage(els.notice, '');
  try {
    const invitation = await ctx.api.post(`/api/v1/family-contacts/${encodeURIComponent(contact.id)}/invite`, {});
    if (!ctx || !resident || resident.id !== contact.residentId) {
      return;
    }
    showInvitation(contact, invitation);
    await load();
  } catch (error) {
    if (ctx && error.status !== 401) {
      showMessage(els.error, error.code === 'contact_revoked'
        ? `${contact.name}已被撤销，不能再邀请。要重新使用，请重新登记。` : refusalText(error, '生成邀请'));
    }
  }
}

function showInvitation(contact, invitation) {
  const forWhom = `${resident.name}的${RELATION[contact.relation] || '家人'} ${contact.name}`;
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(invitation.qrSvg)}`;
  const expiry = `${expiryText(invitation.expiresAt)} 前有效，只能用一次。`;
  els.inviteTitle.textContent = `给${forWhom}的邀请`;
  els.qr.src = qr;
  els.qr.alt = `${contact.name}的邀请二维码`;
  els.link.href = invitation.link;
  els.link.textContent = invitation.link;
  els.expiry.textContent = `${expiry}用手机微信扫二维码，或把邀请链接发给家人。`;
  els.slipFor.textContent = `给 ${forWhom}`;
  els.slipQr.src = qr;
  els.slipLink.textContent = `邀请链接：${invitation.link}`;
  els.slipExpiry.textContent = expiry;
  els.slipSee.textContent = `就能看到${resident.name}今天报没报平安，还可以录一段语音留言发给${resident.name}，听小院的回复。`;
  els.invite.hidden = false;
  // While an invitation is open, printing the page prints its 邀请单 alone (css/family.css).
  document.body.classList.add('print-family-slip');
  els.invite.scrollIntoView({ block: 'nearest' });
}

function closeInvitation() {
  els.invite.hidden = true;
  els.qr.removeAttribute('src');
  els.slipQr.removeAttribute('src');
  for (const text of [els.link, els.expiry, els.slipFor, els.slipLink, els.slipExpiry, els.slipSee]) {
    text.textContent = '';
  }
  els.link.removeAttribute('href');
  document.body.classList.remove('print-family-slip');
}

async function revoke(contact) {
  confirming = null;
  showMessage(els.error, '');
  try {
    await ctx.api.post(`/api/v1/family-contacts/${encodeURIComponent(contact.id)}/revoke`, {});
    if (!ctx || !resident || resident.id !== contact.residentId) {
      return;
    }
    closeInvitation();
    showMessage(els.notice, `已撤销 ${contact.name}。那部手机已不能再打开家人页面，邀请链接也已作废。`);
    await load();
  } catch (error) {
    if (ctx && error.status !== 401) {
      render();
      showMessage(els.error, refusalText(error, '撤销'));
    }
  }
}

async function copyLink() {
  try {
    await navigator.clipboard.writeText(els.link.textContent);
    showMessage(els.notice, '邀请链接已复制，可以粘贴到微信里发给家人。');
  } catch (error) {
    showMessage(els.notice, '没能复制，请长按或选中邀请链接后复制。');
  }
}

function onListClick(event) {
  const button = event.target.closest('button[data-action]');
  const item = button && button.closest('li[data-id]');
  const contact = item && contacts.find((known) => known.id === item.dataset.id);
  if (!contact) {
    return;
  }
  const action = button.dataset.action;
  if (action === 'invite') {
    invite(contact);
  } else if (action === 'revoke' || action === 'revoke-cancel') {
    confirming = action === 'revoke' ? contact.id : null;
    render();
    const next = els.list.querySelector(`li[data-id="${contact.id}"] button`);
    if (next) {
      next.focus();
    }
  } else if (action === 'revoke-confirm') {
    revoke(contact);
  }
}

function wire() {
  els.form.addEventListener('submit', add);
  els.list.addEventListener('click', onListClick);
  els.print.addEventListener('click', () => window.print());
  els.copy.addEventListener('click', copyLink);
  els.close.addEventListener('click', closeInvitation);
  for (const field of FIELDS) {
    els.input[field].addEventListener('input', () => {
      showMessage(els.fieldError[field], '');
      els.input[field].removeAttribute('aria-invalid');
    });
  }
}

/** Shows the family of {@code shown} (a resident with every field), or nothing for null. */
export function showFamily(context, shown) {
  if (!els) {
    els = elements();
    wire();
  }
  ctx = context;
  const same = shown && resident && resident.id === shown.id;
  resident = shown;
  els.box.hidden = !shown;
  if (!same) {
    loadNumber += 1;
    contacts = [];
    confirming = null;
    closeInvitation();
    clearFieldErrors();
    els.input.name.value = '';
    els.input.phone.value = '';
    els.input.relation.value = shown && shown.type === 'CHILD' ? 'FATHER' : 'SON';
    showMessage(els.notice, '');
    showMessage(els.error, '');
    els.list.replaceChildren();
    els.empty.hidden = true;
  }
  if (shown) {
    load();
  }
}

/** Forgets everything shown, as at logout. */
export function clearFamily() {
  if (els) {
    showFamily(null, null);
    ctx = null;
  }
}
