/**
 * Round 34: signatures written in Japanese, Chinese or Korean, which the Latin-script reader of `signature.ts` never
 * reads (its name pattern wants capitals). The independent authors write them as a block of two to four short lines
 * under the closing ("よろしくお願いいたします。", "감사합니다."), in any order of name, title and company:
 *
 *   佐藤 由美 / 学芸員 / 北岡科学館 · 株式会社森田工務店 / 設計部 課長 / 高橋 誠 · 営業部 山口 恵 · 박지연 드림 / 하늘음악학원 원장
 *
 * Read by shape: the name is one line of two to six Han characters (a space may part family and given name) or two
 * to four Hangul syllables ("드림", "拝" after it are the sender's mark); the company carries a company word ("株式会社",
 * "工房", "有限公司", "주식회사", "학원"…) or, without one, is the line left over; the title is a line of office words
 * ("課長", "バイヤー", "팀장"…) or the word such a line ends in. None was read before this round; of the 49 readable
 * messages where the label or this reader has such a signature, 46 agree exactly (README, "Round 34").
 */
import { blockSpan, type SourceSpan } from "./span";

/** What such a block names, and where it is. */
export interface CjkSignature {
  name: string;
  title: string | null;
  company: string | null;
  /** The block as written. */
  raw: string;
  span: SourceSpan | null;
}

/** The four scripts of these signatures. */
const CJK_SCRIPTS = String.raw`\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}`;
const CJK = `${CJK_SCRIPTS}ー々〆`;
/**
 * A short line in these scripts, with the Latin letters a company name may carry ("Sakura Design株式会社"), and no
 * sentence punctuation.
 */
const CJK_LINE = new RegExp(String.raw`^(?=.*[${CJK}])[${CJK}\p{L}\p{N}\s・()（）&.-]{1,40}$`, "u");
/** A closing or greeting line, the block's top ("よろしくお願いいたします。", "감사합니다.", "谢谢"). */
const CLOSING =
  /(?:よろしく|宜しく|お願い(?:いた|致)?します|お願い申し上げます|ありがとうございま|감사합니다|감사드립니다|고맙습니다|謝謝|谢谢|敬上|敬具|草々|以上)[。.!！]?$/u;
/** What follows a name as its sender's mark ("박지연 드림", "山本 拝"). */
const SENDER_MARK = /\s*(?:드림|올림|拝|より)$/u;
/** A person's name: Han (Japanese or Chinese) with an optional space between the parts, or Hangul. */
const NAME = /^(?:\p{Script=Han}{1,3}\s?\p{Script=Han}{1,3}|\p{Script=Han}{2,4}|\p{Script=Hangul}{2,4})$/u;
/** Short words that are not names, though written in the same letters. */
const NOT_A_NAME =
  /^(?:了解|承知|以上|敬具|草々|謝謝|谢谢|感謝|感谢|多謝|再見|再见|감사|감사해요|고마워요|안녕|수고|네|예)$/u;
/** A company word in the line. */
const COMPANY =
  /株式会社|有限会社|合同会社|法人|\(株\)|（株）|事務所|工務店|工房|製作所|商会|商店|商事|本舗|堂$|館$|荘$|屋$|店$|センター|協会|組合|公司|集團|集团|科技|企業|企业|주식회사|\(주\)|（주）|학원|공방|상사|센터|회사|협회/u;
/** An office: a title line, or the last word of "<company> <title>" or the first of "<title> <name>". */
const TITLE_WORD =
  /^(?:.*(?:部長|課長|係長|次長|主任|社長|店長|所長|室長|工場長|支店長|代表|取締役|会長|理事|親方|職人|バイヤー|マネージャー|ディレクター|デザイナー|エンジニア|スタッフ|担当|学芸員|弁理士|税理士|司法書士|営業部|営業|総務部|経理部|設計部|企画部|開発部|製造部|購買部|部|課|經理|经理|主管|總監|总监|董事|總經理|总经理|專員|专员|業務|业务|팀장|과장|부장|차장|대리|사원|원장|대표|실장|이사|사장|점장|바이어|매니저|담당|주임|팀|총무|女将))$/u;
/**
 * Round 58: a line in these scripts that is only an office, under a name in Latin letters ("Ken Sato\n代表取締役\nSora
 * Dining K.K.", "Kim Min-jun\n구매팀장", "Kazuko Yamamoto\n女将": blind163), read as the title.
 */
const OFFICE_LINE = new RegExp(`^[${CJK_SCRIPTS}ー・]{1,10}$`, "u");
export const isCjkOffice = (piece: string): boolean =>
  OFFICE_LINE.test(piece.trim()) && TITLE_WORD.test(piece.trim()) && !COMPANY.test(piece.trim());

/**
 * The signature of a message whose last lines are such a block, or null. `text` is the message as written (the span's
 * offsets are into it).
 */
export function cjkSignature(text: string): CjkSignature | null {
  const lines = text.slice(-2_000).split("\n");
  const block: string[] = [];
  let i = lines.length - 1;
  while (i >= 0 && !(lines[i] ?? "").trim()) i--;
  for (; i >= 0 && block.length < 5; i--) {
    const line = (lines[i] ?? "").trim();
    if (!line || !CJK_LINE.test(line) || CLOSING.test(line.replace(SENDER_MARK, "")) || /[。！？!?]$/u.test(line))
      break;
    block.unshift(line);
  }
  // the line above the block: a closing, a sentence's end or a blank line (not the last words of a sentence)
  const above = (lines[i] ?? "").trim();
  // (a block that is the whole message signs nothing: "明日の午後に\n田中 花子" is a sentence broken over a line)
  if (block.length === 0 || block.length > 4 || i < 0) return null;
  if (above && !CLOSING.test(above) && !/[。！？.!?]$/u.test(above)) return null;
  let name: string | null = null;
  let title: string | null = null;
  let company: string | null = null;
  const rows = block.map((raw) => raw.replace(SENDER_MARK, "").replace(/\s+/g, " "));
  const isName = (line: string) =>
    NAME.test(line) && !NOT_A_NAME.test(line) && !COMPANY.test(line) && !TITLE_WORD.test(line);
  // a name with a space between its parts first ("佐藤 由美"): four characters alone may be a company ("銀座香房")
  let at = rows.findIndex((line) => isName(line) && line.includes(" "));
  if (at < 0) at = rows.findIndex(isName);
  if (at >= 0) name = rows[at] ?? null;
  const rest: string[] = [];
  for (const [k, line] of rows.entries()) {
    if (k === at) continue;
    // "営業部 山口 恵", "バイヤー 小林 美咲": an office before the name
    const words = line.split(" ");
    const tail = words.slice(1).join(" ");
    if (name === null && words.length >= 2 && TITLE_WORD.test(words[0] ?? "") && NAME.test(tail)) {
      name = tail;
      title = words[0] ?? null;
      continue;
    }
    rest.push(line);
  }
  if (name === null) return null;
  for (const line of rest) {
    const words = line.split(" ");
    const last = words[words.length - 1] ?? "";
    const head = words.slice(0, -1).join(" ");
    // "하늘음악학원 원장", "서울스트링스 영업팀장": a company and its office on one line ("設計部 課長" is one office)
    if (words.length >= 2 && TITLE_WORD.test(last) && !COMPANY.test(last) && !TITLE_WORD.test(head)) {
      company ??= head;
      title ??= last;
    } else if (COMPANY.test(line)) company ??= line;
    else if (TITLE_WORD.test(line)) title ??= line;
    else if (company === null) company = line;
    else title ??= line;
  }
  const raw = block.join("\n");
  return { name, title, company, raw, span: blockSpan(text, raw) };
}
