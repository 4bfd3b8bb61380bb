// How well imports link one organization across sources: the seed, the whole UN list, ACLED Mali and
// the MMP key and relationships are imported into one graph, then a labelled set of real cross-source
// pairs (built from the files: the same group in two sources, or two groups easily confused) is
// checked. Runs when ../shared/datasets is there; prints precision and recall of the automatic links.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planAcled } from '../src/import/acled.js';
import { readImportFile } from '../src/import/file.js';
import { planMmp } from '../src/import/mmp.js';
import type { ImportPlan } from '../src/import/plan.js';
import { planUnList } from '../src/import/un-sc.js';
import { writePlan } from '../src/import/write.js';
import { createTestDatabase, type TestDatabase } from './helpers.js';

const DATASETS = join(import.meta.dirname, '..', '..', 'shared', 'datasets');
const FILES: [string, string, (f: ReturnType<typeof readImportFile>) => ImportPlan][] = [
  ['un-sc', 'un_sc_consolidated_2020-11-30.xml', planUnList],
  ['acled', 'acled_mali_2017-01-01_2020-12-31_monadic.csv', planAcled],
  ['mmp', 'mmp_group_key.csv', planMmp],
  ['mmp', 'mmp_relationships.csv', planMmp],
];
const available = FILES.every(([, name]) => existsSync(join(DATASETS, name)));

/** A record of one source: its identifier there (a UN reference, an ACLED actor, an MMP group id), or an MMP key name for the groups it gives no id. */
type Record = { un: string } | { acled: string } | { mmp: string } | { mmpName: string };

// The same organization as each source names it.
const SAME: Record[][] = [
  [{ acled: 'JNIM: Group for Support of Islam and Muslims' }, { un: 'QDe.159' }, { mmpName: 'Jamaat Nusrat al-Islam wal Muslimeen' }],
  [{ acled: 'AQIM: Al Qaeda in the Islamic Maghreb' }, { un: 'QDe.014' }, { mmp: '65' }],
  [{ acled: 'Ansar Dine' }, { un: 'QDe.135' }, { mmp: '437' }],
  [{ acled: 'Katiba Macina' }, { mmp: '643' }],
  [{ acled: 'Al Mourabitoune Battalion' }, { un: 'QDe.141' }, { mmp: '613' }],
  [{ acled: 'MUJAO: Movement for Unity and Jihad in West Africa' }, { un: 'QDe.134' }, { mmp: '631' }],
  [{ acled: 'MNLA: National Movement for the Liberation of Azawad' }, { mmp: '439' }],
  [{ acled: 'HCUA: High Council for the Unity of Azawad' }, { mmp: '663' }],
  [{ acled: 'Ansaroul Islam' }, { mmpName: 'Ansaroul Islam' }],
  [{ acled: 'Islamic State (West Africa) - Greater Sahara Faction' }, { un: 'QDe.163' }, { mmpName: 'Islamic State in the Greater Sahara' }],
  [{ un: 'QDe.004' }, { mmp: '21' }],
  [{ un: 'SOe.001' }, { mmp: '61' }],
  [{ un: 'QDe.138' }, { mmp: '553' }],
];
// Groups easily confused that are not the same.
const DIFFERENT: [Record, Record][] = [
  [{ mmp: '1' }, { acled: 'Islamic State (Greater Sahara)' }],
  [{ acled: 'Katiba Serma' }, { acled: 'Katiba Macina' }],
  [{ acled: 'Katiba Salaheddine' }, { acled: 'Katiba Macina' }],
  [{ un: 'QDe.098' }, { acled: 'Ansaroul Islam' }],
  [{ acled: 'Islamic State (West Africa) - Lake Chad Faction' }, { acled: 'Islamic State (West Africa) - Greater Sahara Faction' }],
  [{ un: 'QDe.162' }, { un: 'QDe.163' }],
  [{ un: 'QDe.115' }, { un: 'QDe.004' }],
  [{ un: 'QDe.129' }, { un: 'QDe.004' }],
  // Alike in words, not the same group (each was once linked wrongly while the rules were tuned).
  [{ mmp: '1' }, { un: 'QDe.166' }],
  [{ mmp: '545' }, { un: 'QDe.143' }],
  [{ mmp: '557' }, { un: 'QDe.161' }],
  [{ mmp: '583' }, { un: 'QDe.006' }],
  [{ mmp: '585' }, { un: 'QDe.010' }],
];

describe.skipIf(!available)('linking organizations across the UN list, ACLED and MMP (whole files)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    for (const [format, name, plan] of FILES) {
      const file = readImportFile(join(DATASETS, name));
      await writePlan(db, file, format, plan(file), { progressTo: null });
    }
  }, 300_000);
  afterAll(() => db.close());

  /** The organization holding a record; null when none does. */
  async function organizationOf(record: Record): Promise<string | null> {
    if ('mmpName' in record) {
      const citation = await db.prisma.citation.findFirst({
        where: { quote: `-99,${record.mmpName}`, organizationId: { not: null }, source: { format: 'mmp' } },
      });
      return citation?.organizationId ?? null;
    }
    const [scheme, value] = 'un' in record ? ['UN_REFERENCE', record.un] : 'acled' in record ? ['ACLED_ACTOR', record.acled] : ['MMP_GROUP', record.mmp];
    const identifier = await db.prisma.externalIdentifier.findUnique({ where: { scheme_value: { scheme: scheme as 'UN_REFERENCE', value } } });
    return identifier?.organizationId ?? null;
  }

  it('links confidently with precision at least 0.99 and recall at least 0.9 on the labelled pairs', async () => {
    const pairs: { a: Record; b: Record; same: boolean }[] = [
      ...SAME.flatMap((group) => group.flatMap((a, i) => group.slice(i + 1).map((b) => ({ a, b, same: true })))),
      ...DIFFERENT.map(([a, b]) => ({ a, b, same: false })),
    ];
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    const misses: string[] = [];
    for (const { a, b, same } of pairs) {
      const [x, y] = [await organizationOf(a), await organizationOf(b)];
      expect(x, JSON.stringify(a)).not.toBeNull();
      expect(y, JSON.stringify(b)).not.toBeNull();
      const linked = x === y;
      if (linked && same) truePositives++;
      if (linked && !same) falsePositives++;
      if (!linked && same) {
        falseNegatives++;
        misses.push(`${JSON.stringify(a)} ~ ${JSON.stringify(b)}`);
      }
    }
    const precision = truePositives / Math.max(1, truePositives + falsePositives);
    const recall = truePositives / Math.max(1, truePositives + falseNegatives);
    console.log(
      `entity links: ${pairs.length} labelled pairs (${pairs.filter((p) => p.same).length} same, ${DIFFERENT.length} different): ` +
        `precision ${precision.toFixed(3)} (${truePositives}/${truePositives + falsePositives}), recall ${recall.toFixed(3)} (${truePositives}/${truePositives + falseNegatives})` +
        (misses.length ? `\n  not linked: ${misses.join('\n  not linked: ')}` : ''),
    );
    expect(falsePositives).toBe(0);
    expect(precision).toBeGreaterThanOrEqual(0.99);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
