// SellRocket cookie banner (K1–K4): no framework, no dependency. Shown on the public site; the
// customer area and staff console use strictly necessary cookies only (K2), so it never appears
// there. Optional scripts are declared as <script type="text/plain" data-consent="statistical|marketing"
// data-src="…"> and load only after the matching consent.
(function () {
  'use strict';
  if (/^\/(account|staff)(\/|$)/.test(location.pathname)) return;

  var messages = {
    en: {
      title: 'Cookies',
      accept: 'Accept all',
      reject: 'Reject all',
      customise: 'Customise',
      save: 'Save choices',
      necessary: 'Necessary (always on)',
      statistical: 'Statistical',
      marketing: 'Marketing',
      gpc: 'Your browser asks not to be tracked (Global Privacy Control), so marketing stays off.',
    },
    pt: {
      title: 'Cookies',
      accept: 'Aceitar todos',
      reject: 'Rejeitar todos',
      customise: 'Personalizar',
      save: 'Guardar escolhas',
      necessary: 'Necessários (sempre ativos)',
      statistical: 'Estatísticos',
      marketing: 'Marketing',
      gpc: 'O seu navegador pede para não ser seguido (Global Privacy Control), por isso o marketing fica desligado.',
    },
  };
  // The page's language (the app sets it before this script runs, and again when the reader switches).
  function pageLanguage() {
    return (document.documentElement.lang || navigator.language || 'en').toLowerCase().indexOf('pt') === 0
      ? 'pt-PT'
      : 'en';
  }
  var gpc = navigator.globalPrivacyControl === true;
  var box = null;

  function readChoice() {
    var m = /(?:^|;\s*)sr_consent=([^;]+)/.exec(document.cookie);
    if (!m) return null;
    var parts = decodeURIComponent(m[1]).split('.');
    return parts.length === 3
      ? { version: parts[0], statistical: parts[1][0] === '1', marketing: parts[1][1] === '1' }
      : null;
  }

  function loadConsented(choice) {
    var pending = document.querySelectorAll('script[type="text/plain"][data-consent]');
    for (var i = 0; i < pending.length; i++) {
      var s = pending[i];
      if (!choice[s.getAttribute('data-consent')]) continue;
      var real = document.createElement('script');
      real.src = s.getAttribute('data-src');
      s.parentNode.replaceChild(real, s);
    }
    window.sellrocketConsent = choice;
  }

  function button(label, cls, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  function show(notice) {
    var t = messages[notice.language === 'pt-PT' ? 'pt' : 'en'];
    box = document.createElement('section');
    box.className = 'cookie-banner';
    box.setAttribute('data-language', notice.language);
    box.setAttribute('lang', notice.language);
    box.setAttribute('aria-label', t.title);
    var h = document.createElement('h2');
    h.textContent = t.title;
    box.appendChild(h);
    var p = document.createElement('p');
    p.textContent = notice.text;
    box.appendChild(p);
    if (gpc) {
      var g = document.createElement('p');
      g.className = 'muted';
      g.textContent = t.gpc;
      box.appendChild(g);
    }
    var custom = document.createElement('fieldset');
    custom.hidden = true;
    var boxes = {};
    [
      ['necessary', true, true],
      ['statistical', false, false],
      ['marketing', false, gpc],
    ].forEach(function (c) {
      var id = 'cookie-' + c[0];
      var row = document.createElement('div');
      row.className = 'checkbox';
      var input = document.createElement('input');
      input.type = 'checkbox';
      input.id = id;
      input.checked = c[1];
      input.disabled = c[0] === 'necessary' || c[2];
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = t[c[0]];
      row.appendChild(input);
      row.appendChild(label);
      custom.appendChild(row);
      boxes[c[0]] = input;
    });
    var actions = document.createElement('div');
    actions.className = 'cookie-actions';
    function decide(statistical, marketing, method) {
      // Recorded against the notice on screen: its language, whatever the page has switched to since.
      fetch('/api/v1/consent/cookies', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'accept-language': notice.language },
        body: JSON.stringify({ statistical: statistical, marketing: marketing && !gpc, method: method, gpc: gpc }),
      })
        .then(function (r) {
          return r.json();
        })
        .then(function (choice) {
          box.remove();
          box = null;
          loadConsented(choice);
        });
    }
    actions.appendChild(
      button(t.accept, 'btn btn-primary', function () {
        decide(true, true, 'accept-all');
      }),
    );
    actions.appendChild(
      button(t.reject, 'btn btn-primary', function () {
        decide(false, false, 'reject-all');
      }),
    );
    var customise = button(t.customise, 'btn btn-secondary', function () {
      if (custom.hidden) {
        custom.hidden = false;
        customise.textContent = t.save;
        return;
      }
      decide(boxes.statistical.checked, boxes.marketing.checked, 'custom');
    });
    actions.appendChild(customise);
    box.appendChild(custom);
    box.appendChild(actions);
    document.body.appendChild(box);
  }

  function fetchNotice(language) {
    return fetch('/api/v1/consent/cookies/notice', {
      credentials: 'same-origin',
      headers: { 'accept-language': language },
    }).then(function (r) {
      return r.json();
    });
  }

  fetchNotice(pageLanguage()).then(function (notice) {
    var choice = readChoice();
    // Asked again when the choice has expired (the cookie lasts 30 days, K3) or the notice changed.
    if (choice && choice.version === notice.version) {
      loadConsented(choice);
      return;
    }
    show(notice);
    // A switch of language while the banner is up: the notice in the new language replaces it.
    new MutationObserver(function () {
      var language = pageLanguage();
      if (!box || box.getAttribute('data-language') === language) return;
      fetchNotice(language).then(function (n) {
        if (!box || pageLanguage() !== n.language) return;
        box.remove();
        show(n);
      });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  });
})();
