/**
 * The words that tell what a piece of a signature is (split out of signature.ts in round 13, same behaviour): a job
 * title (by its words, its agent-noun form or its head noun), a company (a legal form, a business noun, a firm named
 * after its partners), a unit or a department, an organisation that is no company, and whether a signed name is a
 * person's at all. Word lists match on a Unicode word boundary (`unicodeWords`).
 */
import { isCjkOffice } from "./signatureCjk";

/**
 * A word boundary that knows accented letters: JavaScript's `\b` is ASCII-only even with the `u` flag, so "Palácio"
 * holds the title word "cio" and "Rémy" the word "my" (round 11). Each `\b` of a word list becomes this.
 */
const LETTER = String.raw`[\p{L}\p{M}\p{N}_]`;

const UNICODE_BOUNDARY = `(?:(?<=${LETTER})(?!${LETTER})|(?<!${LETTER})(?=${LETTER}))`;

export function unicodeWords(re: RegExp): RegExp {
  return new RegExp(
    re.source.replaceAll(String.raw`\b`, UNICODE_BOUNDARY),
    re.flags.includes("u") ? re.flags : `${re.flags}u`,
  );
}

export const TITLE_WORDS = unicodeWords(
  // (round 34: the smiths and the bowyer, whose names no agent-noun ending gives: "Bladesmith", "Bowyer"; not "Smith"
  // alone, a surname; "Kassör", a club's treasurer; round 43: a carillonneur, a tower captain, a parish priest in Polish
  // and Portuguese, the Czech and Flemish managing director: blind116, blind118; round 61: a club's or board's chair in
  // Danish, Swedish, Norwegian, Finnish, Dutch and German, which alone under a name read as its company: blind171; and
  // the French, Spanish and Portuguese president, the Czech owner and the Norwegian managing director: blind124, blind101,
  // blind111; round 62: a trust's trustee (not "St Matthias' Trustees", the body), a pipe band's sergeant or major and
  // the Māori kaitiaki, a steward, with at most one word after it ("Kaitiaki Kākano", not "Kaitiaki Fish & Greens"),
  // which under a name read as its company: blind175, blind174, blind120, blind72; and a captain, a maker and an
  // educator after what they captain, make or teach ("Club Captain", "Cue Maker", "Tea Educator"; "captain" also reads
  // round 43's tower captain, whose own entry it replaces), the Polish owner, the Turkish founder, the Spanish doctor,
  // the Latvian manager and the French "cheffe": blind123, blind147, blind145, blind140, blind106, blind14, blind131)
  /\b(?:(?:black|blade|silver|gold|gun|lock|copper|tin|knife|white)smiths?|bowyers?|carillonneurs?|proboszcz|pároco|párroco|parroco|jednatel|jednatelka|zaakvoerder|kassör|kassörska|kasserer|formand|forkvinde|ordförande|styreleder|puheenjohtaja|voorzitter|vorsitzende|vorsitzender|présidente?|presidente|presidenta|majitel|majitelka|daglig leder|[a-zäöüß]*(?:leiter|leiterin|führer|führerin|referent|referentin|berater|beraterin|managerin|manager|sachbearbeiter|sachbearbeiterin|mitarbeiter|mitarbeiterin|einkäufer|einkäuferin|adviseur|medewerker|directeur|assistent|assistentin|coördinator|koordinator|koordinatorin|ansvarig|ansvarlig|eigenaar|eigenaresse|inhaber|inhaberin|verantwortliche?r?|vastaava|päällikkö|chef)|responsable|directeur|directrice|gérant|gérante|chef|chargée?|ingénieur|leiter|leiterin|geschäftsführer|geschäftsführerin|referent|referentin|vertrieb|gerente|jefe|jefa|directora|responsabile|direttore|ceo|cto|cfo|coo|cmo|cio|cro|cpo|vp|svp|evp|avp|vice president|president|director|manager|head|lead|leader|engineer|developer|designer|founder|co-founder|cofounder|partner|consultant|analyst|specialist|coordinator|officer|executive|associate|assistant|owner|principal|architect|representative|rep|advisor|adviser|recruiter|administrator|admin|intern|chief|counsel|attorney|lawyer|accountant|controller|buyer|strategist|scientist|researcher|editor|producer|agent|broker|realtor|supervisor|technician|nurse|professor|teacher|secretary|treasurer|chair|chairman|chairwoman|chairperson|programmer|marketer|sdr|bdr|csm|account executive|account manager|product manager|project manager|team lead|tech lead|staff|sr\.?|jr\.?|senior|junior|operations|procurement|sales|marketing|hr|people|talent|paralegal|physician|dentist|pharmacist|photographer|writer|copywriter|planner|estimator|dispatcher|superintendent|foreman|handler|clerk|mgr|dir|exec|asst|coord|supv|prof|assoc|ansvarig|kierownik|dyrektor|specjalista|teamleider|medewerker|coordenador|coordenadora|gerente|diretor|diretora|gestor|gestora|comprador|compradora|inkoper|inköpare|indkøber|innkjøper|vedoucí|ředitel|ředitelka|müdür|müdürü|uzman|uzmanı|socio|socia|sócio|sócia|titolare|proprietario|proprietaria|propietario|propietaria|proprietário|proprietária|propriétaire|amministratore|dueño|dueña|encargado|encargada|fundador|fundadora|gründer|gründerin|kupiec|dgm|agm|gm|coordinador|coordinadora|contador|contadora|ejecutivo|ejecutiva|direktor|direktorka|headmistress|headmaster|facilitator|vicar|rector|curate|chaplain|pastor|priest|deacon|churchwarden|parroco|parroca|pfarrer|pfarrerin|curé|kirkeværge|sognepræst|convenor|convener|tumuaki|lecturer|trustee|sergeant|pipe major|drum major|kaitiaki(?!\s+\S+\s+\S)|captain|maker|educator|właściciel|właścicielka|kurucu|médico|médica|vadītājs|vadītāja|cheffe|architecte|architectes|mester|secretari|secretària|secretario)\b/i,
);

/**
 * Legal-entity suffixes: a piece with one of these is a company even if it contains a title word (round 38: also the
 * Hungarian Kft. and Zrt., the Finnish ry and Oyj, the Icelandic ehf.: blind97, blind98; round 58: the Gulf W.L.L.:
 * blind162; round 60: the Irish Teoranta, with its period when short, as
 * "Teo" is also a surname: blind168; round 62: the German registered association, "e.V.": blind175).
 */
export const LEGAL_SUFFIX = unicodeWords(
  /(?:\b(?:inc|llc|ltd|limited|corp|corporation|co|gmbh|ag|sa|sas|sarl|bv|nv|plc|pty|pte|llp|lp|aps|as|ab|oy|srl|spa|kg|ug|kk|lda|ltda|jsc|fze|fzco|fzc|fz-llc|sac|sro|tbk|bhd|pvt|kft|zrt|ry|oyj|ehf|teoranta)\b\.?|(?<!\p{L})(?:b\.v|n\.v|s\.a(?:\.? de c\.v)?|s\.a\.[ace]|d\.o\.o|s\.a\.s|s\.r\.o|a\.s|a\.ş|s\.r\.l|s\.p\.a|s\.l|k\.k|sp\. z o\.o|e\.k|s\.c|c\.v|w\.l\.l|e\.v|teo(?=\.))\.?)\s*$/iu,
);

/** Round 58: offices in Italian, Spanish, French and German that sign for a company (see DEPARTMENT). */
export const FOREIGN_OFFICES =
  "amministrazione|administración|contabilidad|contabilità|segreteria|buchhaltung|verwaltung|kundenservice|comptabilité";
/**
 * A department signing for a company ("Accounts Payable", "Customer Care Team") is neither name nor company. Round 58:
 * also an office in Italian, Spanish, French or German ("Amministrazione", "Ufficio Commerciale", "Administración":
 * blind163, blind161; 14 such sign-offs of the read authors, none labelled a name). Round 64: and a Polish "Dział …"
 * ("Dział Sprzedaży", the sales department: blind181).
 */
export const DEPARTMENT = new RegExp(
  String.raw`^(?:the )?(?:accounts?(?: payable| receivable)?|billing|finance|procurement|purchasing|reception|help ?desk|service desk|customer (?:care|service|success|support)|support|sales|logistics|dispatch|payroll|hr|human resources|legal|marketing|operations|bookings|reservations|orders|supplier management|vendor management|supply chain|facilities|it|it support|accounts department|legal department|finance department|${FOREIGN_OFFICES}|ufficio(?: [a-zà-ÿ]+){1,2}|dział(?: \S+){1,2})(?: (?:team|department|dept\.?|desk|office))?$`,
  "i",
);

/**
 * Business nouns that make a short capitalised line a company, not a person ("Kestrel Electrical",
 * "Plinth Analytics", "Maple & Main Property Mgmt"): trades, services and common trading-name heads. Round 25: the
 * trades businesses sign automated notices with ("Forge Fitness", "Ridgeview Community Rink", "Smart Repair Shibuya");
 * not "marina" (a first name), "dairy" or "rentals" (a title's "Eggs & Dairy", "Corporate Rentals").
 */
const COMPANY_WORD = unicodeWords(
  /\b(?:electrical|electric|electrics|plumbing|plumbers?|roofing|builders?|building|construction|carpentry|joinery|glazing|painting|decorating|landscaping|gardening|cleaning|heating|cooling|hvac|locksmiths?|removals|movers|haulage|hauliers|greenhouses|nurseries|kennels|property|properties|realty|estates?|mgmt|management|services|solutions|analytics|trading|logistics|freight|shipping|transport|consulting|consultancy|holdings|partners|industries|enterprises|systems|software|technologies|labs|studios?|clinic|dental|physio|vets?|veterinary|motors|automotive|garage|foods|bakery|catering|pharmacy|health|healthcare|insurance|finance|capital|ventures|media|digital|agency|group|co|fitness|gym|shop|store|rink|nursery|repairs?|hire|bookshop|books|publishing|press|cinemas?|films|pictures|academy|café|cafe|coffee|roasters|hotel|hostel|boutique|salon|farms?|supplies|supply|equipment|printing|printers|wholesale|imports|travel|tours|outlet|brewery|winery|distillery|charters|drilling|quarry|quarries|concrete|aggregates|recycling|storage|laundry|couriers|cargo|express|irrigation|asbl|guardería|direct|kiosks|opticians|optical|opticals|eyewear|atelier|domaine|camping|hobbies|scaffolds|scaffolding|cycles|snowsports|containers|upholstery|appliances?|bridal|alterations|arboriculture|stables|refrigeration|pools|demolition|brokers|paving|pavers|warehousing|rides|millinery|cobblers|saddlery|boucherie|chocolaterie|bäckerei|marbrerie|notaría)\b\.?/i,
);

/** Title words that name a role, not a function: a line with one is a title even below another title. */
export const ROLE_WORDS = unicodeWords(
  /\b(?:manager|director|head|lead|leader|officer|chief|president|vp|ceo|cto|cfo|coo|engineer|specialist|coordinator|assistant|associate|analyst|consultant|recruiter|executive|owner|founder|partner|buyer|supervisor|administrator|representative|advisor|adviser)\b/i,
);

/** A firm named after its partners ("Weber & Partner", "Shah & Associates", "Dupont & Fils"): a company (round 13). */
export const FIRM_NAME =
  /\s&\s*(?:partner|partners|partnerzy|associates|associés|asociados|associati|co\.?|cie\.?|sons|söhne|fils|hijos|figli)$/iu;

export const isCompanyLike = (s: string) => COMPANY_WORD.test(s) || LEGAL_SUFFIX.test(s) || FIRM_NAME.test(s.trim());

/**
 * A word that names a person by what they do, in the endings European languages share for agent nouns
 * ("Columnist", "Photographe", "Fotograf", "Lektorin", "Luthier", "Illustratrice", "Enólogo", "Tierärztin"): no list
 * of every trade in every language is needed for a title no list knows (round 11). Short "-er"/"-ent" words stay out
 * ("Bayer", "Accent"). Round 29: also the Nordic compounds of "chief" and "manager" ("Indkøbschef", "Verkstjóri":
 * blind63, blind65).
 */
const AGENT_NOUN =
  /^\p{Lu}[\p{L}'’-]*(?:ist|istin|iste|ista|eur|euse|rice|grafin|graf|graphe|graph|ógraf[oa]|ograf[oa]|ólog[oa]|olog[oa]|ologist|ologue|ician|arian|ier|ière|iker|ikerin|ärztin|arzt|ator|or|orin|erin|ador|adora|\p{L}{4}er|\p{L}{4}(?:ant|ent)|\p{L}{3,}chef|\p{L}{2,}stjóri)$/u;

/** A piece whose every word is an agent noun ("Violinist & Composer", "Übersetzerin"): a title, not a company. */
function agentTitle(piece: string): boolean {
  const words = piece
    .trim()
    .split(/\s+/)
    .filter((w) => !/^(?:&|and|und|et|e|y|\/)$/i.test(w));
  return words.length >= 1 && words.length <= 3 && words.every((w) => AGENT_NOUN.test(w)) && !isCompanyLike(piece);
}

/**
 * Round 60: a title written in sentence case that ends in an agent noun ("Session & touring drummer", "Artisan
 * murailler": blind168, blind139): the words after the first are lower case, as a company's never are.
 */
function sentenceCaseAgentTitle(piece: string): boolean {
  const words = piece
    .trim()
    .split(/\s+/)
    .filter((w) => !/^(?:&|and|\/)$/i.test(w));
  const last = words[words.length - 1] ?? "";
  return (
    words.length >= 2 &&
    words.length <= 4 &&
    /^\p{Lu}/u.test(words[0] ?? "") &&
    words.slice(1).every((w) => /^\p{Ll}/u.test(w)) &&
    AGENT_NOUN.test(last.charAt(0).toUpperCase() + last.slice(1)) &&
    !isCompanyLike(piece)
  );
}

/**
 * A title whose head noun comes first, then its complement ("Conservatrice du patrimoine", "Régisseuse des collections",
 * "Keeper of Prints", "Leiterin der Sammlung"): the head is an agent noun, as Romance and Germanic titles are built
 * (round 13).
 */
const HEAD_FIRST =
  /^(\p{Lu}[\p{L}'’-]+)\s+(?:de|des|du|de la|del|della|delle|dello|dei|degli|di|of|for|der|für|do|da|dos|das)\s+\p{L}[\p{L}'’-]*(?:\s+\p{L}[\p{L}'’-]*){0,2}$/u;

function headFirstTitle(piece: string): boolean {
  const m = HEAD_FIRST.exec(piece.trim());
  return !!m && AGENT_NOUN.test(m[1] ?? "") && !isCompanyLike(piece);
}

/** A title by its words: the title-word list first, the agent-noun endings as the fallback. */
export const isTitle = (piece: string) =>
  TITLE_WORDS.test(piece) ||
  agentTitle(piece) ||
  headFirstTitle(piece) ||
  sentenceCaseAgentTitle(piece) ||
  isCjkOffice(piece);

/** Whether a phrase reads as a job title by its words (job changes read announced titles with it). */
export function looksLikeTitle(phrase: string): boolean {
  return isTitle(phrase) || agentTitle(phrase.split(/\s+/).pop() ?? "");
}

/** What follows a comma inside one title: a region or a function ("Sales Manager, APAC", "VP, Finance"). */
const TITLE_QUALIFIER =
  /^(?:apac|emea|amer|americas|latam|dach|nordics|benelux|anz|uk|us|usa|eu|na|mea|mena|cee|asean|europe|asia|africa|north america|south america|middle east|global|international|(?:north|south|east|west|central|northern|southern|eastern|western)(?:[ -](?:east|west|central))? (?:europe|america|asia|africa|region|emea|us|uk)|[a-z]+ region|finance|engineering|sales|marketing|operations|product|customer (?:experience|success|care|service)|people|hr|it|legal|partnerships|procurement|purchase|purchasing|sourcing|quality assurance|quality control|growth|strategy|data|technology|design|research|compliance|risk|supply chain|logistics)$/i;

/** A unit of a company ("Export Dept.", "Overseas Sales Team", "Procurement Division"): never the company. */
export const UNIT = unicodeWords(/\b(?:dept\.?|department|division|section|team|unit|abteilung)$/i);

/** Departments and functions that follow a comma in a title ("Director, IT & Facilities"). */
const DEPARTMENT_WORDS =
  /^(?:[\p{L}-]+\s+){0,3}(?:division|department|dept\.?|unit|section|team)$|^(?:(?:customer|network|it|business|public|investor|government|corporate|regional|field|technical|product|clinical|medical)\s+)?(?:operations|administration|admin|facilities|compliance|support|infrastructure|security|quality|training|analytics|communications|accounts|treasury|tax|audit|development|relations|affairs|planning|programs|programmes|projects|it)$|^(?:japan|china|india|germany|france|spain|italy|brazil|mexico|canada|australia|new zealand|singapore|korea|poland|netherlands|sweden|norway|denmark|finland|ireland|switzerland|austria|belgium|portugal|south africa|nigeria|kenya|egypt|uae|saudi arabia|turkey|israel|indonesia|malaysia|philippines|thailand|vietnam|argentina|chile|colombia|peru|hong kong|taiwan)$/iu;

/** A region or a function after a comma or a dash in a title, possibly several joined by "&"/"and"/"/". */
export function isQualifier(piece: string): boolean {
  const parts = piece.trim().split(/\s*(?:&|\band\b|\/)\s*/);
  return parts.every((p) => {
    // "HR Operations", "Enterprise Sales", "Sales Operations": a function narrowed by a scope word (round 8)
    const core = p.replace(SCOPE_WORDS, "");
    return p.length > 0 && [p, core].some((x) => x.length > 0 && (TITLE_QUALIFIER.test(x) || DEPARTMENT_WORDS.test(x)));
  });
}

/** Words that narrow a function in a title qualifier ("Enterprise Sales", "HR Operations", "Global Business"). */
const SCOPE_WORDS =
  /^(?:(?:hr|sales|enterprise|global|business|regional|field|retail|commercial|corporate|technical|digital|international|national|export|import|overseas|domestic|product|marketing|finance|people|talent|it|data|customer|client|partner|channel|strategic|key|public|private)\s+){1,2}/i;

/** An organisation noun ending a name-shaped line ("Waikiki Paddle Club"); not "Church", "Trust" or "Union", surnames too. */
export const ORGANISATION_NAME = unicodeWords(
  /\b(?:society|association|club|committee|council|school|academy|college|university|institute|foundation|federation|league|charity|parish|museum|library|hospital|choir|orchestra|co-?op|cooperative|residents|family|famille|familie|familia|família|household)$/i,
);

/** A unit of an institution headed by its noun: "School of …", "Faculty of …", "Department of …" (round 13). */
export const ACADEMIC_UNIT =
  /^(?:graduate\s+)?(?:school|faculty|department|dept\.?|division|centre|center|college|unit|section|office|laboratory|lab)\s+(?:of|for)\s+\p{Lu}[\p{L}&' -]{2,50}$/iu;

/** A department, also narrowed by a scope word ("Key Accounts", "Customer Administration", "Enterprise Sales"). */
export function isDepartment(piece: string): boolean {
  const core = piece.replace(SCOPE_WORDS, "");
  return DEPARTMENT.test(piece) || (core !== piece && (DEPARTMENT.test(core) || /^administration$/i.test(core)));
}

/** A public body named in its own language ("Lindsjö kommun", "Galway County Council", "Comune di Lecco", round 13). */
export const PUBLIC_BODY = unicodeWords(
  /\b(?:kommun|kommune|gemeente|gemeinde|municipality|municipio|municipalidad|comune|ayuntamiento|mairie|council|county|borough|ministry|ministerio|ministère|authority|prefecture|canton|city of|town of)\b/i,
);

/** Nouns of organisations that are no company ("Riverside Allotment Society", "Millbrook Parish Council"). */
export const ORGANISATION_WORD = unicodeWords(
  /\b(?:society|association|club|committee|council|school|academy|college|university|institute|foundation|federation|league|charity|parish|museum|library|hospital|choir|orchestra|co-?op|cooperative|residents|family|famille|familie|familia|família|household)\b/i,
);

/**
 * A unit written as one compound word in the Germanic languages ("Upphandlingsenheten", "Einkaufsabteilung",
 * "Inkoopafdeling", "Kundenservice", "Ordrekontoret"): its last part names the unit (round 13).
 */
const COMPOUND_UNIT =
  /\p{L}{3}(?:enhet|enheten|avdeling|avdelingen|avdelning|avdelningen|afdeling|abteilung|kontor|kontoret|kontorer|team|teamet|service|dienst|stelle|büro)$/iu;

/** A unit that ends in an office, a desk or a secretariat ("Programme Office", "Export Desk"): under a name, the role (round 13). */
export const UNIT_ROLE = unicodeWords(/\b(?:office|desk|secretariat)$/i);

/** Initials alone: "JM", "R.D.", "P K" (round 13). */
const INITIALS = /^(?:\p{Lu}\.?\s?){2,3}$/u;

/** Words of units and public bodies that no person's name holds, in the languages of the sets (round 13). */
export const UNIT_WORD = unicodeWords(
  /\b(?:team|teams|department|departamento|département|dipartimento|afdeling|abteilung|dept|division|section|desk|office|services|servicio|servizio|serviço|équipe|equipo|squadra|county|mairie|municipality|ministry|fund|authority|bureau|secretariat|registry|assurance|kundenservice|kundendienst|kundenbetreuung|obsługa|atendimento|atención)\b/i,
);

/**
 * Functions a department is named after ("Credit Control", "Trade Sales", "Network Operations"): words, not names, so a
 * name-shaped line holding one is a unit signing (round 13).
 */
export const FUNCTION_WORD = unicodeWords(
  /\b(?:operations|administration|management|compliance|support|infrastructure|security|quality|training|analytics|communications|accounts|accounting|treasury|tax|audit|development|relations|affairs|planning|projects|finance|engineering|sales|marketing|procurement|purchasing|sourcing|logistics|dispatch|despatch|control|collections|payments|payroll|receivables|payables|billing|invoicing|reception|admissions|enrolment|enrollment|lettings|bookings|reservations|orders|onboarding|partnerships|sponsorship|membership|ticketing|fundraising|communications|press|comercial|commercial|facturación|facturation|comptabilité|contabilidad|contabilidade|contabilità|financeiro|financeira|finanzas|finanze|faturação|faturamento|buchhaltung|vertrieb|einkauf|księgowość)\b/i,
);

/**
 * Whether a signature's name is a person's (round 13): not initials alone, not a department or a unit, not an
 * organisation (a legal form, a business noun, an organisation noun). A two-letter last word is no legal form here
 * ("Ana Sa", "Marco Co" are people).
 * Round 33: nor a business with a word of more trades (opticians, upholstery, snowsports, balloon rides…), a possessive
 * ("Kemal's Cobblers") or a Finnish or Swedish legal form at the end ("Oy", "AB"): the read authors' false
 * signature fields 332 → 306.
 */
export function namesPerson(name: string): boolean {
  const last = name.split(/\s+/).pop() ?? "";
  return !(
    INITIALS.test(name) ||
    isDepartment(name) ||
    UNIT.test(name) ||
    UNIT_WORD.test(name) ||
    FUNCTION_WORD.test(name) ||
    name.split(/\s+/).some((w) => COMPOUND_UNIT.test(w)) ||
    ORGANISATION_WORD.test(name) ||
    COMPANY_WORD.test(name) ||
    (LEGAL_SUFFIX.test(name) && (!/^\p{Lu}\p{Ll}$/u.test(last) || /^(?:oy|ab)$/i.test(last))) ||
    // round 33: a possessive names a business ("Kemal's Cobblers", "Columba's Church"), not a person
    /\p{L}['’]s(?:\s|$)/u.test(name)
  );
}
