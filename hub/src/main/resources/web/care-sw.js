// The phone page's service worker (js/care/main.js registers it for /care…): keeps the page's
// own files so that it opens without signal once it has been opened with it. Network first, so a
// new hub version is picked up whenever the line is there; the API is never cached here (the page
// keeps its last lists itself, and visits go through its outbox).

const CACHE = 'courtyard-care-2';
const SHELL = ['care.html', 'css/base.css', 'css/care.css', 'js/care/main.js', 'js/care/outbox.js', 'js/care/survey.js', 'js/api.js', 'js/dom.js',
  'js/people.js',
  'icon.svg'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request, { ignoreSearch: true })
    .then((cached) => cached || Response.error())));
});
