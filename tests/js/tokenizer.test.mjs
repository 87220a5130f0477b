// Runs the shared tokenizer cases against the theme's search.js (`node --test tests/js/`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import vm from "node:vm";

const here = new URL(".", import.meta.url);
const source = readFileSync(new URL("../../themes/default/static/search.js", here), "utf8");
const cases = JSON.parse(readFileSync(new URL("../data/tokenizer-cases.json", here), "utf8"));

function loadSearch() {
  const document = {
    readyState: "complete",
    documentElement: { getAttribute: () => "" },
    getElementById: () => null,
    head: { appendChild: () => {} },
  };
  const window = {};
  vm.runInNewContext(source, { window, document, performance, URL, URLSearchParams, Set, Map });
  return window.prepbookSearch;
}

test("search.js tokenizes every shared case like the Rust tokenizer", () => {
  const search = loadSearch();
  assert.ok(cases.length >= 10);
  for (const c of cases) {
    assert.deepEqual(Array.from(search.tokenize(c.input)), c.tokens, `input: ${JSON.stringify(c.input)}`);
  }
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
