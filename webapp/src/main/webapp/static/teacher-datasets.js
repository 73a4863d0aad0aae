// Teacher: datasets page. Sends the upload form to the REST API with a progress bar (XHR upload
// events); without this script the form posts to the page itself.
(function () {
  'use strict';
  var form = document.getElementById('upload');
  if (!form) return;
  var bar = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');
  var error = document.getElementById('upload-error');
  var button = document.getElementById('upload-button');

  function fmt(s, args) {
    return String(s || '').replace(/\{(\d)\}/g, function (_, i) { return args[+i]; });
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    error.hidden = true;
    var data = new FormData(form);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', VG.base + 'api/course/datasets');
    if (VG.session) xhr.setRequestHeader('Authorization', 'Bearer ' + VG.session);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.round(100 * e.loaded / e.total);
      bar.value = pct;
      status.textContent = fmt(form.dataset.msgUploading, [pct]);
      if (pct >= 100) status.textContent = form.dataset.msgProcessing;
    });
    xhr.addEventListener('load', function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status === 201 && body) {
        window.location.href = VG.url('app/teach/datasets?done=uploaded') + '#dataset-' + body.id;
        return;
      }
      done();
      VG.showError(error, new VG.ApiError(xhr.status, body || { detail: xhr.statusText }));
      error.setAttribute('tabindex', '-1');
      error.focus();
    });
    xhr.addEventListener('error', function () {
      done();
      VG.showError(error, new Error('The upload did not reach the server; check the connection and try again.'));
    });
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    xhr.send(data);
  });

  function done() {
    button.disabled = false;
    bar.hidden = true;
    status.textContent = '';
  }
})();
