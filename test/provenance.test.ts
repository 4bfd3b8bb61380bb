// The provenance linter: the seed lints clean, and each rule catches the defect it exists for when
// one is planted (inside a transaction that is rolled back, so every case sees the pristine seed).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import type { Prisma } from '../src/generated/prisma/client.js';
import { lintDatabase, ProvenanceError, type Finding } from '../src/provenance/lint.js';
import { datesStated, numbersStated, sentenceWindow } from '../src/provenance/text.js';
import { dataset } from '../src/seed/data/index.js';
import { loadSeed } from '../src/seed/load.js';
import { createTestDatabase, type TestDatabase } from './helpers.js';

const run = promisify(execFile);
const ROLLBACK = new Error('rollback');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

/** The findings once `change` is applied; the change is rolled back afterwards. */
async function plant(change: (tx: Prisma.TransactionClient) => Promise<unknown>): Promise<Finding[]> {
  let findings: Finding[] = [];
  await db.prisma
    .$transaction(async (tx) => {
      await change(tx);
      findings = await lintDatabase(tx);
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
  return findings;
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.record}.${f.field}: ${f.rule}`);
const organization = (tx: Prisma.TransactionClient, slug: string) => tx.organization.findUniqueOrThrow({ where: { slug } });
const incident = (tx: Prisma.TransactionClient, slug: string) => tx.incident.findUniqueOrThrow({ where: { slug } });
const fighters = async (tx: Prisma.TransactionClient) =>
  tx.estimate.findFirstOrThrow({ where: { kind: 'FIGHTERS', organizationId: (await organization(tx, 'jnim')).id } });

describe('provenance linter', () => {
  it('finds nothing in the seed', async () => {
    expect(summary(await lintDatabase(db.prisma))).toEqual([]);
  });

  it('UNCITED: a fact record without a citation', async () => {
    const findings = await plant(async (tx) => {
      const structure = await tx.assessment.findFirstOrThrow({ where: { topic: 'structure' } });
      await tx.citation.deleteMany({ where: { assessmentId: structure.id } });
    });
    expect(summary(findings)).toEqual(['Assessment[structure of jnim].citations: UNCITED']);
  });

  it('QUOTE_NOT_IN_SOURCE: a quote that is not a passage of its document (and the number it no longer states)', async () => {
    const findings = await plant(async (tx) => {
      const estimate = await fighters(tx);
      await tx.citation.updateMany({ where: { estimateId: estimate.id }, data: { quote: 'JNIM is estimated to have between 1,000 and 3,000 fighters.' } });
    });
    expect(summary(findings).sort()).toEqual([
      expect.stringMatching(/^Citation\[[0-9a-f-]+\]\.quote: QUOTE_NOT_IN_SOURCE$/),
      'Estimate[FIGHTERS of jnim].max: NUMBER_NOT_STATED',
    ]);
  });

  it('NUMBER_NOT_STATED: a bound or a count its quotes do not give, in digits or words', async () => {
    const findings = await plant(async (tx) => {
      await tx.estimate.update({ where: { id: (await fighters(tx)).id }, data: { max: 2500 } });
      // "at least six": 6 is stated in words; 7 is not.
      await tx.incident.update({ where: { slug: '2018-06-african-coalition-base-suicide-attack' }, data: { killedMin: 7 } });
    });
    expect(summary(findings).sort()).toEqual([
      'Estimate[FIGHTERS of jnim].max: NUMBER_NOT_STATED',
      'Incident[2018-06-african-coalition-base-suicide-attack].killed: NUMBER_NOT_STATED',
    ]);
  });

  it('DATE_NOT_STATED: a year no quote names; an inferred date passes only with its inference', async () => {
    const findings = await plant(async (tx) => {
      await tx.incident.update({
        where: { slug: '2017-06-bamako-resort-attack' },
        data: { dateEarliest: new Date('2016-06-01'), dateLatest: new Date('2016-06-30') },
      });
      await tx.incident.update({ where: { slug: 'indelimane-camp-attack' }, data: { inferences: {} } });
    });
    expect(summary(findings).sort()).toEqual([
      'Incident[2017-06-bamako-resort-attack].date: DATE_NOT_STATED',
      'Incident[indelimane-camp-attack].date: DATE_NOT_STATED',
    ]);
  });

  it('DATE_TOO_PRECISE: a day the quotes do not name', async () => {
    const findings = await plant(async (tx) => {
      await tx.organization.update({
        where: { slug: 'jnim' },
        data: { foundedEarliest: new Date('2017-03-15'), foundedLatest: new Date('2017-03-15'), foundedPrecision: 'DAY' },
      });
    });
    expect(summary(findings)).toEqual(['Organization[jnim].founded: DATE_TOO_PRECISE']);
  });

  it('SPEAKER_NOT_IN_PASSAGE: a speaker named neither in the cited sentence nor the one before', async () => {
    const findings = await plant(async (tx) => {
      const jnim = await organization(tx, 'jnim');
      await tx.citation.updateMany({
        where: { organizationId: jnim.id, quote: { startsWith: 'Jama’a Nusrat ul-Islam wa al-Muslimin (JNIM) continues' } },
        data: { attributedTo: 'UN Monitoring Team' },
      });
      // Named in the sentence before the cited one: accepted.
      await tx.citation.updateMany({
        where: { organizationId: jnim.id, quote: { startsWith: 'The characterization of JNIM' } },
        data: { attributedTo: 'JNIM' },
      });
    });
    expect(summary(findings)).toEqual([expect.stringMatching(/^Citation\[[0-9a-f-]+\]\.attributedTo: SPEAKER_NOT_IN_PASSAGE$/)]);
  });

  it('STATUS_UNCITED and SUMMARY_UNCITED: a status or summary no citation carries', async () => {
    const findings = await plant(async (tx) => {
      await tx.organization.update({ where: { slug: 'aqim' }, data: { status: 'ACTIVE' } });
      await tx.organization.update({ where: { slug: 'taliban' }, data: { summary: 'An ally of JNIM.' } });
      await tx.person.update({ where: { slug: 'mokhtar-belmokhtar' }, data: { biography: 'Leader of al-Murabitun.' } });
    });
    expect(summary(findings).sort()).toEqual([
      'Organization[aqim].status: STATUS_UNCITED',
      'Organization[taliban].summary: SUMMARY_UNCITED',
      'Person[mokhtar-belmokhtar].biography: SUMMARY_UNCITED',
    ]);
  });

  it('NAME_NOT_STATED and INFERENCE_INVALID: an alias its quote does not give; an inference of nothing, or without reasoning', async () => {
    const findings = await plant(async (tx) => {
      await tx.alias.updateMany({ where: { name: 'GSIM' }, data: { name: 'GSPM' } });
      await tx.incident.update({ where: { slug: '2017-06-bamako-resort-attack' }, data: { inferences: { killed: 'a guess' } } });
      await tx.incident.update({ where: { slug: 'indelimane-camp-attack' }, data: { inferences: { date: ' ' } } });
    });
    expect(summary(findings).sort()).toEqual([
      'Alias[GSPM of jnim].name: NAME_NOT_STATED',
      'Incident[2017-06-bamako-resort-attack].inferences.killed: INFERENCE_INVALID',
      'Incident[indelimane-camp-attack].inferences.date: INFERENCE_INVALID',
    ]);
  });

  it('INFERENCE_INVALID: a relation\'s derived direction without its rule; a relation has no other inference', async () => {
    const findings = await plant(async (tx) => {
      const [first, second] = await tx.organizationRelation.findMany({ orderBy: { id: 'asc' }, take: 2, include: { from: true, to: true } });
      await tx.organizationRelation.update({ where: { id: first!.id }, data: { inferences: { direction: ' ' } } });
      await tx.organizationRelation.update({ where: { id: second!.id }, data: { inferences: { targets: 'a rule' } } });
    });
    expect(summary(findings).filter((f) => f.startsWith('OrganizationRelation')).map((f) => f.replace(/\[.*\]/, '[...]')).sort()).toEqual([
      'OrganizationRelation[...].inferences.direction: INFERENCE_INVALID',
      'OrganizationRelation[...].inferences.targets: INFERENCE_INVALID',
    ]);
  });

  it('runs before a load commits: a finding rolls the whole load back', async () => {
    const fresh = await createTestDatabase({ seed: false });
    try {
      const copy = structuredClone(dataset);
      copy.organizations.find((o) => o.slug === 'taliban')!.status = 'ACTIVE';
      const error = await loadSeed(fresh.prisma, copy).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvenanceError);
      expect((error as ProvenanceError).message).toContain('Organization[taliban].status: STATUS_UNCITED');
      expect(await fresh.prisma.organization.count()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe('reading what a passage states', () => {
  it('reads numbers in digits and words, with their scale', () => {
    const stated = numbersStated('between $18 and $35 million; at least six; a ransom of €30 million; 1,000 fighters; forty-nine');
    for (const n of [18e6, 35e6, 6, 30e6, 1000, 49]) expect(stated).toContain(n);
    expect(stated).not.toContain(18e3);
  });

  it('reads years, months and days', () => {
    const d = datesStated('France on 13 November 2020 announced; on March 2, 2018; listed 2018-10-04; 20 Aug. 2013');
    expect([...d.years].sort()).toEqual([2013, 2018, 2020]);
    expect([...d.days].sort()).toEqual(['10-4', '11-13', '3-2', '8-20']);
  });

  it('finds the sentence of a quote and the one before it', () => {
    const text = 'First sentence names Parly. Second one, quoted here. Third.';
    expect(sentenceWindow(text, 'quoted here')).toBe('First sentence names Parly. Second one, quoted here. ');
  });
});

describe('npm run data:lint', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'lint-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('lists findings by record and field and exits 1; exits 0 on a clean database', async () => {
    const dataDir = join(scratch, 'pglite');
    const target = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await applyMigrations(target.scripts);
      await loadSeed(target.prisma, dataset);
    } finally {
      await target.close();
    }
    const env = { ...process.env, DATABASE_URL: `file:${dataDir}` };
    const clean = await run('node', ['--import', 'tsx', 'src/provenance/main.ts'], { env });
    expect(clean.stdout).toContain('data:lint: no findings.');

    const planted = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await planted.prisma.organization.update({ where: { slug: 'taliban' }, data: { status: 'ACTIVE' } });
    } finally {
      await planted.close();
    }
    const failure = await run('node', ['--import', 'tsx', 'src/provenance/main.ts'], { env }).catch((e: { code: number; stdout: string }) => e);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stdout: string }).stdout).toContain('Organization[taliban].status: STATUS_UNCITED');
  });
});
