// The whole public files of ../shared/datasets, in the order they are imported by the benchmarks.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/db/client.js';
import { planAcled } from '../src/import/acled.js';
import { readImportFile } from '../src/import/file.js';
import { planGtd } from '../src/import/gtd.js';
import { planMmp } from '../src/import/mmp.js';
import { planUnList } from '../src/import/un-sc.js';
import type { ImportSummary } from '../src/import/report.js';
import { writePlan } from '../src/import/write.js';

export const DATASETS = fileURLToPath(new URL('../../shared/datasets', import.meta.url));

export const DATASET_FILES = [
  ['un-sc', 'un_sc_consolidated_2020-11-30.xml', planUnList, 'utf-8'],
  ['acled', 'acled_mali_2017-01-01_2020-12-31_monadic.csv', planAcled, 'utf-8'],
  ['mmp', 'mmp_group_key.csv', planMmp, 'utf-8'],
  ['mmp', 'mmp_relationships.csv', planMmp, 'utf-8'],
  ['gtd', 'gtd_0718dist_1970-1972_first_1209_events.csv', planGtd, 'latin1'],
] as const;

export const datasetsAvailable = () => DATASET_FILES.every(([, name]) => existsSync(join(DATASETS, name)));

/** Imports every file in order; reports each with its seconds. */
export async function importDatasets(db: Database, report: (format: string, name: string, seconds: number, summary: ImportSummary) => void = () => {}) {
  for (const [format, name, plan, encoding] of DATASET_FILES) {
    const started = performance.now();
    const file = readImportFile(join(DATASETS, name), encoding);
    const summary = await writePlan(db, file, format, plan(file), { progressTo: null });
    report(format, name, (performance.now() - started) / 1000, summary);
  }
}
