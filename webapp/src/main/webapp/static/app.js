// VisionGrade pages: shared helpers (no framework). The page carries its launch session token in
// <meta name="vg-session">; API calls send it as a bearer token, EventSource URLs as ?session=.
(function () {
  'use strict';
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') : null;
  }
  var base = meta('vg-base') || '/';
  var session = meta('vg-session');

  /** An error carrying the server's problem document (RFC 9457). */
  function ApiError(status, problem) {
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.message = (problem && (problem.detail || problem.title)) || ('HTTP ' + status);
  }
  ApiError.prototype = Object.create(Error.prototype);

  /** URL of an app path with the session token. */
  function url(path) {
    var u = base + path.replace(/^\//, '');
    if (session) {
      u += (u.indexOf('?') >= 0 ? '&' : '?') + 'session=' + encodeURIComponent(session);
    }
    return u;
  }

  /**
   * Calls the REST API: api('GET', 'api/course/exercises') or api('POST', path, body[, type]).
   * Objects are sent as JSON; Blobs/ArrayBuffers/strings as given (type defaults to the Blob's).
   * Resolves with parsed JSON (or text / null), rejects with ApiError.
   */
  function api(method, path, body, type) {
    var headers = { 'Accept': 'application/json, application/problem+json' };
    if (session) headers['Authorization'] = 'Bearer ' + session;
    var payload = body;
    if (body !== undefined && body !== null && !(body instanceof Blob) && !(body instanceof ArrayBuffer)
        && typeof body !== 'string' && !(body instanceof FormData)) {
      payload = JSON.stringify(body);
      type = type || 'application/json';
    }
    if (type) headers['Content-Type'] = type;
    return fetch(base + path.replace(/^\//, ''), { method: method, headers: headers, body: payload })
      .then(function (res) {
        var ct = res.headers.get('Content-Type') || '';
        var parse = ct.indexOf('json') >= 0 ? res.json() : res.text();
        return parse.then(function (data) {
          if (!res.ok) throw new ApiError(res.status, typeof data === 'object' ? data : { detail: data });
          return data;
        }, function () {
          if (!res.ok) throw new ApiError(res.status, null);
          return null;
        });
      });
  }

  /** Server-Sent Events from an app path; handlers: {eventName: fn(data)}; returns the source. */
  function events(path, handlers) {
    var es = new EventSource(url(path));
    Object.keys(handlers).forEach(function (name) {
      es.addEventListener(name, function (ev) {
        var data;
        try { data = JSON.parse(ev.data); } catch (e) { data = ev.data; }
        handlers[name](data, ev);
      });
    });
    return es;
  }

  /** Shows an error (ApiError or Error) in an element as an alert; returns the element. */
  function showError(el, err) {
    el.textContent = err && err.message ? err.message : String(err);
    el.className = 'error';
    el.setAttribute('role', 'alert');
    el.hidden = false;
    return el;
  }

  /** A short polite message at the bottom of the page. */
  function toast(text) {
    var t = document.getElementById('vg-toast');
    if (!t) return;
    t.textContent = text;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { t.textContent = ''; }, 4000);
  }

  /** Creates an element: el('li', {class: 'x'}, ['text', child]). Text is never parsed as HTML. */
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return e;
  }

  window.VG = { base: base, session: session, url: url, api: api, events: events,
                showError: showError, toast: toast, el: el, ApiError: ApiError };
})();
