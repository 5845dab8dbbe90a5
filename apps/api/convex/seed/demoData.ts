/**
 * The demo organization's people and 90 days of conversations, as data. seed/history.ts plays
 * them through the product's own ingest, reply, note, label, assignment and status code, so
 * everything derived (contacts and identities, insights, deals, commitments, relationships,
 * report counters, SLA timers, CSAT) is computed by the product, not written here.
 *
 * Times are days before the seed runs (`d`, fractional). The wording is chosen so the product's
 * rule-based extraction (packages/insights) finds what each story is about: a deal moving
 * interest -> proposal -> negotiation -> won, a job change in an email signature, an assistant
 * and a manager named with their addresses, promises kept and missed.
 */

export type DemoChannel = "email" | "twilio" | "vonage" | "whatsapp" | "chat" | "webhook";
export type DemoAgent = "owner" | "agent";
export type DemoTeam = "Support" | "Billing" | "Sales";
export type DemoLabel = "VIP" | "Bug" | "Refund" | "Renewal" | "Feature request";

/** The two dashboard logins (packages/dev creates them; README "Demo"). */
export const DEMO_MEMBERS: Record<DemoAgent, { name: string; email: string }> = {
  owner: { name: "Demo Owner", email: "demo@switchboard.test" },
  agent: { name: "Sam Rivera", email: "sam@switchboard.test" },
};

export const DEMO_TEAMS: {
  name: DemoTeam;
  policy: "round_robin" | "manual";
  channels: ("whatsapp" | "chat" | "sms" | "email" | "webhook")[];
  members: DemoAgent[];
  lead?: DemoAgent;
}[] = [
  // Round-robin: the product assigns new WhatsApp and chat threads between the two agents.
  {
    name: "Support",
    policy: "round_robin",
    channels: ["whatsapp", "chat"],
    members: ["owner", "agent"],
    lead: "agent",
  },
  // Manual: SMS threads wait in the Billing view until someone takes them.
  { name: "Billing", policy: "manual", channels: ["sms"], members: ["agent"] },
  { name: "Sales", policy: "manual", channels: ["email", "webhook"], members: ["owner"], lead: "owner" },
];

export const DEMO_LABELS: { name: DemoLabel; color: string }[] = [
  { name: "VIP", color: "#d97706" },
  { name: "Bug", color: "#dc2626" },
  { name: "Refund", color: "#2563eb" },
  { name: "Renewal", color: "#16a34a" },
  { name: "Feature request", color: "#7c3aed" },
];

export const DEMO_SAVED_REPLIES = [
  {
    title: "Greeting",
    shortcut: "hi",
    body: "Hi {{contact.firstName}}, thanks for reaching out! {{agent.name}} here, happy to help.",
  },
  {
    title: "Refund issued",
    shortcut: "refund",
    body: "Hi {{contact.firstName}}, the refund is on its way: it shows on your statement within 5 business days.",
  },
  {
    title: "Tracking link",
    shortcut: "tracking",
    body: "Here is your tracking page, {{contact.firstName}}: it updates every few hours.",
  },
];

/** Service levels: 24/7 targets, CSAT asked on close. */
export const DEMO_SLA = {
  firstResponseMinutes: 60,
  nextResponseMinutes: 240,
  resolutionMinutes: 4320,
  csatEnabled: true,
};

export interface DemoPerson {
  name: string;
  email?: string;
  /** E.164; SMS and WhatsApp reach the same number. */
  phone?: string;
  /** Website chat visitor id. */
  visitorId?: string;
  /** The CRM webhook's id of the person. */
  externalId?: string;
}

export const DEMO_PEOPLE = {
  maya: { name: "Maya Chen", email: "maya.chen@northwind.example", phone: "+14155550142" },
  tom: { name: "Tom Baker", email: "tom.baker@northwind.example" },
  grace: { name: "Grace Liu", email: "grace.liu@northwind.example" },
  dana: { name: "Dana Reyes", email: "dana@acme.example" },
  priya: { name: "Priya Natarajan", email: "priya@lumen.example" },
  ken: { name: "Ken Watanabe", email: "ken@lumen.example" },
  luis: { name: "Luis Ortega", phone: "+14155550177" },
  olivia: { name: "Olivia Brooks", phone: "+447700900123" },
  noah: { name: "Noah Fischer", phone: "+447700900456" },
  amara: { name: "Amara Okafor", phone: "+14155550188" },
  jonas: { name: "Jonas Berg", phone: "+14155550191" },
  sofia: { name: "Sofia Rossi", phone: "+393471234567" },
  ahmed: { name: "Ahmed Hassan", phone: "+14155550165" },
  lena: { name: "Lena Novak", phone: "+447700900789" },
  carlos: { name: "Carlos Mendes", phone: "+14155550133" },
  emma: { name: "Emma Wilson", email: "emma.wilson@brightpath.example" },
  raj: { name: "Raj Patel", email: "raj@quantia.example" },
  chloe: { name: "Chloe Martin", email: "chloe@atelier.example" },
  marcus: { name: "Marcus Lee", email: "marcus.lee@harbor.example" },
  ines: { name: "Inès Laurent", email: "ines@verde.example" },
  ben: { name: "Ben Carter", email: "ben@carterbuild.example" },
  hana: { name: "Hana Kim", phone: "+14155550155" },
  yusuf: { name: "Yusuf Demir", phone: "+14155550166" },
  zoe: { name: "Zoe Adams", visitorId: "visitor_zoe" },
  leo: { name: "Leo Schmidt", visitorId: "visitor_leo" },
  mia: { name: "Mia Johansson", visitorId: "visitor_mia" },
  sara: { name: "Sara Haddad", visitorId: "visitor_sara" },
  omar: { name: "Omar Farouk", externalId: "crm-1042" },
  julia: { name: "Julia Weber", externalId: "crm-1043" },
  pat: { name: "Pat Morgan", externalId: "crm-1044" },
} satisfies Record<string, DemoPerson>;
export type DemoPersonKey = keyof typeof DEMO_PEOPLE;

export interface DemoMessage {
  /** Days before the seed run. */
  d: number;
  from: "contact" | DemoAgent;
  text: string;
  subject?: string;
  /** A small generated file (no download): an inbound photo, or a PDF an agent sends. */
  attach?: "image" | "pdf";
}

export interface DemoConversation {
  key: string;
  person: DemoPersonKey;
  channel: DemoChannel;
  /** The first message is the contact's. */
  messages: DemoMessage[];
  /** Who works it; omitted: whatever the team's routing decided (round-robin or nobody). */
  assignee?: DemoAgent | null;
  labels?: DemoLabel[];
  notes?: { d: number; by: DemoAgent; text: string }[];
  /** How it ends; omitted: still open. */
  end?: { status: "closed"; d: number; csat?: number } | { status: "snoozed"; forDays: number } | { status: "pending" };
}

const MAYA_SIGNATURE = "\n\nBest,\nMaya Chen\nHead of Operations, Northwind Traders\n+1 (415) 555-0142";
const DANA_ACME = "\n\nBest,\nDana Reyes\nVP Sales | Acme Corp\n+1 415 555 0170";
const DANA_GLOBEX = "\n\nBest,\nDana Reyes\nHead of Partnerships | Globex Inc\n+1 415 555 0170";

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  // --- Northwind: a deal over ten weeks, an assistant, a manager, colleagues at one domain.
  {
    key: "tom-intro",
    person: "tom",
    channel: "email",
    messages: [
      {
        d: 70,
        from: "contact",
        subject: "Scheduling for Maya",
        text: "Hello,\n\nI coordinate Maya Chen's calendar at Northwind. Could we find a slot for an intro call next week?\n\nTom Baker\nExecutive Assistant, Northwind Traders",
      },
      { d: 69.9, from: "owner", text: "Hi Tom, Tuesday 10am PT works for us. Talk soon!" },
    ],
    end: { status: "closed", d: 69, csat: 5 },
  },
  {
    key: "maya-deal",
    person: "maya",
    channel: "email",
    messages: [
      {
        d: 66,
        from: "contact",
        subject: "Northwind pilot",
        text: `Hi team,\n\nThanks for the call. We're very interested in a pilot for our support floor, could you tell us more about pricing? My assistant Tom Baker (tom.baker@northwind.example) will coordinate the kickoff.${MAYA_SIGNATURE}`,
      },
      { d: 65.9, from: "owner", text: "Great to hear, Maya! I'll set up the pilot workspace this week." },
      {
        d: 52,
        from: "contact",
        text: `The pilot is going well. Could you put together a quote for 120 seats on the annual plan?${MAYA_SIGNATURE}`,
      },
      {
        d: 51.8,
        from: "owner",
        text: "Attached is our proposal for the annual plan with 120 seats and the analytics add-on.",
        attach: "pdf",
      },
      {
        d: 44,
        from: "contact",
        text: `We received your proposal and are reviewing it with finance. My manager Grace Liu (grace.liu@northwind.example) will join the next call.${MAYA_SIGNATURE}`,
      },
      {
        d: 31,
        from: "contact",
        text: `Your number is about 20% above what we budgeted. Can you do a discount if we sign for two years?${MAYA_SIGNATURE}`,
      },
      { d: 30.8, from: "owner", text: "We can do 12% off for a two-year term, with the analytics add-on included." },
      {
        d: 17,
        from: "contact",
        text: `Good news: we've signed the contract! Looking forward to the rollout.${MAYA_SIGNATURE}`,
      },
      { d: 16.9, from: "owner", text: "Wonderful, welcome aboard! Your onboarding call is booked for Monday." },
    ],
    assignee: "owner",
    labels: ["VIP", "Renewal"],
    notes: [
      { d: 44, by: "owner", text: "Finance review at Northwind. @sam can you prepare the two-year billing schedule?" },
      { d: 16.9, by: "agent", text: "Billing schedule sent to Grace; invoices start next month." },
    ],
    end: { status: "closed", d: 16, csat: 5 },
  },
  {
    key: "grace-security",
    person: "grace",
    channel: "email",
    messages: [
      {
        d: 67,
        from: "contact",
        subject: "Security review",
        text: "Hi,\n\nI lead IT at Northwind and approve Maya's projects. Do you support SSO with Okta?\n\nGrace Liu\nVP IT, Northwind Traders",
      },
      { d: 66.9, from: "agent", text: "Hi Grace, yes: SAML SSO with Okta is included in the annual plan." },
    ],
    end: { status: "closed", d: 66.5, csat: 4 },
  },
  {
    key: "maya-sms",
    person: "maya",
    channel: "twilio",
    messages: [
      {
        d: 0.4,
        from: "contact",
        text: "Hi, Maya here - the rollout went great. Can we talk tomorrow about adding the Berlin team?",
      },
    ],
    assignee: "owner",
    labels: ["VIP"],
  },
  // --- Dana: a promise kept across a job change (Acme -> Globex).
  {
    key: "dana-acme",
    person: "dana",
    channel: "email",
    messages: [
      {
        d: 80,
        from: "contact",
        subject: "Evaluation",
        text: `Hi,\n\nThe trial went well and the team likes it. I'll send the security questionnaire by Friday.${DANA_ACME}`,
      },
      { d: 79.8, from: "owner", text: "Thanks Dana, we'll turn it around within two days of receiving it." },
    ],
    end: { status: "closed", d: 75 },
  },
  {
    key: "dana-globex",
    person: "dana",
    channel: "email",
    messages: [
      {
        d: 24,
        from: "contact",
        subject: "New role",
        text: `Hello,\n\nQuick update: I've moved on and joined Globex. As promised, attached is the security questionnaire.${DANA_GLOBEX}`,
      },
      {
        d: 23.8,
        from: "owner",
        text: "Congratulations on the new role, Dana! We'll review the questionnaire this week.",
      },
    ],
    assignee: "owner",
    end: { status: "closed", d: 22, csat: 5 },
  },
  // --- Lumen Labs: colleagues at one company, a happy customer, a promise missed.
  {
    key: "priya-thanks",
    person: "priya",
    channel: "email",
    messages: [
      {
        d: 60,
        from: "contact",
        subject: "Webhook retries failing",
        text: "Hi,\n\nOur webhook retries stopped working after the update, this is a serious problem for us.\n\nPriya Natarajan\nCTO, Lumen Labs",
      },
      { d: 59.7, from: "agent", text: "Sorry about that Priya, we found the bug and a fix ships today." },
      {
        d: 58,
        from: "contact",
        text: "Thanks a lot for the quick fix, everything works perfectly now!\n\nPriya Natarajan\nCTO, Lumen Labs",
      },
    ],
    assignee: "agent",
    labels: ["Bug"],
    end: { status: "closed", d: 58, csat: 5 },
  },
  {
    key: "ken-contract",
    person: "ken",
    channel: "email",
    messages: [
      {
        d: 40,
        from: "contact",
        subject: "Data processing agreement",
        text: "Hi,\n\nLegal needs a couple of changes to the DPA. I'll send the signed DPA by Monday.\n\nKen Watanabe\nGeneral Counsel, Lumen Labs",
      },
      { d: 39.8, from: "owner", text: "Thanks Ken, we've accepted both changes. Waiting for your signature." },
    ],
    assignee: "owner",
    end: { status: "pending" },
  },
  // --- SMS (Twilio and Vonage), billing.
  {
    key: "olivia-invoice",
    person: "olivia",
    channel: "vonage",
    messages: [{ d: 0.15, from: "contact", text: "Please call me back about the invoice, it was charged twice." }],
    labels: ["Refund"],
  },
  {
    key: "noah-card",
    person: "noah",
    channel: "vonage",
    messages: [
      { d: 12, from: "contact", text: "My card expired, how do I update it?" },
      {
        d: 11.9,
        from: "agent",
        text: "Hi Noah, you can update it under Settings > Billing. I've sent you a secure link too.",
      },
      { d: 11.8, from: "contact", text: "Done, thanks!" },
    ],
    assignee: "agent",
    end: { status: "closed", d: 11, csat: 4 },
  },
  {
    key: "lena-refund",
    person: "lena",
    channel: "vonage",
    messages: [
      { d: 33, from: "contact", text: "I cancelled last month but was still charged. This is frustrating." },
      {
        d: 32.7,
        from: "agent",
        text: "Sorry Lena, I've refunded the charge in full. It shows within 5 business days.",
      },
    ],
    assignee: "agent",
    labels: ["Refund"],
    end: { status: "closed", d: 32, csat: 3 },
  },
  {
    key: "amara-plan",
    person: "amara",
    channel: "twilio",
    messages: [{ d: 2.2, from: "contact", text: "Hi! Can I switch from monthly to annual billing mid-cycle?" }],
  },
  {
    key: "jonas-outage",
    person: "jonas",
    channel: "twilio",
    messages: [
      { d: 50, from: "contact", text: "Your app is down again, this is terrible. Nobody answers the phone." },
      { d: 49.6, from: "owner", text: "Jonas, sorry: an outage hit one region for 40 minutes. It's fixed now." },
      { d: 49.5, from: "contact", text: "Ok, thanks for the update." },
    ],
    assignee: "owner",
    labels: ["Bug"],
    end: { status: "closed", d: 49, csat: 2 },
  },
  {
    key: "carlos-receipt",
    person: "carlos",
    channel: "twilio",
    messages: [
      { d: 6, from: "contact", text: "Could you resend my receipt for March? I need it for expenses." },
      { d: 5.9, from: "agent", text: "Sent to your email just now, Carlos." },
    ],
    assignee: "agent",
    end: { status: "snoozed", forDays: 3 },
  },
  {
    key: "hana-sms",
    person: "hana",
    channel: "twilio",
    messages: [{ d: 0.02, from: "contact", text: "Is the new reporting dashboard available on the starter plan?" }],
  },
  // --- WhatsApp.
  {
    key: "luis-order",
    person: "luis",
    channel: "whatsapp",
    messages: [
      { d: 8, from: "contact", text: "Hola! My order #4812 still hasn't arrived :(" },
      { d: 7.99, from: "contact", text: "This is the tracking page", attach: "image" },
      { d: 7.9, from: "agent", text: "Hi Luis, the courier lost the parcel. A replacement ships today, sorry!" },
      { d: 5, from: "contact", text: "It arrived, thank you so much!" },
    ],
    assignee: "agent",
    notes: [{ d: 7.9, by: "agent", text: "Replacement order #4890 created, courier claim filed." }],
    end: { status: "closed", d: 5, csat: 4 },
  },
  {
    key: "sofia-size",
    person: "sofia",
    channel: "whatsapp",
    messages: [
      { d: 1.1, from: "contact", text: "Ciao! Do you ship to Milan, and how long does it take?" },
      { d: 1.05, from: "owner", text: "Ciao Sofia! Yes, 3 to 5 business days to Milan." },
      { d: 0.9, from: "contact", text: "Perfect. And can I return it if the size is wrong?" },
    ],
  },
  {
    key: "ahmed-broken",
    person: "ahmed",
    channel: "whatsapp",
    messages: [
      { d: 0.3, from: "contact", text: "The screen arrived cracked. Really disappointing." },
      { d: 0.29, from: "contact", text: "Photo of the damage", attach: "image" },
    ],
    labels: ["Refund"],
    notes: [{ d: 0.2, by: "owner", text: "@sam this is the second damaged delivery from that courier this week." }],
  },
  {
    key: "yusuf-wa",
    person: "yusuf",
    channel: "whatsapp",
    messages: [
      { d: 20, from: "contact", text: "Do you have a family plan?" },
      { d: 19.9, from: "owner", text: "Not yet, Yusuf, but it's on our roadmap for spring." },
    ],
    labels: ["Feature request"],
    end: { status: "closed", d: 19 },
  },
  {
    key: "amara-wa",
    person: "amara",
    channel: "whatsapp",
    messages: [
      { d: 27, from: "contact", text: "Hi, the export to CSV button does nothing on my phone." },
      { d: 26.8, from: "agent", text: "Thanks Amara, we could reproduce it; a fix is coming in the next release." },
    ],
    labels: ["Bug"],
    end: { status: "closed", d: 26, csat: 4 },
  },
  // --- Email, assorted.
  {
    key: "emma-onboarding",
    person: "emma",
    channel: "email",
    messages: [
      {
        d: 85,
        from: "contact",
        subject: "Onboarding 15 agents",
        text: "Hi,\n\nWe're onboarding 15 agents next week. Is there a training session we can join?\n\nEmma Wilson\nSupport Lead, BrightPath",
      },
      { d: 84.8, from: "agent", text: "Hi Emma, we run live training every Wednesday; I've sent you an invite." },
    ],
    assignee: "agent",
    end: { status: "closed", d: 84, csat: 5 },
  },
  {
    key: "raj-api",
    person: "raj",
    channel: "email",
    messages: [
      {
        d: 3,
        from: "contact",
        subject: "API rate limits",
        text: "Hello,\n\nWe keep hitting 429s on the messages endpoint during our nightly sync. Can you raise our limit?\n\nRaj Patel\nEngineering Manager, Quantia",
      },
    ],
    assignee: "agent",
    labels: ["Bug"],
  },
  {
    key: "chloe-feature",
    person: "chloe",
    channel: "email",
    messages: [
      {
        d: 15,
        from: "contact",
        subject: "Scheduled messages?",
        text: "Hi there,\n\nIt would be great to schedule replies for the morning. Any plans?\n\nChloe Martin\nFounder, Atelier",
      },
      { d: 14.8, from: "owner", text: "Hi Chloe, it's on our roadmap; I've added your vote." },
    ],
    labels: ["Feature request"],
    end: { status: "closed", d: 14 },
  },
  {
    key: "marcus-renewal",
    person: "marcus",
    channel: "email",
    messages: [
      {
        d: 1.5,
        from: "contact",
        subject: "Renewal question",
        text: "Hi,\n\nOur renewal is coming up. I will send the final seat numbers by next Friday.\n\nMarcus Lee\nCOO, Harbor Logistics",
      },
    ],
    assignee: "owner",
    labels: ["Renewal"],
  },
  {
    key: "ines-invoice",
    person: "ines",
    channel: "email",
    messages: [
      {
        d: 9,
        from: "contact",
        subject: "VAT number on invoices",
        text: "Bonjour,\n\nCould you add our VAT number FR40303265045 to future invoices?\n\nInès Laurent\nFinance, Verde",
      },
      { d: 8.8, from: "agent", text: "Done, Inès: it appears on every invoice from now on." },
    ],
    assignee: "agent",
    end: { status: "closed", d: 8, csat: 5 },
  },
  {
    key: "ben-quote",
    person: "ben",
    channel: "email",
    messages: [
      {
        d: 4,
        from: "contact",
        subject: "Pricing for a small team",
        text: "Hi,\n\nWe're a team of 6. Could you send us a quote for the starter plan?\n\nBen Carter\nOwner, Carter Build",
      },
    ],
  },
  // --- Website chat.
  {
    key: "zoe-chat",
    person: "zoe",
    channel: "chat",
    messages: [{ d: 0.05, from: "contact", text: "Do you offer a nonprofit discount?" }],
  },
  {
    key: "leo-chat",
    person: "leo",
    channel: "chat",
    messages: [
      { d: 36, from: "contact", text: "How do I reset my password? The email never comes." },
      { d: 35.99, from: "agent", text: "Hi Leo! Check your spam folder; I've just re-sent it from our side." },
      { d: 35.98, from: "contact", text: "Found it, thanks!" },
    ],
    end: { status: "closed", d: 35.9, csat: 5 },
  },
  {
    key: "mia-chat",
    person: "mia",
    channel: "chat",
    messages: [
      { d: 0.6, from: "contact", text: "Hi, I can't find where to add a second inbox. Can you help?" },
      { d: 0.58, from: "owner", text: "Sure Mia: Settings > Channels > Add channel." },
      { d: 0.5, from: "contact", text: "I don't see that menu, my role might be too low?" },
    ],
  },
  {
    key: "sara-chat",
    person: "sara",
    channel: "chat",
    messages: [
      { d: 55, from: "contact", text: "Is there an Arabic version of the chat widget?" },
      { d: 54.9, from: "agent", text: "Yes Sara, set the widget's locale to ar and it switches to right-to-left." },
    ],
    labels: ["Feature request"],
    end: { status: "closed", d: 54 },
  },
  // --- The CRM webhook (generic provider).
  {
    key: "omar-webhook",
    person: "omar",
    channel: "webhook",
    messages: [
      { d: 88, from: "contact", text: "Form submission: interested in the enterprise plan for 40 agents." },
      { d: 87.8, from: "owner", text: "Thanks Omar, our team will reach out today." },
    ],
    end: { status: "closed", d: 87 },
  },
  {
    key: "julia-webhook",
    person: "julia",
    channel: "webhook",
    messages: [{ d: 10, from: "contact", text: "Form submission: requesting a demo for our customer care team." }],
    assignee: "owner",
    end: { status: "snoozed", forDays: 2 },
  },
  {
    key: "pat-webhook",
    person: "pat",
    channel: "webhook",
    messages: [{ d: 0.8, from: "contact", text: "Form submission: question about data residency in the EU." }],
  },
];
