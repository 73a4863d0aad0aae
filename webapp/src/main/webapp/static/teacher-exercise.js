// Teacher: exercise settings page. The form works without this script; it adds prompt rows,
// checks the thresholds' order while typing, and focuses the error summary after a refused save.
(function () {
  'use strict';
  var form = document.getElementById('settings');
  if (!form) return;

  var summary = document.getElementById('form-errors');
  if (summary) summary.focus();

  // Prompt rows: "Add a prompt" copies the last row with the next number.
  var add = document.getElementById('add-prompt');
  var list = form.querySelector('.prompt-rows');
  if (add && list) {
    add.hidden = false;
    add.addEventListener('click', function () {
      var rows = list.querySelectorAll('.prompt-row');
      var last = rows[rows.length - 1];
      var next = last.cloneNode(true);
      var n = rows.length;
      next.querySelectorAll('input, label, .field-error').forEach(function (el) {
        if (el.classList.contains('field-error')) { el.remove(); return; }
        ['id', 'for', 'name'].forEach(function (a) {
          var v = el.getAttribute(a);
          if (v) el.setAttribute(a, v.replace(/\d+/, String(n)));
        });
        if (el.tagName === 'INPUT') {
          el.value = '';
          el.removeAttribute('aria-invalid');
          el.removeAttribute('aria-describedby');
        }
      });
      list.appendChild(next);
      var first = next.querySelector('input');
      if (first) first.focus();
    });
  }

  // τ_reject < τ_accept, said while typing (the server checks it again).
  var accept = document.getElementById('f-acceptThreshold');
  var reject = document.getElementById('f-rejectThreshold');
  var check = document.getElementById('threshold-check');
  function checkOrder() {
    var a = parseFloat(accept.value), r = parseFloat(reject.value);
    check.textContent = !isNaN(a) && !isNaN(r) && r >= a ? check.dataset.msgThresholdorder : '';
  }
  if (accept && reject && check) {
    accept.addEventListener('input', checkOrder);
    reject.addEventListener('input', checkOrder);
  }
})();
