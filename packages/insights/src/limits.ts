/**
 * Input bounds shared by every extractor. Extraction runs inside the backend's transactions, which the
 * runtime serialises, so the cost of one message is paid by every organisation: each extractor must be
 * linear in its input and the input itself is bounded.
 */

/**
 * Characters of a message text that are analysed. Conversational content sits at the top of a message
 * (replies are top-posted, quoted history and pasted logs come after it), and 20,000 characters is
 * about ten pages of prose, far above any real chat or email body. Spans stay valid because the text is
 * cut at the end, never shifted.
 */
export const MAX_TEXT_CHARS = 20_000;

/**
 * Characters of one sentence / clause read for a promise and its deadline. Real sentences are far
 * shorter; the cap keeps the date parser (chrono-node, roughly linear but with a large constant) at a
 * bounded cost per clause even when a "sentence" is a 20,000-character line without punctuation.
 */
export const MAX_CLAUSE_CHARS = 1_000;

/** The analysed prefix of `text` (see {@link MAX_TEXT_CHARS}). */
export function boundText(text: string, max = MAX_TEXT_CHARS): string {
  return text.length > max ? text.slice(0, max) : text;
}
