import type { SeedEstimate, SeedIncident } from '../schema.js';
import { doc, docFor } from './sources.js';

const RELEASE_DEAL =
  'It came just over a month after the Malian government freed around 200 jihadist prisoners in a deal to secure the release of former Malian prime minister Soumaila Cissé and French aid worker Sophie Pétronin who were both kidnapped by jihadist groups in Mali.';
const RELEASE_IMAGES =
  'Yhe death of Bah Ag Moussa was a blow to the GSIM, especially after the images, displayed on social media, of the meeting of the 200 jihadists released in exchange for four hostages, including Frenchwoman Sophie Pétronin and Soumaïla Cissé, a leading Malian political figure.';
const RANSOM = 'GSIM, having recovered some 200 men, had received, according to various sources, a ransom of €30 million.';
const KILLING_ANNOUNCED =
  'France on 13 November 2020 announced the killing of Bah Ag Moussa, a top commander of an al Qaeda-linked militant group, during an operation in northeastern Mali.';
const ISGS_ATTACKS =
  'In two major attacks, ISGS killed 49 soldiers at Indelimane military camp in Mali on 1 November, and 71 soldiers at In-Atès camp in the Niger on 10 December.';
const ATTACKS_2017_2018 =
  'In June 2017, JNIM carried out an attack at a resort frequented by Westerners outside of Bamako, Mali, and was responsible for the large-scale coordinated attacks in Ouagadougou, Burkina Faso, on March 2, 2018.';
const ATTACKS_2018 =
  'In 2018, JNIM claimed responsibility for several attacks including a June suicide attack against an African Coalition base in Mali that killed at least six people.';
const PARLY =
  'Announcing the killing of Bah Ag Moussa, described as the military commander of the Group to Support Islam and Muslims (GSIM), French Defence Minister Florence Parly on Friday called it “a major success in the fight against terrorism".';
// Neither attack's passage gives a year; the paragraph it stands in counts losses "Since July 2019".
const ISGS_YEAR = 'year from the paragraph’s ‘Since July 2019’: the attacks are the losses it goes on to count';

function kidnapping(slug: string, person: string, name: string): SeedIncident {
  return {
    slug,
    title: `Kidnapping of ${name}`,
    kind: 'KIDNAPPING',
    summary: `${name} was kidnapped by jihadist groups in Mali (the source names neither the date nor the groups).`,
    country: 'ML',
    targets: ['CIVILIANS'],
    citations: [docFor(['summary'], RELEASE_DEAL)],
    participants: [{ person, role: 'HOSTAGE', citations: [doc(RELEASE_DEAL)] }],
  };
}

export const incidents: SeedIncident[] = [
  {
    slug: '2017-06-bamako-resort-attack',
    title: 'Attack on a resort outside Bamako',
    kind: 'ATTACK',
    summary: 'JNIM attacked a resort frequented by Westerners outside Bamako.',
    date: '2017-06',
    place: 'Resort outside Bamako',
    country: 'ML',
    targets: ['FOREIGN_CIVILIANS', 'TOURISTS'],
    citations: [docFor(['summary'], ATTACKS_2017_2018)],
    perpetrators: [{ organization: 'jnim', attribution: 'ATTRIBUTED', citations: [doc(ATTACKS_2017_2018)] }],
  },
  {
    slug: '2018-03-02-ouagadougou-attacks',
    title: 'Coordinated attacks in Ouagadougou',
    kind: 'COORDINATED_ATTACK',
    summary: 'Large-scale coordinated attacks in Ouagadougou for which JNIM was responsible.',
    date: '2018-03-02',
    place: 'Ouagadougou',
    country: 'BF',
    citations: [docFor(['summary'], ATTACKS_2017_2018)],
    perpetrators: [{ organization: 'jnim', attribution: 'ATTRIBUTED', citations: [doc(ATTACKS_2017_2018)] }],
  },
  {
    slug: '2018-06-african-coalition-base-suicide-attack',
    title: 'Suicide attack on an African Coalition base',
    kind: 'SUICIDE_BOMBING',
    summary: 'Suicide attack against an African Coalition base in Mali that killed at least six people; claimed by JNIM.',
    date: '2018-06',
    place: 'African Coalition base',
    country: 'ML',
    killed: { min: 6, qualifier: 'AT_LEAST' },
    targets: ['MILITARY'],
    citations: [docFor(['summary'], ATTACKS_2018)],
    perpetrators: [{ organization: 'jnim', attribution: 'CLAIMED', citations: [doc(ATTACKS_2018)] }],
  },
  {
    slug: '2018-07-gao-suicide-bombing',
    title: 'Suicide bombing against a French patrol in Gao',
    kind: 'SUICIDE_BOMBING',
    summary: 'Suicide bombing in Gao targeting a French military patrol; civilians were killed (number not given). Claimed by JNIM.',
    date: '2018-07',
    inferences: { date: 'year from the sentence before, ‘In 2018, JNIM claimed responsibility for several attacks’' },
    place: 'Gao',
    country: 'ML',
    targets: ['FOREIGN_MILITARY'],
    citations: [
      docFor(['summary'], 'In July, JNIM claimed responsibility for a suicide bombing in Gao, Mali, which targeted a French military patrol that killed civilians.'),
    ],
    perpetrators: [
      {
        organization: 'jnim',
        attribution: 'CLAIMED',
        citations: [doc('In July, JNIM claimed responsibility for a suicide bombing in Gao, Mali')],
      },
    ],
  },
  {
    slug: '2018-11-gao-truck-bomb',
    title: 'Truck bomb at a residential complex in Gao',
    kind: 'VEHICLE_BOMB',
    summary: 'Detonation of a truck bomb in a residential complex in Gao, killing three and injuring 30; claimed by JNIM.',
    date: '2018-11',
    place: 'Residential complex, Gao',
    country: 'ML',
    killed: { min: 3, max: 3 },
    injured: { min: 30, max: 30 },
    targets: ['RESIDENTIAL'],
    citations: [
      docFor(['summary'], 'In November 2018, JNIM claimed responsibility for the detonation of a truck bomb in a residential complex in Gao, killing three and injuring 30.'),
    ],
    perpetrators: [
      {
        organization: 'jnim',
        attribution: 'CLAIMED',
        citations: [doc('In November 2018, JNIM claimed responsibility for the detonation of a truck bomb')],
      },
    ],
  },
  {
    slug: 'indelimane-camp-attack',
    title: 'Attack on Indelimane military camp',
    kind: 'ATTACK',
    summary: 'ISGS killed 49 soldiers at Indelimane military camp in Mali on 1 November (the passage gives no year).',
    date: '2019-11-01',
    inferences: { date: ISGS_YEAR },
    place: 'Indelimane military camp',
    country: 'ML',
    killed: { min: 49, max: 49 },
    targets: ['MILITARY'],
    citations: [docFor(['summary'], ISGS_ATTACKS)],
    perpetrators: [{ organization: 'isgs', attribution: 'ATTRIBUTED', citations: [doc(ISGS_ATTACKS)] }],
  },
  {
    slug: 'in-ates-camp-attack',
    title: 'Attack on In-Atès camp',
    kind: 'ATTACK',
    summary: 'ISGS killed 71 soldiers at In-Atès camp in the Niger on 10 December (the passage gives no year).',
    date: '2019-12-10',
    inferences: { date: ISGS_YEAR },
    place: 'In-Atès camp',
    country: 'NE',
    killed: { min: 71, max: 71 },
    targets: ['MILITARY'],
    citations: [docFor(['summary'], ISGS_ATTACKS)],
    perpetrators: [{ organization: 'isgs', attribution: 'ATTRIBUTED', citations: [doc(ISGS_ATTACKS)] }],
  },
  {
    slug: 'killing-of-bah-ag-moussa',
    title: 'Killing of Bah Ag Moussa',
    kind: 'TARGETED_KILLING',
    summary:
      'France announced on 13 November 2020 the killing of Bah Ag Moussa, described as the military commander of JNIM ' +
      '(GSIM), during an operation in northeastern Mali. The day of the killing is not given: on or before the announcement.',
    // "France on 13 November 2020 announced the killing": it happened on or before that day.
    date: '../2020-11-13',
    place: 'Northeastern Mali',
    country: 'ML',
    targets: ['MILITANTS'],
    citations: [docFor(['summary'], KILLING_ANNOUNCED, 'France'), docFor(['summary'], PARLY, 'French Defence Minister Florence Parly')],
    perpetrators: [
      {
        // The state announced the killing in its operation and its minister called it a success: a claim.
        organization: 'france',
        attribution: 'CLAIMED',
        citations: [doc(KILLING_ANNOUNCED, 'France'), doc(PARLY, 'French Defence Minister Florence Parly')],
      },
    ],
    participants: [
      { person: 'bah-ag-moussa', role: 'TARGET', description: 'Killed', citations: [doc(KILLING_ANNOUNCED, 'France')] },
      {
        person: 'florence-parly',
        role: 'ANNOUNCER',
        description: 'Called it “a major success in the fight against terrorism”',
        citations: [doc(PARLY, 'French Defence Minister Florence Parly')],
      },
    ],
  },
  {
    slug: '2020-10-hostage-release-prisoner-exchange',
    title: 'Release of Soumaila Cissé, Sophie Pétronin and two other hostages for around 200 prisoners',
    kind: 'PRISONER_EXCHANGE',
    summary:
      'The Malian government freed around 200 jihadist prisoners in a deal that secured the release of four hostages, ' +
      'including Soumaila Cissé and Sophie Pétronin. JNIM (GSIM) recovered some 200 men and, according to various ' +
      'sources, received a ransom of €30 million.',
    date: '~2020-10',
    inferences: {
      date: 'month from ‘just over a month after’: the release came just over a month before France’s announcement of 13 November 2020',
    },
    country: 'ML',
    targets: ['CIVILIANS', 'FOREIGN_CIVILIANS'],
    citations: [
      docFor(['summary'], RELEASE_DEAL),
      docFor(['summary'], RELEASE_IMAGES),
      docFor(['summary'], RANSOM, 'various sources'),
    ],
    perpetrators: [{ organization: 'jnim', attribution: 'ATTRIBUTED', citations: [doc(RANSOM, 'various sources')] }],
    participants: [
      { person: 'soumaila-cisse', role: 'HOSTAGE', description: 'Released', citations: [doc(RELEASE_DEAL), doc(RELEASE_IMAGES)] },
      { person: 'sophie-petronin', role: 'HOSTAGE', description: 'Released', citations: [doc(RELEASE_DEAL), doc(RELEASE_IMAGES)] },
    ],
    estimates: [
      {
        kind: 'PRISONERS_RELEASED',
        min: 200,
        max: 200,
        qualifier: 'APPROXIMATE',
        unit: 'persons',
        scope: 'Around 200 jihadist prisoners freed by the Malian government',
        citations: [doc(RELEASE_DEAL), doc(RELEASE_IMAGES), doc(RANSOM, 'various sources')],
      },
    ],
  },
  kidnapping('kidnapping-of-soumaila-cisse', 'soumaila-cisse', 'Soumaila Cissé'),
  kidnapping('kidnapping-of-sophie-petronin', 'sophie-petronin', 'Sophie Pétronin'),
  {
    slug: '2015-11-13-paris-attacks',
    title: 'Paris terrorist attacks',
    kind: 'COORDINATED_ATTACK',
    summary: 'The November 13, 2015 Paris terrorist attacks killed 130 people.',
    date: '2015-11-13',
    place: 'Paris',
    country: 'FR',
    killed: { min: 130, max: 130 },
    targets: ['CIVILIANS'],
    citations: [docFor(['summary'], 'His death was announced on the fifth anniversary of the November 13, 2015 Paris terrorist attacks that killed 130 people.')],
  },
];

const FORCES_KILLED =
  'Since July 2019, more than 100 members of the defence and security forces of Mali, 85 members of such forces in the Niger and 30 in Burkina Faso have been killed.';

/** Security-force losses by country, counted from July 2019; each about the forces it counts. */
export const regionalEstimates: SeedEstimate[] = (
  [
    { country: 'ML', subject: 'mali-defence-and-security-forces', min: 100, qualifier: 'MORE_THAN', scope: 'Members of the defence and security forces of Mali killed' },
    { country: 'NE', subject: 'niger-defence-and-security-forces', min: 85, max: 85, scope: 'Members of the defence and security forces in the Niger killed' },
    { country: 'BF', subject: 'burkina-faso-defence-and-security-forces', min: 30, max: 30, scope: 'Members of the defence and security forces in Burkina Faso killed' },
  ] as const
).map((e) => ({
  kind: 'FORCES_KILLED',
  unit: 'persons',
  periodStart: '2019-07',
  ...e,
  citations: [doc(FORCES_KILLED)],
}));
