// The Global Terrorism Database (START), CSV in Latin-1: one incident per event (`eventid`), dated from
// iyear/imonth/iday (0 = unknown month or day) or `approxdate` when it gives a range, killed and wounded
// (empty = unknown), the perpetrator group (`claimed` 1 = CLAIMED), targets, hostages and ransoms as
// estimates of the incident (-9/-99 = unknown), and each of scite1..3 as a source of its own. The codebook's
// `ransomamt` is the amount demanded and `ransompaid` the amount paid: two kinds of estimate, and 0 in
// either with `ransom` = 1 (a ransom demanded) an amount the row does not give, not $0.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { IncidentKind, TargetKind } from '../generated/prisma/enums.js';
import { countryCode } from './countries.js';
import { ImportFileError, type ImportFile } from './file.js';
import type { Cite, ImportedEntity, ImportedIncident, ImportPlan, RowProblem } from './plan.js';

const REQUIRED = ['eventid', 'iyear', 'imonth', 'iday', 'approxdate', 'country_txt', 'attacktype1_txt', 'targtype1_txt', 'gname', 'nkill', 'nwound'];

const KINDS: Record<string, IncidentKind> = {
  'Bombing/Explosion': 'BOMBING',
  'Armed Assault': 'ARMED_ASSAULT',
  Assassination: 'TARGETED_KILLING',
  'Hostage Taking (Kidnapping)': 'KIDNAPPING',
  'Hostage Taking (Barricade Incident)': 'KIDNAPPING',
  Hijacking: 'KIDNAPPING',
  'Facility/Infrastructure Attack': 'ATTACK',
  'Unarmed Assault': 'ATTACK',
  Unknown: 'ATTACK',
};
const TARGETS: Record<string, TargetKind> = {
  Military: 'MILITARY',
  Police: 'POLICE',
  'Government (General)': 'GOVERNMENT',
  'Government (Diplomatic)': 'GOVERNMENT',
  'Private Citizens & Property': 'CIVILIANS',
  Business: 'BUSINESS',
  Tourists: 'TOURISTS',
};
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "January 19-20, 1970": the range of days it names, in this API's notation; null for other wordings. */
export function approxRange(text: string): string | null {
  const m = /^([A-Za-z]+)\s+(\d{1,2})\s*[-–]\s*(\d{1,2}),\s*(\d{4})$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) + 1 : 0;
  if (!m || month === 0 || Number(m[2]) >= Number(m[3]) || Number(m[3]) > 31) return null;
  return `${m[4]}-${pad(month)}-${pad(Number(m[2]))}/${m[4]}-${pad(month)}-${pad(Number(m[3]))}`;
}

/** A group's name, and without and as its closing parenthesised acronym ("Basque Fatherland and Freedom (ETA)"). */
function groupSpellings(name: string): string[] {
  const m = /^(.*\S)\s*\(([A-Z][A-Za-z0-9-]{1,9})\)$/.exec(name);
  return m ? [name, m[1]!, m[2]!] : [name];
}

/** A GTD count: null when unknown (empty, -9, -99), else a whole number. */
function count(value: string | undefined): number | null | 'bad' {
  const v = (value ?? '').trim();
  if (v === '' || v === '-9' || v === '-99') return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : 'bad';
}

export function planGtd(file: ImportFile): ImportPlan {
  let rows: Record<string, string>[];
  try {
    rows = parse(file.text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new ImportFileError(`${file.path}: not readable as CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}; nothing was written.`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ImportFileError(`${file.path}: not a GTD export: the header lacks ${missing.join(', ')}; nothing was written.`);

  const problems: RowProblem[] = [];
  const entities = new Map<string, ImportedEntity>();
  const incidents: ImportedIncident[] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    const id = row.eventid?.trim() ?? '';
    const at = `event ${id}`;
    const cite = (quote: string, field: string, supports?: string[]): Cite => ({ quote, locator: `${at}, ${field}`, ...(supports ? { supports } : {}) });
    const year = Number(row.iyear);
    const month = Number(row.imonth);
    const day = Number(row.iday);
    if (!/^\d+$/.test(id) || !Number.isInteger(year) || year < 1900 || !(month >= 0 && month <= 12) || !(day >= 0 && day <= 31)) {
      return void problems.push({ line, message: `${at}: iyear/imonth/iday "${row.iyear}/${row.imonth}/${row.iday}" is not a date` });
    }
    const approx = row.approxdate?.trim() ?? '';
    const range = approx ? approxRange(approx) : null;
    // 0 is GTD's "unknown": the month or day is left out, never guessed.
    let date = month === 0 ? String(year) : day === 0 ? `${year}-${pad(month)}` : `${year}-${pad(month)}-${pad(day)}`;
    if (range) date = range;
    else if (approx) date = `~${date}`;
    const killed = count(row.nkill);
    const wounded = count(row.nwound);
    if (killed === 'bad' || wounded === 'bad') return void problems.push({ line, message: `${at}: nkill/nwound "${row.nkill}/${row.nwound}" is not a count` });
    const kind = KINDS[row.attacktype1_txt?.trim() ?? ''] ?? 'ATTACK';
    const target = TARGETS[row.targtype1_txt?.trim() ?? ''];
    const summary = row.summary?.trim() || null;
    const citations: Cite[] = [
      cite(`${year}-${pad(month)}-${pad(day)}`, 'iyear-imonth-iday'),
      ...(approx ? [cite(approx, 'approxdate')] : []),
      ...(summary ? [cite(summary, 'summary', ['summary'])] : []),
      ...(killed !== null ? [cite(row.nkill!.trim(), 'nkill')] : []),
      ...(wounded !== null ? [cite(row.nwound!.trim(), 'nwound')] : []),
    ];
    for (const field of ['scite1', 'scite2', 'scite3']) {
      const text = row[field]?.trim();
      if (!text) continue;
      const slug = `gtd-cited-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
      citations.push({
        ...cite(text, field),
        source: { slug, title: text.slice(0, 300), description: 'A report the Global Terrorism Database cites for its events (the GTD citation, verbatim, is the title).' },
      });
    }
    const group = row.gname?.trim() ?? '';
    const perpetrators: ImportedIncident['perpetrators'] = [];
    if (group && group !== 'Unknown') {
      if (!entities.has(group)) {
        entities.set(group, {
          type: 'ORGANIZATION', line, key: group, name: group,
          citations: [cite(group, 'gname')],
          externalId: { scheme: 'GTD_GROUP', value: group, citation: cite(group, 'gname') },
          aliases: [], country: countryCode(row.country_txt),
          // "Irish Republican Army (IRA)": also looked up without its acronym, and as the acronym.
          resolveBy: groupSpellings(group),
        });
      }
      // The codebook's gname is the group that carried out the attack: the cell states the role.
      perpetrators.push({ entity: group, attribution: row.claimed?.trim() === '1' ? 'CLAIMED' : 'ATTRIBUTED', citation: cite(group, 'gname', ['role']) });
    }
    const estimates: NonNullable<ImportedIncident['estimates']> = [];
    const hostages = row.ishostkid?.trim() === '1' ? count(row.nhostkid) : null;
    if (typeof hostages === 'number') estimates.push({ kind: 'HOSTAGES', min: hostages, max: hostages, qualifier: 'EXACT', unit: 'persons', citation: cite(row.nhostkid!.trim(), 'nhostkid') });
    if (row.ransom?.trim() === '1') {
      for (const [field, kind] of [['ransomamt', 'RANSOM_DEMANDED'], ['ransompaid', 'RANSOM']] as const) {
        const amount = count(row[field]);
        if (typeof amount === 'number' && amount > 0) estimates.push({ kind, min: amount, max: amount, qualifier: 'EXACT', unit: 'USD', citation: cite(row[field]!.trim(), field) });
      }
    }
    const latitude = Number(row.latitude);
    const longitude = Number(row.longitude);
    incidents.push({
      line,
      slug: `gtd-${id}`,
      title: `${row.attacktype1_txt?.trim() || 'Attack'} in ${row.city?.trim() || row.provstate?.trim() || row.country_txt?.trim()}`,
      kind,
      date,
      place: row.city?.trim() || null,
      adminRegion: row.provstate?.trim() || null,
      country: countryCode(row.country_txt),
      coordinates: row.latitude?.trim() && Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : null,
      killed: killed === null ? null : { min: killed, max: killed, qualifier: 'EXACT' },
      injured: wounded === null ? null : { min: wounded, max: wounded, qualifier: 'EXACT' },
      summary,
      targets: target ? [target] : [],
      citations,
      perpetrators,
      estimates,
    });
  });
  const name = file.name.replace(/\.csv$/i, '');
  return {
    source: {
      slug: `gtd-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      title: `Global Terrorism Database (${name})`,
      publisher: 'National Consortium for the Study of Terrorism and Responses to Terrorism (START), University of Maryland',
      kind: 'RESEARCH',
      description: `GTD export: ${incidents.length} events imported.`,
    },
    entities: [...entities.values()],
    incidents,
    problems,
  };
}
