// Panjereh's service worker (panjereh/portal/app_views.py). Same-origin GETs only; nothing else is touched.
"use strict";
const SHELL = "panjereh-shell-{{ version }}";
const DOCUMENTS = "panjereh-documents";
const ASSETS = {{ assets|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("panjereh-shell-") && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "forget-documents") { event.waitUntil(caches.delete(DOCUMENTS)); }
});

function isDocumentPage(url) { return /^\/me\/documents\/[^/]+\/$/.test(url.pathname); }

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok && isDocumentPage(url)) {  // kept for showing offline
          const copy = response.clone();
          caches.open(DOCUMENTS).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      }).catch(() => caches.open(DOCUMENTS)
        .then((cache) => cache.match(url.pathname))
        .then((kept) => kept || caches.match("/offline/")))
    );
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  }
});
