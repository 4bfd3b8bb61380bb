import type { SeedFundingStream } from '../schema.js';
import { doc } from './sources.js';

const EXPERTS =
  'Experts believe that JNIM-affiliated groups jointly earn between $18 and $35 million annually, mostly through extortion of the transit routes under their control, communities engaged in artisanal mining, and to a lesser extent kidnapping for ransom.';
const METHODS = 'It funds itself by ransoming captives, taxing locals, smuggling weapons, and extorting human and drug traffickers.';
const TRAFFICKERS =
  'JNIM receives funding through kidnapping-for-ransom and extortion, and from smugglers and traffickers who pay a tax in exchange for permission and safe transit through JNIM-controlled trafficking routes in Mali.';
const RANSOM = 'GSIM, having recovered some 200 men, had received, according to various sources, a ransom of €30 million.';

export const fundingStreams: SeedFundingStream[] = [
  {
    slug: 'jnim-transit-route-extortion',
    organization: 'jnim',
    kind: 'TRANSIT_EXTORTION',
    significance: 'PRIMARY',
    description: 'Extortion of the transit routes under the control of JNIM-affiliated groups: a main source of revenue.',
    citations: [doc(EXPERTS, 'experts'), doc(TRAFFICKERS)],
  },
  {
    slug: 'jnim-artisanal-mining',
    organization: 'jnim',
    kind: 'ARTISANAL_MINING',
    significance: 'PRIMARY',
    description: 'Extortion of communities engaged in artisanal mining: a main source of revenue.',
    citations: [doc(EXPERTS, 'experts')],
  },
  {
    slug: 'jnim-kidnapping-for-ransom',
    organization: 'jnim',
    kind: 'KIDNAPPING_FOR_RANSOM',
    significance: 'SECONDARY',
    description: 'Ransoming captives; a lesser source than extortion according to experts.',
    citations: [doc(EXPERTS, 'experts'), doc(METHODS), doc(TRAFFICKERS)],
    estimates: [
      {
        kind: 'RANSOM',
        min: 30_000_000,
        max: 30_000_000,
        unit: 'EUR',
        scope: 'Ransom received by JNIM (GSIM), according to various sources, in the release of hostages against prisoners',
        incident: '2020-10-hostage-release-prisoner-exchange',
        citations: [doc(RANSOM, 'various sources')],
      },
    ],
    incidents: [
      {
        incident: '2020-10-hostage-release-prisoner-exchange',
        description: 'A ransom of €30 million reportedly paid for the release of the hostages.',
        citations: [doc(RANSOM, 'various sources')],
      },
    ],
  },
  {
    slug: 'jnim-local-taxation',
    organization: 'jnim',
    kind: 'TAXATION',
    significance: 'UNKNOWN',
    description: 'Taxing local populations.',
    citations: [doc(METHODS)],
  },
  {
    slug: 'jnim-weapons-smuggling',
    organization: 'jnim',
    kind: 'SMUGGLING',
    significance: 'UNKNOWN',
    description: 'Smuggling weapons.',
    citations: [doc(METHODS)],
  },
  {
    slug: 'jnim-trafficking-tax',
    organization: 'jnim',
    kind: 'TRAFFICKING_TAX',
    significance: 'UNKNOWN',
    description:
      'Extortion of human and drug traffickers, and a tax paid by smugglers and traffickers for permission and safe transit through JNIM-controlled trafficking routes in Mali.',
    citations: [doc(METHODS), doc(TRAFFICKERS)],
  },
];
