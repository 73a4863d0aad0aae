// Teacher: review queue. Decides answers over the REST API with one click or a key (A accept,
// R reject, L relabel with the chosen class; arrows move), announces each decision in the live
// region and moves focus to the next answer. "Add to training data" is remembered.
(function () {
  'use strict';
  var queue = document.getElementById('queue');
  var status = document.getElementById('review-status');
  if (!queue || !status) return;
  var KEY = 'vg.review.addToTraining';
  var msg = status.dataset;

  function fmt(s, args) {
    return String(s || '').replace(/\{(\d)\}/g, function (_, i) { return args[+i]; });
  }
  function items() { return Array.prototype.slice.call(queue.querySelectorAll('li.review')); }
  function remembered() {
    try { return window.localStorage.getItem(KEY) === 'true'; } catch (e) { return false; }
  }
  function remember(v) {
    try { window.localStorage.setItem(KEY, v ? 'true' : 'false'); } catch (e) { /* private mode */ }
    queue.querySelectorAll('.add-training').forEach(function (c) { c.checked = v; });
  }
  remember(remembered());
  queue.addEventListener('change', function (ev) {
    if (ev.target.classList.contains('add-training')) remember(ev.target.checked);
  });

  function current() {
    var a = document.activeElement;
    var li = a && a.closest ? a.closest('li.review') : null;
    return li || items()[0] || null;
  }
  function focusItem(li) {
    if (!li) {
      var empty = document.getElementById('queue-empty');
      empty.hidden = false;
      empty.focus();
      return;
    }
    li.focus();
    li.scrollIntoView({ block: 'nearest' });
  }

  function decide(li, verdict) {
    if (!li || li.dataset.busy) return;
    li.dataset.busy = '1';
    var id = li.dataset.answer;
    var body = { verdict: verdict };
    if (verdict === 'RELABEL') body['class'] = li.querySelector('.relabel-class').value;
    body.addToTrainingData = verdict !== 'REJECT' && li.querySelector('.add-training').checked;
    VG.api('POST', 'api/course/reviews/' + id, body).then(function () {
      var list = items();
      var next = list[list.indexOf(li) + 1] || list[list.indexOf(li) - 1] || null;
      li.remove();
      status.textContent = fmt(msg.msgDecided, [id, msg['msgDecided' + verdict.charAt(0) + verdict.slice(1).toLowerCase()]]);
      document.getElementById('queue-count').textContent = fmt(msg.msgCount, [items().length]);
      focusItem(next);
    }, function (err) {
      delete li.dataset.busy;
      var box = li.querySelector('.review-error') || li.querySelector('.review-body').appendChild(VG.el('p', { 'class': 'review-error' }));
      VG.showError(box, err);
      status.textContent = err.message;
    });
  }

  queue.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var verdict = ev.submitter && ev.submitter.value;
    if (verdict) decide(ev.target.closest('li.review'), verdict);
  });

  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) && t.type !== 'checkbox') return;
    var li = current();
    if (!li) return;
    var list = items();
    var i = list.indexOf(li);
    switch (ev.key) {
      case 'a': case 'A': decide(li, 'ACCEPT'); break;
      case 'r': case 'R': decide(li, 'REJECT'); break;
      case 'l': case 'L': decide(li, 'RELABEL'); break;
      case 'ArrowDown': case 'ArrowRight': focusItem(list[Math.min(i + 1, list.length - 1)]); break;
      case 'ArrowUp': case 'ArrowLeft': focusItem(list[Math.max(i - 1, 0)]); break;
      default: return;
    }
    ev.preventDefault();
  });
})();
