import { describe, expect, it } from "vitest";
import { parseSignature } from "./signature";
import { cjkSignature } from "./signatureCjk";

const fields = (text: string) => {
  const s = parseSignature(text);
  return s && { name: s.name, title: s.title, company: s.company };
};

describe("cjkSignature (round 34)", () => {
  it("reads a Japanese block under the closing in either order, an office before the name included", () => {
    expect(
      fields("見積書を添付いたします。\n\nよろしくお願いいたします。\n田中 花子\n営業課長\n株式会社みなと精工"),
    ).toEqual({
      name: "田中 花子",
      title: "営業課長",
      company: "株式会社みなと精工",
    });
    expect(fields("明日お送りします。\n\n有限会社さくら木工\n製造部 主任\n中川 修")).toEqual({
      name: "中川 修",
      title: "製造部 主任",
      company: "有限会社さくら木工",
    });
    expect(fields("よろしくお願いいたします。\n東和物産株式会社\nバイヤー 森 真由")).toEqual({
      name: "森 真由",
      title: "バイヤー",
      company: "東和物産株式会社",
    });
  });

  it("reads Korean and Chinese blocks, a company and its office on one line, and the sender's mark", () => {
    expect(fields("감사합니다.\n최유나 드림\n바다마을 공방 실장")).toEqual({
      name: "최유나",
      title: "실장",
      company: "바다마을 공방",
    });
    expect(fields("報價如附件。\n\n王建華\n業務經理\n嘉南機械有限公司")).toEqual({
      name: "王建華",
      title: "業務經理",
      company: "嘉南機械有限公司",
    });
    // a company with no company word is the line left over
    expect(fields("감사합니다.\n정하늘\n구매팀장\n푸른들식품")).toEqual({
      name: "정하늘",
      title: "구매팀장",
      company: "푸른들식품",
    });
  });

  it("reads a name alone under a blank line, and nothing in a sentence, a closing or a short reply", () => {
    expect(fields("注文書は本日お送りします。\n\n石井")).toEqual({ name: "石井", title: null, company: null });
    expect(cjkSignature("注文書は本日お送りします。\n\nよろしくお願いいたします。")).toBeNull();
    expect(cjkSignature("好的，明天下午发货。")).toBeNull();
    expect(cjkSignature("了解")).toBeNull();
    // the last words of a sentence broken over a line are no name
    expect(cjkSignature("明日の午後に\n田中 花子")).toBeNull();
    // the span is the block as written
    const text = "よろしくお願いいたします。\n田中 花子\n株式会社みなと精工";
    expect(cjkSignature(text)?.span?.quote).toBe("田中 花子\n株式会社みなと精工");
  });
});
