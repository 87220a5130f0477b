// Runs the shared tokenizer and stemmer cases against the theme's search-text.js
// (`node --test tests/js/`), and checks the theme's JavaScript builds no markup from strings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import vm from "node:vm";

const here = new URL(".", import.meta.url);
const source = readFileSync(new URL("../../themes/default/static/search-text.js", here), "utf8");
const cases = JSON.parse(readFileSync(new URL("../data/tokenizer-cases.json", here), "utf8"));
const stems = JSON.parse(readFileSync(new URL("../data/stem-cases.json", here), "utf8"));

function loadText() {
  const window = {};
  vm.runInNewContext(source, { window, Set, Map });
  return window.prepbookText;
}

test("search-text.js tokenizes and stems every shared case like the Rust index", () => {
  const text = loadText();
  assert.ok(cases.length >= 30);
  for (const c of cases) {
    const lang = c.language || "en";
    assert.deepEqual(Array.from(text.terms(c.input, lang)), c.tokens, `input: ${JSON.stringify(c.input)} (${lang})`);
  }
});

test("search-text.js stems the shared word lists like rust-stemmers", () => {
  const text = loadText();
  for (const lang of ["en", "fr"]) {
    assert.ok(stems[lang].length >= 1000, `${lang}: only ${stems[lang].length} words`);
    const wrong = stems[lang].filter(([word, stem]) => text.stem(word, lang) !== stem);
    assert.deepEqual(wrong.slice(0, 10).map(([w, s]) => `${w} -> ${text.stem(w, lang)}, expected ${s}`), [], `${lang}: ${wrong.length} differ`);
  }
});

test("tokens carry the offsets of the text they came from", () => {
  const text = loadText();
  const seen = [];
  const input = "Ｈiring: 我们决定 l’équipe";
  text.scan(input, "en", (tok, start, end) => seen.push([tok, input.slice(start, end)]));
  assert.deepEqual(seen, [["hiring", "Ｈiring"], ["我们", "我们"], ["们决", "们决"], ["决定", "决定"], ["lequipe", "l’équipe"]]);
});

test("the theme's JavaScript never builds markup from strings", () => {
  const dir = new URL("../../themes/default/static/", here);
  const files = readdirSync(dir).filter((n) => n.endsWith(".js")).map((n) => new URL(n, dir));
  files.push(new URL("../../src/serve/livereload.js", here));
  assert.ok(files.length >= 5, `only ${files.length} scripts found`);
  for (const file of files) {
    const js = readFileSync(file, "utf8");
    for (const banned of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"]) {
      assert.ok(!js.includes(banned), `${file.pathname} uses ${banned}`);
    }
  }
});
