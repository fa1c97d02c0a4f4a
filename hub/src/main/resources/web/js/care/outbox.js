// Visits saved on the phone and not yet accepted by the hub. They live in localStorage, so a
// closed tab, a reload or a dead battery does not lose them, and each keeps the id the phone made
// for it when it was saved: sending it again (the answer was lost, the page was reloaded) stores
// nothing twice on the hub, which answers the stored visit.

const KEY = 'courtyard.care.outbox';

/** A random UUID (version 4). crypto.randomUUID needs HTTPS; getRandomValues works everywhere. */
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Every visit waiting, oldest first; with a username, only those that user saved (a phone shared
 * by two cadres sends each one's visits under their own login). Each entry:
 * { visit, residentName, user, savedAt, error? }.
 */
export function pending(username) {
  return all().filter((entry) => !username || entry.user === username);
}

function all() {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(stored) ? stored : [];
  } catch (cause) {
    return [];
  }
}

function save(entries) {
  localStorage.setItem(KEY, JSON.stringify(entries));
}

/**
 * Keeps a visit that username saved until the hub has it, with its photo (a JPEG data URL) if
 * any. When the phone's storage is full the visit is kept without the photo: answers false then.
 */
export function add(visit, residentName, username, photo) {
  const entry = { visit, residentName, user: username, savedAt: new Date().toISOString() };
  try {
    save([...all(), photo ? { ...entry, photo } : entry]);
    return true;
  } catch (full) {
    save([...all(), entry]);
    return !photo;
  }
}

/** Drops a visit: the hub has it, or the cadre gave up on one the hub refused. */
export function remove(id) {
  save(all().filter((entry) => entry.visit.id !== id));
}

function update(id, change) {
  save(all().map((entry) => (entry.visit.id === id ? { ...entry, ...change } : entry)));
}

/** The bytes of a data URL (data:image/jpeg;base64,…) as a Blob; fetch() may not read data: here (CSP). */
function blobOf(dataUrl) {
  const [head, base64] = dataUrl.split(',', 2);
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: head.slice(5, head.indexOf(';')) });
}

let sending = null;

/**
 * Sends every waiting visit, one at a time, oldest first. Resolves to { sent, offline }: how many
 * the hub took, and whether the line was down (the rest wait for the next try). A visit the hub
 * refuses (another village, a person no longer in the ledger) stays with the hub's reason, for
 * the cadre to see and delete; a 401 stops the round (the login is over; api.js shows the form).
 * Only one round runs at a time: a second call while one runs gets that round's result.
 */
export function flush(api, username) {
  if (!sending) {
    sending = send(api, username).finally(() => {
      sending = null;
    });
  }
  return sending;
}

async function send(api, username) {
  let sent = 0;
  for (const entry of pending(username)) {
    if (entry.error) {
      continue;
    }
    try {
      if (!entry.visitSent) {
        await api.post('/api/v1/visits', entry.visit);
        update(entry.visit.id, { visitSent: true });
      }
      if (entry.photo) {
        // The visit is on the hub; only its photo is left to send if the line drops now.
        await api.upload('PUT', `/api/v1/visits/${entry.visit.id}/photo`, blobOf(entry.photo), 'image/jpeg');
      }
      remove(entry.visit.id);
      sent += 1;
    } catch (error) {
      if (error.status === 0) {
        return { sent, offline: true };
      }
      if (error.status === 401) {
        return { sent, offline: false };
      }
      if (error.status >= 500) {
        return { sent, offline: true };
      }
      update(entry.visit.id, { error: error.message });
    }
  }
  return { sent, offline: false };
}
