// Teacher: course model page. Follows every training version live (Server-Sent Events from
// api/course/models/{id}/events) and reloads the page when one ends, to show its results.
(function () {
  'use strict';
  var table = document.getElementById('versions');
  if (!table) return;
  var msg = table.dataset;

  function fmt(s, args) {
    return String(s || '').replace(/\{(\d)\}/g, function (_, i) { return args[+i]; });
  }

  document.querySelectorAll('.training[data-events]').forEach(function (box) {
    var bar = box.querySelector('progress');
    var text = box.querySelector('.progress-text');
    var finished = false;
    var es = VG.events(box.dataset.events, {
      model: function (m) {
        if (m.state !== 'TRAINING') end(m.state);
      },
      job: function (j) {
        if (j.state === 'QUEUED') {
          text.textContent = fmt(msg.msgQueueposition, [j.queuePosition]);
        } else if (j.epochs && j.batches) {
          var done = (j.epoch - 1) * j.batches + j.batch;
          bar.value = Math.min(100, Math.round(100 * done / (j.epochs * j.batches)));
          var t = fmt(msg.msgEpochbatch, [j.epoch, j.epochs, j.batch, j.batches]);
          if (typeof j.loss === 'number') t += ' · loss ' + j.loss.toFixed(3);
          if (typeof j.accuracy === 'number') t += ' · acc ' + (100 * j.accuracy).toFixed(1) + ' %';
          if (j.etaSeconds >= 0) t += ' · ' + fmt(msg.msgEta, [j.etaSeconds]);
          text.textContent = t;
        } else if (j.phase) {
          text.textContent = fmt(msg.msgPhase, [j.phase]);
        }
        if (['SUCCEEDED', 'FAILED', 'CANCELLED'].indexOf(j.state) >= 0) {
          bar.value = 100;
          end(j.state);
        }
      }
    });
    function end(state) {
      if (finished) return;
      finished = true;
      es.close();
      text.textContent = fmt(msg.msgFinished, [state]);
      setTimeout(function () { window.location.reload(); }, 800);
    }
  });
})();
