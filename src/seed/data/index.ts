import type { SeedDataset } from '../schema.js';
import { fundingStreams } from './funding.js';
import { incidents, regionalEstimates } from './incidents.js';
import { organizations } from './organizations.js';
import { persons } from './persons.js';
import { sources } from './sources.js';

/** The curated dataset: every fact of the seed document, each with its passage. */
export const dataset: SeedDataset = {
  sources,
  organizations,
  persons,
  incidents,
  fundingStreams,
  estimates: regionalEstimates,
};
