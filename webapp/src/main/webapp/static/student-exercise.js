// VisionGrade student exercise page: countdowns, the drawing canvas and image upload of an image
// answer (with the result: decision, top classes as bars, heat map), and the classifier
// challenge's spec editor (presets, form <-> JSON, live server check) and file uploads.
(function () {
  'use strict';
  var VG = window.VG;

  // ------------------------------------------------------------------ texts and time

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

  function left(until) {
    var ms = new Date(until).getTime() - Date.now();
    if (!(ms > 0)) return T('student.left.passed');
    var min = Math.ceil(ms / 60000);
    var d = Math.floor(min / 1440), h = Math.floor((min % 1440) / 60), m = min % 60;
    if (d > 0) return T('student.left.days', d, h);
    if (h > 0) return T('student.left.hours', h, m);
    return T('student.left.minutes', Math.max(1, m));
  }
  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll('.student-left[data-until]'), function (el) {
      el.textContent = left(el.getAttribute('data-until'));
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('time[datetime]'), function (t) {
    var d = new Date(t.getAttribute('datetime'));
    if (!isNaN(d.getTime())) { t.title = t.textContent; t.textContent = d.toLocaleString(); }
  });
  tick();
  setInterval(tick, 30000);

  // ------------------------------------------------------------------ image answer

  var lastDrawing = null;

  function Drawing(section) {
    var canvas = section.querySelector('canvas.draw');
    var g = canvas.getContext('2d');
    var strokes = [];
    var current = null;
    var tool = 'pen';
    var sizeInput = section.querySelector('[data-role=size]');
    var self = this;

    function paintBackground() {
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, canvas.width, canvas.height);
    }
    function paintStroke(s) {
      g.strokeStyle = s.tool === 'eraser' ? '#ffffff' : '#000000';
      g.fillStyle = g.strokeStyle;
      g.lineWidth = s.size;
      g.lineCap = 'round';
      g.lineJoin = 'round';
      if (s.points.length === 1) {
        g.beginPath();
        g.arc(s.points[0][0], s.points[0][1], s.size / 2, 0, Math.PI * 2);
        g.fill();
        return;
      }
      g.beginPath();
      g.moveTo(s.points[0][0], s.points[0][1]);
      for (var i = 1; i < s.points.length; i++) g.lineTo(s.points[i][0], s.points[i][1]);
      g.stroke();
    }
    function repaint() {
      paintBackground();
      strokes.forEach(paintStroke);
    }
    function point(ev) {
      var r = canvas.getBoundingClientRect();
      return [(ev.clientX - r.left) * canvas.width / r.width, (ev.clientY - r.top) * canvas.height / r.height];
    }
    canvas.addEventListener('pointerdown', function (ev) {
      ev.preventDefault();
      lastDrawing = self;
      canvas.setPointerCapture(ev.pointerId);
      current = { tool: tool, size: Number(sizeInput.value) || 12, points: [point(ev)] };
      strokes.push(current);
      paintStroke(current);
    });
    canvas.addEventListener('pointermove', function (ev) {
      if (!current) return;
      ev.preventDefault();
      var p = point(ev);
      var prev = current.points[current.points.length - 1];
      current.points.push(p);
      g.strokeStyle = current.tool === 'eraser' ? '#ffffff' : '#000000';
      g.lineWidth = current.size;
      g.lineCap = 'round';
      g.beginPath();
      g.moveTo(prev[0], prev[1]);
      g.lineTo(p[0], p[1]);
      g.stroke();
    });
    function end() { current = null; }
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('focus', function () { lastDrawing = self; });

    function setTool(name) {
      tool = name;
      ['pen', 'eraser'].forEach(function (n) {
        section.querySelector('[data-action=' + n + ']').setAttribute('aria-pressed', String(n === name));
      });
    }
    section.querySelector('[data-action=pen]').addEventListener('click', function () { setTool('pen'); });
    section.querySelector('[data-action=eraser]').addEventListener('click', function () { setTool('eraser'); });
    section.querySelector('[data-action=undo]').addEventListener('click', function () { self.undo(); });
    section.querySelector('[data-action=clear]').addEventListener('click', function () {
      strokes = [];
      repaint();
    });
    this.undo = function () { strokes.pop(); repaint(); };
    this.isEmpty = function () { return strokes.length === 0; };
    this.blob = function () {
      return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/png'); });
    };
    paintBackground();
  }

  document.addEventListener('keydown', function (ev) {
    if ((ev.ctrlKey || ev.metaKey) && !ev.shiftKey && (ev.key === 'z' || ev.key === 'Z') && lastDrawing) {
      var t = ev.target;
      if (t && (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && t.type !== 'range'))) return;
      ev.preventDefault();
      lastDrawing.undo();
    }
  });

  function decisionBadge(decision) {
    var cls = decision === 'ACCEPTED' ? 'ok' : decision === 'REJECTED' ? 'bad' : 'warn';
    return VG.el('span', { 'class': 'badge ' + cls, 'data-decision': decision }, [T('student.decision.' + decision)]);
  }

  function showAnswer(out, a) {
    out.textContent = '';
    out.className = 'student-result';
    var bars = VG.el('dl', { 'class': 'bars student-bars' });
    (a.topClasses || []).forEach(function (c) {
      var p = Number(c.probability) || 0;
      bars.appendChild(VG.el('dt', {}, [c['class'] + ' — ' + (100 * p).toFixed(1) + ' %']));
      bars.appendChild(VG.el('dd', {}, [VG.el('meter', {
        min: '0', max: '1', low: '0.3', high: '0.8', optimum: '1', value: String(p),
        'aria-label': c['class'] + ' ' + (100 * p).toFixed(1) + ' %' })])); 
    });
    var heat = VG.el('img', { 'class': 'student-heatmap', alt: T('student.answer.heatmap'),
      src: VG.url('api/course/answers/' + a.id + '/heatmap.png') });
    heat.addEventListener('error', function () { heat.hidden = true; });
    var points = a.points !== null && a.points !== undefined
      ? VG.el('p', {}, [T('student.answer.points', a.points, a.maxPoints)]) : null;
    var kids = [
      VG.el('h3', {}, [T('student.answer.result'), ' ', decisionBadge(a.decision)]),
      VG.el('div', { 'class': 'grid' }, [
        VG.el('div', {}, [VG.el('h4', {}, [T('student.answer.saw')]), bars]),
        VG.el('figure', {}, [heat, VG.el('figcaption', {}, [T('student.answer.heatmap')])])
      ])
    ];
    if (points) kids.push(points);
    if (a.passbackNote) kids.push(VG.el('p', { 'class': 'hint' }, [a.passbackNote]));
    kids.forEach(function (k) { out.appendChild(k); });
    if (out.scrollIntoView) out.scrollIntoView({ block: 'nearest' });
  }

  function sendAnswer(section, blob, button) {
    var out = section.querySelector('.student-result');
    out.className = 'student-result';
    out.textContent = T('student.answer.sending');
    button.disabled = true;
    var path = 'api/course/exercises/' + section.getAttribute('data-exercise') + '/answers?prompt='
      + section.getAttribute('data-prompt');
    return VG.api('POST', path, blob, blob.type || 'image/png')
      .then(function (a) { showAnswer(out, a); })
      .catch(function (err) { VG.showError(out, err); })
      .then(function () { button.disabled = false; });
  }

  Array.prototype.forEach.call(document.querySelectorAll('section.student-prompt'), function (section) {
    var drawing = new Drawing(section);
    if (!lastDrawing) lastDrawing = drawing;
    var submitDrawing = section.querySelector('[data-action=submit-drawing]');
    submitDrawing.addEventListener('click', function () {
      if (drawing.isEmpty()) {
        VG.showError(section.querySelector('.student-result'), new Error(T('student.draw.empty')));
        return;
      }
      drawing.blob().then(function (blob) { sendAnswer(section, blob, submitDrawing); });
    });
    var file = section.querySelector('[data-role=file]');
    var preview = section.querySelector('img.student-preview');
    var submitFile = section.querySelector('[data-action=submit-file]');
    file.addEventListener('change', function () {
      var f = file.files && file.files[0];
      if (preview.src) URL.revokeObjectURL(preview.src);
      if (!f) { preview.hidden = true; submitFile.disabled = true; return; }
      preview.src = URL.createObjectURL(f);
      preview.hidden = false;
      submitFile.disabled = false;
    });
    submitFile.addEventListener('click', function () {
      var f = file.files && file.files[0];
      if (f) sendAnswer(section, f, submitFile);
    });
  });

  // ------------------------------------------------------------------ spec editor

  var editor = document.getElementById('spec-editor');
  if (editor) specEditor(editor);

  function specEditor(root) {
    var exercise = root.getAttribute('data-exercise');
    var input = { width: Number(root.getAttribute('data-width')), height: Number(root.getAttribute('data-height')),
                  channels: Number(root.getAttribute('data-channels')) };
    var maxEpochs = Number(root.getAttribute('data-max-epochs')) || 1;
    var presets = JSON.parse(document.getElementById('vg-presets').textContent);
    var json = document.getElementById('spec-json');
    var layersEl = document.getElementById('layers');
    var check = document.getElementById('spec-check');
    var error = document.getElementById('spec-error');
    var submit = document.getElementById('submit-spec');
    var spec = null;
    var timer = null;
    var seq = 0;

    function adapt(s) {
      s = JSON.parse(JSON.stringify(s));
      s.input = { width: input.width, height: input.height, channels: input.channels };
      s.training = s.training || {};
      if (!(s.training.epochs <= maxEpochs)) s.training.epochs = maxEpochs;
      return s;
    }
    function get(obj, path) {
      return path.split('.').reduce(function (o, k) { return o && typeof o === 'object' ? o[k] : undefined; }, obj);
    }
    function set(obj, path, value) {
      var keys = path.split('.');
      var o = obj;
      for (var i = 0; i < keys.length - 1; i++) {
        if (!o[keys[i]] || typeof o[keys[i]] !== 'object') o[keys[i]] = {};
        o = o[keys[i]];
      }
      if (value === undefined) delete o[keys[keys.length - 1]]; else o[keys[keys.length - 1]] = value;
    }
    function first(v) { return Array.isArray(v) ? v[0] : v; }

    var PARAMS = {
      conv2d: [['filters', 'number'], ['kernel', 'pair'], ['activation', 'activation']],
      maxpool2d: [['pool', 'pair']],
      avgpool2d: [['pool', 'pair']],
      dropout: [['rate', 'number']],
      dense: [['units', 'units'], ['activation', 'activation']],
      residual: [['filters', 'number'], ['stride', 'number']]
    };
    var ACTIVATIONS = ['none', 'relu', 'leakyrelu', 'tanh', 'sigmoid', 'gelu'];

    function layerItem(layer, index) {
      var li = VG.el('li', { 'class': 'student-layer' });
      var row = VG.el('div', { 'class': 'row' }, [VG.el('strong', {}, [String(layer.type)])]);
      (PARAMS[layer.type] || []).forEach(function (p) {
        var name = p[0], kind = p[1];
        var id = 'layer-' + index + '-' + name;
        var field;
        if (kind === 'activation') {
          field = VG.el('select', { id: id });
          ACTIVATIONS.forEach(function (a) { field.appendChild(VG.el('option', {}, [a])); });
          field.value = layer.activation || 'none';
        } else {
          field = VG.el('input', { id: id, type: kind === 'units' ? 'text' : 'number', size: '6',
                                    step: name === 'rate' ? '0.05' : '1', min: '0' });
          field.value = layer[name] === undefined ? '' : String(first(layer[name]));
        }
        field.addEventListener('input', function () {
          var v = field.value;
          var l = spec.layers[index];
          if (kind === 'activation') l.activation = v;
          else if (kind === 'pair') l[name] = v === '' ? undefined : [Number(v), Number(v)];
          else if (kind === 'units') l[name] = v === 'classes' ? 'classes' : v === '' ? undefined : Number(v);
          else l[name] = v === '' ? undefined : Number(v);
          formChanged();
        });
        row.appendChild(VG.el('label', { 'for': id }, [name + ' ', field]));
      });
      var up = VG.el('button', { type: 'button', 'class': 'secondary', 'aria-label': T('student.spec.up') + ' ' + (index + 1) }, ['↑']);
      up.disabled = index === 0;
      up.addEventListener('click', function () {
        var l = spec.layers.splice(index, 1)[0];
        spec.layers.splice(index - 1, 0, l);
        renderForm();
        formChanged();
      });
      var rm = VG.el('button', { type: 'button', 'class': 'secondary', 'aria-label': T('student.spec.remove') + ' ' + (index + 1) }, ['✕']);
      rm.addEventListener('click', function () {
        spec.layers.splice(index, 1);
        renderForm();
        formChanged();
      });
      row.appendChild(up);
      row.appendChild(rm);
      li.appendChild(row);
      return li;
    }

    function renderForm() {
      layersEl.textContent = '';
      (Array.isArray(spec.layers) ? spec.layers : []).forEach(function (l, i) {
        if (l && typeof l === 'object') layersEl.appendChild(layerItem(l, i));
      });
      Array.prototype.forEach.call(root.querySelectorAll('[data-path]'), function (f) {
        var v = get(spec, f.getAttribute('data-path'));
        if (f.type === 'checkbox') f.checked = v === true;
        else f.value = v === undefined || v === null ? '' : String(v);
      });
    }

    function formChanged() {
      json.value = JSON.stringify(spec, null, 2);
      scheduleCheck();
    }

    Array.prototype.forEach.call(root.querySelectorAll('[data-path]'), function (f) {
      f.addEventListener(f.tagName === 'SELECT' || f.type === 'checkbox' ? 'change' : 'input', function () {
        var path = f.getAttribute('data-path');
        var v = f.type === 'checkbox' ? f.checked : f.tagName === 'SELECT' ? f.value
          : f.value === '' ? undefined : Number(f.value);
        set(spec, path, v);
        formChanged();
      });
    });

    json.addEventListener('input', function () {
      try {
        var parsed = JSON.parse(json.value);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          spec = parsed;
          renderForm();
        }
        scheduleCheck();
      } catch (e) {
        clearTimeout(timer);
        seq++;
        VG.showError(check, new Error(T('student.spec.badJson', e.message)));
      }
    });

    document.getElementById('add-layer').addEventListener('click', function () {
      var type = document.getElementById('new-layer').value;
      var defaults = { conv2d: { filters: 8, kernel: [3, 3], activation: 'relu' }, maxpool2d: { pool: [2, 2] },
                       avgpool2d: { pool: [2, 2] }, dropout: { rate: 0.25 }, dense: { units: 'classes' },
                       residual: { filters: 8, stride: 1 } };
      var layer = Object.assign({ type: type }, defaults[type] || {});
      if (!Array.isArray(spec.layers)) spec.layers = [];
      // Before the final classifier layer, where a new layer usually belongs.
      var at = spec.layers.length && type !== 'dense' ? spec.layers.length - 1 : spec.layers.length;
      spec.layers.splice(at, 0, layer);
      renderForm();
      formChanged();
    });

    function loadPreset(name) {
      spec = adapt(presets[name]);
      renderForm();
      formChanged();
    }
    document.getElementById('load-preset').addEventListener('click', function () {
      loadPreset(document.getElementById('preset').value);
    });

    function scheduleCheck() {
      clearTimeout(timer);
      timer = setTimeout(runCheck, 350);
    }
    function runCheck() {
      var mine = ++seq;
      check.className = 'student-check';
      check.removeAttribute('role');
      check.textContent = T('student.spec.checking');
      VG.api('POST', 'api/course/specs/check?exercise=' + encodeURIComponent(exercise), json.value, 'application/json')
        .then(function (r) {
          if (mine !== seq) return;
          check.textContent = '';
          check.className = 'student-check alert-ok';
          check.appendChild(VG.el('p', { id: 'spec-valid' }, [T('student.spec.valid', r.totalParameters, r.maxParameters)]));
          var tbody = VG.el('tbody');
          tbody.appendChild(VG.el('tr', {}, [VG.el('td', {}, ['input']), VG.el('td', {}, [r.input]), VG.el('td', { 'class': 'num' }, ['0'])]));
          r.layers.forEach(function (l) {
            tbody.appendChild(VG.el('tr', {}, [VG.el('td', {}, [l.index + ' ' + l.type]), VG.el('td', {}, [l.shape]),
              VG.el('td', { 'class': 'num' }, [String(l.parameters)])]));
          });
          check.appendChild(VG.el('div', { 'class': 'table-wrap' }, [VG.el('table', { id: 'spec-summary' }, [
            VG.el('thead', {}, [VG.el('tr', {}, [VG.el('th', {}, [T('student.spec.colLayer')]),
              VG.el('th', {}, [T('student.spec.colShape')]), VG.el('th', { 'class': 'num' }, [T('student.spec.colParams')])])]),
            tbody])]));
        })
        .catch(function (err) {
          if (mine !== seq) return;
          VG.showError(check, err);
        });
    }

    submit.addEventListener('click', function () {
      error.hidden = true;
      submit.disabled = true;
      VG.api('POST', 'api/course/exercises/' + exercise + '/submissions', json.value, 'application/json')
        .then(function (s) { window.location.href = VG.url('app/submissions/' + s.id); })
        .catch(function (err) { VG.showError(error, err); submit.disabled = false; });
    });

    loadPreset(presets['seed-cnn'] ? 'seed-cnn' : Object.keys(presets)[0]);
  }

  // ------------------------------------------------------------------ TorchScript / CSV uploads

  Array.prototype.forEach.call(document.querySelectorAll('section.student-file'), function (section) {
    var file = section.querySelector('input[type=file]');
    var button = section.querySelector('[data-action=submit-upload]');
    var error = section.querySelector('.student-file-error');
    var kind = section.getAttribute('data-kind');
    file.addEventListener('change', function () { button.disabled = !(file.files && file.files[0]); });
    button.addEventListener('click', function () {
      var f = file.files && file.files[0];
      if (!f) return;
      error.hidden = true;
      button.disabled = true;
      VG.api('POST', 'api/course/exercises/' + section.getAttribute('data-exercise') + '/submissions?kind=' + kind, f,
             kind === 'PREDICTIONS_CSV' ? 'text/csv' : 'application/octet-stream')
        .then(function (s) { window.location.href = VG.url('app/submissions/' + s.id); })
        .catch(function (err) { VG.showError(error, err); button.disabled = false; });
    });
  });
})();
