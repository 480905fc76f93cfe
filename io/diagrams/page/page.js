(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('powermap-data').textContent);
  const svg = document.querySelector('#canvas svg');
  const panel = document.getElementById('panel');
  const tip = document.getElementById('tip');
  const search = document.getElementById('search');
  const results = document.getElementById('results');

  // The same folding as graph::normalize_name: decompose, drop marks (accents, tashkeel,
  // hamza), tatweel and bidi controls, fold alef/ya/ta marbuta, case, punctuation.
  function normalize(text) {
    return String(text || '').normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/\u0640/g, '')
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
      .replace(/\u0649/g, '\u064a')
      .replace(/\u0629/g, '\u0647')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  const outgoing = data.entities.map(() => []);
  const incoming = data.entities.map(() => []);
  data.relations.forEach((relation, index) => {
    outgoing[relation.from].push(index);
    incoming[relation.to].push(index);
  });
  const keys = data.entities.map((entity) => {
    const names = [entity.id, entity.name, entity.label].concat(Object.values(entity.names), entity.aliases);
    return names.filter(Boolean).map((name) => ({ name: name, folded: normalize(name) }));
  });

  function sourceTitle(id) {
    const source = data.sources[id];
    if (!source) return id;
    return source.title_en || source.title || id;
  }

  function citations(relation, into) {
    relation.citations.forEach((citation) => {
      if (citation.quote) into.appendChild(el('blockquote', '\u201c' + citation.quote + '\u201d'));
      into.appendChild(el('div', sourceTitle(citation.source) + (citation.note ? ' \u2014 ' + citation.note : ''), 'citation-source'));
    });
    if (relation.citations.length === 0) into.appendChild(el('div', 'no source cited', 'citation-source'));
  }

  function details(relation) {
    return [relation.role, relation.amount, relation.period].filter(Boolean).join(', ');
  }

  let selected = null;
  function select(index) {
    if (selected !== null) {
      const old = document.getElementById('n' + selected);
      if (old) old.classList.remove('selected');
    }
    selected = index;
    const node = document.getElementById('n' + index);
    if (node) node.classList.add('selected');
    const entity = data.entities[index];
    panel.replaceChildren();
    const card = el('div', null, 'card');
    card.id = 'card';
    card.dataset.entity = entity.id;
    card.appendChild(el('h2', entity.label));
    card.appendChild(el('div', entity.type_label + ' \u00b7 ' + entity.id, 'type'));
    const facts = el('dl');
    const addFact = (term, value) => {
      if (!value) return;
      facts.appendChild(el('dt', term));
      facts.appendChild(el('dd', value));
    };
    addFact('name', entity.name);
    Object.keys(entity.names).sort().forEach((lang) => addFact('name (' + lang + ')', entity.names[lang]));
    addFact('also known as', entity.aliases.join(' \u00b7 '));
    addFact('tags', entity.tags.join(', '));
    Object.keys(entity.props).sort().forEach((key) => addFact(key, entity.props[key]));
    card.appendChild(facts);
    const ties = outgoing[index].map((r) => [r, true]).concat(incoming[index].map((r) => [r, false]));
    card.appendChild(el('h3', 'Ties (' + ties.length + ')'));
    const list = el('ul');
    ties.forEach(([relationIndex, forward]) => {
      const relation = data.relations[relationIndex];
      const other = forward ? relation.to : relation.from;
      const item = el('li');
      item.dataset.relation = relationIndex;
      item.appendChild(document.createTextNode((forward ? relation.forward : relation.reverse) + ' '));
      const link = el('a', data.entities[other].label, 'entity');
      link.addEventListener('click', () => select(other));
      item.appendChild(link);
      const more = details(relation);
      if (more) {
        // Isolated so that "$24.6M" keeps its order inside an Arabic line.
        item.appendChild(document.createTextNode(' '));
        item.appendChild(el('bdi', '[' + more + ']'));
      }
      citations(relation, item);
      list.appendChild(item);
    });
    card.appendChild(list);
    panel.appendChild(card);
    if (location.hash !== '#' + encodeURIComponent(entity.id)) {
      history.replaceState(null, '', '#' + encodeURIComponent(entity.id));
    }
  }

  // Entities and ties in the SVG carry id="n<index>" / id="r<index>".
  svg.querySelectorAll('g.node').forEach((node) => {
    const index = Number(node.id.slice(1));
    if (node.id[0] !== 'n' || !(index in data.entities)) return;
    node.addEventListener('click', (event) => { event.stopPropagation(); select(index); });
  });
  svg.querySelectorAll('g.edge').forEach((edge) => {
    const index = Number(edge.id.slice(1));
    const relation = data.relations[index];
    if (edge.id[0] !== 'r' || !relation) return;
    edge.querySelectorAll('title').forEach((title) => title.remove());
    edge.querySelectorAll('a').forEach((a) => a.removeAttribute('xlink:title'));
    edge.addEventListener('mousemove', (event) => {
      tip.replaceChildren();
      tip.appendChild(el('strong', data.entities[relation.from].label + ' ' + relation.forward + ' ' + data.entities[relation.to].label));
      const more = details(relation);
      if (more) tip.appendChild(el('div', more)).dir = 'auto';
      citations(relation, tip);
      tip.style.display = 'block';
      tip.style.left = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + 'px';
      tip.style.top = Math.min(event.clientY + 14, window.innerHeight - tip.offsetHeight - 8) + 'px';
    });
    edge.addEventListener('mouseleave', () => { tip.style.display = 'none'; });
  });

  function find(text) {
    const wanted = normalize(text);
    if (!wanted) return [];
    const found = [];
    keys.forEach((names, index) => {
      let best = null;
      names.forEach((key) => {
        const score = key.folded === wanted ? 3 : key.folded.startsWith(wanted) ? 2 : key.folded.includes(wanted) ? 1 : 0;
        if (score > 0 && (!best || score > best.score)) best = { index: index, score: score, name: key.name };
      });
      if (best) found.push(best);
    });
    found.sort((a, b) => b.score - a.score || data.entities[a.index].id.localeCompare(data.entities[b.index].id));
    return found.slice(0, 20);
  }
  search.addEventListener('input', () => {
    results.replaceChildren();
    find(search.value).forEach((match) => {
      const entity = data.entities[match.index];
      const item = el('li', entity.label + (match.name !== entity.label ? ' (' + match.name + ')' : ''));
      item.dataset.entity = entity.id;
      item.addEventListener('click', () => { select(match.index); centre(match.index); results.replaceChildren(); });
      results.appendChild(item);
    });
  });
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && results.firstChild) results.firstChild.click();
    if (event.key === 'Escape') results.replaceChildren();
  });

  // Pan and zoom by rewriting the viewBox.
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  const initial = svg.viewBox.baseVal;
  let box = { x: initial.x, y: initial.y, w: initial.width, h: initial.height };
  const home = Object.assign({}, box);
  function apply() { svg.setAttribute('viewBox', [box.x, box.y, box.w, box.h].join(' ')); }
  function zoom(factor, cx, cy) {
    const w = Math.min(Math.max(box.w * factor, home.w / 50), home.w * 4);
    const h = box.h * (w / box.w);
    box = { x: cx - (cx - box.x) * (w / box.w), y: cy - (cy - box.y) * (h / box.h), w: w, h: h };
    apply();
  }
  function toSvg(event) {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }
  svg.addEventListener('wheel', (event) => {
    event.preventDefault();
    const at = toSvg(event);
    zoom(event.deltaY < 0 ? 0.85 : 1 / 0.85, at.x, at.y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, box: Object.assign({}, box) };
    document.getElementById('canvas').classList.add('dragging');
  });
  window.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const scale = box.w / svg.getBoundingClientRect().width;
    box.x = drag.box.x - (event.clientX - drag.x) * scale;
    box.y = drag.box.y - (event.clientY - drag.y) * scale;
    apply();
  });
  window.addEventListener('pointerup', () => {
    drag = null;
    document.getElementById('canvas').classList.remove('dragging');
  });
  function centre(index) {
    const node = document.getElementById('n' + index);
    if (!node) return;
    const bounds = node.getBBox();
    const ctm = node.getCTM();
    const root = svg.getCTM();
    const matrix = root ? root.inverse().multiply(ctm) : ctm;
    const point = svg.createSVGPoint();
    point.x = bounds.x + bounds.width / 2;
    point.y = bounds.y + bounds.height / 2;
    const at = point.matrixTransform(matrix);
    box.x = at.x - box.w / 2;
    box.y = at.y - box.h / 2;
    apply();
  }
  document.getElementById('zoom-in').addEventListener('click', () => zoom(0.8, box.x + box.w / 2, box.y + box.h / 2));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(1.25, box.x + box.w / 2, box.y + box.h / 2));
  document.getElementById('zoom-reset').addEventListener('click', () => { box = Object.assign({}, home); apply(); });

  if (data.path.length > 0) {
    document.getElementById('caption').textContent =
      'Path: ' + data.path.map((index) => data.entities[index].label).join(' \u2192 ');
  }
  const wanted = decodeURIComponent(location.hash.slice(1));
  const start = data.entities.findIndex((entity) => entity.id === wanted);
  if (start >= 0) {
    select(start);
    zoom(0.45, box.x + box.w / 2, box.y + box.h / 2);
    centre(start);
  }
})();
