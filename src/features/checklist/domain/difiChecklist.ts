// The collaboration checklist from Difi's guidance «Digitale tjenester i samarbeid» (seed 002):
// three phases (starte sammen, forme sammen, levere sammen) × four themes that cut across them
// (brukerperspektiv, samarbeid, styring, forankring), plus the five design principles for
// cross-sector services. The guidance gives the model and its advice as prose; each item below
// turns one piece of that advice into something a project can tick, and `source` names the
// section of the guidance it comes from. Item ids are stored with the ticks: never reuse one
// for a different item.
//
// Pure: ticking and progress take the time and the person from the caller.
import type { IdeaStatus } from '../../ideas/domain/idea.js';
import type { PersonRef } from '../../../shared/personRef.js';
import type { LocalisedText } from '../../../shared/programme/schema.js';

export const checklistPhases = ['starte-sammen', 'forme-sammen', 'levere-sammen'] as const;
export type ChecklistPhase = (typeof checklistPhases)[number];

export const checklistThemes = ['brukerperspektiv', 'samarbeid', 'styring', 'forankring'] as const;
export type ChecklistTheme = (typeof checklistThemes)[number];

export const phaseNames: Record<ChecklistPhase, LocalisedText> = {
  'starte-sammen': { nb: 'Starte sammen', en: 'Start together' },
  'forme-sammen': { nb: 'Forme sammen', en: 'Shape together' },
  'levere-sammen': { nb: 'Levere sammen', en: 'Deliver together' },
};

export const themeNames: Record<ChecklistTheme, LocalisedText> = {
  brukerperspektiv: { nb: 'Brukerperspektiv', en: 'User perspective' },
  samarbeid: { nb: 'Samarbeid', en: 'Collaboration' },
  styring: { nb: 'Styring', en: 'Governance' },
  forankring: { nb: 'Forankring', en: 'Anchoring' },
};

export const principlesName: LocalisedText = { nb: 'Designprinsipper', en: 'Design principles' };

export type ChecklistGroup = { kind: 'cell'; phase: ChecklistPhase; theme: ChecklistTheme } | { kind: 'principle'; number: number };

export interface ChecklistItem {
  id: string;
  group: ChecklistGroup;
  text: LocalisedText;
  /** The section of the guidance (seed 002) the item comes from. */
  source: string;
}

const cell = (phase: ChecklistPhase, theme: ChecklistTheme, id: string, source: string, nb: string, en: string): ChecklistItem => ({
  id: `${phase}.${theme}.${id}`,
  group: { kind: 'cell', phase, theme },
  text: { nb, en },
  source,
});

const principle = (number: number, nb: string, en: string): ChecklistItem => ({
  id: `prinsipp.${number}`,
  group: { kind: 'principle', number },
  text: { nb, en },
  source: 'Designprinsipper',
});

export const difiChecklist: readonly ChecklistItem[] = [
  // Starte sammen
  cell(
    'starte-sammen',
    'brukerperspektiv',
    'brukerbehov',
    'Innledning; Styring og forankring 1',
    'Vi tar utgangspunkt i reelle brukerbehov, og har fått fram en god problembeskrivelse (f.eks. med målrettede brukerundersøkelser).',
    'We start from real user needs and have a good problem description (e.g. from targeted user surveys).',
  ),
  cell(
    'starte-sammen',
    'samarbeid',
    'ledelse',
    'Organisering',
    'Ledelsen av samarbeidet er avklart: en naturlig lederetat, ledelse på omgang eller en ekstern leder.',
    'Leadership of the collaboration is settled: a natural lead agency, rotating leadership or an external leader.',
  ),
  cell(
    'starte-sammen',
    'samarbeid',
    'involvering',
    'Innledning',
    'Vi har involvert de virksomhetene brukerens behov berører, på tvers av sektorer og forvaltningsnivåer, og ikke bare dem vi har kontroll over.',
    "We have involved the organisations the user's needs concern, across sectors and levels of government, not only those we control.",
  ),
  cell(
    'starte-sammen',
    'styring',
    'finansiering',
    'Finansiering',
    'Finansieringen er på plass før samarbeidsprosjektet starter, også der investeringen tas et annet sted enn der gevinstene oppstår.',
    'Funding is in place before the collaboration project starts, also where the investment is made elsewhere than where the benefits arise.',
  ),
  cell(
    'starte-sammen',
    'forankring',
    'problemforstaelse',
    'Styring og forankring 1',
    'De samarbeidende virksomhetene har en felles problemforståelse (utfordringsbilde) av hva som fungerer dårlig og hva som bør gjøres.',
    'The collaborating organisations share an understanding of the problem: what works badly and what should be done.',
  ),
  cell(
    'starte-sammen',
    'forankring',
    'departementer',
    'Departementenes rolle',
    'De berørte departementene er informert og involvert på et tidlig stadium, særlig der det trengs finansiering.',
    'The ministries concerned have been informed and involved early, especially where funding is needed.',
  ),
  // Forme sammen
  cell(
    'forme-sammen',
    'brukerperspektiv',
    'kun-en-gang',
    'Arkitektur og deling av data',
    'Tjenesten gjenbruker informasjon brukerne allerede har gitt, i stedet for å spørre på nytt («kun én gang»).',
    'The service reuses information users have already given instead of asking again ("once only").',
  ),
  cell(
    'forme-sammen',
    'samarbeid',
    'arkitektur',
    'Arkitektur og deling av data',
    'Løsningen følger Norsk arkitekturrammeverk for samhandling og gjenbruker nasjonale felleskomponenter der det finnes.',
    'The solution follows the Norwegian architecture framework for interoperability and reuses national common components where they exist.',
  ),
  cell(
    'forme-sammen',
    'samarbeid',
    'begreper',
    'Digitaliseringsklart regelverk',
    'Begreper som deles på tvers (f.eks. «inntekt», «adresse», «barn») er harmonisert, gjerne med felles begrepskatalog.',
    'Concepts shared across organisations (e.g. "income", "address", "child") are harmonised, for instance with the common concept catalogue.',
  ),
  cell(
    'forme-sammen',
    'styring',
    'organisering',
    'Organisering',
    'Organiseringen er så enkel som mulig: en styringsgruppe av (topp)ledere med fullmakter på strategisk nivå og prosjektledelse på operativt nivå.',
    'The organisation is as simple as possible: a steering group of (top) leaders with authority at the strategic level and project management at the operational level.',
  ),
  cell(
    'forme-sammen',
    'styring',
    'regelverk',
    'Digitaliseringsklart regelverk',
    'Regelverket er gjennomgått, og behovet for regelverksendringer er avdekket så tidlig som mulig.',
    'The regulations have been reviewed and any need to change them was found as early as possible.',
  ),
  cell(
    'forme-sammen',
    'forankring',
    'organisatorisk',
    'Styring og forankring 2',
    'Ledelsen på alle nivåer har forpliktet seg, tiltaket står i virksomhetsplanene, og det er satt av nok ressurser og kompetanse.',
    "Management at every level is committed, the measure is in the organisations' business plans, and enough resources and competence are set aside.",
  ),
  // Levere sammen
  cell(
    'levere-sammen',
    'brukerperspektiv',
    'helhet',
    'Innledning',
    'Brukerne opplever tjenesten som helhetlig; ingen blir kasteball mellom offentlige aktører.',
    'Users experience the service as a whole; nobody is passed back and forth between public bodies.',
  ),
  cell(
    'levere-sammen',
    'samarbeid',
    'deling',
    'Arkitektur og deling av data',
    'Data deles mellom virksomhetene etter retningslinjene for samhandling, og løsninger som kan gjenbrukes av andre er gjort tilgjengelige.',
    'Data is shared between the organisations following the interoperability guidelines, and reusable solutions are made available to others.',
  ),
  cell(
    'levere-sammen',
    'styring',
    'prosjektmodell',
    'Prosjektveiviseren',
    'Prosjektet følger en prosjektmodell med faser og beslutningspunkter (Prosjektveiviseren) fram til overlevering, avslutning og gevinstrealisering.',
    'The project follows a project model with phases and decision points (the Project Wizard) through handover, closure and benefits realisation.',
  ),
  cell(
    'levere-sammen',
    'styring',
    'samarbeidsproblemer',
    'Organisering',
    'Styringsgruppen gir retning og løser samarbeidsproblemer underveis.',
    'The steering group gives direction and resolves collaboration problems along the way.',
  ),
  cell(
    'levere-sammen',
    'forankring',
    'kultur',
    'Styring og forankring 3',
    'Det er en felles forståelse i virksomhetene av hvorfor endringen er nødvendig (kultur og arbeidsmetoder, f.eks. strategisk historiefortelling).',
    'The organisations share an understanding of why the change is needed (culture and ways of working, e.g. strategic storytelling).',
  ),
  // The five design principles (2018)
  principle(1, 'Menneskers behov skal settes i sentrum.', "People's needs are put at the centre."),
  principle(2, 'Brukere skal oppleve tjenester som helhetlige.', 'Users experience services as a whole.'),
  principle(3, 'Brukeren skal oppleve en sikker og åpen tjeneste med god informasjonsflyt.', 'Users experience a secure and open service with a good flow of information.'),
  principle(4, 'Brukeren skal kunne forstå sine rettigheter og plikter.', 'Users can understand their rights and duties.'),
  principle(5, 'Brukeren skal raskt få løst og avklart sine behov.', 'Users get their needs resolved and clarified quickly.'),
];

/** A project works on its checklist while it is qualified (preparing to start) and active:
 * only then can it be ticked, and only then does the idea card show its progress. Before
 * qualification an idea is not a project; once closed, the checklist is a record. */
export const isChecklistInProgress = (status: IdeaStatus): boolean => status === 'qualified' || status === 'active';

const itemIds = new Set(difiChecklist.map((i) => i.id));
export const isChecklistItem = (id: string): boolean => itemIds.has(id);

/** Who ticked an item and when. An item without an entry is not done. */
export interface Tick {
  by: PersonRef;
  at: number;
}
export type Ticks = Readonly<Record<string, Tick>>;

export interface TickChange {
  item: string;
  done: boolean;
}

/** The changes a submitted card makes: only items whose value differs from what the card
 * showed (`seen`), so a stale card never undoes someone else's tick on another item. */
export function changesFromCard(seen: ReadonlySet<string>, submitted: Readonly<Record<string, boolean>>): TickChange[] {
  return difiChecklist.flatMap((item) => {
    const value = submitted[item.id];
    if (value === undefined || value === seen.has(item.id)) return [];
    return [{ item: item.id, done: value }];
  });
}

/** Applies the changes; unknown item ids are ignored, re-ticking keeps the first tick. */
export function applyTicks(ticks: Ticks, changes: readonly TickChange[], act: Tick): Ticks {
  const next: Record<string, Tick> = { ...ticks };
  for (const { item, done } of changes) {
    if (!isChecklistItem(item)) continue;
    if (done && !next[item]) next[item] = act;
    if (!done) delete next[item];
  }
  return next;
}

export interface Share {
  done: number;
  total: number;
  /** Whole percent, rounded down (100 only when everything is done). */
  percent: number;
}

const share = (items: readonly ChecklistItem[], ticks: Ticks): Share => {
  const done = items.filter((i) => ticks[i.id] !== undefined).length;
  return { done, total: items.length, percent: items.length === 0 ? 0 : Math.floor((done * 100) / items.length) };
};

export interface ChecklistProgress {
  /** Every item, the design principles included. */
  overall: Share;
  byPhase: Record<ChecklistPhase, Share>;
  byTheme: Record<ChecklistTheme, Share>;
  principles: Share;
}

export function checklistProgress(ticks: Ticks): ChecklistProgress {
  const cells = difiChecklist.filter((i) => i.group.kind === 'cell');
  const inPhase = (phase: ChecklistPhase) => cells.filter((i) => i.group.kind === 'cell' && i.group.phase === phase);
  const inTheme = (theme: ChecklistTheme) => cells.filter((i) => i.group.kind === 'cell' && i.group.theme === theme);
  return {
    overall: share(difiChecklist, ticks),
    byPhase: Object.fromEntries(checklistPhases.map((p) => [p, share(inPhase(p), ticks)])) as Record<ChecklistPhase, Share>,
    byTheme: Object.fromEntries(checklistThemes.map((t) => [t, share(inTheme(t), ticks)])) as Record<ChecklistTheme, Share>,
    principles: share(
      difiChecklist.filter((i) => i.group.kind === 'principle'),
      ticks,
    ),
  };
}
