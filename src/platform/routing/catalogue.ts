// Every text command the bot understands, with its words in Bokmål and English. The command
// router matches these words; the Teams manifest's command lists are checked against them. A
// command that only some programmes have names the feature of the programme file that enables
// it (features.ts): the help card offers it only where one of the person's programmes enables it
// (each use case still answers for a programme without it). Teams' command menus are one list for
// every programme, so no such command is in them (the manifest test checks it).
import type { ProgrammeFeature } from '../../shared/programme/features.js';
import type { LocalisedText } from '../../shared/programme/schema.js';

export type Scope = 'personal' | 'team' | 'groupChat';

/** Who the help card offers a command to (the handler still checks roles itself). */
export type Audience = 'everyone' | 'member' | 'office' | 'body';

export interface CommandDefinition {
  /** Words that start the command, per language; matched case- and accent-insensitively. */
  words: { nb: readonly string[]; en: readonly string[] };
  /** One line for the help card and the Teams command menu. */
  description: LocalisedText;
  scopes: readonly Scope[];
  audience: Audience;
  /** false: left out of the Teams command menu (at most 12 per scope); it still works when typed. */
  menu?: boolean;
  /** The programme feature the command belongs to; absent: every programme has it. */
  feature?: ProgrammeFeature;
  /**
   * An example the help card shows, filled in for the reader's programme: {idea} (an idea number
   * of it), {body} (a body the reader may link), {year}, {treatment} (S-001), {revision}.
   * The help test runs every example over HTTP, so each must be one the bot understands.
   */
  example?: LocalisedText;
}

const everywhere: readonly Scope[] = ['personal', 'team', 'groupChat'];

export const commandCatalogue = {
  help: {
    words: { nb: ['hjelp'], en: ['help'] },
    description: { nb: 'Vis hva du kan gjøre', en: 'Show what you can do' },
    scopes: everywhere,
    audience: 'everyone',
  },
  newIdea: {
    words: { nb: ['ny idé', 'ny ide'], en: ['new idea'] },
    description: { nb: 'Meld inn en ny idé', en: 'Register a new idea' },
    scopes: ['personal'],
    audience: 'member',
  },
  myIdeas: {
    words: { nb: ['mine idéer', 'mine ideer'], en: ['my ideas'] },
    description: { nb: 'Idéene du har meldt inn, med status og fase', en: 'The ideas you submitted, with state and phase' },
    scopes: ['personal'],
    audience: 'member',
  },
  showIdea: {
    words: { nb: ['idé', 'ide'], en: ['idea'] },
    description: { nb: 'Vis én idé med historikk', en: 'Show one idea with its history' },
    example: { nb: 'idé {idea}', en: 'idea {idea}' },
    scopes: ['personal'],
    audience: 'member',
    menu: false,
  },
  portfolio: {
    words: { nb: ['portefølje', 'portefolje'], en: ['portfolio'] },
    description: { nb: 'Programmets idéer og prosjekter per fase', en: "The programme's ideas and projects by phase" },
    scopes: ['personal'],
    audience: 'member',
  },
  ranking: {
    words: { nb: ['vurdering', 'rangering'], en: ['ranking'] },
    description: { nb: 'Registrerte idéer rangert etter vektet poengsum', en: 'Registered ideas ranked by weighted score' },
    scopes: ['personal'],
    audience: 'office',
  },
  prioritisedList: {
    words: { nb: ['prioritert liste'], en: ['prioritised list', 'prioritized list'] },
    description: { nb: 'Den prioriterte listen, med merknaden om hva den ikke er', en: 'The prioritised list, with its caveat label' },
    scopes: ['personal', 'team', 'groupChat'],
    audience: 'member',
  },
  sharePrioritisedList: {
    words: { nb: ['del prioritert liste'], en: ['share prioritised list', 'share prioritized list'] },
    description: {
      nb: 'Den prioriterte listen til deling utenfor programmet (med merknaden først)',
      en: 'The prioritised list for sharing outside the programme (caveat label first)',
    },
    scopes: ['personal', 'team', 'groupChat'],
    audience: 'member',
  },
  auditLog: {
    words: { nb: ['revisjonslogg'], en: ['audit log'] },
    description: { nb: 'Stoppede og delte opplysninger', en: 'Withheld and shared information' },
    scopes: ['personal'],
    audience: 'office',
    menu: false,
  },
  nda: {
    words: { nb: ['taushetserklæring', 'taushetserklaering'], en: ['nda', 'record nda'] },
    description: { nb: 'Registrer en taushetserklæring', en: 'Record a non-disclosure agreement' },
    scopes: ['personal'],
    audience: 'office',
    menu: false,
  },
  ndaList: {
    words: { nb: ['taushetserklæringer', 'taushetserklaeringer'], en: ['ndas', 'nda list'] },
    description: { nb: 'Registrerte taushetserklæringer', en: 'Recorded non-disclosure agreements' },
    scopes: ['personal'],
    audience: 'office',
    menu: false,
  },
  link: {
    words: { nb: ['koble til'], en: ['link'] },
    description: {
      nb: 'I en kanal: koble kanalen til et beslutningsorgan',
      en: 'In a channel: link the channel to a decision body',
    },
    example: { nb: 'koble til {body}', en: 'link {body}' },
    scopes: ['team'],
    audience: 'office',
  },
  decisionLog: {
    words: { nb: ['beslutningslogg'], en: ['decision log'] },
    description: {
      nb: 'Alle avstemninger med hvem som stemte hva og når, for programmet, et organ eller en idé',
      en: 'Every vote with who voted what and when, for the programme, a body or an idea',
    },
    example: { nb: 'beslutningslogg {idea}', en: 'decision log {idea}' },
    scopes: ['personal', 'team', 'groupChat'],
    audience: 'member',
  },
  decisionLogCsv: {
    words: { nb: ['beslutningslogg csv'], en: ['decision log csv'] },
    description: { nb: 'Beslutningsloggen som CSV', en: 'The decision log as CSV' },
    // Understood everywhere; listed in the channel menus only, as the personal menu is full
    // (Teams shows at most 12 commands per scope).
    scopes: ['team', 'groupChat'],
    audience: 'member',
  },
  // The rest of the agreements. Understood in a personal chat and listed on the help card, but
  // not in a Teams command menu (`scopes: []`): the personal menu already holds Teams' maximum
  // of 12 commands. The lead picks which, if any, replace a menu entry.
  fees: {
    words: { nb: ['kontingent', 'medlemskontingent'], en: ['fees', 'membership fee'] },
    description: {
      nb: 'Medlemskontingent per kommune for et år',
      en: 'Membership fee per municipality for a year',
    },
    example: { nb: 'kontingent {year}', en: 'fees {year}' },
    scopes: [],
    audience: 'office',
    feature: 'membershipFee',
  },
  notice: {
    words: { nb: ['oppsigelse'], en: ['notice', 'notice of withdrawal'] },
    description: {
      nb: 'Når en oppsigelse gitt i dag (eller en dato) får virkning',
      en: 'When a notice given today (or on a date) takes effect',
    },
    example: { nb: 'oppsigelse 31.12.{year}', en: 'notice 31.12.{year}' },
    scopes: [],
    audience: 'member',
    feature: 'noticeRule',
  },
  withdrawal: {
    words: { nb: ['uttreden', 'uttredener'], en: ['withdrawal', 'withdrawals'] },
    description: {
      nb: 'Registrer at en aktør sier opp: «uttreden <aktør>»; uten aktør listen over dem som går ut',
      en: 'Record that a party gives notice: "withdrawal <party>"; without a party the list of those leaving',
    },
    example: { nb: 'uttreden', en: 'withdrawals' },
    scopes: [],
    audience: 'office',
  },
  participants: {
    words: { nb: ['deltakere'], en: ['participants'] },
    description: {
      nb: 'Registrer partene som deltar i et prosjekt: «deltakere <nr> <part>, <part>»; uten parter vises de og beslutningene deres (DSOP §3.3)',
      en: 'Record the parties taking part in a project: "participants <no> <party>, <party>"; without parties shows them and their decisions (DSOP §3.3)',
    },
    scopes: [],
    audience: 'office',
  },
  partyDecision: {
    words: { nb: ['partsbeslutning'], en: ['party decision'] },
    description: {
      nb: 'Registrer en deltakende parts egen beslutning: «partsbeslutning <nr> <part> ja|nei» (DSOP §4.3/§4.4)',
      en: 'Record a participating party\'s own decision: "party decision <no> <party> yes|no" (DSOP §4.3/§4.4)',
    },
    scopes: [],
    audience: 'office',
  },
  lineTask: {
    words: { nb: ['linjeoppgave'], en: ['line task'] },
    description: {
      nb: 'Difis direktør (eller programkontoret på direktørens vegne) avgjør at et tiltak er Difis linjeoppgave: «linjeoppgave <nr>»; det går ut av oppfølgingen i Skate og AU (Skate §2.2)',
      en: 'The Director of Difi (or the office on the director\'s behalf) decides that a measure is a line task of Difi: "line task <no>"; it leaves the follow-up in Skate and AU (Skate §2.2)',
    },
    scopes: [],
    audience: 'office',
    feature: 'lineTasks',
  },
  retirement: {
    words: { nb: ['avtakking', 'takk av'], en: ['retirement', 'retire'] },
    description: {
      nb: 'Takk av en aktør som ikke lenger er aktiv (DSOP §3.1: der programmet sier det, foreslått til organets avstemning)',
      en: 'Thank off a party that is no longer active (DSOP §3.1: where the programme says so, proposed to the body’s vote)',
    },
    scopes: [],
    audience: 'office',
  },
  admission: {
    words: { nb: ['opptak', 'ny aktør', 'nye aktører'], en: ['admission', 'new party', 'applications'] },
    description: {
      nb: 'Søknader om å bli aktør i programmet, og de som er tatt opp (programkontoret registrerer og legger fram)',
      en: 'Applications to become a party of the programme, and those admitted (the office registers and puts them to the vote)',
    },
    scopes: [],
    audience: 'member',
    feature: 'admission',
  },
  checklist: {
    words: { nb: ['sjekkliste'], en: ['checklist'] },
    description: {
      nb: 'Samarbeidssjekklisten for et prosjekt',
      en: 'The collaboration checklist of a project',
    },
    example: { nb: 'sjekkliste {idea}', en: 'checklist {idea}' },
    scopes: [],
    audience: 'member',
  },
  roadmap: {
    words: { nb: ['veikart'], en: ['roadmap'] },
    description: { nb: 'Programmets veikart med prosjektene og planlagt periode', en: "The programme's roadmap: projects and planned periods" },
    scopes: [],
    audience: 'member',
  },
  roadmapRevision: {
    words: { nb: ['veikart revisjon', 'veikartrevisjon', 'revisjon av veikartet'], en: ['roadmap revision'] },
    description: {
      nb: 'Revisjonen av veikartet: foreslåtte endringer, avstemningen i styringsgruppen og tidligere revisjoner',
      en: 'The roadmap revision: proposed changes, the steering group’s vote and earlier revisions',
    },
    scopes: [],
    audience: 'member',
    feature: 'roadmapRevision',
  },
  newMeasure: {
    words: { nb: ['tiltak ny', 'nytt tiltak'], en: ['new measure'] },
    description: { nb: 'Opprett et felles tiltak med eiere og parter', en: 'Create a joint measure with owners and parties' },
    scopes: [],
    audience: 'office',
  },
  measures: {
    words: { nb: ['tiltak'], en: ['measures'] },
    description: { nb: 'De felles tiltakene med eiere, parter og åpne avvik', en: 'The joint measures with owners, parties and open deviations' },
    scopes: [],
    audience: 'member',
  },
  deviation: {
    words: { nb: ['avvik'], en: ['deviation', 'report deviation'] },
    description: {
      nb: 'Meld avvik eller forsinkelse i et felles tiltak til de andre partene',
      en: 'Report a deviation or delay in a joint measure to the other parties',
    },
    scopes: [],
    audience: 'member',
  },
  deviations: {
    words: { nb: ['avvik liste', 'avviksliste'], en: ['deviations', 'deviation list'] },
    description: { nb: 'Åpne avvik til neste konsultasjonsmøte', en: 'Open deviations for the next consultation meeting' },
    scopes: [],
    audience: 'member',
  },
  // Skate's final treatment of a measure (seed 004 §6). Typed in a personal chat, out of the full
  // personal menu.
  finalTreatments: {
    words: { nb: ['sluttbehandling', 'sluttbehandlinger'], en: ['final treatment', 'final treatments'] },
    description: {
      nb: 'Sluttbehandling av tiltak: tilbakemeldinger, Skates anbefaling og direktørens beslutning',
      en: "Final treatment of measures: feedback, Skate's recommendation and the director's decision",
    },
    example: { nb: 'sluttbehandling {treatment}', en: 'final treatment {treatment}' },
    scopes: ['personal'],
    audience: 'member',
    menu: false,
    feature: 'finalTreatment',
  },
  samlesak: {
    words: { nb: ['samlesak'], en: ['combined case'] },
    description: {
      nb: 'Kvartalets samlesak: tiltakenes statusrapporter, AUs innstilling, Skates råd og direktørens beslutning (også «samlesak 2026-Q4 csv»)',
      en: "The quarter's combined case: the measures' status reports, AU's recommendation, Skate's advice and the director's decision (also \"combined case 2026-Q4 csv\")",
    },
    scopes: ['personal'],
    audience: 'member',
    menu: false,
    feature: 'samlesak',
  },
  newFinalTreatment: {
    words: { nb: ['sluttbehandling ny', 'ny sluttbehandling'], en: ['new final treatment'] },
    description: {
      nb: 'Åpne sluttbehandling av et tiltak med skriftlig tilbakemeldingsrunde i Skate-virksomhetene',
      en: 'Open the final treatment of a measure with a written feedback round among the Skate organisations',
    },
    scopes: ['personal'],
    audience: 'office',
    menu: false,
    feature: 'finalTreatment',
  },
  // Digi Rogaland §8: the yearly revision of the agreement after a hearing among the members.
  agreementRevisions: {
    words: { nb: ['avtalerevisjon', 'revisjon av avtalen', 'avtalerevisjoner'], en: ['agreement revision', 'agreement revisions'] },
    description: {
      nb: 'Årlig revisjon av avtalen: høringen hos medlemskommunene og styringsgruppens vedtak',
      en: 'Yearly revision of the agreement: the hearing among the member municipalities and the steering group’s decision',
    },
    example: { nb: 'avtalerevisjon {revision}', en: 'agreement revision {revision}' },
    scopes: ['personal'],
    audience: 'member',
    menu: false,
    feature: 'agreementRevision',
  },
  newAgreementRevision: {
    words: { nb: ['avtalerevisjon ny', 'ny avtalerevisjon'], en: ['new agreement revision'] },
    description: {
      nb: 'Send foreslåtte endringer i avtalen på høring hos medlemskommunene; deretter stemmer styringsgruppen',
      en: 'Send proposed changes to the agreement to a hearing among the member municipalities; then the steering group votes',
    },
    scopes: ['personal'],
    audience: 'office',
    menu: false,
    feature: 'agreementRevision',
  },
  reports: {
    words: { nb: ['rapporter', 'rapport'], en: ['report', 'reports'] },
    description: { nb: 'Statusrapportene du skal levere nå; «rapporter <nr>» viser et prosjekts leverte rapporter', en: 'The status reports you have to file now; "reports <no>" shows a project’s filed reports' },
    example: { nb: 'rapporter {idea}', en: 'reports {idea}' },
    scopes: ['personal'],
    audience: 'member',
  },
  deadlines: {
    words: { nb: ['frister'], en: ['deadlines'] },
    description: {
      nb: 'Hva som skal leveres og når (programkontoret ser alle og hvem som er forsinket)',
      en: 'What is due and when (the office sees everyone and who is late)',
    },
    scopes: ['personal'],
    audience: 'member',
  },
  upcoming: {
    words: { nb: ['kommende', 'kommende utsendinger'], en: ['upcoming', 'upcoming messages'] },
    description: {
      nb: 'Hva påminnelsene sender de neste dagene, og til hvem (påminnelser, varsler til programkontoret, innkallinger)',
      en: 'What the reminder ticks send in the next days, and to whom (reminders, escalations, convene notices)',
    },
    example: { nb: 'kommende 30', en: 'upcoming 30' },
    scopes: ['personal'],
    audience: 'office',
    menu: false,
  },
} as const satisfies Record<string, CommandDefinition>;

export type CommandName = keyof typeof commandCatalogue;
/** Every command of the catalogue: each must have a handler at start. */
export const commandNames = Object.keys(commandCatalogue) as CommandName[];
