/**
 * A small English lemmatiser for the verbs the deal-stage frames reason about. Full NLP (wink-nlp with its
 * English model) would lemmatise every word, but it adds about 1 MB and a model load to every Convex
 * bundle; the frames only need the inflections of a closed set of verbs and contractions, so a suffix
 * stripper checked against that set is enough and stays linear (one regex pass, one map lookup per word).
 */

/** Irregular forms, and regular ones whose stripped stem is ambiguous. */
const IRREGULAR: Record<string, string> = {
  went: "go",
  gone: "go",
  goes: "go",
  going: "go",
  doing: "do",
  chose: "choose",
  chosen: "choose",
  sent: "send",
  got: "get",
  gotten: "get",
  made: "make",
  gave: "give",
  given: "give",
  took: "take",
  taken: "take",
  said: "say",
  says: "say",
  kept: "keep",
  stuck: "stick",
  built: "build",
  found: "find",
  came: "come",
  had: "have",
  has: "have",
  is: "be",
  are: "be",
  was: "be",
  were: "be",
  been: "be",
  am: "be",
  "'s": "be",
  "'re": "be",
  "'m": "be",
  did: "do",
  does: "do",
  won: "win",
  // "us" is too short a stem for the suffix stripper
  using: "use",
  used: "use",
  uses: "use",
  froze: "freeze",
  frozen: "freeze",
  lost: "lose",
  drawn: "draw",
  drew: "draw",
  wrote: "write",
  written: "write",
  saw: "see",
  seen: "see",
  u: "you",
  ur: "your",
  r: "be",
  pls: "please",
  plz: "please",
  tmrw: "tomorrow",
};

/** Verbs (and nouns used as verbs) whose inflections the frames match by lemma. */
const VERBS = new Set(
  `accept agree approve arrive assess attach award be build cancel cap charge choose circulate close come commit compare
consider continue cost countersign cut decide decline demo discuss draft drop email enclose end evaluate execute explore
extend finalise finalize find forward freeze get give go have hope issue keep land like look lower mark match move need
offer opt pass pause pick plan postpone prefer prepare proceed provide pull purchase pursue put quote raise receive
recommend redline reduce remain renew research return review run say scrap see select send set settle share shelve show
shortlist sign stay stick stop switch kill explain know take terminate test try use vote waive walk want win withdraw work buy
`.split(/\s+/),
);

/** Contractions expanded so that negation is one token ("won't" → "will not"). */
const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon'?t\b/g, "will not"],
  [/\bcan'?t\b/g, "can not"],
  [/\bcannot\b/g, "can not"],
  [/\bshan't\b/g, "shall not"],
  [/\b(do|does|did|is|are|was|were|have|has|had|would|could|should|must|need)n'?t\b/g, "$1 not"],
  [/'ll\b/g, " will"],
  [/'ve\b/g, " have"],
  [/'d\b/g, " would"],
  [/\b(we|you|they)'re\b/g, "$1 are"],
  [/\bi'm\b/g, "i am"],
  [/\b(it|that|there|what|here|he|she)'s\b/g, "$1 is"],
];

/** The lemma of one lower-case word: irregular map, then -ing / -ed / -s stripped when the stem is a known verb. */
export function lemma(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (VERBS.has(word)) return word;
  const candidates: string[] = [];
  const strip = (suffix: string) => {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) return; // bed, sing, news
    const stem = word.slice(0, -suffix.length);
    candidates.push(stem, `${stem}e`);
    // doubled consonant: stopped → stop, cancelled → cancel
    if (stem.length > 3 && stem[stem.length - 1] === stem[stem.length - 2]) candidates.push(stem.slice(0, -1));
    // tries → try, tried → try
    if (stem.endsWith("i")) candidates.push(`${stem.slice(0, -1)}y`);
  };
  strip("ing");
  strip("ed");
  strip("es");
  strip("s");
  strip("d");
  for (const c of candidates) if (VERBS.has(c)) return c;
  return word;
}

/**
 * Lower-cased text as lemmas separated by single spaces; punctuation that matters to the frames
 * (sentence ends, `?`, `,`, `$`, `%`) is kept as its own token, digits stay as written.
 */
export function lemmatise(text: string): string {
  let t = text.toLowerCase().replace(/[’‘]/g, "'");
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to);
  const tokens = t.match(/[a-z]+(?:-[a-z]+)*|'[a-z]+|\d+(?:[.,]\d+)*|[$€£%?!.,;:]/g) ?? [];
  return tokens.map(lemma).join(" ");
}
