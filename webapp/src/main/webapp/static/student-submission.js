// VisionGrade submission page: live progress of a queued or running grading over Server-Sent
// Events (queue position, epoch/batch progress bar, live loss/accuracy curves, ETA, cancel); the
// page reconnects after a reload and reloads itself when the grading ends, to show the results.
(function () {
  'use strict';
  var VG = window.VG;
  var texts = {};
  var block = document.getElementById('vg-texts');
  if (block) {
    try { texts = JSON.parse(block.textContent); } catch (e) { texts = {}; }
  }
  function T(key) {
    var s = texts[key] || key;
    for (var i = 1; i < arguments.length; i++) s = s.split('{' + (i - 1) + '}').join(String(arguments[i]));
    return s;
  }
  Array.prototype.forEach.call(document.querySelectorAll('time[datetime]'), function (t) {
    var d = new Date(t.getAttribute('datetime'));
    if (!isNaN(d.getTime())) { t.title = t.textContent; t.textContent = d.toLocaleString(); }
  });

  var root = document.getElementById('progress');
  if (!root) return;
  var id = root.getAttribute('data-submission');
  var text = document.getElementById('progress-text');
  var bar = document.getElementById('progress-bar');
  var epochEl = document.getElementById('progress-epoch');
  var etaEl = document.getElementById('progress-eta');
  var speedEl = document.getElementById('progress-speed');
  var errorEl = document.getElementById('progress-error');
  var cancel = document.getElementById('cancel');
  var loss = [], acc = [];
  var finished = false;
  var source = null;

  var SVG = 'http://www.w3.org/2000/svg';
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  /** Draws points [x, y] (x = progress in epochs) as a polyline with min/max labels. */
  function draw(svgId, points, colour, fixedMax) {
    var svg = document.getElementById(svgId);
    if (!svg) return;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var w = 360, h = 160, l = 40, r = 8, t = 8, b = 22;
    svg.appendChild(svgEl('rect', { x: l, y: t, width: w - l - r, height: h - t - b, fill: 'none', stroke: '#c9d0da' }));
    if (points.length === 0) return;
    var xs = points.map(function (p) { return p[0]; }), ys = points.map(function (p) { return p[1]; });
    var xMax = Math.max.apply(null, xs.concat([1]));
    var yMin = fixedMax ? 0 : Math.min.apply(null, ys), yMax = fixedMax || Math.max.apply(null, ys);
    if (yMax - yMin < 1e-9) { yMax = yMin + 1; }
    var pts = points.map(function (p) {
      var x = l + (w - l - r) * p[0] / xMax;
      var y = t + (h - t - b) * (1 - (p[1] - yMin) / (yMax - yMin));
      return x.toFixed(1) + ',' + y.toFixed(1);
    }).join(' ');
    svg.appendChild(svgEl('polyline', { points: pts, fill: 'none', stroke: colour, 'stroke-width': '2' }));
    var top = svgEl('text', { x: l - 4, y: t + 10, 'text-anchor': 'end' });
    top.textContent = yMax.toFixed(2);
    var bottom = svgEl('text', { x: l - 4, y: h - b, 'text-anchor': 'end' });
    bottom.textContent = yMin.toFixed(2);
    var right = svgEl('text', { x: w - r, y: h - 6, 'text-anchor': 'end' });
    right.textContent = xMax.toFixed(1);
    [top, bottom, right].forEach(function (n) { svg.appendChild(n); });
  }

  function finish() {
    if (finished) return;
    finished = true;
    if (source) source.close();
    text.textContent = T('student.progress.done');
    if (cancel) cancel.disabled = true;
    // The submission's own state is written right after its job's: give it a moment.
    setTimeout(function () { window.location.reload(); }, 800);
  }

  function onJob(u) {
    if (u.state === 'QUEUED') {
      text.textContent = u.queuePosition > 0 ? T('student.progress.queued', u.queuePosition)
        : T('student.progress.queuedNoPos');
    } else if (u.state === 'RUNNING') {
      text.textContent = u.phase ? T('student.progress.phase', u.phase) : T('student.progress.running');
    }
    if (u.epochs > 0 && u.batches > 0) {
      var done = (Math.max(0, u.epoch - 1) + u.batch / u.batches) / u.epochs;
      bar.value = Math.max(0, Math.min(1, done));
      bar.setAttribute('aria-valuetext', Math.round(100 * bar.value) + ' %');
      epochEl.textContent = T('student.progress.epoch', u.epoch, u.epochs, u.batch, u.batches);
      var x = Math.max(0, u.epoch - 1) + u.batch / u.batches;
      if (typeof u.loss === 'number' && isFinite(u.loss)) loss.push([x, u.loss]);
      if (typeof u.accuracy === 'number' && isFinite(u.accuracy)) acc.push([x, u.accuracy]);
      draw('live-loss', loss, '#0b5cad');
      draw('live-acc', acc, '#d55e00', 1);
    }
    etaEl.textContent = u.etaSeconds >= 0 && u.state === 'RUNNING' ? T('student.progress.eta', Math.round(u.etaSeconds)) : '';
    speedEl.textContent = typeof u.imagesPerSecond === 'number' ? T('student.progress.speed', Math.round(u.imagesPerSecond)) : '';
    if (u.state === 'SUCCEEDED' || u.state === 'FAILED' || u.state === 'CANCELLED') {
      bar.value = u.state === 'SUCCEEDED' ? 1 : bar.value;
      finish();
    }
  }

  function onSubmission(s) {
    if (s.status !== 'QUEUED' && s.status !== 'RUNNING') {
      finish();
      return;
    }
    if (s.status === 'QUEUED') {
      text.textContent = s.queuePosition > 0 ? T('student.progress.queued', s.queuePosition)
        : T('student.progress.queuedNoPos');
    }
  }

  function connect() {
    source = VG.events('api/course/submissions/' + id + '/events', { submission: onSubmission, job: onJob });
    source.onerror = function () {
      // The stream ends when the grading does (or the connection dropped): look at the state.
      if (finished) return;
      source.close();
      VG.api('GET', 'api/course/submissions/' + id)
        .then(function (s) {
          if (s.status !== 'QUEUED' && s.status !== 'RUNNING') finish();
          else setTimeout(connect, 1500);
        })
        .catch(function () { setTimeout(connect, 3000); });
    };
  }
  connect();

  if (cancel) {
    cancel.addEventListener('click', function () {
      cancel.disabled = true;
      text.textContent = T('student.progress.cancelled');
      VG.api('POST', 'api/course/submissions/' + id + '/cancel')
        .then(function (s) { if (s.status === 'CANCELLED') finish(); })
        .catch(function (err) { VG.showError(errorEl, err); cancel.disabled = false; });
    });
  }
})();
