/**
 * diemcau's service worker (client/vite.config.ts writes it to dist/sw.js with the list of the
 * shell's files and the build's id). It keeps the shell — the page, the code and styles of the
 * site page and the public page, the manifest and icons — so an installed page opens with no
 * line. It never keeps data: the API, the socket and the health check always go to the network.
 * - the page (a navigation): the network first, the kept page when there is no answer within
 *   3 s (a cut district line does not fail, it just never answers);
 * - hashed files (/assets/): from the cache, else fetched and kept (their content never changes);
 * - a new build installs alongside and removes the old shell once active.
 */
/* global __SHELL__, __BUILD__ */
const SHELL = __SHELL__;
const CACHE = `diemcau-shell-${__BUILD__}`;
const PAGE = '/index.html';
const PAGE_WAIT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('diemcau-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

function keptPage() {
  return caches.match(PAGE, { cacheName: CACHE });
}

function page(request) {
  const network = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      void caches.open(CACHE).then((cache) => cache.put(PAGE, copy));
    }
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, PAGE_WAIT_MS)).then(keptPage);
  return Promise.race([network.catch(keptPage), late.then((kept) => kept || network)]).then((response) => response || network);
}

function hashed(request) {
  return caches.match(request, { cacheName: CACHE }).then(
    (kept) =>
      kept ||
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }),
  );
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/socket.io/') || url.pathname === '/healthz') return;
  if (request.mode === 'navigate') event.respondWith(page(request).then((response) => response || Response.error()));
  else if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) event.respondWith(hashed(request));
});
