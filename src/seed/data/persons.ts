import type { SeedPerson } from '../schema.js';
import { doc, docFor, unList } from './sources.js';

const LEADER_DEATHS =
  'The deaths of al Qaeda-linked leaders Abdekmalek Droukdel (AQIM), Djamel Okcha and Ali Maychou (AQIM Sahara), and Mohamed Ould Nouini (al Mourabitoun), have likely hastened the erosion of any direct influence the global al Qaeda network could claim over JNIM-affiliated fighters.';
const KOUFA_LIEUTENANT =
  'Amadou Koufa was assessed to be a key lieutenant to overall leader Iyad Ag Ghali (QDi.316).';
const PARLY =
  'Announcing the killing of Bah Ag Moussa, described as the military commander of the Group to Support Islam and Muslims (GSIM), French Defence Minister Florence Parly on Friday called it “a major success in the fight against terrorism".';
const MOUSSA_AKA = 'A former Malian armed forces officer, Ag Moussa – also known as Bamoussa Diarra';
const HOSTAGES =
  'It came just over a month after the Malian government freed around 200 jihadist prisoners in a deal to secure the release of former Malian prime minister Soumaila Cissé and French aid worker Sophie Pétronin who were both kidnapped by jihadist groups in Mali.';
const UN_PROGRAM = 'ISIL (Da’esh) and Al-Qaida Sanctions List';
const KILLING_ANNOUNCED =
  'France on 13 November 2020 announced the killing of Bah Ag Moussa, a top commander of an al Qaeda-linked militant group, during an operation in northeastern Mali.';
const ALLEGIANCE =
  'The leader of JNIM, Iyad ag Ghali, pledged the group’s allegiance to the amir of AQIM, to the amir of al-Qa‘ida, and to the leader of the Taliban.';
const GHALI_ANSAR = unList('Founder and leader of Ansar Eddine (QDe.135).', 'INDIVIDUAL QDi.316, COMMENTS1', ['biography']);
const ANSAR_FOUNDED = 'Was founded in December 2011 by Iyad ag Ghali (QDi.316).';
const KOUFA_UN =
  "Founder of the Katiba Macina of Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) (QDe.159), executive of the Organization of Al-Qaida in the Islamic Maghreb (AQIM) (QDe.014).";
const MAYCHOU_UN =
  "Member of Al Qaida in the Islamic Maghreb (AQIM) (QDe.014), Ansar Eddine (QDe.135), and Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) (QDe.159).";
const BELMOKHTAR = 'and led by Mokhtar Belmokhtar (QDi.136).';

/** A UN designation with its listing date and reference, each cited from the entry. */
function unDesignation(reference: string, listed: string) {
  return {
    authority: 'UN_SECURITY_COUNCIL' as const,
    program: UN_PROGRAM,
    reference,
    listed,
    citations: [unList(listed, `INDIVIDUAL ${reference}, LISTED_ON`), unList(reference, `INDIVIDUAL ${reference}, REFERENCE_NUMBER`)],
  };
}

/** A leader whose death the seed document reports without a date. */
function deceasedLeader(slug: string, name: string, organization: string): SeedPerson {
  return {
    slug,
    name,
    status: 'DECEASED',
    citations: [docFor(['status'], LEADER_DEATHS)],
    memberships: [{ organization, role: 'LEADER', citations: [doc(LEADER_DEATHS)] }],
  };
}

export const persons: SeedPerson[] = [
  {
    slug: 'iyad-ag-ghali',
    name: 'Iyad ag Ghali',
    status: 'UNKNOWN',
    nationality: 'ML',
    born: '1958',
    biography:
      'Leader of JNIM, who pledged the group’s allegiance to the amir of AQIM, to the amir of al-Qa’ida and to the leader ' +
      'of the Taliban. Founder and leader of Ansar Eddine, founded in December 2011.',
    citations: [
      docFor(['biography'], ALLEGIANCE),
      GHALI_ANSAR,
      unList(ANSAR_FOUNDED, 'ENTITY QDe.135, COMMENTS1', ['biography']),
      unList('1958', 'INDIVIDUAL QDi.316, INDIVIDUAL_DATE_OF_BIRTH (EXACT)'),
      unList('Mali', 'INDIVIDUAL QDi.316, NATIONALITY'),
    ],
    aliases: [
      { name: 'Iyad Ag Ghali', kind: 'SPELLING_VARIANT', language: 'en', citations: [doc(KOUFA_LIEUTENANT)] },
      { name: 'Ghali', kind: 'SPELLING_VARIANT', language: 'en', quality: 'WEAK', citations: [doc('Ghali has stated that JNIM’s strategy')] },
      { name: 'اياد اغ غالي', kind: 'ORIGINAL_SCRIPT', language: 'ar', citations: [unList('اياد اغ غالي', 'INDIVIDUAL QDi.316, NAME_ORIGINAL_SCRIPT')] },
      { name: 'Sidi Mohamed Arhali', kind: 'ALTERNATIVE_NAME', citations: [unList('Sidi Mohamed Arhali', 'INDIVIDUAL QDi.316, INDIVIDUAL_ALIAS (Good)')] },
    ],
    memberships: [
      {
        organization: 'jnim',
        role: 'LEADER',
        title: 'Overall leader',
        citations: [
          doc('The leader of JNIM, Iyad ag Ghali, pledged the group’s allegiance'),
          doc('JNIM was led by Iyad ag Ghali.'),
          doc(KOUFA_LIEUTENANT),
        ],
      },
      {
        organization: 'ansar-al-din',
        role: 'FOUNDER',
        // The founding is the group's; the role starts with it.
        start: '2011-12',
        citations: [unList(ANSAR_FOUNDED, 'ENTITY QDe.135, COMMENTS1'), GHALI_ANSAR],
      },
      { organization: 'ansar-al-din', role: 'LEADER', citations: [GHALI_ANSAR] },
    ],
    designations: [
      {
        ...unDesignation('QDi.316', '2013-02-25'),
        citations: [doc('overall leader Iyad Ag Ghali (QDi.316)'), unList('2013-02-25', 'INDIVIDUAL QDi.316, LISTED_ON')],
      },
    ],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDi.316', citations: [doc('overall leader Iyad Ag Ghali (QDi.316)')] }],
  },
  {
    slug: 'bah-ag-moussa',
    name: 'Bah Ag Moussa',
    status: 'DECEASED',
    nationality: 'ML',
    // Announced on 13 November 2020: dead on or before that day.
    died: '../2020-11-13',
    biography:
      'Former Malian armed forces officer who later took part in the Tuareg rebellions of the 1990s and early 2000s before ' +
      'turning into a jihadist militant; a close associate of Iyad Ag Ghali, described as the military commander of JNIM ' +
      '(GSIM). France announced his killing on 13 November 2020.',
    citations: [
      docFor(['status', 'biography'], KILLING_ANNOUNCED, 'France'),
      docFor(['biography'], `${MOUSSA_AKA} – later participated in the Tuareg rebellions in the 1990s and early 2000s before turning into a jihadist militant.`),
      docFor(['biography'], 'A close associate of Iyad Ag Ghali – the leader of Mali’s most prominent armed group, Jama’at Nusrat al-Islam wal-Muslimin (JNIM) – Ag Moussa was on the US and UN’s terrorist lists.'),
      docFor(['biography'], PARLY, 'French Defence Minister Florence Parly'),
      doc('Ag Moussa was allegedly responsible for several attacks against Malian and international forces in recent years.'),
      unList('Mali', 'INDIVIDUAL QDi.424, NATIONALITY'),
    ],
    aliases: [
      { name: 'Bamoussa Diarra', kind: 'ALTERNATIVE_NAME', citations: [doc(MOUSSA_AKA)] },
      { name: 'Ag Moussa', kind: 'SPELLING_VARIANT', quality: 'WEAK', citations: [doc(MOUSSA_AKA)] },
      { name: 'Ag Mossa', kind: 'SPELLING_VARIANT', citations: [unList('Ag Mossa', 'INDIVIDUAL QDi.424, INDIVIDUAL_ALIAS (Good)')] },
      { name: 'Ammi Salim', kind: 'ALTERNATIVE_NAME', citations: [unList('Ammi Salim', 'INDIVIDUAL QDi.424, INDIVIDUAL_ALIAS (Good)')] },
    ],
    memberships: [
      {
        organization: 'jnim',
        role: 'MILITARY_COMMANDER',
        title: 'Military commander',
        citations: [doc(PARLY, 'French Defence Minister Florence Parly')],
      },
      {
        organization: 'jnim',
        role: 'OPERATIONAL_LEADER',
        title: 'Operational leader',
        citations: [unList('operational leader of Jama\'a Nusrat ul-Islam wa al-Muslimin (JNIM) (QDe.159)', 'INDIVIDUAL QDi.424, COMMENTS1')],
      },
      {
        organization: 'malian-armed-forces',
        role: 'MEMBER',
        title: 'Officer (former)',
        citations: [doc(MOUSSA_AKA)],
      },
      {
        organization: 'ansar-al-din',
        role: 'FOUNDER',
        title: 'Founding member',
        citations: [unList('Founding member of Ansar Eddine (QDe.135)', 'INDIVIDUAL QDi.424, COMMENTS1')],
      },
    ],
    designations: [
      {
        ...unDesignation('QDi.424', '2019-08-14'),
        citations: [...unDesignation('QDi.424', '2019-08-14').citations, doc('Ag Moussa was on the US and UN’s terrorist lists.')],
      },
      {
        authority: 'UNITED_STATES',
        program: 'US terrorist list (list not named in the source)',
        citations: [doc('Ag Moussa was on the US and UN’s terrorist lists.')],
      },
    ],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDi.424', citations: [unList('QDi.424', 'INDIVIDUAL QDi.424, REFERENCE_NUMBER')] }],
  },
  {
    slug: 'amadou-koufa',
    name: 'Amadou Koufa',
    status: 'UNKNOWN',
    born: '~1958',
    biography:
      'Founder of the Katiba Macina of JNIM and an executive of AQIM; assessed to be a key lieutenant to JNIM’s overall ' +
      'leader Iyad Ag Ghali. Called on the Fulani community to join and support his group.',
    citations: [
      docFor(['biography'], KOUFA_LIEUTENANT),
      docFor(['biography'], 'Koufa called on the Fulani community to join and support his group and take a stand against local authorities throughout West Africa.'),
      unList(KOUFA_UN, 'INDIVIDUAL QDi.425, COMMENTS1', ['biography']),
      unList('1958', 'INDIVIDUAL QDi.425, INDIVIDUAL_DATE_OF_BIRTH (APPROXIMATELY)'),
    ],
    aliases: [
      { name: 'Amadou Kouffa', kind: 'SPELLING_VARIANT', citations: [unList('Amadou Kouffa', 'INDIVIDUAL QDi.425, INDIVIDUAL_ALIAS (Good)')] },
      { name: 'Hamadoun Koufa', kind: 'SPELLING_VARIANT', citations: [unList('Hamadoun Koufa', 'INDIVIDUAL QDi.425, INDIVIDUAL_ALIAS (Good)')] },
      { name: 'Hamadoun Kouffa', kind: 'SPELLING_VARIANT', citations: [unList('Hamadoun Kouffa', 'INDIVIDUAL QDi.425, INDIVIDUAL_ALIAS (Good)')] },
      { name: 'Hamadou Koufa', kind: 'SPELLING_VARIANT', citations: [unList('Hamadou Koufa', 'INDIVIDUAL QDi.425, INDIVIDUAL_ALIAS (Good)')] },
      { name: 'Hamadou Kouffa', kind: 'SPELLING_VARIANT', citations: [unList('Hamadou Kouffa', 'INDIVIDUAL QDi.425, INDIVIDUAL_ALIAS (Good)')] },
      { name: 'Amadou Barry', kind: 'ALTERNATIVE_NAME', citations: [unList('Amadou Barry', 'INDIVIDUAL QDi.425, INDIVIDUAL_ALIAS (Good)')] },
    ],
    memberships: [
      { organization: 'jnim', role: 'LIEUTENANT', title: 'Key lieutenant to the overall leader', citations: [doc(KOUFA_LIEUTENANT)] },
      {
        organization: 'katiba-macina',
        role: 'LEADER',
        citations: [
          doc('Koufa called on the Fulani community to join and support his group and take a stand against local authorities throughout West Africa.'),
        ],
      },
      {
        organization: 'katiba-macina',
        role: 'FOUNDER',
        citations: [unList("Founder of the Katiba Macina of Jama'a Nusrat ul-Islam wa al-Muslimin (JNIM) (QDe.159)", 'INDIVIDUAL QDi.425, COMMENTS1')],
      },
      {
        organization: 'aqim',
        role: 'EXECUTIVE',
        citations: [unList('executive of the Organization of Al-Qaida in the Islamic Maghreb (AQIM) (QDe.014)', 'INDIVIDUAL QDi.425, COMMENTS1')],
      },
    ],
    designations: [unDesignation('QDi.425', '2020-02-04')],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDi.425', citations: [unList('QDi.425', 'INDIVIDUAL QDi.425, REFERENCE_NUMBER')] }],
  },
  {
    ...deceasedLeader('abdekmalek-droukdel', 'Abdekmalek Droukdel', 'aqim'),
    // The seed document's spelling is the name; the UN list spells it as most sources do.
    aliases: [
      {
        name: 'Abdelmalek Droukdel',
        kind: 'SPELLING_VARIANT',
        citations: [unList('Headed by Abdelmalek Droukdel (QDi.232).', 'ENTITY QDe.014, COMMENTS1')],
      },
    ],
    externalIds: [
      { scheme: 'UN_REFERENCE', value: 'QDi.232', citations: [unList('Headed by Abdelmalek Droukdel (QDi.232).', 'ENTITY QDe.014, COMMENTS1')] },
    ],
  },
  deceasedLeader('djamel-okcha', 'Djamel Okcha', 'aqim-sahara'),
  {
    ...deceasedLeader('ali-maychou', 'Ali Maychou', 'aqim-sahara'),
    nationality: 'MA',
    born: '1983-05-25',
    citations: [
      docFor(['status'], LEADER_DEATHS),
      unList('Morocco', 'INDIVIDUAL QDi.423, NATIONALITY'),
      unList('1983-05-25', 'INDIVIDUAL QDi.423, INDIVIDUAL_DATE_OF_BIRTH (EXACT)'),
    ],
    memberships: [
      { organization: 'aqim-sahara', role: 'LEADER', citations: [doc(LEADER_DEATHS)] },
      ...(['aqim', 'ansar-al-din', 'jnim'] as const).map((organization) => ({
        organization,
        role: 'MEMBER' as const,
        citations: [unList(MAYCHOU_UN, 'INDIVIDUAL QDi.423, COMMENTS1')],
      })),
    ],
    aliases: [
      { name: 'Abderahmane al Maghrebi', kind: 'ALTERNATIVE_NAME', citations: [unList('Abderahmane al Maghrebi', 'INDIVIDUAL QDi.423, INDIVIDUAL_ALIAS (Good)')] },
      { name: 'Abderrahmane le Marocain', kind: 'ALTERNATIVE_NAME', language: 'fr', citations: [unList('Abderrahmane le Marocain', 'INDIVIDUAL QDi.423, INDIVIDUAL_ALIAS (Good)')] },
      {
        name: 'Abou Abderahmane Sanhaji',
        kind: 'NOM_DE_GUERRE',
        quality: 'WEAK',
        citations: [unList('Abou Abderahmane Sanhaji', 'INDIVIDUAL QDi.423, INDIVIDUAL_ALIAS (Low)')],
      },
    ],
    designations: [unDesignation('QDi.423', '2019-08-14')],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDi.423', citations: [unList('QDi.423', 'INDIVIDUAL QDi.423, REFERENCE_NUMBER')] }],
  },
  deceasedLeader('mohamed-ould-nouini', 'Mohamed Ould Nouini', 'al-murabitun'),
  {
    slug: 'mokhtar-belmokhtar',
    name: 'Mokhtar Belmokhtar',
    status: 'UNKNOWN',
    citations: [unList(BELMOKHTAR, 'ENTITY QDe.141, COMMENTS1')],
    memberships: [{ organization: 'al-murabitun', role: 'LEADER', citations: [unList(BELMOKHTAR, 'ENTITY QDe.141, COMMENTS1')] }],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDi.136', citations: [unList(BELMOKHTAR, 'ENTITY QDe.141, COMMENTS1')] }],
  },
  {
    slug: 'florence-parly',
    name: 'Florence Parly',
    status: 'UNKNOWN',
    nationality: 'FR',
    biography: 'French Defence Minister; announced the killing of Bah Ag Moussa and called it “a major success in the fight against terrorism”.',
    citations: [docFor(['biography'], PARLY, 'French Defence Minister Florence Parly')],
  },
  {
    slug: 'soumaila-cisse',
    name: 'Soumaila Cissé',
    status: 'UNKNOWN',
    nationality: 'ML',
    biography:
      'Former Malian prime minister and a leading Malian political figure; kidnapped by jihadist groups in Mali and released ' +
      'in a deal in which the Malian government freed around 200 jihadist prisoners.',
    citations: [
      docFor(['biography'], HOSTAGES),
      docFor(['biography'], 'including Frenchwoman Sophie Pétronin and Soumaïla Cissé, a leading Malian political figure'),
    ],
    aliases: [{ name: 'Soumaïla Cissé', kind: 'SPELLING_VARIANT', language: 'fr', citations: [doc('Soumaïla Cissé, a leading Malian political figure')] }],
  },
  {
    slug: 'sophie-petronin',
    name: 'Sophie Pétronin',
    status: 'UNKNOWN',
    nationality: 'FR',
    biography:
      'French aid worker kidnapped by jihadist groups in Mali and released in a deal in which the Malian government freed ' +
      'around 200 jihadist prisoners.',
    citations: [docFor(['biography'], HOSTAGES), doc('including Frenchwoman Sophie Pétronin')],
  },
];
