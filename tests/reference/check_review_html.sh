#!/bin/sh
# The dedupe review page in headless Chromium: it loads with no console error or blocked
# fetch, asks the reviewer's name once, shows both entities of a pair with their quotes,
# keeps markup in names as text, decides pairs with the keys s/d/u and moves with n/p, and
# the lines it would download are the decisions file's (powermap reads them back without a
# complaint and leaves those pairs out). A page of 2,000 pairs opens and answers keys fast.
# Exit 77 (skip) without Chromium.
set -eu
powermap="$1"
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "chromium not installed"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

/usr/bin/python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
text = "Deloitte Consulting won a $5M ICE task order. DELOITTE CONSULTING LLP also won one. The vendor <!-- </script> --> sold to CBP. It sold twice."
small = {"format": "powermap/1",
         "sources": [{"id": "awards", "title": "Award list", "language": "en", "text": text}],
         "entities": [
             {"id": "deloitte", "type": "company", "name": "Deloitte Consulting"},
             {"id": "deloitte-llp", "type": "company", "name": "DELOITTE CONSULTING LLP"},
             {"id": "ice", "type": "agency", "name": "ICE"},
             {"id": "cbp", "type": "agency", "name": "CBP"},
             {"id": "tag", "type": "company", "name": "<img src=x onerror=alert(1)> Widgets"},
             {"id": "tag-inc", "type": "company", "name": "<img src=x onerror=alert(1)> Widgets Inc."}],
         "relations": [
             {"from": "deloitte", "to": "ice", "type": "sells_to", "sources": [{"source": "awards", "quote": "Deloitte Consulting won a $5M ICE task order"}]},
             {"from": "deloitte-llp", "to": "ice", "type": "sells_to", "sources": [{"source": "awards", "quote": "DELOITTE CONSULTING LLP also won one"}]},
             {"from": "tag", "to": "cbp", "type": "sells_to", "sources": [{"source": "awards", "quote": "The vendor <!-- </script> --> sold to CBP"}]},
             {"from": "tag-inc", "to": "cbp", "type": "sells_to", "sources": [{"source": "awards", "quote": "It sold twice"}]}]}
json.dump(small, open(d + "/small.json", "w"), ensure_ascii=False)
# 2,000 pairs: "Firm N" and "Firm N LLC", each tied to an agency with a quote.
words = "Northwind Contoso Fabrikam Tailspin Wingtip Litware Proseware Adatum Lucerne Humongous".split()
def rare(n):  # a made-up word per firm ("Bababa", "Cababa", ...): the token that pairs them
    out = ""
    for _ in range(3):
        out += "bcdfghjklmnpqrstvwxz"[n % 20]; n //= 20
        out += "aeiou"[n % 5]; n //= 5
    return out.capitalize()
entities = [{"id": "agency", "type": "agency", "name": "Agency"}]
relations = []
big_text = []
for n in range(2000):
    name = "%s %s %s" % (words[n % 10], words[(n // 10) % 10], rare(n))
    quote = "award %d went to %s" % (n, name)
    big_text.append(quote + ".")
    for suffix, ident in (("", "f%d" % n), (" LLC", "f%d-llc" % n)):
        entities.append({"id": ident, "type": "company", "name": name + suffix})
        relations.append({"from": ident, "to": "agency", "type": "sells_to", "sources": [{"source": "s", "quote": quote}]})
big = {"format": "powermap/1", "sources": [{"id": "s", "title": "Awards", "language": "en", "text": " ".join(big_text)}],
       "entities": entities, "relations": relations}
json.dump(big, open(d + "/big.json", "w"))
PY
"$powermap" -g "$dir/small.json" dedupe review -o "$dir/small.html" 2>/dev/null
start=$(date +%s%N)
"$powermap" -g "$dir/big.json" dedupe review -o "$dir/big.html" 2> "$dir/big.err"
end=$(date +%s%N)
echo "big page: $(wc -c < "$dir/big.html") bytes, written in $(( (end - start) / 1000000 )) ms: $(cat "$dir/big.err")"

# The probe: hooks installed before the page's own script, checks run after it.
/usr/bin/python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
hooks = """<script>
window.__errors = [];
window.__pwned = false;
window.__start = performance.now();
window.alert = function () { window.__pwned = true; };
window.addEventListener('error', function (e) { window.__errors.push('error: ' + (e.message || (e.target && e.target.outerHTML))); }, true);
window.addEventListener('securitypolicyviolation', function (e) { window.__errors.push('csp: ' + e.blockedURI); });
var __consoleError = console.error;
console.error = function () { window.__errors.push('console: ' + Array.prototype.join.call(arguments, ' ')); __consoleError.apply(console, arguments); };
</script>"""
small_checks = """<script>
(function () {
  var r = {};
  try {
    var key = function (k) { document.body.dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true})); };
    var cards = function () { return Array.prototype.map.call(document.querySelectorAll('#pair .card'), function (c) { return c.dataset.entity; }); };
    r.asked = Boolean(document.getElementById('ask-name'));
    r.first = cards();
    r.first_text = document.getElementById('pair').textContent;
    // The name, with characters JSON must escape (quote, backslash, a control character).
    var input = document.getElementById('ask-name-input');
    input.value = 'Ra"na \\\\ \\u0001 \\u00e9/';
    input.form.requestSubmit();
    r.asked_after = Boolean(document.getElementById('ask-name'));
    key('n');
    r.after_n = cards();
    r.xss_title = document.querySelector('#pair .card h2').textContent;
    r.xss_text = document.getElementById('pair').textContent;
    key('p');
    r.after_p = cards();
    key('s');
    r.after_s = cards();
    key('d');
    r.progress = document.getElementById('progress').textContent;
    key('p');
    key('u');
    r.lines = window.powermapReview.lines();
    r.textarea = document.getElementById('lines').value;
    r.escaped = window.powermapReview.jsonString('a"b\\\\c\\n\\t\\u0001\\u001f/\\u00e9');
    r.images = document.querySelectorAll('img').length;
    r.scripts = document.querySelectorAll('script').length;
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
big_checks = """<script>
(function () {
  var r = {};
  try {
    r.open_ms = performance.now() - window.__start;
    var input = document.getElementById('ask-name-input');
    input.value = 'rana';
    input.form.requestSubmit();
    var t0 = performance.now();
    for (var i = 0; i < 200; ++i) document.body.dispatchEvent(new KeyboardEvent('keydown', {key: 's', bubbles: true}));
    r.per_key_ms = (performance.now() - t0) / 200;
    r.position = document.getElementById('position').textContent;
    r.progress = document.getElementById('progress').textContent;
    r.cards = document.querySelectorAll('#pair .card').length;
  } catch (e) {
    r.exception = String(e && e.stack || e);
  }
  r.errors = window.__errors;
  var out = document.createElement('pre');
  out.id = 'probe-result';
  out.textContent = JSON.stringify(r);
  document.body.appendChild(out);
})();
</script>"""
for name, checks in (("small", small_checks), ("big", big_checks)):
    page = open(d + "/" + name + ".html", encoding="utf-8").read()
    page = page.replace("<head>", "<head>\n" + hooks, 1)
    at = page.rindex("</body>")
    page = page[:at] + checks + page[at:]
    open(d + "/" + name + "-probe.html", "w", encoding="utf-8").write(page)
PY

for name in small big; do
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$dir/profile-$name" \
    --virtual-time-budget=5000 --dump-dom "file://$dir/$name-probe.html" > "$dir/$name-dom.html" 2> "$dir/chromium.log" || {
    echo "chromium failed:"; tail -20 "$dir/chromium.log"; exit 1; }
done

/usr/bin/python3 - "$dir" "$powermap" <<'PY'
import html, json, re, subprocess, sys
d, powermap = sys.argv[1], sys.argv[2]
failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
def probe(name):
    dom = open(d + "/" + name + "-dom.html", encoding="utf-8").read()
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
    if not found:
        print("the probe did not run; DOM starts:", dom[:500])
        sys.exit(1)
    return json.loads(html.unescape(found.group(1)))
r = probe("small")
check("exception" not in r, "the probe ran without an exception " + r.get("exception", ""))
check(r.get("errors") == [], "no console errors or blocked fetches: %r" % r.get("errors"))
check(r.get("asked") is True and r.get("asked_after") is False, "the page asks the reviewer's name once")
check(r.get("first") == ["deloitte", "deloitte-llp"], "the first pair shows both entities: %r" % r.get("first"))
check("\u201cDeloitte Consulting won a $5M ICE task order\u201d" in (r.get("first_text") or ""), "each entity's tie shows its quote")
check(r.get("after_n") == ["tag", "tag-inc"] and r.get("after_p") == ["deloitte", "deloitte-llp"], "n and p move between pairs")
check(r.get("xss_title") == "<img src=x onerror=alert(1)> Widgets", "a name made of markup is shown as text")
check("</script>" in (r.get("xss_text") or ""), "a script end tag in a quote stays text")
check(r.get("images") == 0 and r.get("pwned") is False, "no element or script was injected")
check(r.get("scripts") == 4, "only the page's own scripts (and the probe's) exist: %r" % r.get("scripts"))
check(r.get("after_s") == ["tag", "tag-inc"], "deciding moves to the next undecided pair")
check(r.get("progress") == "2 of 2 decided (1 same, 1 different, 0 unsure)", "progress counts the decisions: %r" % r.get("progress"))
# RapidJSON's escaping (judgement_line's): named escapes, \u00XX upper case, '/' and é as they are.
check(r.get("escaped") == '"a\\"b\\\\c\\n\\t\\u0001\\u001F/\u00e9"', "strings are escaped as judgement_line does: %r" % r.get("escaped"))
lines = r.get("lines") or []
check(len(lines) == 2, "one line per decided pair, the latest decision kept: %r" % lines)
when = r'"when":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}$'
who = '"who":"Ra\\"na \\\\ \\u0001 \u00e9/"'
check(len(lines) == 2 and re.match(re.escape('{"a":"tag","b":"tag-inc","judgement":"different","score":1.000,' + who + ',') + when, lines[0]) is not None,
      "the line for pair 2 is judgement_line's: %r" % (lines[:1]))
check(len(lines) == 2 and re.match(re.escape('{"a":"deloitte","b":"deloitte-llp","judgement":"unsure","score":1.000,' + who + ',') + when, lines[1]) is not None,
      "a changed mind is the last line: %r" % (lines[1:]))
check(r.get("textarea") == "".join(line + "\n" for line in lines), "the lines to copy are the file's lines")
# powermap reads the page's lines back: no diagnostic, both pairs left out.
open(d + "/judgements.jsonl", "w", encoding="utf-8").write(r.get("textarea") or "")
back = subprocess.run([powermap, "-g", d + "/small.json", "dedupe", "review", "--judgements", d + "/judgements.jsonl",
                       "-o", d + "/again.html"], capture_output=True, text=True)
check(back.returncode == 0 and "2 pairs already judged" in back.stderr and "warning" not in back.stderr and "error" not in back.stderr,
      "powermap reads the page's lines back: %r" % back.stderr)

b = probe("big")
check("exception" not in b, "the 2,000-pair page ran without an exception " + b.get("exception", ""))
check(b.get("errors") == [], "the 2,000-pair page has no console errors: %r" % b.get("errors"))
check(b.get("cards") == 2 and b.get("position") == "Pair 201 of 2000", "it renders one pair at a time: %r" % b.get("position"))
check(b.get("progress", "").startswith("200 of 2000 decided"), "200 keys decided 200 pairs: %r" % b.get("progress"))
print("2,000 pairs: opened in %.0f ms (script start to probe), %.2f ms per decision" % (b.get("open_ms", -1), b.get("per_key_ms", -1)))
check(b.get("per_key_ms", 1e9) < 50, "a decision takes under 50 ms")
sys.exit(1 if failures else 0)
PY
