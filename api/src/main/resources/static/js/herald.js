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
