#!/bin/sh
# The HTML page in headless Chromium: it loads with no console error or blocked fetch,
# clicking a node shows its card, the search finds an Arabic name typed without hamza,
# hovering a tie shows its citation, and an entity named like markup stays text.
# Exit 77 (skip) without Chromium.
set -eu
powermap="$1"
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$powermap" export --to json -o "$dir/sample.json" 2>/dev/null
/usr/bin/python3 - "$dir/sample.json" <<'PY'
import json, sys
path = sys.argv[1]
data = json.load(open(path, encoding="utf-8"))
# The article's text stays behind in samples/; without it quotes are simply not checked.
for source in data["sources"]:
    source.pop("text_file", None)
# Markup in a name, and a script end tag in another language's name and in a quote.
data["entities"].append({"id": "xss", "type": "person", "name": "<img src=x onerror=alert(1)>",
                         "names": {"ar": "</script><script>alert(2)</script>"}})
data["relations"].append({"from": "xss", "to": "palantir", "type": "works_for",
                          "sources": [{"source": "article", "quote": "<!-- </script> -->"}]})
json.dump(data, open(path, "w", encoding="utf-8"), ensure_ascii=False)
PY
"$powermap" --graph "$dir/sample.json" export --to html --path "Peter Thiel" ICE -o "$dir/map.html" 2>/dev/null

# The probe: hooks installed before the page's own script, checks run after it.
/usr/bin/python3 - "$dir/map.html" "$dir/probe.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
hooks = """<script>
window.__errors = [];
window.__pwned = false;
window.alert = function () { window.__pwned = true; };
window.addEventListener('error', function (e) { window.__errors.push('error: ' + (e.message || (e.target && e.target.outerHTML))); }, true);
window.addEventListener('securitypolicyviolation', function (e) { window.__errors.push('csp: ' + e.blockedURI); });
var __consoleError = console.error;
console.error = function () { window.__errors.push('console: ' + Array.prototype.join.call(arguments, ' ')); __consoleError.apply(console, arguments); };
</script>"""
checks = """<script>
(function () {
  var r = {};
  try {
    var data = JSON.parse(document.getElementById('powermap-data').textContent);
    var index = function (id) { return data.entities.findIndex(function (e) { return e.id === id; }); };
    var click = function (element) { element.dispatchEvent(new MouseEvent('click', {bubbles: true})); };
    click(document.getElementById('n' + index('palantir')));
    var card = document.getElementById('card');
    r.card_entity = card && card.dataset.entity;
    r.card_text = card && card.textContent;
    var search = document.getElementById('search');
    search.value = '\\u0627\\u0645\\u0627\\u0632\\u0648\\u0646';  // "امازون": أمازون without hamza
    search.dispatchEvent(new Event('input'));
    r.search = Array.prototype.map.call(document.querySelectorAll('#results li'), function (li) { return li.dataset.entity; });
    click(document.querySelector('#results li'));
    r.after_search = document.getElementById('card').dataset.entity;
    var edge = document.querySelector('g.edge');
    edge.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: 100, clientY: 100}));
    r.tip = document.getElementById('tip').textContent;
    click(document.getElementById('n' + index('xss')));
    r.xss_title = document.querySelector('#card h2').textContent;
    r.xss_card = document.getElementById('card').textContent;
    r.images = document.querySelectorAll('img').length;
    r.scripts = document.querySelectorAll('script').length;
    r.svg_text = Array.prototype.some.call(document.querySelectorAll('g.node text'), function (t) { return t.textContent === '<img src=x onerror=alert(1)>'; });
    r.caption = document.getElementById('caption').textContent;
    r.nodes = document.querySelectorAll('g.node').length;
  } catch (e) {
    r.exception = String(e && e.stack || e);
  }
  r.errors = window.__errors;
  r.pwned = window.__pwned;
  var out = document.createElement('pre');
  out.id = 'probe-result';
  out.textContent = JSON.stringify(r);
  document.body.appendChild(out);
})();
</script>"""
page = page.replace("<head>", "<head>\n" + hooks, 1)
at = page.rindex("</body>")
page = page[:at] + checks + page[at:]
open(sys.argv[2], "w", encoding="utf-8").write(page)
PY

timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$dir/profile" \
  --virtual-time-budget=5000 --dump-dom "file://$dir/probe.html" > "$dir/dom.html" 2> "$dir/chromium.log" || {
  echo "chromium failed:"; tail -20 "$dir/chromium.log"; exit 1; }

/usr/bin/python3 - "$dir/dom.html" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
found = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
if not found:
    print("the probe did not run; DOM starts:", dom[:500])
    sys.exit(1)
r = json.loads(html.unescape(found.group(1)))
failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
check("exception" not in r, "the probe ran without an exception " + r.get("exception", ""))
check(r.get("errors") == [], "no console errors or blocked fetches: %r" % r.get("errors"))
check(r.get("card_entity") == "palantir", "clicking Palantir's node shows its card")
check("\u0628\u0627\u0644\u0627\u0646\u062a\u064a\u0631" in (r.get("card_text") or ""), "the card shows the Arabic name")
check("\u201c" in (r.get("card_text") or ""), "the card quotes its sources")
check(r.get("search") and r["search"][0] == "amazon", "searching \u0627\u0645\u0627\u0632\u0648\u0646 finds Amazon first: %r" % r.get("search"))
check(r.get("after_search") == "amazon", "choosing a search result opens its card")
check("\u201c" in (r.get("tip") or ""), "hovering a tie shows its citation")
check(r.get("xss_title") == "<img src=x onerror=alert(1)>", "the markup name is shown as text in the card")
check("</script><script>alert(2)</script>" in (r.get("xss_card") or ""), "a script end tag in a name stays text")
check(r.get("svg_text") is True, "the markup name is text in the drawing")
check(r.get("images") == 0 and r.get("pwned") is False, "no element or script was injected")
check(r.get("scripts") == 4, "only the page's own scripts (and the probe's) exist: %r" % r.get("scripts"))
check((r.get("caption") or "").startswith("Path: Peter Thiel \u2192"), "the baked path is captioned: %r" % r.get("caption"))
check(r.get("nodes") == 51, "one node per entity: %r" % r.get("nodes"))
sys.exit(1 if failures else 0)
PY
