/* prepbook search: the text rules shared with the Rust index (src/search/tokenize.rs and
 * src/search/stem.rs): folding, splitting into tokens, and stemming. tests/data/tokenizer-cases.json
 * and tests/data/stem-cases.json are run against both. The stemmers are written here from the
 * published Snowball descriptions of English ("Porter2") and French; the Rust index uses the
 * Snowball implementations of the rust-stemmers crate. Loaded by search.js on first use. */
(function () {
  "use strict";

  // ---- Tokenizer: keep identical to src/search/tokenize.rs.
  var MAX_TOKEN_CHARS = 40;
  var STOP = {
    en: new Set([
      "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "i", "if",
      "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their",
      "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "will", "with", "you",
      "your"
    ]),
    fr: new Set([
      "a", "au", "aux", "avec", "c", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en", "est", "et",
      "il", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "ma", "mais", "me", "mes", "mon", "n",
      "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se",
      "ses", "son", "sur", "t", "ta", "te", "tu", "un", "une", "vos", "votre", "vous", "y"
    ])
  };
  var NO_STOP = new Set();
  var WORD = /^[\p{Alphabetic}\p{N}]$/u;
  var MARKS = /[\u0300-\u036f]/g;
  var SPECIAL = {
    "\u00df": "ss", "\u0153": "oe", "\u00e6": "ae", "\u00f8": "o", "\u0111": "d", "\u00f0": "d", "\u0142": "l",
    "\u0127": "h", "\u0131": "i", "\u00fe": "th", "\u03c2": "\u03c3"
  };
  var folded = new Map();

  // The folded form of one character: compatibility decomposition, accents dropped,
  // lowercased, composed again, a few letters spelled out.
  function foldChar(ch) {
    if (ch.charCodeAt(0) < 128) { return ch.toLowerCase(); }
    var f = folded.get(ch);
    if (f === undefined) {
      f = Array.from(ch.normalize("NFKD").replace(MARKS, "").toLowerCase().normalize("NFC"), function (d) {
        return SPECIAL[d] || d;
      }).join("");
      folded.set(ch, f);
    }
    return f;
  }

  function fold(text) { return Array.from(String(text), foldChar).join(""); }

  // Scripts written without spaces between words: a token per pair of neighbouring characters.
  function isUnspaced(ch) {
    var c = ch.codePointAt(0);
    return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF) ||
      (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) ||
      (c >= 0x3038 && c <= 0x303C) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
      (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0x20000 && c <= 0x3FFFF);
  }

  // Calls emit(token, start, end) for each token of `text`, before stemming; start and end are
  // offsets in `text` of the characters the token came from.
  function scan(text, lang, emit) {
    text = String(text);
    var stop = STOP[lang] || NO_STOP, splits = lang === "fr";
    var word = "", wordChars = 0, wordStart = 0, wordEnd = 0;
    var prev = null, prevStart = 0, prevEnd = 0, paired = false;
    function endWord() {
      if (word !== "" && wordChars <= MAX_TOKEN_CHARS && !stop.has(word)) { emit(word, wordStart, wordEnd); }
      word = "";
      wordChars = 0;
    }
    function endRun() {
      if (prev !== null && !paired) { emit(prev, prevStart, prevEnd); }
      prev = null;
      paired = false;
    }
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), ch = String.fromCodePoint(cp), next = i + ch.length;
      if (!splits && (ch === "'" || ch === "\u2018" || ch === "\u2019")) { i = next; continue; }
      var f = foldChar(ch);
      for (var j = 0; j < f.length;) {
        var d = String.fromCodePoint(f.codePointAt(j));
        j += d.length;
        if (!WORD.test(d)) {
          endWord();
          endRun();
        } else if (isUnspaced(d)) {
          endWord();
          if (prev !== null) { emit(prev + d, prevStart, next); paired = true; }
          prev = d;
          prevStart = i;
          prevEnd = next;
        } else {
          endRun();
          if (word === "") { wordStart = i; }
          word += d;
          wordChars++;
          wordEnd = next;
        }
      }
      i = next;
    }
    endWord();
    endRun();
  }

  function tokenize(text, lang) {
    var out = [];
    scan(text, lang, function (t) { out.push(t); });
    return out;
  }

  // The stem of a token; tokens of unspaced scripts stay as they are.
  var stems = new Map();
  function stem(token, lang) {
    var f = STEMMERS[lang];
    if (!f || Array.from(token).some(isUnspaced)) { return token; }
    var key = lang + ":" + token, s = stems.get(key);
    if (s === undefined) {
      if (stems.size > 10000) { stems.clear(); }
      stems.set(key, (s = f(token)));
    }
    return s;
  }

  function terms(text, lang) {
    return tokenize(text, lang).map(function (t) { return stem(t, lang); });
  }

  // Among: the longest of `suffixes` that `w` ends with and that starts at or after `min`.
  function longest(w, suffixes, min) {
    var best = null;
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s.length <= w.length - (min || 0) && (best === null || s.length > best.length) && w.endsWith(s)) { best = s; }
    }
    return best;
  }

  // ---- English (Porter2)
  var EN_V = "aeiouy";
  function enV(c) { return c !== undefined && EN_V.indexOf(c) >= 0; }
  var EN_EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EN_EXCEPTIONS2 = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
  var EN_1A = ["sses", "ied", "ies", "s", "us", "ss"];
  var EN_1B = ["eed", "eedly", "ed", "edly", "ing", "ingly"];
  var EN_DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"];
  var EN_2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful",
    ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og",
    fulli: "ful", lessli: "less", li: ""
  };
  var EN_2_KEYS = Object.keys(EN_2);
  var EN_3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var EN_3_KEYS = Object.keys(EN_3);
  var EN_4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
    "iti", "ous", "ive", "ize", "ion"];

  // Whether `w` ends in a short syllable.
  function enShort(w) {
    var n = w.length;
    if (n >= 3) {
      var last = w[n - 1];
      if (!enV(last) && "wxY".indexOf(last) < 0 && enV(w[n - 2]) && !enV(w[n - 3])) { return true; }
    }
    return n === 2 && enV(w[0]) && !enV(w[1]);
  }

  function english(word) {
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, word)) { return EN_EXCEPTIONS[word]; }
    if (word.length < 3) { return word; }
    var w = word[0] === "'" ? word.slice(1) : word;
    // Prelude: a y that acts as a consonant becomes Y.
    var chars = w.split("");
    if (chars[0] === "y") { chars[0] = "Y"; }
    for (var i = 1; i < chars.length; i++) {
      if (chars[i] === "y" && enV(chars[i - 1])) { chars[i] = "Y"; }
    }
    w = chars.join("");
    // Regions.
    var n = w.length, p1 = n, p2 = n, at = -1;
    if (/^(gener|arsen)/.test(w)) { at = 5; } else if (/^commun/.test(w)) { at = 6; } else { at = pastVowelConsonant(w, 0, enV); }
    if (at >= 0) {
      p1 = at;
      var q = pastVowelConsonant(w, p1, enV);
      if (q >= 0) { p2 = q; }
    }
    // Step 1a.
    var s = longest(w, ["'s'", "'s", "'"]);
    if (s) { w = w.slice(0, -s.length); }
    s = longest(w, EN_1A);
    if (s === "sses") { w = w.slice(0, -2); }
    else if (s === "ied" || s === "ies") { w = w.slice(0, -3) + (w.length - 3 >= 2 ? "i" : "ie"); }
    else if (s === "s") {
      if (w.length >= 2 && hasVowel(w, 0, w.length - 2, enV)) { w = w.slice(0, -1); }
    }
    if (EN_EXCEPTIONS2.indexOf(w) < 0) {
      w = enStep1b(w, p1);
      // Step 1c.
      n = w.length;
      if (n >= 3 && (w[n - 1] === "y" || w[n - 1] === "Y") && !enV(w[n - 2])) { w = w.slice(0, -1) + "i"; }
      // Step 2.
      s = longest(w, EN_2_KEYS);
      if (s !== null && w.length - s.length >= p1) {
        var before = w[w.length - s.length - 1];
        if (s === "ogi") { if (before === "l") { w = w.slice(0, -3) + "og"; } }
        else if (s === "li") { if (before !== undefined && "cdeghkmnrt".indexOf(before) >= 0) { w = w.slice(0, -2); } }
        else { w = w.slice(0, -s.length) + EN_2[s]; }
      }
      // Step 3.
      s = longest(w, EN_3_KEYS);
      if (s !== null && w.length - s.length >= p1 && (s !== "ative" || w.length - s.length >= p2)) {
        w = w.slice(0, -s.length) + EN_3[s];
      }
      // Step 4.
      s = longest(w, EN_4);
      if (s !== null && w.length - s.length >= p2) {
        if (s !== "ion") { w = w.slice(0, -s.length); }
        else if (w[w.length - 4] === "s" || w[w.length - 4] === "t") { w = w.slice(0, -3); }
      }
      // Step 5.
      n = w.length;
      if (w[n - 1] === "e") {
        if (n - 1 >= p2 || (n - 1 >= p1 && !enShort(w.slice(0, -1)))) { w = w.slice(0, -1); }
      } else if (w[n - 1] === "l") {
        if (n - 1 >= p2 && w[n - 2] === "l") { w = w.slice(0, -1); }
      }
    }
    return w.replace(/Y/g, "y");
  }

  function enStep1b(w, p1) {
    var s = longest(w, EN_1B);
    if (s === null) { return w; }
    var stem = w.slice(0, -s.length);
    if (s === "eed" || s === "eedly") { return stem.length >= p1 ? stem + "ee" : w; }
    if (!hasVowel(stem, 0, stem.length, enV)) { return w; }
    var end = stem.slice(-2);
    if (end === "at" || end === "bl" || end === "iz") { return stem + "e"; }
    if (EN_DOUBLES.indexOf(end) >= 0) { return stem.slice(0, -1); }
    if (stem.length === p1 && enShort(stem)) { return stem + "e"; }
    return stem;
  }

  function hasVowel(w, from, to, isV) {
    for (var i = from; i < to; i++) { if (isV(w[i])) { return true; } }
    return false;
  }

  // The position just past the first non-vowel that follows a vowel, from `from`; -1 if none.
  function pastVowelConsonant(w, from, isV) {
    var i = from;
    while (i < w.length && !isV(w[i])) { i++; }
    if (i >= w.length) { return -1; }
    while (i < w.length && isV(w[i])) { i++; }
    return i < w.length ? i + 1 : -1;
  }

  // ---- French
  var FR_V = "aeiouy\u00e2\u00e0\u00eb\u00e9\u00ea\u00e8\u00ef\u00ee\u00f4\u00fb\u00f9";
  function frV(c) { return c !== undefined && FR_V.indexOf(c) >= 0; }
  var FR_STANDARD = [
    "ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes",
    "atrice", "ateur", "ation", "atrices", "ateurs", "ations", "logie", "logies", "usion", "ution", "usions",
    "utions", "ence", "ences", "ement", "ements", "it\u00e9", "it\u00e9s", "if", "ive", "ifs", "ives", "eaux", "aux",
    "euse", "euses", "issement", "issements", "amment", "emment", "ment", "ments"
  ];
  var FR_I_VERB = [
    "\u00eemes", "\u00eet", "\u00eetes", "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras",
    "irent", "irez", "iriez", "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant",
    "issante", "issantes", "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it"
  ];
  var FR_VERB_E = [
    "\u00e9", "\u00e9e", "\u00e9es", "\u00e9s", "\u00e8rent", "er", "era", "erai", "eraIent", "erais", "erait", "eras",
    "erez", "eriez", "erions", "erons", "eront", "ez", "iez"
  ];
  var FR_VERB_A = [
    "\u00e2mes", "\u00e2t", "\u00e2tes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as",
    "asse", "assent", "asses", "assiez", "assions"
  ];
  var FR_VERB = ["ions"].concat(FR_VERB_E, FR_VERB_A);
  var FR_RESIDUAL = ["ion", "ier", "i\u00e8re", "Ier", "I\u00e8re", "e", "\u00eb"];

  function frPrelude(w) {
    var c = w.split("");
    for (var i = 0; i < c.length; i++) {
      for (;;) {
        if (frV(c[i]) && c[i + 1] === "u" && frV(c[i + 2])) { c[i + 1] = "U"; }
        else if (frV(c[i]) && c[i + 1] === "i" && frV(c[i + 2])) { c[i + 1] = "I"; }
        else if (frV(c[i]) && c[i + 1] === "y") { c[i + 1] = "Y"; }
        else if (c[i] === "y" && frV(c[i + 1])) { c[i] = "Y"; }
        else if (c[i] === "q" && c[i + 1] === "u") { c[i + 1] = "U"; }
        else { break; }
      }
    }
    return c.join("");
  }

  function french(word) {
    var w = frPrelude(word);
    var n = w.length, pV = n, p1 = n, p2 = n;
    if (n >= 3 && frV(w[0]) && frV(w[1])) { pV = 3; }
    else if (/^(par|col|tap)/.test(w)) { pV = 3; }
    else {
      var i = 1;
      while (i < n && !frV(w[i])) { i++; }
      if (i < n) { pV = i + 1; }
    }
    var q = pastVowelConsonant(w, 0, frV);
    if (q >= 0) {
      p1 = q;
      q = pastVowelConsonant(w, p1, frV);
      if (q >= 0) { p2 = q; }
    }
    var r = { w: w };
    var done = frStandard(r, pV, p1, p2) || frIVerb(r, pV) || frVerb(r, pV, p2);
    if (done) {
      if (r.w.endsWith("Y")) { r.w = r.w.slice(0, -1) + "i"; }
      else if (r.w.endsWith("\u00e7")) { r.w = r.w.slice(0, -1) + "c"; }
    } else {
      frResidual(r, pV, p2);
    }
    w = r.w;
    if (/(enn|onn|ett|ell|eill)$/.test(w)) { w = w.slice(0, -1); }
    // Un-accent: é or è followed by at least one non-vowel to the end.
    var j = w.length;
    while (j > 0 && !frV(w[j - 1])) { j--; }
    if (j < w.length && j > 0 && (w[j - 1] === "\u00e9" || w[j - 1] === "\u00e8")) { w = w.slice(0, j - 1) + "e" + w.slice(j); }
    return w.replace(/[IUY]/g, function (c) { return c.toLowerCase(); });
  }

  // Each step takes {w}, changes r.w, and says whether it succeeded (as Snowball's `or` reads it).
  function frStandard(r, pV, p1, p2) {
    var w = r.w, s = longest(w, FR_STANDARD);
    if (s === null) { return false; }
    var at = w.length - s.length, stem = w.slice(0, at);
    var R2 = at >= p2, R1 = at >= p1, RV = at >= pV;
    switch (s) {
      case "ance": case "iqUe": case "isme": case "able": case "iste": case "eux": case "ances": case "iqUes":
      case "ismes": case "ables": case "istes":
        if (!R2) { return false; }
        r.w = stem; return true;
      case "atrice": case "ateur": case "ation": case "atrices": case "ateurs": case "ations":
        if (!R2) { return false; }
        r.w = stem;
        if (stem.endsWith("ic")) { r.w = stem.length - 2 >= p2 ? stem.slice(0, -2) : stem.slice(0, -2) + "iqU"; }
        return true;
      case "logie": case "logies":
        if (!R2) { return false; }
        r.w = stem + "log"; return true;
      case "usion": case "ution": case "usions": case "utions":
        if (!R2) { return false; }
        r.w = stem + "u"; return true;
      case "ence": case "ences":
        if (!R2) { return false; }
        r.w = stem + "ent"; return true;
      case "ement": case "ements":
        if (!RV) { return false; }
        r.w = stem;
        var t = longest(stem, ["iv", "eus", "abl", "iqU", "i\u00e8r", "I\u00e8r"]);
        var tat = t === null ? 0 : stem.length - t.length, base = t === null ? "" : stem.slice(0, tat);
        if (t === "iv") {
          if (tat >= p2) { r.w = base; if (base.endsWith("at") && base.length - 2 >= p2) { r.w = base.slice(0, -2); } }
        } else if (t === "eus") {
          if (tat >= p2) { r.w = base; } else if (tat >= p1) { r.w = base + "eux"; }
        } else if (t === "abl" || t === "iqU") {
          if (tat >= p2) { r.w = base; }
        } else if (t !== null) {
          if (tat >= pV) { r.w = base + "i"; }
        }
        return true;
      case "it\u00e9": case "it\u00e9s":
        if (!R2) { return false; }
        r.w = stem;
        var u = longest(stem, ["abil", "ic", "iv"]);
        if (u !== null) {
          var uat = stem.length - u.length, ub = stem.slice(0, uat);
          if (u === "abil") { r.w = uat >= p2 ? ub : ub + "abl"; }
          else if (u === "ic") { r.w = uat >= p2 ? ub : ub + "iqU"; }
          else if (uat >= p2) { r.w = ub; }
        }
        return true;
      case "if": case "ive": case "ifs": case "ives":
        if (!R2) { return false; }
        r.w = stem;
        if (stem.endsWith("at") && stem.length - 2 >= p2) {
          r.w = stem = stem.slice(0, -2);
          if (stem.endsWith("ic")) { r.w = stem.length - 2 >= p2 ? stem.slice(0, -2) : stem.slice(0, -2) + "iqU"; }
        }
        return true;
      case "eaux":
        r.w = stem + "eau"; return true;
      case "aux":
        if (!R1) { return false; }
        r.w = stem + "al"; return true;
      case "euse": case "euses":
        if (R2) { r.w = stem; return true; }
        if (R1) { r.w = stem + "eux"; return true; }
        return false;
      case "issement": case "issements":
        if (!R1 || stem.length === 0 || frV(stem[stem.length - 1])) { return false; }
        r.w = stem; return true;
      case "amment":
        if (RV) { r.w = stem + "ant"; }
        return false;
      case "emment":
        if (RV) { r.w = stem + "ent"; }
        return false;
      default: // ment, ments
        if (frV(stem[stem.length - 1]) && stem.length - 1 >= pV) { r.w = stem; }
        return false;
    }
  }

  function frIVerb(r, pV) {
    var w = r.w, s = longest(w, FR_I_VERB, pV);
    if (s === null) { return false; }
    var at = w.length - s.length;
    if (at - 1 < pV || frV(w[at - 1]) || w[at - 1] === "H") { return false; }
    r.w = w.slice(0, at);
    return true;
  }

  function frVerb(r, pV, p2) {
    var w = r.w, s = longest(w, FR_VERB, pV);
    if (s === null) { return false; }
    var at = w.length - s.length;
    if (s === "ions") {
      if (at < p2) { return false; }
      r.w = w.slice(0, at);
    } else if (FR_VERB_E.indexOf(s) >= 0) {
      r.w = w.slice(0, at);
    } else {
      r.w = w.slice(0, at);
      if (r.w.endsWith("e") && r.w.length - 1 >= pV) { r.w = r.w.slice(0, -1); }
    }
    return true;
  }

  function frResidual(r, pV, p2) {
    var w = r.w, n = w.length;
    if (n >= 2 && w[n - 1] === "s" && "aiou\u00e8s".indexOf(w[n - 2]) < 0) { w = w.slice(0, -1); }
    var s = longest(w, FR_RESIDUAL, pV);
    if (s !== null) {
      var at = w.length - s.length;
      if (s === "ion") {
        if (at >= p2 && at - 1 >= pV && (w[at - 1] === "s" || w[at - 1] === "t")) { w = w.slice(0, at); }
      } else if (s === "e") {
        w = w.slice(0, at);
      } else if (s === "\u00eb") {
        if (at - 2 >= pV && w.slice(at - 2, at) === "gu") { w = w.slice(0, at); }
      } else {
        w = w.slice(0, at) + "i";
      }
    }
    r.w = w;
  }

  var STEMMERS = { en: english, fr: french };

  window.prepbookText = {
    fold: fold, scan: scan, tokenize: tokenize, stem: stem, terms: terms, isUnspaced: isUnspaced,
    languages: Object.keys(STEMMERS)
  };
})();
