// Herald's small bit of browser code: CSRF for htmx, friendly errors for htmx actions,
// removable thread parts. Everything else is server-rendered.
(function () {
	'use strict';

	function meta(name) {
		var el = document.querySelector('meta[name="' + name + '"]');
		return el ? el.getAttribute('content') : null;
	}

	document.addEventListener('htmx:configRequest', function (event) {
		var header = meta('csrf-header');
		var token = meta('csrf-token');
		if (header && token) {
			event.detail.headers[header] = token;
		}
	});

	// Buttons that act through the REST API refresh a part of the page when done.
	document.addEventListener('htmx:afterRequest', function (event) {
		var source = event.detail.elt;
		var refresh = source && source.getAttribute && source.getAttribute('data-refresh');
		if (event.detail.successful && refresh && window.htmx) {
			var errorBox = document.getElementById('action-error');
			if (errorBox) {
				errorBox.hidden = true;
			}
			window.htmx.trigger(refresh, 'refresh');
		}
	});

	document.addEventListener('htmx:responseError', function (event) {
		var box = document.getElementById('action-error');
		if (!box) {
			return;
		}
		var message = 'That did not work (HTTP ' + event.detail.xhr.status + ').';
		try {
			var problem = JSON.parse(event.detail.xhr.responseText);
			if (problem && (problem.detail || problem.title)) {
				message = problem.detail || problem.title;
			}
		}
		catch (ignored) {
			// Not a problem document: keep the generic message.
		}
		if (event.detail.xhr.status === 404 && event.detail.requestConfig
				&& /\/retry$/.test(event.detail.requestConfig.path)) {
			message = 'Retrying is not available on this server yet.';
		}
		box.textContent = message;
		box.hidden = false;
		box.focus();
	});

	document.addEventListener('htmx:sendError', function () {
		var box = document.getElementById('action-error');
		if (box) {
			box.textContent = 'The server could not be reached. Check your connection and try again.';
			box.hidden = false;
		}
	});

	document.addEventListener('click', function (event) {
		var button = event.target.closest && event.target.closest('[data-remove-part]');
		if (!button) {
			return;
		}
		var part = button.closest('.part');
		var form = button.closest('form');
		if (part) {
			part.remove();
		}
		if (form) {
			form.dispatchEvent(new Event('change', { bubbles: true }));
		}
	});

	// Show the chosen zone next to the picker as it changes.
	document.addEventListener('change', function (event) {
		if (event.target && event.target.id === 'zone') {
			var shown = document.querySelector('#zone-shown strong');
			if (shown) {
				shown.textContent = event.target.value;
			}
		}
	});
}());

// Media on the compose page: drag and drop or pick files, upload with progress to the
// assets API, alt text per item, reorder, remove.
(function () {
	'use strict';

	var zone = document.getElementById('dropzone');
	var list = document.getElementById('media-list');
	var template = document.getElementById('media-item-template');
	var input = document.getElementById('file-input');
	var status = document.getElementById('upload-status');
	if (!zone || !list || !template || !input) {
		return;
	}

	function changed() {
		var form = list.closest('form');
		if (form) {
			form.dispatchEvent(new Event('change', { bubbles: true }));
		}
	}

	function problemMessage(xhr) {
		if (xhr.status === 404 || xhr.status === 405) {
			return 'Media upload is not available on this server yet.';
		}
		try {
			var problem = JSON.parse(xhr.responseText);
			return problem.detail || problem.title || ('Upload failed (HTTP ' + xhr.status + ').');
		}
		catch (ignored) {
			return 'Upload failed (HTTP ' + xhr.status + ').';
		}
	}

	function upload(file) {
		var item = template.content.firstElementChild.cloneNode(true);
		var thumb = item.querySelector('img.thumb');
		var progress = item.querySelector('progress');
		var alt = item.querySelector('.alt-input');
		var label = item.querySelector('label');
		var localId = 'upload-' + Math.random().toString(36).slice(2);
		alt.id = localId;
		label.setAttribute('for', localId);
		label.textContent = 'Alt text for ' + file.name;
		if (file.type.indexOf('image/') === 0) {
			thumb.src = URL.createObjectURL(file);
		}
		list.appendChild(item);
		status.textContent = 'Uploading ' + file.name + '…';

		var data = new FormData();
		data.append('file', file);
		var xhr = new XMLHttpRequest();
		xhr.open('POST', '/api/v1/assets');
		var header = document.querySelector('meta[name="csrf-header"]');
		var token = document.querySelector('meta[name="csrf-token"]');
		if (header && token) {
			xhr.setRequestHeader(header.content, token.content);
		}
		xhr.setRequestHeader('Accept', 'application/json');
		xhr.upload.addEventListener('progress', function (event) {
			if (event.lengthComputable) {
				progress.value = Math.round(event.loaded * 100 / event.total);
			}
		});
		xhr.addEventListener('load', function () {
			if (xhr.status >= 200 && xhr.status < 300) {
				var asset = JSON.parse(xhr.responseText);
				item.dataset.asset = asset.id;
				item.querySelector('input[type=hidden]').value = asset.id;
				alt.name = 'alt-' + asset.id;
				progress.remove();
				status.textContent = file.name + ' uploaded. Add its alt text.';
				alt.focus();
				changed();
			}
			else {
				item.classList.add('failed');
				item.querySelector('input[type=hidden]').remove();
				progress.remove();
				status.textContent = file.name + ': ' + problemMessage(xhr);
			}
		});
		xhr.addEventListener('error', function () {
			item.classList.add('failed');
			item.querySelector('input[type=hidden]').remove();
			status.textContent = file.name + ': the server could not be reached.';
		});
		xhr.send(data);
	}

	function uploadAll(files) {
		Array.prototype.forEach.call(files, upload);
	}

	document.getElementById('choose-files').addEventListener('click', function () {
		input.click();
	});
	input.addEventListener('change', function () {
		uploadAll(input.files);
		input.value = '';
	});
	zone.addEventListener('dragover', function (event) {
		event.preventDefault();
		zone.classList.add('over');
	});
	zone.addEventListener('dragleave', function () {
		zone.classList.remove('over');
	});
	zone.addEventListener('drop', function (event) {
		event.preventDefault();
		zone.classList.remove('over');
		uploadAll(event.dataTransfer.files);
	});
	list.addEventListener('click', function (event) {
		var item = event.target.closest('.media-item');
		if (!item) {
			return;
		}
		if (event.target.hasAttribute('data-remove-media')) {
			item.remove();
			changed();
		}
		var move = event.target.getAttribute('data-move');
		if (move === '-1' && item.previousElementSibling) {
			list.insertBefore(item, item.previousElementSibling);
			event.target.focus();
			changed();
		}
		if (move === '1' && item.nextElementSibling) {
			list.insertBefore(item.nextElementSibling, item);
			event.target.focus();
			changed();
		}
	});
}());

// Mark the browser's own time zone in the zone picker, next to the workspace's.
(function () {
	'use strict';
	var select = document.getElementById('zone');
	if (!select || !window.Intl) {
		return;
	}
	var browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	Array.prototype.forEach.call(select.options, function (option) {
		if (option.value === browserZone) {
			option.textContent = option.textContent + ' (your browser)';
		}
	});
}());

// Calendar: drag a scheduled post to another day; the server applies the same checks as
// any edit and the page reloads to show the result.
(function () {
	'use strict';
	var table = document.querySelector('table.calendar[data-reschedule]');
	if (!table) {
		return;
	}
	var status = document.getElementById('calendar-status');
	var dragged = null;

	function show(message, ok) {
		status.textContent = message;
		status.className = 'alert ' + (ok ? 'notice' : 'error');
		status.hidden = false;
		status.focus();
	}

	table.addEventListener('dragstart', function (event) {
		var entry = event.target.closest && event.target.closest('a.entry[draggable=true]');
		if (!entry) {
			return;
		}
		dragged = entry.getAttribute('data-post');
		event.dataTransfer.setData('text/plain', dragged);
		event.dataTransfer.effectAllowed = 'move';
	});
	table.addEventListener('dragover', function (event) {
		if (dragged && event.target.closest('td[data-date]')) {
			event.preventDefault();
		}
	});
	table.addEventListener('drop', function (event) {
		var cell = event.target.closest('td[data-date]');
		if (!dragged || !cell) {
			return;
		}
		event.preventDefault();
		var body = new URLSearchParams();
		body.append('post', dragged);
		body.append('date', cell.getAttribute('data-date'));
		dragged = null;
		var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
		var header = document.querySelector('meta[name="csrf-header"]');
		var token = document.querySelector('meta[name="csrf-token"]');
		if (header && token) {
			headers[header.content] = token.content;
		}
		fetch(table.getAttribute('data-reschedule'), { method: 'POST', headers: headers, body: body })
			.then(function (response) {
				return response.text().then(function (text) {
					if (response.ok) {
						window.location.reload();
					}
					else {
						show(text || 'The post could not be moved.', false);
					}
				});
			})
			.catch(function () {
				show('The server could not be reached.', false);
			});
	});
}());
