// powermap dedupe review: one pair of entities at a time, decided Same / Different / Unsure,
// the decisions written as lines of the decisions file (judgements.jsonl) exactly as
// powermap writes them (io::judgement_line). Everything from the data is set as text.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('review-data').textContent);
  const storageKey = 'powermap-review:' + data.key;
  const verdicts = ['same', 'different', 'unsure'];

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  // A JSON string as RapidJSON's Writer writes it (and so judgement_line): '"' and '\\'
  // escaped, \b \t \n \f \r by name, other control characters as \u00XX (upper case);
  // everything else, '/' and non-ASCII included, as it is.
  function jsonString(text) {
    const named = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
    return '"' + String(text).replace(/["\\\u0000-\u001f]/g, function (c) {
      if (named[c]) return named[c];
      return '\\u00' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    }) + '"';
  }

  // The browser's clock as the decisions file writes it: UTC, ISO 8601 to the second.
  function nowText() {
    return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  }

  // One line of the decisions file: keys a, b, judgement, score, who, when in this order,
  // "who" left out when empty (as judgement_line does).
  function judgementLine(pair, decision, who) {
    let line = '{"a":' + jsonString(data.entities[pair.a].id) + ',"b":' + jsonString(data.entities[pair.b].id) +
      ',"judgement":' + jsonString(decision.judgement) + ',"score":' + pair.score_text;
    if (who) line += ',"who":' + jsonString(who);
    line += ',"when":' + jsonString(decision.when) + '}';
    return line;
  }

  // Decisions made in this page: pair index -> {judgement, when}; `order` is the order in
  // which they were last made (a changed mind moves the pair to the end, as a new line would).
  let state = { who: data.who || '', decisions: {}, order: [] };
  try {
    const saved = JSON.parse(window.localStorage.getItem(storageKey) || 'null');
    if (saved && typeof saved === 'object' && saved.decisions) state = saved;
    if (!state.who && data.who) state.who = data.who;
  } catch (e) {
    // No storage (a private window, a file:// policy): decisions live as long as the tab.
  }
  function save() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      // See above.
    }
  }

  function lines() {
    return state.order.map(function (index) {
      return judgementLine(data.pairs[index], state.decisions[index], state.who);
    });
  }
  function fileText() {
    const all = lines();
    return all.length ? all.join('\n') + '\n' : '';
  }

  // The page: header (progress, reviewer, export), the pair, the decision buttons.
  const header = el('header');
  header.appendChild(el('h1', 'powermap dedupe review'));
  const progress = el('div', '', 'progress');
  progress.id = 'progress';
  header.appendChild(progress);
  const whoLabel = el('label', 'Reviewer ');
  const whoInput = el('input');
  whoInput.id = 'who';
  whoInput.type = 'text';
  whoInput.placeholder = 'your name';
  whoInput.value = state.who;
  whoInput.addEventListener('input', function () {
    state.who = whoInput.value.trim();
    save();
    update();
  });
  whoLabel.appendChild(whoInput);
  header.appendChild(whoLabel);
  const download = el('button', 'Download judgements.jsonl');
  download.id = 'download';
  const copy = el('button', 'Copy to clipboard');
  copy.id = 'copy';
  header.appendChild(download);
  header.appendChild(copy);
  document.body.appendChild(header);

  const notes = el('div', null, 'notes');
  notes.id = 'notes';
  const target = data.judgements_file || 'judgements.jsonl';
  notes.appendChild(el('p', 'Decide each pair, then download the lines (or copy them) and append them to ' + target +
    ' beside your maps. Keys: s same, d different, u unsure, n next, p previous.'));
  data.notes.forEach(function (note) { notes.appendChild(el('p', note)); });
  document.body.appendChild(notes);

  const nav = el('nav');
  const previous = el('button', '\u2190 Previous (p)');
  previous.id = 'previous';
  const position = el('span', '', 'position');
  position.id = 'position';
  const next = el('button', 'Next (n) \u2192');
  next.id = 'next';
  const nextOpen = el('button', 'Next undecided');
  nextOpen.id = 'next-undecided';
  nav.appendChild(previous);
  nav.appendChild(position);
  nav.appendChild(next);
  nav.appendChild(nextOpen);
  document.body.appendChild(nav);

  const main = el('main');
  main.id = 'pair';
  document.body.appendChild(main);

  const decide = el('div', null, 'decide');
  const buttons = {};
  [['same', 'Same (s)'], ['different', 'Different (d)'], ['unsure', 'Unsure (u)']].forEach(function (item) {
    const button = el('button', item[1], 'verdict ' + item[0]);
    button.id = 'decide-' + item[0];
    button.addEventListener('click', function () { choose(item[0]); });
    buttons[item[0]] = button;
    decide.appendChild(button);
  });
  const current = el('span', '', 'current');
  current.id = 'current';
  decide.appendChild(current);
  document.body.appendChild(decide);

  const exportBox = el('details');
  exportBox.appendChild(el('summary', 'The lines so far'));
  const linesBox = el('textarea');
  linesBox.id = 'lines';
  linesBox.readOnly = true;
  linesBox.rows = 8;
  exportBox.appendChild(linesBox);
  document.body.appendChild(exportBox);

  const status = el('div', '', 'status');
  status.id = 'status';
  document.body.appendChild(status);

  // The reviewer's name, asked once (remembered with the decisions) unless --who gave it.
  let asking = false;
  function askName(then) {
    asking = true;
    const overlay = el('div', null, 'overlay');
    overlay.id = 'ask-name';
    const form = el('form');
    form.appendChild(el('p', 'Your name, written as "who" in each decision:'));
    const input = el('input');
    input.type = 'text';
    input.id = 'ask-name-input';
    input.value = state.who;
    form.appendChild(input);
    form.appendChild(el('button', 'Start'));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      const name = input.value.trim();
      if (!name) {
        input.focus();
        return;
      }
      state.who = name;
      whoInput.value = name;
      save();
      overlay.remove();
      asking = false;
      update();
      if (then) then();
    });
    overlay.appendChild(form);
    document.body.appendChild(overlay);
    input.focus();
  }

  let at = 0;
  function firstOpen(from) {
    for (let step = 0; step < data.pairs.length; ++step) {
      const index = (from + step) % data.pairs.length;
      if (!state.decisions[index]) return index;
    }
    return -1;
  }

  // A quote; one longer than `longQuote` characters (a whole CSV row, say) is cut, with a
  // button to show all of it.
  const longQuote = 300;
  function quoteBlock(quote) {
    const block = el('blockquote', '\u201c' + (quote.length > longQuote ? quote.slice(0, longQuote) + '\u2026' : quote) + '\u201d');
    if (quote.length > longQuote) {
      const whole = el('button', 'whole quote', 'more');
      whole.addEventListener('click', function () {
        block.textContent = '\u201c' + quote + '\u201d';
      });
      block.appendChild(el('span', ' '));
      block.appendChild(whole);
    }
    return block;
  }

  function tieItem(entityIndex, otherSide, relationIndex, neighbours) {
    const relation = data.relations[relationIndex];
    const outgoing = relation.from === entityIndex;
    const other = outgoing ? relation.to : relation.from;
    const item = el('li');
    const words = el('div', null, 'tie');
    words.appendChild(el('span', (outgoing ? relation.forward : relation.reverse) + ' '));
    const otherEntity = data.entities[other];
    words.appendChild(el('span', otherEntity.label, 'other'));
    words.appendChild(el('span', ' (' + otherEntity.id + ')', 'id'));
    if (other === otherSide) words.appendChild(el('span', 'the other entity', 'badge'));
    else if (neighbours.has(other)) words.appendChild(el('span', 'tied to both', 'badge'));
    item.appendChild(words);
    const facts = [relation.type, relation.role, relation.amount, relation.period].filter(Boolean).join(' \u00b7 ');
    item.appendChild(el('div', facts, 'facts'));
    relation.citations.forEach(function (citation) {
      if (citation.quote) item.appendChild(quoteBlock(citation.quote));
      item.appendChild(el('div', (data.sources[citation.source] || citation.source) +
        (citation.note ? ' \u2014 ' + citation.note : ''), 'citation-source'));
    });
    if (relation.citations.length === 0) item.appendChild(el('div', 'no source cited', 'citation-source'));
    return item;
  }

  function otherEnds(entityIndex) {
    const ends = new Set();
    data.entities[entityIndex].ties.forEach(function (relationIndex) {
      const relation = data.relations[relationIndex];
      ends.add(relation.from === entityIndex ? relation.to : relation.from);
    });
    return ends;
  }

  const shownTies = 30;
  function card(entityIndex, otherSide) {
    const entity = data.entities[entityIndex];
    const box = el('section', null, 'card');
    box.dataset.entity = entity.id;
    box.appendChild(el('h2', entity.label));
    box.appendChild(el('div', entity.type + ' \u00b7 ' + entity.id, 'type'));
    const facts = el('dl');
    function fact(term, value) {
      if (!value) return;
      facts.appendChild(el('dt', term));
      facts.appendChild(el('dd', value));
    }
    if (entity.name !== entity.label) fact('name', entity.name);
    Object.keys(entity.names).forEach(function (lang) { fact('name (' + lang + ')', entity.names[lang]); });
    fact('aliases', entity.aliases.join(', '));
    fact('tags', entity.tags.join(', '));
    Object.keys(entity.props).forEach(function (key) { fact(key, entity.props[key]); });
    box.appendChild(facts);
    const count = entity.tie_count;
    box.appendChild(el('h3', count === 0 ? 'No ties' : count === 1 ? '1 tie' : count + ' ties'));
    const list = el('ul', null, 'ties');
    const neighbours = otherEnds(otherSide);
    function fill(limit) {
      list.replaceChildren();
      entity.ties.slice(0, limit).forEach(function (relationIndex) {
        list.appendChild(tieItem(entityIndex, otherSide, relationIndex, neighbours));
      });
    }
    fill(shownTies);
    box.appendChild(list);
    if (entity.ties.length > shownTies) {
      const more = el('button', 'Show all ' + entity.ties.length + ' ties', 'more');
      more.addEventListener('click', function () { fill(entity.ties.length); more.remove(); });
      box.appendChild(more);
    }
    if (count > entity.ties.length) {
      box.appendChild(el('div', (count - entity.ties.length) + ' more ties are not in this page (powermap show ' +
        entity.id + ')', 'citation-source'));
    }
    return box;
  }

  function show(index) {
    at = index;
    main.replaceChildren();
    if (data.pairs.length === 0) {
      main.appendChild(el('p', 'No pair to decide.', 'empty'));
      update();
      return;
    }
    const pair = data.pairs[index];
    main.dataset.pair = String(index);
    const score = el('div', null, 'score');
    score.appendChild(el('strong', 'score ' + pair.score.toFixed(2) + ' (' + pair.verdict + ')'));
    const features = el('ul', null, 'features');
    pair.features.forEach(function (feature) {
      const item = el('li');
      item.appendChild(el('b', feature.name + ': '));
      item.appendChild(el('span', feature.detail));
      features.appendChild(item);
    });
    score.appendChild(features);
    main.appendChild(score);
    const sides = el('div', null, 'sides');
    sides.appendChild(card(pair.a, pair.b));
    sides.appendChild(card(pair.b, pair.a));
    main.appendChild(sides);
    update();
  }

  function update() {
    const counts = { same: 0, different: 0, unsure: 0 };
    state.order.forEach(function (index) { counts[state.decisions[index].judgement] += 1; });
    const decided = state.order.length;
    progress.textContent = decided + ' of ' + data.pairs.length + ' decided (' + counts.same + ' same, ' +
      counts.different + ' different, ' + counts.unsure + ' unsure)';
    position.textContent = data.pairs.length ? 'Pair ' + (at + 1) + ' of ' + data.pairs.length : '';
    const decision = state.decisions[at];
    verdicts.forEach(function (verdict) {
      buttons[verdict].classList.toggle('chosen', Boolean(decision && decision.judgement === verdict));
      buttons[verdict].disabled = data.pairs.length === 0;
    });
    current.textContent = decision ? 'decided: ' + decision.judgement : 'not decided';
    linesBox.value = fileText();
    download.disabled = decided === 0;
    copy.disabled = decided === 0;
  }

  function choose(verdict) {
    if (data.pairs.length === 0) return;
    if (!state.who) {
      askName(function () { choose(verdict); });
      return;
    }
    state.decisions[at] = { judgement: verdict, when: nowText() };
    state.order = state.order.filter(function (index) { return index !== at; });
    state.order.push(at);
    save();
    const open = firstOpen((at + 1) % data.pairs.length);
    show(open === -1 ? at : open);
  }

  function move(step) {
    if (data.pairs.length === 0) return;
    show((at + step + data.pairs.length) % data.pairs.length);
  }

  previous.addEventListener('click', function () { move(-1); });
  next.addEventListener('click', function () { move(1); });
  nextOpen.addEventListener('click', function () {
    const open = firstOpen((at + 1) % Math.max(data.pairs.length, 1));
    if (open !== -1) show(open);
  });

  download.addEventListener('click', function () {
    const blob = new Blob([fileText()], { type: 'application/x-ndjson' });
    const link = el('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'judgements.jsonl';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status.textContent = 'Downloaded ' + state.order.length + ' lines: append them to ' + target + '.';
  });

  copy.addEventListener('click', function () {
    const text = fileText();
    const done = function () { status.textContent = 'Copied ' + state.order.length + ' lines.'; };
    const fallback = function () {
      linesBox.parentNode.open = true;
      linesBox.select();
      try {
        if (document.execCommand('copy')) {
          done();
          return;
        }
      } catch (e) {
        // Shown below.
      }
      status.textContent = 'Copying was refused: the lines are selected below, press Ctrl+C.';
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  });

  document.addEventListener('keydown', function (event) {
    if (asking || event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = event.target && event.target.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA') return;
    const key = event.key.toLowerCase();
    if (key === 's') choose('same');
    else if (key === 'd') choose('different');
    else if (key === 'u') choose('unsure');
    else if (key === 'n' || key === 'arrowright') move(1);
    else if (key === 'p' || key === 'arrowleft') move(-1);
    else return;
    event.preventDefault();
  });

  const open = firstOpen(0);
  show(open === -1 ? 0 : open);
  if (!state.who && data.pairs.length > 0) askName(null);

  // For tests and scripts: the lines the page would download.
  window.powermapReview = { lines: lines, judgementLine: judgementLine, jsonString: jsonString };
})();
