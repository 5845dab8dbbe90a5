/**
 * Round 32: deal stages in the languages no grammar of foreignDeals.ts reads: Japanese, Chinese, Korean, Greek, Russian,
 * Ukrainian, Bulgarian, Turkish, Azerbaijani, Czech, Slovak, Hungarian, Romanian, Vietnamese, Estonian, Latvian,
 * Lithuanian, Icelandic, the South Slavic languages, Swahili, Arabic, Hebrew and Thai.
 *
 * More than a quarter of the stages the read authors of blind75–78 labelled and the rules missed (29 of 104) were written
 * in one of these, a few per language: too few to write each language's grammar, as foreignDeals does for ten. What holds
 * across them is a small vocabulary, read here as a lexicon by stage: the words for a quotation, for another supplier,
 * for a discount, for accepting or ordering, and for a price asked. A stage is found in this order:
 * - negotiation (theirs): a discount asked, a price above the budget, or another supplier with a price (a discount
 *   accepted is won);
 * - lost (theirs): another company or supplier chosen;
 * - won (theirs): an acceptance, an order placed or a contract signed;
 * - proposal: a quotation of ours, sent or attached, or with its price; a supplier's to the reader, sent with its price;
 * - interest (theirs): a quotation asked for, or a price asked.
 * A sentence with a question about a stage, or a condition, decides nothing for lost and won. Chinese, Japanese and Thai
 * write no spaces, so their words are matched as written; the others' words start at a word boundary.
 */
import type { DealStage } from "./dealStage";
import { unicode } from "./foreignPromises";
import type { Direction } from "./types";

/** Words of the alphabetic languages (prefixes: each starts at a word boundary) and of the languages without spaces. */
interface Lexicon {
  words: readonly string[];
  unspaced?: readonly string[];
  /** Whole words only (the default is a word's start: "предложени" holds "предложение" and "предложения"). */
  whole?: boolean;
}

function lexicon({ words, unspaced = [], whole = false }: Lexicon): RegExp {
  const spaced = words.length > 0 ? `\\b(?:${words.join("|")})${whole ? "\\b" : ""}` : "";
  return unicode(new RegExp([spaced, ...unspaced].filter(Boolean).join("|"), "iu"));
}

/** A quotation or an offer. */
const QUOTATION = lexicon({
  words: [
    "προσφορ",
    "предложени",
    "коммерческ\\p{L}* предложени",
    "смет",
    "пропозиці",
    "кошторис",
    "оферт",
    "teklif",
    "təklif",
    "nabíd",
    "ponuk",
    "cenov\\p{L}* nab",
    "árajánlat",
    "ajánlat",
    "ofert",
    "deviz",
    "báo giá",
    "pakkumis",
    "pakkumin",
    "piedāvājum",
    "pasiūlym",
    "tilboð",
    "ponud",
    "predračun",
    "nukuu",
  ],
  unspaced: [
    "見積",
    "提案書",
    "ご提案",
    "報價",
    "报价",
    "估價",
    "估价",
    "견적",
    "제안서",
    "عرض سعر",
    "عرض الأسعار",
    "הצעת מחיר",
    "ใบเสนอราคา",
  ],
});
/** Sending or attaching (ours). */
const SENT = lexicon({
  words: [
    "επισυνάπτ",
    "σας στέλν",
    "направляем",
    "высылаем",
    "отправляем",
    "прилагаем",
    "во вложении",
    "надсилаємо",
    "додаємо",
    "у вкладенні",
    "изпращаме",
    "прилагам",
    "ekte",
    "gönderiyoruz",
    "sunuyoruz",
    "sunarız",
    "əlavə edirik",
    "göndəririk",
    "zasíláme",
    "posíláme",
    "v příloze",
    "zasielame",
    "posielame",
    "v prílohe",
    "küld",
    "mellékel",
    "csatol",
    "atașat",
    "vă trimitem",
    "trimitem",
    "gửi",
    "đính kèm",
    "saadan",
    "saadame",
    "lisatud",
    "manuses",
    "nosūtām",
    "pielikumā",
    "siunčiame",
    "pridedame",
    "sendi",
    "sendum",
    "meðfylgjandi",
    "í viðhengi",
    "šaljemo",
    "šaljem",
    "u prilogu",
    "v prilogi",
    "pošiljamo",
    "tunatuma",
    "nimeambatisha",
  ],
  unspaced: [
    "添付",
    "お送り",
    "送付",
    "附上",
    "附件",
    "随附",
    "隨附",
    "첨부",
    "보내드",
    "مرفق",
    "نرسل",
    "מצורפ",
    'מצ"ב',
    "แนบ",
  ],
});
/** Another company or supplier. */
const OTHER_SUPPLIER = lexicon({
  words: [
    "άλλη εταιρ",
    "άλλο προμηθευτ",
    "друг\\p{L}* (?:компани|поставщик|подрядчик|фирм|исполнител)",
    "інш\\p{L}* (?:компані|постачальник|підрядник|фірм)",
    "друг\\p{L}* (?:фирма|доставчик|изпълнител)",
    "başka (?:bir )?(?:firma|şirket|tedarikçi)",
    "başqa (?:bir )?(?:şirkət|firma)",
    "jin\\p{L}* (?:firm|dodavatel|společnost)",
    "in\\p{L}* (?:firm|dodávateľ|spoločnos)",
    "másik (?:cég|beszállító|iroda|helyszín)",
    "\\p{L}+(?:nál|nél) marad",
    "más (?:cég|beszállító|irodá)",
    "alt\\p{L}* (?:firmă|companie|furnizor)",
    "công ty khác",
    "đơn vị khác",
    "nhà cung cấp khác",
    "teise (?:firma|ettevõt|pakkuja)",
    "cit\\p{L}* (?:uzņēmum|piegādātāj)",
    // (round 44: "esam izvēlējušies citu konditoreju", "byla přidělena jinému uchazeči", "am decis să lucrăm cu un atelier
    // din Sibiu": blind121, and blind79 and blind87 once Czech and Romanian letters reach this lexicon)
    "izvēl\\p{L}* cit\\p{L}*",
    "jin\\p{L}* uchazeč",
    "am (?:decis|ales) să (?:lucrăm|mergem|colaborăm) cu",
    "kit\\p{L}* (?:įmon|tiekėj)",
    "annað fyrirtæki",
    "annan (?:birgi|aðila)",
    "drug\\p{L}* (?:firm|tvrtk|dobavljač|izvođač|ponuđač)",
    "kampuni nyingine",
  ],
  unspaced: [
    "他社",
    "別の業者",
    "別業者",
    "別の[^。]{0,12}(?:と契約|に決め|に依頼|を採用|にお願い)",
    "其他公司",
    "另一家",
    "別家",
    "别家",
    "다른 업체",
    "다른 회사",
    "شركة أخرى",
    "חברה אחרת",
    "บริษัทอื่น",
  ],
});
/** A discount or a lower price. */
const DISCOUNT = lexicon({
  words: [
    "έκπτωσ",
    "φθηνότερ",
    "скидк",
    "дешевле",
    "знижк",
    "дешевш",
    "отстъпк",
    "по-евтин",
    "indirim",
    "daha ucuz",
    "endirim",
    "sleva",
    "slevu",
    "levnější",
    "zľav",
    "lacnejš",
    "kedvezmény",
    "olcsóbb",
    "reducere",
    "mai ieftin",
    "giảm giá",
    "rẻ hơn",
    "allahindlus",
    "odavam",
    "atlaid",
    "lētāk",
    "nuolaid",
    "pigiau",
    "afslátt",
    "ódýrar",
    "popust",
    "jeftinij",
    "cenej",
    "punguzo",
    "nafuu zaidi",
  ],
  unspaced: ["値引", "割引", "お安く", "折扣", "便宜", "優惠", "优惠", "할인", "خصم", "הנחה", "ส่วนลด"],
});
/** A price above the buyer's budget (round 44: Czech "Cena 148 000 Kč je pro nás ale nad rozpočtem": blind119). */
const OVER_BUDGET = lexicon({
  words: [
    "nad (?:náš |naším |naš\\p{L}* )?rozpočt",
    "přesahuje (?:náš )?rozpočet",
    "presahuje (?:náš )?rozpočet",
    "превыша\\p{L}* (?:наш\\p{L}* )?бюджет",
    "выше нашего бюджета",
    "перевищу\\p{L}* (?:наш\\p{L}* )?бюджет",
    "bütçemizi aş",
    "bütçemizin üzerinde",
    "meghaladja a (?:keret|költségvetés)",
    "depășește bugetul",
    "peste bugetul",
  ],
});
/** Accepting, ordering or signing (theirs). */
const ACCEPTED = lexicon({
  words: [
    "αποδεχόμαστε",
    "εγκρίνουμε",
    "υπογεγραμμέν",
    "принимаем",
    "согласны",
    "подписанн\\p{L}* договор",
    "заказываем",
    "приймаємо",
    "погоджуємо",
    "підписан\\p{L}* договір",
    "замовляємо",
    "приемаме",
    "поръчваме",
    "подписан\\p{L}* договор",
    "kabul ediyoruz",
    "onaylıyoruz",
    "sipariş veriyoruz",
    "qəbul edirik",
    "təsdiq edirik",
    "přijímáme",
    "objednáváme",
    "podepsan\\p{L}* smlouv",
    "prijímame",
    "objednávame",
    "podpísan\\p{L}* zmluv",
    "elfogadjuk",
    "megrendeljük",
    "aláírt szerződés",
    "acceptăm",
    "comandăm",
    "contractul semnat",
    "đồng ý",
    "chốt",
    "ký hợp đồng",
    "đặt hàng",
    "nõustume",
    "tellime",
    "allkirjastatud leping",
    "piekrītam",
    "pasūtām",
    "sutinkame",
    "užsakome",
    "samþykkjum",
    "undirritað\\p{L}* samning",
    "prihvaćamo",
    "prihvatamo",
    "naručujemo",
    "potpisan\\p{L}* ugovor",
    "sprejemamo",
    "naročamo",
    "tumekubali",
    "tunakubali",
  ],
  unspaced: [
    "接受",
    "発注",
    "注文いたします",
    "注文します",
    "お願いすることにしました",
    "契約書に署名",
    "确认订单",
    "確認訂單",
    "签约",
    "簽約",
    "下单",
    "下訂",
    "계약하겠",
    "발주",
    "주문하겠",
    "진행하겠습니다",
    "نوافق",
    "אנחנו מאשרים",
    "ตกลง",
  ],
});
/** A price asked (theirs). */
const PRICE_ASKED = lexicon({
  words: [
    "πόσο κοστίζ",
    "сколько стоит",
    "сколько будет стоить",
    "скільки коштує",
    "колко струва",
    "ne kadar",
    "kaç para",
    "nə qədər",
    "kolik stojí",
    "koľko stojí",
    "mennyibe kerül",
    "cât costă",
    "bao nhiêu",
    "kui palju maksab",
    "cik maksā",
    "kiek kainuoja",
    "hvað kostar",
    "koliko košta",
    "koliko stane",
    "bei gani",
    "bei yake",
  ],
  unspaced: ["いくら", "多少钱", "多少錢", "얼마", "كم سعر", "כמה עולה", "ราคาเท่าไหร่"],
});
/** A time ahead: a quotation promised for later is not sent yet ("お見積書は、明日…お送りいたします"). */
const LATER = lexicon({
  words: [
    "αύριο",
    "завтра",
    "утре",
    "yarın",
    "sabah",
    "zítra",
    "zajtra",
    "holnap",
    "mâine",
    "ngày mai",
    "homme",
    "rīt",
    "rytoj",
    "á morgun",
    "sutra",
    "kesho",
  ],
  unspaced: ["明日", "来週", "後ほど", "明天", "下周", "下週", "稍后", "稍後", "내일", "غدا", "מחר", "พรุ่งนี้"],
  whole: true,
});
/** A question or a condition: nothing decided yet. */
const UNDECIDED = lexicon({
  words: ["αν", "если", "якщо", "ако", "eğer", "əgər", "pokud", "ak", "ha", "dacă", "nếu", "jei", "ef"],
  unspaced: ["もし", "如果", "만약", "إذا", "אם", "ถ้า", "\\?", "？"],
  whole: true,
});

/** A price: a currency sign or word, or an amount in thousands ("1,980万円", "380,000", "4.500.000"). */
const PRICE = /[€$£¥₩₺₽₴₫円元]|\d{1,3}(?:[.,\s]\d{3})+|\d{4,}|\d\s*(?:万|萬|億)/u;

interface WorldForm {
  stage: DealStage;
  direction?: Direction;
  confidence: number;
  /** Whether `sentence` of the message `text` holds the stage. */
  test: (sentence: string, text: string) => boolean;
}

const FORMS: readonly WorldForm[] = [
  {
    stage: "negotiation",
    direction: "inbound",
    confidence: 0.75,
    test: (s) =>
      (DISCOUNT.test(s) || OVER_BUDGET.test(s) || (OTHER_SUPPLIER.test(s) && PRICE.test(s))) && !ACCEPTED.test(s),
  },
  { stage: "lost", direction: "inbound", confidence: 0.8, test: (s) => OTHER_SUPPLIER.test(s) && !UNDECIDED.test(s) },
  { stage: "won", direction: "inbound", confidence: 0.8, test: (s) => ACCEPTED.test(s) && !UNDECIDED.test(s) },
  {
    stage: "proposal",
    direction: "outbound",
    confidence: 0.7,
    test: (s) => QUOTATION.test(s) && (SENT.test(s) || /\d/.test(s)) && !LATER.test(s),
  },
  // a supplier of the reader's sending its quotation with its price ("概算見積書を添付いたします。総額は…")
  {
    stage: "proposal",
    direction: "inbound",
    confidence: 0.7,
    test: (s, text) => QUOTATION.test(s) && SENT.test(s) && PRICE.test(text) && !LATER.test(s),
  },
  { stage: "interest", direction: "inbound", confidence: 0.65, test: (s) => QUOTATION.test(s) || PRICE_ASKED.test(s) },
];

/** Sentences, split where a full stop of any script, a question or an exclamation mark, or a line ends. */
const SENTENCE_END = /(?<=[.!?。！？])\s*|\n+/u;

/**
 * The deal stage of a message written in a language foreignDeals has no grammar for, from its lexicon; null when no form
 * is found. The caller reads it only where no English is written and no known grammar applies.
 */
export function readWorldDealStage(
  text: string,
  direction: Direction,
): { stage: DealStage; confidence: number; sentence: string } | null {
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const form of FORMS) {
    if (form.direction && form.direction !== direction) continue;
    const sentence = sentences.find((s) => form.test(s, text));
    if (sentence) return { stage: form.stage, confidence: form.confidence, sentence };
  }
  return null;
}
