// The governance model of a programme, as data. Zod is pure validation, so it lives in the
// domain; nothing here reads files, the environment or the clock.
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens (e.g. "topplederforum")');

/** Entra (Azure AD) object id of a person, as Teams reports it in `from.aadObjectId`. */
export const personIdSchema = z.string().min(1, 'must name a person by their Entra object id (aadObjectId)');

/** Why a preset says what it says: the seed's clause quoted, or a note that the seed is silent
 * and this is our choice. For people reading the configuration; never shown to users. */
export const basisSchema = z.string().min(1).optional();

export const localisedTextSchema = z.object({
  nb: z.string().min(1),
  en: z.string().min(1),
});
export type LocalisedText = z.infer<typeof localisedTextSchema>;

const quorumSchema = z
  .object({
    /** Minimum number of eligible members who must cast a vote (any choice). */
    minVotesCast: z.number().int().min(1).optional(),
    /** Minimum share (0–1] of eligible members who must cast a vote. */
    minShareCast: z.number().gt(0).max(1).optional(),
    /** More than half of the eligible members must cast a vote (6 of 10, 5 of 8, 4 of 7). */
    majorityOfMembers: z.boolean().optional(),
    /** What the quorum rests on: the agreement's clause, or that the preset chose it where the
     * agreement is silent. */
    basis: localisedTextSchema.optional(),
  })
  .strict();
export type Quorum = z.infer<typeof quorumSchema>;

export const decisionRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consensus'), quorum: quorumSchema.optional() }).strict(),
  z.object({ kind: z.literal('majority'), quorum: quorumSchema.optional() }).strict(),
  z
    .object({
      kind: z.literal('consensus-then-majority'),
      quorum: quorumSchema.optional(),
      /** Digi Rogaland §4.2: a tie is broken by the chair's vote counting double. */
      chairDoubleVoteOnTie: z.boolean().default(true),
      /** Digi Rogaland §4.2: without consensus in a budget matter, the chair decides. */
      chairDecidesBudgetMatters: z.boolean().default(true),
    })
    .strict(),
]);
export type DecisionRule = z.infer<typeof decisionRuleSchema>;

export const partySchema = z
  .object({
    id,
    name: z.string().min(1),
    /** Entra tenants whose users belong to this party; used to tell insiders from outsiders. */
    tenantIds: z.array(z.string().min(1)).default([]),
    /** Inhabitants, for membership-fee rules (municipalities). */
    inhabitants: z.number().int().positive().optional(),
    /** What kind of party this is (e.g. "kommune", "ks"), for the seats a body declares. */
    kind: id.optional(),
  })
  .strict();
export type Party = z.infer<typeof partySchema>;

export const personSchema = z
  .object({
    aadObjectId: personIdSchema,
    name: z.string().min(1),
    party: id,
    /** Programme-wide roles. Body roles come from the bodies themselves. */
    roles: z.array(z.enum(['office'])).default([]),
  })
  .strict();
export type Person = z.infer<typeof personSchema>;

/** Who sits in a body. Kept apart from the body's governance so a preset can define the body
 * and a programme file only says who is in it. */
export const bodyMembershipSchema = z
  .object({
    members: z.array(personIdSchema).default([]),
    chair: personIdSchema.optional(),
    observers: z.array(personIdSchema).default([]),
    secretary: personIdSchema.optional(),
  })
  .strict();

/** A group of seats: `count` people, each of a party with this id or of this kind of party. */
const seatGroupSchema = z
  .object({
    count: z.number().int().min(1).max(100),
    party: id.optional(),
    partyKind: id.optional(),
    /** At most one seat of the group per party (e.g. 7 chief executives of 7 municipalities). */
    onePerParty: z.boolean().default(true),
    /** What the seat is, for messages (e.g. «rådmann/kommunedirektør»). */
    title: localisedTextSchema.optional(),
  })
  .strict()
  .refine((g) => (g.party === undefined) !== (g.partyKind === undefined), 'a seat group names either party or partyKind');
export type SeatGroup = z.infer<typeof seatGroupSchema>;

/** A fixed seat (Digi Rogaland §4.2 «Stavanger, Sandnes og en av kommunene på Haugalandet har
 * fast representasjon»): filled by a member of any one of the named parties; one party for a seat
 * of its own, several for "one of these". */
const fixedSeatSchema = z
  .object({
    anyOf: z.array(id).min(1).max(50),
    /** What the seat is, for messages (e.g. «en av kommunene på Haugalandet»). */
    title: localisedTextSchema.optional(),
  })
  .strict();
export type FixedSeat = z.infer<typeof fixedSeatSchema>;

/** The composition a body's agreement prescribes (Digi Rogaland §4.1/§4.2); a programme file
 * whose people break it is refused at start. */
export const seatsSchema = z
  .object({
    /** Every member sits in one of these groups, and every group is filled exactly. */
    members: z.array(seatGroupSchema).min(1),
    /** Which party (or kind of party) the chair comes from. */
    chair: z
      .object({ party: id.optional(), partyKind: id.optional() })
      .strict()
      .refine((c) => (c.party === undefined) !== (c.partyKind === undefined), 'the chair\'s seat names either party or partyKind')
      .optional(),
    /** Observer seats, filled exactly as the member seats are. */
    observers: z.array(seatGroupSchema).default([]),
    /** Parties that always have a member's seat; each is checked on its own (a fixed seat also
     * fills a seat of `members`). */
    fixed: z.array(fixedSeatSchema).max(50).default([]),
    basis: localisedTextSchema.optional(),
  })
  .strict();
export type Seats = z.infer<typeof seatsSchema>;

/** How often a body meets; the chair and the secretary are reminded to convene it. */
export const meetingCadences = ['monthly', 'quarterly', 'half-yearly', 'ad-hoc'] as const;
export type MeetingCadence = (typeof meetingCadences)[number];

export const bodySchema = z
  .object({
    id,
    name: localisedTextSchema,
    /** Other names people write for the body, in any language (e.g. «AU», «arbeidsutvalget»):
     * matched like the id and the name, in either form and case (bodyNames.ts). */
    aliases: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
    rule: decisionRuleSchema,
    /** When set, the body's vote is advice and this person's decision is recorded separately
     * (Skate: the Difi director decides). */
    decidedBy: z
      .object({ person: personIdSchema.optional(), title: localisedTextSchema })
      .strict()
      .optional(),
    meets: z.enum(meetingCadences).default('ad-hoc'),
    /** "reference": a reference group (DSOP seed 000 §3.4 «Referansegruppene har kun en rådgivende
     * funksjon»): it may be asked for advice on a gate (`advisedBy`), never decide or prepare one
     * (`body`, `preparedBy`), which start-up refuses. Absent or "deciding": any role. */
    kind: z.enum(['deciding', 'reference']).optional(),
    /** The composition the agreement prescribes (optional). */
    seats: seatsSchema.optional(),
    basis: basisSchema,
  })
  .extend(bodyMembershipSchema.shape)
  .strict();
export type Body = z.infer<typeof bodySchema>;

export const phaseSchema = z
  .object({
    id,
    name: localisedTextSchema,
    /** Guideline for the normal maximum duration; warnings go out before and when exceeded. */
    guidelineMonths: z.number().positive().optional(),
    /** A terminal phase has no gate out of it (e.g. forvaltning, stanset). */
    terminal: z.boolean().default(false),
    /** Operational documents in this phase are restricted to project participants. */
    restrictedToParticipants: z.boolean().default(false),
    basis: basisSchema,
  })
  .strict();
export type Phase = z.infer<typeof phaseSchema>;

export const gateSchema = z
  .object({
    /** Gate ids end up in card data and storage keys, so they stay plain (e.g. "BP1"). */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'must be letters, digits and hyphens (e.g. "BP1")'),
    name: localisedTextSchema,
    from: id,
    to: id,
    /** The body whose vote decides the gate. Absent exactly when `approvedBy` is set. */
    body: id.optional(),
    /** "owner": the measure owner (the idea's project leader) approves the gate themself, no body
     * votes (Skate seed 004 §3.1: «Utpekte tiltakseiere er ansvarlige for å utarbeide, godkjenne og
     * revidere styringsdokumentasjonen»). */
    approvedBy: z.enum(['owner']).optional(),
    /** A body that gives advice on the gate's decision basis: its vote is recorded beside the
     * decision (on the idea's history and in the decision log) and never holds the idea (seed 004
     * §3.4: «AU kan gi råd til tiltakseier om forbedringer. Dette fratar ikke tiltakseierne
     * ansvaret»). */
    advisedBy: id.optional(),
    /** The decision basis the vote card must list. A deliverable `recorded` in Samspill itself
     * ("qualification": the office's qualification and recommendation written on the idea card,
     * DSOP §4.1) is taken from there: the proposal asks no link for it. */
    deliverables: z.array(z.object({ id, name: localisedTextSchema, recorded: z.enum(['qualification']).optional() }).strict()).default([]),
    /** The gate starts a project: refused for an idea with no roadmap entry (Digi Rogaland §6). */
    requiresRoadmapEntry: z.boolean().default(false),
    /** The gate needs a positive decision from each party taking part in the project (DSOP §4.3:
     * «hver av partene har egne beslutningsprosesser»; §4.4: «positiv beslutning om realisering
     * hos alle aktørene»); the office may override it with a reason, which the audit log keeps. */
    requiresPartyDecisions: z.boolean().optional(),
    basis: basisSchema,
    /** A body whose recommendation (its own vote) must exist before `body` votes (DSOP §3.2, BP2/BP3:
     * «Beslutningsgrunnlaget hentes fra Styringsgruppen»). */
    preparedBy: id.optional(),
    /** The preparing body's recommendation informs the deciding body and does not hold the
     * matter: the deciding vote opens once the recommendation vote has closed, whatever it said
     * (Skate seed 004 §2.1 «Forbehandling skal skje i AU», §5.3 AU «lager innstilling til Skate»;
     * Skate gives its advice whatever AU recommended). Default: only an adopted recommendation opens it. */
    preparationAdvisory: z.boolean().optional(),
  })
  .strict();
export type Gate = z.infer<typeof gateSchema>;

export const criterionSchema = z
  .object({ id, name: localisedTextSchema, weight: z.number().positive() })
  .strict();
export type Criterion = z.infer<typeof criterionSchema>;

export const scheduleSchema = z
  .object({
    id,
    name: localisedTextSchema,
    /** What the schedule asks for. */
    kind: z.enum(['status-report', 'roadmap-revision', 'agreement-revision']),
    cadence: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('monthly'),
          /** Months (1–12) with no report, e.g. [7] for DSOP (not in July). */
          exceptMonths: z.array(z.number().int().min(1).max(12)).default([]),
        })
        .strict(),
      z.object({ kind: z.literal('quarterly') }).strict(),
      z
        .object({
          kind: z.literal('half-yearly'),
          /** Months (1–12) in which the revision is due. */
          months: z.array(z.number().int().min(1).max(12)).min(2),
        })
        .strict(),
      z
        .object({
          kind: z.literal('yearly'),
          /** The month (1–12) in which it is due each year. */
          month: z.number().int().min(1).max(12),
        })
        .strict(),
    ]),
    /** Who must act: project leaders of active projects, measure owners, or a body's secretary. */
    recipients: z.enum(['project-leaders', 'measure-owners', 'secretariat', 'office']),
    /** Business days after the period opens by which the report is due. */
    deadlineBusinessDays: z.number().int().min(0).max(60),
    /** Reminders go out this many business days before the deadline (and at the start). */
    remindBusinessDaysBefore: z.array(z.number().int().min(0).max(30)).default([3, 1]),
    basis: basisSchema,
  })
  .strict();
export type Schedule = z.infer<typeof scheduleSchema>;

export const confidentialitySchema = z
  .object({
    /** Registered (not yet prioritised) ideas never leave the programme (DSOP §6). */
    registeredIdeasInternal: z.boolean().default(true),
    /** Label that every rendering of the prioritised list carries. */
    prioritisedListLabel: localisedTextSchema,
    /** Planning-phase documents stay with the participants until this gate is adopted. */
    participantsOnlyUntilGate: z.string().min(1).optional(),
    /** Information that requires a signed NDA (taushetserklæring) to be shown. */
    ndaRequiredFor: z.array(z.enum(['registered-ideas', 'planning-documents', 'reports'])).default([]),
    basis: basisSchema,
  })
  .strict();
export type Confidentiality = z.infer<typeof confidentialitySchema>;

/** A membership-fee rate (Digi Rogaland §6). It applies from `fromYear` until a rate with a
 * later `fromYear`; amounts are in NOK. */
export const feeRateSchema = z
  .object({
    fromYear: z.number().int().min(2000).max(2100),
    /** Fixed amount per member municipality. */
    fixed: z.number().int().min(0),
    /** Amount per inhabitant; whole øre at most (e.g. 5 or 4.75). */
    perInhabitant: z
      .number()
      .min(0)
      .max(10_000)
      .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'must be whole øre (at most two decimals)'),
    /** This many of the smallest municipalities (by inhabitants) pay only the per-inhabitant part. */
    smallestPayVariableOnly: z.number().int().min(0).default(0),
  })
  .strict();
export type FeeRate = z.infer<typeof feeRateSchema>;

/** When a member's (or party's) notice of withdrawal takes effect. */
export const noticeRuleSchema = z.discriminatedUnion('kind', [
  /** Digi Rogaland §7: a notice period of `years` counted from 1 January of the year after
   * the notice is given. */
  z.object({ kind: z.literal('years-from-next-new-year'), years: z.number().int().min(1).max(10) }).strict(),
  /** KMD–KS §7: at least `months` calendar months' notice; the agreement may end earlier by
   * itself on `agreementEnds` (YYYY-MM-DD). */
  z
    .object({
      kind: z.literal('months'),
      months: z.number().int().min(1).max(60),
      agreementEnds: z.iso.date().optional(),
    })
    .strict(),
]);
export type NoticeRule = z.infer<typeof noticeRuleSchema>;

/** How a new party is admitted (DSOP §2.3): the criteria the programme checks and the body
 * whose vote decides (with its own rule when the admission rule differs from the body's). */
export const admissionSchema = z
  .object({
    body: id,
    rule: decisionRuleSchema.optional(),
    criteria: z.array(z.object({ id, name: localisedTextSchema }).strict()).min(1),
  })
  .strict();
export type Admission = z.infer<typeof admissionSchema>;

/** Retiring a party is a body's decision (DSOP §3.1: «Det til enhver tid "sittende"
 * Topplederforum … takker av aktører som ikke lenger er aktive i programmet»): the office puts it
 * to `body`'s vote (with its own rule when given) and cannot retire a party alone. Absent: the
 * office records a retirement as it records a withdrawal. */
export const retirementSchema = z
  .object({
    body: id,
    rule: decisionRuleSchema.optional(),
    basis: localisedTextSchema.optional(),
  })
  .strict();
export type Retirement = z.infer<typeof retirementSchema>;

/** Membership terms: the fee rule and the notice rule, each with the agreement text it rests on. */
export const membershipSchema = z
  .object({
    admission: admissionSchema.optional(),
    retirement: retirementSchema.optional(),
    fee: z
      .object({
        rates: z
          .array(feeRateSchema)
          .min(1)
          .refine((rates) => new Set(rates.map((r) => r.fromYear)).size === rates.length, 'two rates have the same fromYear'),
        basis: localisedTextSchema.optional(),
      })
      .strict()
      .optional(),
    notice: z.object({ rule: noticeRuleSchema, basis: localisedTextSchema.optional() }).strict().optional(),
  })
  .strict();
export type Membership = z.infer<typeof membershipSchema>;

/** Who decides changes to the roadmap (veikart). Digi Rogaland §4.7: «Arbeidsutvalget har ansvar
 * for saksgrunnlaget relatert til veikartet, og styringsgruppen beslutter eventuelle endringer.»
 * Set: the office's edits are proposed changes until the body adopts them in a revision.
 * Absent: the office's edits take effect at once. */
export const roadmapGovernanceSchema = z.object({ body: id }).strict();
export type RoadmapGovernance = z.infer<typeof roadmapGovernanceSchema>;

/** The yearly revision of the agreement after a hearing (Digi Rogaland §8: «Alle endringer til
 * denne avtale skal gjøres skriftlig, og revideres årlig. Styringsgruppen har mandat til å
 * beslutte endringer i avtalen etter en høringsperiode hos alle medlemskommunene.»): the office
 * puts proposed changes to a written hearing among the member parties, then `body` votes. */
export const agreementRevisionSchema = z
  .object({
    /** The body that decides the changes after the hearing. */
    body: id,
    /** Who is heard: the parties of this kind (e.g. "kommune"); absent, every party. */
    among: z.object({ partyKind: id.optional() }).strict().default({}),
    /** The hearing's suggested length, in business days. */
    hearingBusinessDays: z.number().int().min(1).max(120).default(20),
    /** How long the body's vote runs when the hearing closes at its deadline, in business days.
     * (The yearly reminder that a revision is due is a schedule of kind "agreement-revision".) */
    voteBusinessDays: z.number().int().min(1).max(60).default(5),
    basis: basisSchema,
  })
  .strict();
export type AgreementRevisionRule = z.infer<typeof agreementRevisionSchema>;

/** Skate's quarterly samlesak (seed 004 §5.1, §5.3): the measures' status reports of a quarter,
 * assessed by the preparing body (AU), which makes its recommendation to the advisory body
 * (Skate), whose advice the advisory body's decider (the director) decides on. */
export const samlesakSchema = z
  .object({
    /** The status-report schedule whose reports the samlesak gathers (a quarterly one). */
    schedule: id,
    /** The body that assesses the reports and makes the recommendation (AU). */
    preparedBy: id,
    /** The advisory body the samlesak goes to (Skate); its `decidedBy` decides. */
    advisedBy: id,
    basis: basisSchema,
  })
  .strict();
export type SamlesakRule = z.infer<typeof samlesakSchema>;

/** The governance part: what a preset defines and a programme may override. */
export const governanceSchema = z
  .object({
    phases: z.array(phaseSchema).min(2),
    /** Phase a new idea starts in, and the phase a stopped idea ends in. */
    initialPhase: id,
    stoppedPhase: id,
    gates: z.array(gateSchema),
    bodies: z.array(bodySchema),
    criteria: z.array(criterionSchema).min(2),
    /** Spread (max − min) of one criterion's scores that flags disagreement between assessors. */
    disagreementSpread: z.number().min(1).max(4).default(2),
    schedules: z.array(scheduleSchema).default([]),
    confidentiality: confidentialitySchema,
    /** Membership fee and notice of withdrawal (optional: not every agreement has them). */
    membership: membershipSchema.optional(),
    /** Who decides roadmap changes (optional: without it the office's edits take effect at once). */
    roadmap: roadmapGovernanceSchema.optional(),
    /** The yearly revision of the agreement after a hearing (optional). */
    agreementRevision: agreementRevisionSchema.optional(),
    /** Skate's quarterly samlesak of the measures' status reports (optional). */
    samlesak: samlesakSchema.optional(),
  })
  .strict();
export type Governance = z.infer<typeof governanceSchema>;

export const programmeSchema = governanceSchema
  .extend({
    id,
    name: z.string().min(1),
    /** Prefix of readable idea ids, e.g. "DSOP" → DSOP-2026-014. */
    ideaPrefix: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be 2–10 capital letters or digits'),
    /** The Teams tenant the programme is run from; part of every storage key. */
    tenantId: z.string().min(1),
    parties: z.array(partySchema).min(1),
    people: z.array(personSchema).min(1),
  })
  .strict();
export type Programme = z.infer<typeof programmeSchema>;
