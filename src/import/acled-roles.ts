// Who did what to whom in an ACLED event, as ACLED's codebook defines its columns: the actors (actor 1
// and 2, each with associated actors and an inter code giving its type), the event type that says what
// their parts are, and the rules that fill in what the row leaves unstated, each kept as the text an
// `inferences` entry carries. Checked against rows a careful reader labelled (test/acled-roles.test.ts).
import type { IncidentRole, OrganizationKind, TargetKind } from '../generated/prisma/enums.js';
import { countryCode } from './countries.js';

/** One named actor of an event. */
export interface EventActor {
  name: string;
  /** ACLED's inter code ("1".."8"), or null when neither the row nor a rule gives one. */
  type: string | null;
  /** The rule that gave `type`, when no inter code states it (an associated actor's name). */
  typeRule?: string;
  /** The column naming it ("actor1", "assoc_actor_2"). */
  field: string;
  /** Actor 1's side or actor 2's, when known. */
  side: 1 | 2 | null;
  principal: boolean;
  /** An associated actor's principal actor. */
  principalName?: string;
  /** The cells that state it and its principal, as a citation quotes them ("actor1=...; inter1=2"). */
  cells: string;
}

export interface Party {
  actor: EventActor;
  role: IncidentRole;
  /** The rules that decided its role (none when the event type and inter codes state it). */
  rules: string[];
}

export const MONADIC_ORDER_RULE =
  'ACLED\'s monadic export gives an event one row per actor, actor 1\'s first: of two rows whose inter codes make up the event\'s interaction code, the first is taken as actor 1.';
export const ACTOR_ORDER_RULE =
  'ACLED codes the actor that carries out remote violence or looting as actor 1 and what it struck as actor 2 (its codebook adds that the order does not in general ' +
  'imply direction): actor 1 is taken as having acted, actor 2 as acted on.';
export const ASSOCIATED_RULE = 'An associated actor is involved alongside its principal actor (ACLED): it is taken to share the principal\'s side and part.';
export const ASSOCIATED_TYPE_RULE =
  'An associated actor has no inter code of its own: its type is read from ACLED\'s naming ("... Ethnic Militia" and "... Communal Militia" identity militias; ' +
  '"... Ethnic Group", "... Communal Group", occupations and humanitarian bodies civilians; "Military Forces of ..." and "Police Forces of ..." state forces; ' +
  '"Government of ..." the state).';
export const INHERITED_TYPE_RULE =
  'An associated actor of a rebel group or of civilians, of a type neither the file nor its name gives, is taken as of its principal\'s type ' +
  '(a katiba beside its group, a party or official among the victims), unless its name reads as an armed movement\'s beside civilians.';
export const TARGETS_RULE =
  'ACLED names the actors acted on, not targets: civilians (inter 7) are CIVILIANS (FOREIGN_CIVILIANS when of another country), a peacekeeping mission ' +
  'PEACEKEEPERS, police POLICE, the event country\'s military MILITARY, another state\'s FOREIGN_MILITARY, an armed group (inter 2-4) MILITANTS.';

/** Actor types ACLED's codebook defines (inter codes). */
const CIVILIANS = '7';
const ARMED = new Set(['2', '3', '4']);

/** Actors that name a category of people, not an organization: kept for roles and targets, never stored. */
export const isGeneric = (name: string) => /^(Civilians|Protesters|Rioters)\s*\(|Unidentified/i.test(name);

const STATE_NAME = /^(Military|Police) Forces of /;
const CIVILIAN_NAME =
  /\b(Ethnic|Communal|Clan|Religious) Group\b|^(Civilians|Farmers|Pastoralists|Fishermen|Miners|Teachers|Students|Journalists|Health Workers|Aid Workers|Women|Refugees\/IDPs|Prisoners|Labour Group|Muslim Group|(Catholic )?Christian Group|Street Traders|LGBT)\b|Red Cross|Doctors Without Borders|^UN(HCR)?:/;
const MILITIA_NAME = /\bMilitia\b/;
const ARMED_NAME = /\b(Movement|Front|Coordination|Platform|Plateforme|Self-Defen[cs]e|Army|Brigade|Katiba|Forces)\b/;
const GOVERNMENT_NAME = /^(Former )?Government of /;

/** The type ACLED's naming gives an associated actor, or null. */
export function typeByName(name: string): string | null {
  if (STATE_NAME.test(name) || GOVERNMENT_NAME.test(name)) return '1';
  if (MILITIA_NAME.test(name)) return '4';
  if (CIVILIAN_NAME.test(name)) return CIVILIANS;
  return null;
}

/**
 * The type an associated actor takes from its principal (INHERITED_TYPE_RULE): only a rebel group's or
 * civilians'. A militia's associated actors are often the community it stands for, whose type is not its own.
 */
function inheritedType(name: string, principalType: string | null): string | null {
  if (principalType === '2') return '2';
  if (principalType === CIVILIANS && !ARMED_NAME.test(name)) return CIVILIANS;
  return null;
}

export const KIND_BY_NAME_RULE =
  'ACLED\'s type 1 (state forces) and 8 (external/other forces) do not say which: "Government of ..." is read as the state itself, ' +
  '"Military Forces of ..." and "Police Forces of ..." as a state\'s force, another type 8 actor as an external force.';

/** The kind an actor type gives, with KIND_BY_NAME_RULE when the name, not the type alone, decided it. */
export function kindOf(type: string, name: string): { kind: OrganizationKind; rule?: string } {
  if (type === '1' && GOVERNMENT_NAME.test(name)) return { kind: 'STATE', rule: KIND_BY_NAME_RULE };
  if (type === '8') return { kind: STATE_NAME.test(name) ? 'STATE_FORCE' : 'EXTERNAL_FORCE', rule: KIND_BY_NAME_RULE };
  return { kind: kindByType(type) };
}

/** An organization kind for an actor type, as ACLED's classification states it. */
function kindByType(type: string): OrganizationKind {
  switch (type) {
    case '1': return 'STATE_FORCE';
    case '2': return 'GROUP';
    case '3': return 'POLITICAL_MILITIA';
    case '4': return 'IDENTITY_MILITIA';
    case '5': case '6': return 'CROWD';
    case '7': return 'CIVILIAN_GROUP';
    default: return 'EXTERNAL_FORCE';
  }
}

type Row = Record<string, string>;
const names = (cell: string | undefined) => (cell ?? '').split('; ').map((n) => n.trim()).filter(Boolean);

/**
 * The actors of one event: both sides of a dyadic row (actor 1 and 2 as the row states them), or a monadic
 * event's rows, each one actor with its associated actors, paired as actor 1 and 2 when there are two rows
 * whose inter codes make up the interaction code (`orderRule` says so); otherwise sides are unknown.
 * `typeOf` gives an associated actor the type it has where the file names it as an actor.
 */
export function eventActors(rows: Row[], dyadic: boolean, typeOf: (name: string) => string | undefined): { actors: EventActor[]; orderRule?: string } {
  const actors: EventActor[] = [];
  const add = (row: Row, column: '1' | '2', side: 1 | 2 | null) => {
    const principal = row[`actor${column}`]?.trim();
    if (!principal) return;
    const inter = row[`inter${column}`]?.trim() || null;
    const cells = `actor${column}=${principal}; inter${column}=${inter ?? ''}`;
    if (!actors.some((a) => a.name === principal)) actors.push({ name: principal, type: inter, field: `actor${column}`, side, principal: true, cells });
    for (const name of names(row[`assoc_actor_${column}`])) {
      if (actors.some((a) => a.name === name)) continue;
      const known = typeOf(name);
      const byName = known ? null : typeByName(name);
      const inherited = known || byName ? null : inheritedType(name, inter);
      const typeRule = byName ? ASSOCIATED_TYPE_RULE : inherited ? INHERITED_TYPE_RULE : undefined;
      actors.push({
        name, type: known ?? byName ?? inherited, ...(typeRule ? { typeRule } : {}), field: `assoc_actor_${column}`, side, principal: false, principalName: principal,
        cells: `assoc_actor_${column}=${row[`assoc_actor_${column}`]!.trim()}; ${cells}`,
      });
    }
  };
  if (dyadic) {
    for (const row of rows) {
      add(row, '1', 1);
      add(row, '2', 2);
    }
    return { actors };
  }
  const interaction = rows[0]?.interaction?.trim() ?? '';
  const codes = rows.map((r) => r.inter1?.trim() ?? '');
  const paired = rows.length === 2 && (codes.join('') === interaction || [...codes].reverse().join('') === interaction);
  rows.forEach((row, i) => add(row, '1', rows.length === 1 ? 1 : paired ? ((i + 1) as 1 | 2) : null));
  return { actors, ...(paired ? { orderRule: MONADIC_ORDER_RULE } : {}) };
}

/**
 * Each actor's part, as the event type defines it: a battle's actors are its sides; violence against
 * civilians has the civilians acted on and the armed actor acting (the codebook's definition of the type);
 * remote violence and looting have actor 1 acting and actor 2 acted on (a rule). An associated actor
 * shares its principal's part, but civilians never act: one beside an acting actor or a side is a party.
 * An actor whose side is unknown, outside a battle or violence against civilians, is a party, its role not stated.
 */
export function partiesOf(eventType: string, actors: EventActor[], orderRule?: string): Party[] {
  const principals = actors.filter((a) => a.principal);
  const ordered = [...(orderRule ? [orderRule] : []), ACTOR_ORDER_RULE];
  const principalPart = (a: EventActor): Omit<Party, 'actor'> => {
    const civilian = a.type === CIVILIANS;
    if (eventType === 'Violence against civilians') {
      if (civilian) return { role: 'ACTED_ON', rules: [] };
      // Two armed actors: actor 2 is the one the violence was done to.
      const armedFirst = a.side === 2 && principals.some((p) => p.side === 1 && p.type !== CIVILIANS);
      return armedFirst ? { role: 'ACTED_ON', rules: ordered } : { role: 'ACTED', rules: [] };
    }
    if (eventType === 'Battles') return { role: civilian ? 'PARTY' : 'SIDE', rules: [] };
    if (a.side === null) return { role: 'PARTY', rules: [] };
    if (a.side === 2) return { role: 'ACTED_ON', rules: ordered };
    return civilian ? { role: 'PARTY', rules: [] } : { role: 'ACTED', rules: ordered };
  };
  return actors.map((actor) => {
    if (actor.principal) return { actor, ...principalPart(actor) };
    const principal = principals.find((p) => p.name === actor.principalName);
    const part = principal ? principalPart(principal) : { role: 'PARTY' as const, rules: [] };
    if (part.role === 'PARTY' || (actor.type === CIVILIANS && (part.role === 'ACTED' || part.role === 'SIDE'))) return { actor, role: 'PARTY', rules: [] };
    return { actor, role: part.role, rules: [...part.rules, ASSOCIATED_RULE, ...(actor.typeRule ? [actor.typeRule] : [])] };
  });
}

/** The country an actor's name qualifies it with ("Civilians (Mali)", "Military Forces of Niger (2011-2021)"), or null. */
function countryInName(name: string): string | null {
  const bare = name.replace(/\s*\(\d{4}-(\d{4})?\)\s*$/, '');
  const m = /\(([^()]+)\)$/.exec(bare) ?? /(?:Forces|Government) of (?:the )?(.+)$/.exec(bare);
  return m ? countryCode(m[1]!.trim()) : null;
}

/** What was targeted, from the actors acted on and their types (see TARGETS_RULE). */
export function targetsOf(parties: Party[], eventCountry: string | null): TargetKind[] {
  const targets = new Set<TargetKind>();
  for (const { actor, role } of parties) {
    if (role !== 'ACTED_ON' || !actor.type) continue;
    const country = countryInName(actor.name);
    if (actor.type === CIVILIANS) targets.add(country && eventCountry && country !== eventCountry ? 'FOREIGN_CIVILIANS' : 'CIVILIANS');
    else if (ARMED.has(actor.type)) targets.add('MILITANTS');
    else if (actor.type === '1' || actor.type === '8') {
      if (/MINUSMA|United Nations|^UN:/.test(actor.name)) targets.add('PEACEKEEPERS');
      else if (/^Police Forces/.test(actor.name)) targets.add('POLICE');
      else if (/^Government of/.test(actor.name)) targets.add('GOVERNMENT');
      else targets.add(country && eventCountry && country === eventCountry ? 'MILITARY' : 'FOREIGN_MILITARY');
    }
  }
  return [...targets];
}
