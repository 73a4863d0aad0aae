// Teacher: gradebook. Sends a score again over the REST API (POST api/course/score-deliveries/
// {id}/retry) and updates its cell; without this script the retry form posts to the page.
(function () {
  'use strict';
  var table = document.getElementById('gradebook');
  var status = document.getElementById('gradebook-status');
  if (!table || !status) return;
  table.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form.classList.contains('retry')) return;
    ev.preventDefault();
    var box = form.closest('.delivery');
    var button = form.querySelector('button');
    button.disabled = true;
    VG.api('POST', 'api/course/score-deliveries/' + box.dataset.delivery + '/retry').then(function (d) {
      var badge = box.querySelector('.delivery-state');
      badge.textContent = d && d.state === 'DELIVERED' ? badge.textContent : status.dataset.msgSending;
      form.remove();
      status.textContent = status.dataset.msgRetried;
    }, function (err) {
      button.disabled = false;
      status.textContent = err.message;
    });
  });
})();
