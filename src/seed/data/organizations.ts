import type { SeedOrganization } from '../schema.js';
import { doc, docFor, unList } from './sources.js';

// Passages cited by several facts.
const FORMATION =
  'It formed in March 2017, when four Mali-based extremist groups—Ansar al-Din, al-Murabitun, the Macina Liberation Front (MLF), and the Sahara Emirate subgroup of al-Qa‘ida in the Lands of the Islamic Maghreb (AQIM)—announced that they had merged, formalizing cooperation among them.';
const ALLEGIANCE =
  'The leader of JNIM, Iyad ag Ghali, pledged the group’s allegiance to the amir of AQIM, to the amir of al-Qa‘ida, and to the leader of the Taliban.';
const MENTORING =
  'Katiba Macina and Ansarul Islam still benefit from mentoring by the Emirate of Timbuktu (the former Sahara branch of AQIM), which directly facilitates the expansion of the terrorist threat to the south.';
const LEADER_DEATHS =
  'The deaths of al Qaeda-linked leaders Abdekmalek Droukdel (AQIM), Djamel Okcha and Ali Maychou (AQIM Sahara), and Mohamed Ould Nouini (al Mourabitoun), have likely hastened the erosion of any direct influence the global al Qaeda network could claim over JNIM-affiliated fighters.';
const AMBIGUITY =
  'Ambiguity over the current status of AQIM Sahara and al Mourabitoun, meanwhile, underscores a key function of JNIM.';
const FLM_ACTIVE =
  'The Macina Liberation Front (FLM) has been by far the most active of JNIM’s component groups, operating from its stronghold in central Mali and expanding into northern and other parts of Burkina Faso.';
const FULANI_THREAT =
  'They also highlighted a significant threat associated with attempted manipulation of the Fulani community in Benin, Côte d’Ivoire, Ghana, Guinea, Senegal and Togo.';
const ISGS_STRONGHOLD =
  'Despite significant attrition from counter-terrorism operations, ISGS retains a stronghold in the tri-border area between Burkina Faso, Mali and the Niger, and maintains pressure on defence and security forces south of routes nationales 16 and 20 in Mali.';
const LOSSES =
  'Burkina Faso and Mali also suffered substantial losses in other significant attacks perpetrated by JNIM, ISGS and Ansarul Islam.';
const BASED = 'JNIM is based in Mali and active across much of West Africa, including parts of Burkina Faso and Niger.';
const BUSINESS =
  'JNIM’s structure functions as a business association on behalf of its membership, giving the impression that it is omnipresent and inexorably expanding its reach.';
const SELF_DESCRIBED =
  'Jama’at Nusrat al-Islam wal-Muslimin (JNIM) (QDe.159) has described itself as al-Qa’ida’s official branch in Mali and has claimed responsibility for numerous attacks and kidnappings.';
const THREAT =
  'Jama’a Nusrat ul-Islam wa al-Muslimin (JNIM) continues to represent the principal international terrorist threat in the West Africa region';
const AQIM_NO_SUPPORT = 'Even though JNIM is linked to AQIM, AQIM never developed a significant base of local support in the Sahel.';
const AQIM_WANING = 'Furthermore, its regional influence, even in Algeria where it first emerged, was waning.';
const FORCES_KILLED =
  'Since July 2019, more than 100 members of the defence and security forces of Mali, 85 members of such forces in the Niger and 30 in Burkina Faso have been killed.';
const KILLING_ANNOUNCED =
  'France on 13 November 2020 announced the killing of Bah Ag Moussa, a top commander of an al Qaeda-linked militant group, during an operation in northeastern Mali.';

const componentOfJnim = (quote = FORMATION) => ({
  type: 'COMPONENT_OF' as const,
  to: 'jnim',
  description: 'One of the four groups whose March 2017 merger formed JNIM.',
  start: '2017-03',
  citations: [doc(quote)],
});

const jnim: SeedOrganization = {
  slug: 'jnim',
  name: 'Jama’at Nusrat al-Islam wal-Muslimin',
  kind: 'COALITION',
  status: 'ACTIVE',
  summary:
    'Formed in March 2017 when four Mali-based extremist groups announced that they had merged; describes itself as ' +
    'al-Qa’ida’s official branch in Mali. Based in Mali and active across much of West Africa, including parts of ' +
    'Burkina Faso and Niger. Its structure functions as a business association on behalf of its membership, not a ' +
    'unified command and control structure.',
  ideology:
    'Salafi-Jihadist; aligns itself with al-Qa’ida’s global jihadist ideology; seeks to build a Salafi-Islamist state in ' +
    'West Africa and to expel Western influences from the region.',
  founded: '2017-03',
  citations: [
    docFor(['summary'], FORMATION),
    docFor(['summary'], SELF_DESCRIBED),
    docFor(['summary'], BASED),
    docFor(['summary'], BUSINESS),
    docFor(['summary'], 'The characterization of JNIM as a single operational entity, however, feeds the inaccurate perception of a unified command and control structure.'),
    docFor(['ideology'], 'JNIM is a Salafi-Jihadist organization that aligns itself with al-Qa‘ida’s global jihadist ideology and exploits local divisions and grievances to grow its support in the region.'),
    docFor(['ideology'], 'The group seeks to build a Salafi-Islamist state in West Africa and to expel Western influences from the region.'),
    docFor(['status'], THREAT),
  ],
  aliases: [
    { name: 'JNIM', kind: 'ACRONYM', language: 'ar-Latn', citations: [doc('Jamaat Nosrat al-Islam wal-Mouslimin (JNIM)')] },
    {
      name: 'Jamaat Nosrat al-Islam wal-Mouslimin',
      kind: 'TRANSLITERATION',
      language: 'ar-Latn',
      citations: [doc('Jamaat Nosrat al-Islam wal-Mouslimin (JNIM)')],
    },
    {
      name: 'Group for the Support of Islam and Muslims',
      kind: 'TRANSLATION',
      language: 'en',
      citations: [doc('Group for the Support of Islam and Muslims (GSIM)')],
    },
    { name: 'GSIM', kind: 'ACRONYM', language: 'en', citations: [doc('Group for the Support of Islam and Muslims (GSIM)')] },
    { name: 'Group to Support Islam and Muslims', kind: 'TRANSLATION', language: 'en', citations: [doc('Group to Support Islam and Muslims')] },
    { name: 'Nusrat al-Islam wal-Muslimeen', kind: 'SPELLING_VARIANT', language: 'ar-Latn', citations: [doc('Nusrat al-Islam wal-Muslimeen')] },
    {
      name: 'Jama’at Nusrat al Islam wal Muslimeen',
      kind: 'SPELLING_VARIANT',
      language: 'ar-Latn',
      citations: [doc('violent events attributed to Jama’at Nusrat al Islam wal Muslimeen (JNIM)')],
    },
    {
      name: 'Jama’a Nusrat ul-Islam wa al-Muslimin',
      kind: 'TRANSLITERATION',
      language: 'ar-Latn',
      citations: [
        doc(THREAT),
        unList("JAMA'A NUSRAT UL-ISLAM WA AL-MUSLIMIN (JNIM)", 'ENTITY QDe.159, FIRST_NAME'),
      ],
    },
  ],
  areas: [
    { country: 'ML', role: 'BASE', citations: [doc(BASED)] },
    {
      country: 'ML',
      region: 'northern Mali',
      role: 'STRONGHOLD',
      citations: [doc('perpetrating terrorist attacks, developing insurgencies and maintaining safe havens in northern Mali')],
    },
    {
      country: 'BF',
      region: 'parts of Burkina Faso, to the southeast',
      role: 'ACTIVE',
      citations: [doc(BASED), doc('Stretching from northern Mali to southeastern Burkina Faso')],
    },
    { country: 'NE', role: 'ACTIVE', citations: [doc(BASED)] },
    ...(['BJ', 'CI', 'GH', 'GN', 'SN', 'TG'] as const).map((country) => ({
      country,
      role: 'THREATENED' as const,
      citations: [
        doc(FULANI_THREAT, 'Member States in the region'),
        doc('It destabilizes the Sahel and has increased its presence in littoral countries.'),
      ],
    })),
  ],
  relations: [
    {
      type: 'ALLEGIANCE_TO',
      to: 'aqim',
      description: 'Allegiance pledged by JNIM’s leader to the amir of AQIM.',
      citations: [doc(ALLEGIANCE), doc(AQIM_NO_SUPPORT)],
    },
    { type: 'ALLEGIANCE_TO', to: 'al-qaida', description: 'Allegiance pledged by JNIM’s leader to the amir of al-Qa’ida.', citations: [doc(ALLEGIANCE)] },
    { type: 'ALLEGIANCE_TO', to: 'taliban', description: 'Allegiance pledged by JNIM’s leader to the leader of the Taliban.', citations: [doc(ALLEGIANCE)] },
    {
      type: 'BRANCH_OF',
      to: 'al-qaida',
      description: 'Self-described: JNIM has called itself al-Qa’ida’s official branch in Mali.',
      citations: [doc('has described itself as al-Qa’ida’s official branch in Mali')],
    },
  ],
  designations: [
    {
      authority: 'UN_SECURITY_COUNCIL',
      program: 'ISIL (Da’esh) and Al-Qaida Sanctions List',
      reference: 'QDe.159',
      listed: '2018-10-04',
      citations: [doc('Jama’at Nusrat al-Islam wal-Muslimin (JNIM) (QDe.159)'), unList('2018-10-04', 'ENTITY QDe.159, LISTED_ON')],
    },
    {
      authority: 'UNITED_STATES',
      program: 'Foreign Terrorist Organization',
      listed: '2018-09-06',
      citations: [doc('JNIM was designated as a FTO on September 6, 2018.')],
    },
  ],
  estimates: [
    { kind: 'FIGHTERS', min: 1000, max: 2000, unit: 'fighters', citations: [doc('JNIM is estimated to have between 1,000 and 2,000 fighters.')] },
    {
      kind: 'ANNUAL_REVENUE',
      min: 18_000_000,
      max: 35_000_000,
      unit: 'USD',
      scope: 'JNIM-affiliated groups jointly, per year',
      citations: [doc('Experts believe that JNIM-affiliated groups jointly earn between $18 and $35 million annually', 'experts')],
    },
    {
      kind: 'SHARE_OF_VIOLENCE',
      min: 64,
      qualifier: 'MORE_THAN',
      unit: 'percent',
      scope: 'Share of all violent episodes linked to militant Islamist groups in the Sahel since 2017 that are attributed to JNIM.',
      periodStart: '2017',
      citations: [
        doc('violent events attributed to Jama’at Nusrat al Islam wal Muslimeen (JNIM) comprise more than 64 percent of all episodes linked to militant Islamist groups in the Sahel since 2017.'),
      ],
    },
  ],
  externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDe.159', citations: [doc('Jama’at Nusrat al-Islam wal-Muslimin (JNIM) (QDe.159)')] }],
  assessments: [
    {
      topic: 'structure',
      statement:
        'JNIM is not a unitary organization: it functions as a business association on behalf of its members, without necessarily a single headquarters, operational hierarchy or body of fighters that can be targeted; treating it as a single entity feeds the false perception of unified command and control.',
      citations: [
        doc(BUSINESS),
        doc('The characterization of JNIM as a single operational entity, however, feeds the inaccurate perception of a unified command and control structure.'),
        doc('Treating JNIM as a unitary organization plays into the hands of the insurgents by muddying their motivations and activities, and concealing their vulnerabilities.'),
        doc('JNIM does not necessarily have a single headquarters, operational hierarchy, or group of fighters that can be directly targeted by government security forces.'),
        doc('Yet, with nearly two-thirds of the violence in the Sahel attributed to it, targeting JNIM is the equivalent of shadow boxing.'),
      ],
    },
    {
      topic: 'cohesion',
      statement:
        'By presenting a united front, the JNIM coalition obscures the setbacks of its component groups and gives an illusion of cohesion, command and control, and unassailability.',
      citations: [
        doc(AMBIGUITY),
        doc('By presenting a united front, the JNIM coalition obscures the many setbacks that each of these groups has experienced, providing the illusion of cohesion, command and control, and unassailability.'),
      ],
    },
    {
      topic: 'al-qaida-influence',
      statement:
        'The deaths of al-Qa’ida-linked leaders of AQIM, AQIM Sahara and al-Murabitun have likely hastened the erosion of any direct influence of the global al-Qa’ida network over JNIM-affiliated fighters.',
      citations: [doc(LEADER_DEATHS)],
    },
    {
      topic: 'strategy',
      statement:
        'Expand across West Africa and train militants to fight its enemies, while appeasing local communities with material resources and local agreements.',
      citations: [
        doc(
          'Ghali has stated that JNIM’s strategy is to expand its presence across West Africa and train militants to fight against the group’s enemies while appeasing local communities by giving them material resources and signing local agreements.',
          'Ghali',
        ),
      ],
    },
    {
      topic: 'agenda',
      statement: 'A long-term agenda to transform and radicalize society in its expanding areas of operation.',
      citations: [doc('JNIM pursues a long-term agenda to transform and radicalize society in its expanding areas of operation.')],
    },
    {
      topic: 'targets',
      statement: 'Regularly attacks French, multinational and local security forces, and local and foreign civilians, in West Africa; also kidnaps.',
      citations: [
        doc('JNIM regularly attacks French, multinational, and local security forces in West Africa, as well as local and foreign civilians in the region.'),
        doc('JNIM continued to commit numerous attacks against civilian and military targets as well as kidnappings.'),
      ],
    },
    {
      topic: 'recruitment',
      statement:
        'Exploits the lack of economic opportunities and ethnic and social divisions in northern and central Mali and neighbouring regions to recruit and build influence.',
      citations: [
        doc('JNIM exploits a lack of economic opportunities as well as ethnic and social divisions among the populace in northern and central Mali and neighboring regions to facilitate recruitment and build its influence.'),
        doc('It also obscures the local realities that have fueled militant Islamist activity in the Sahel.'),
      ],
    },
    {
      topic: 'external-influence',
      statement:
        'External influences from the Gulf region shape JNIM’s environment through foreign activists running non-profit organizations that promote a radical ideology and offer an alternative to State authority.',
      citations: [
        doc('Member States in the region report external influences from the Gulf region that shape the environment in which JNIM operates.', 'Member States in the region'),
        doc('This is accomplished by means of the promotion of a radical ideology through the presence of foreign activists operating non-profit organizations, which provide an alternative to State authority.', 'Member States in the region'),
      ],
    },
    {
      topic: 'cooperation',
      statement: 'Deconfliction and operational collaboration between JNIM, ISGS and Ansarul Islam in high-profile attacks enhance their operational efficiency.',
      citations: [
        doc(LOSSES),
        doc('The operational efficiency of terrorist groups in the region is enhanced by deconfliction and operational collaboration between the groups in high-profile attacks.'),
      ],
    },
  ],
};

const components: SeedOrganization[] = [
  {
    slug: 'ansar-al-din',
    name: 'Ansar al-Din',
    kind: 'GROUP',
    status: 'UNKNOWN',
    founded: '2011-12',
    citations: [doc(FORMATION), unList('Was founded in December 2011 by Iyad ag Ghali (QDi.316).', 'ENTITY QDe.135, COMMENTS1')],
    aliases: [
      { name: 'Ansar Eddine', kind: 'TRANSLITERATION', language: 'ar-Latn', citations: [unList('ANSAR EDDINE', 'ENTITY QDe.135, FIRST_NAME')] },
      { name: 'Ansar Dine', kind: 'TRANSLITERATION', language: 'ar-Latn', citations: [unList('Ansar Dine', 'ENTITY QDe.135, ENTITY_ALIAS')] },
    ],
    relations: [componentOfJnim()],
    designations: [
      {
        authority: 'UN_SECURITY_COUNCIL',
        program: 'ISIL (Da’esh) and Al-Qaida Sanctions List',
        reference: 'QDe.135',
        listed: '2013-03-20',
        citations: [unList('2013-03-20', 'ENTITY QDe.135, LISTED_ON'), unList('QDe.135', 'ENTITY QDe.135, REFERENCE_NUMBER')],
      },
    ],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDe.135', citations: [unList('QDe.135', 'ENTITY QDe.135, REFERENCE_NUMBER')] }],
  },
  {
    slug: 'al-murabitun',
    name: 'al-Murabitun',
    kind: 'GROUP',
    status: 'UNKNOWN',
    founded: '2013-08-20',
    citations: [
      doc(FORMATION),
      doc(AMBIGUITY),
      unList('Founded on 20 Aug. 2013 as result of a merger between Al Moulathamoun', 'ENTITY QDe.141, COMMENTS1'),
    ],
    aliases: [
      { name: 'al Mourabitoun', kind: 'TRANSLITERATION', language: 'fr', citations: [doc('Mohamed Ould Nouini (al Mourabitoun)')] },
      { name: 'The Sentinels', kind: 'TRANSLATION', language: 'en', citations: [unList('The Sentinels', 'ENTITY QDe.141, ENTITY_ALIAS')] },
      { name: 'Les Sentinelles', kind: 'TRANSLATION', language: 'fr', citations: [unList('Les Sentinelles', 'ENTITY QDe.141, ENTITY_ALIAS')] },
    ],
    relations: [componentOfJnim()],
    designations: [
      {
        authority: 'UN_SECURITY_COUNCIL',
        program: 'ISIL (Da’esh) and Al-Qaida Sanctions List',
        reference: 'QDe.141',
        listed: '2014-06-02',
        citations: [unList('2014-06-02', 'ENTITY QDe.141, LISTED_ON'), unList('QDe.141', 'ENTITY QDe.141, REFERENCE_NUMBER')],
      },
    ],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDe.141', citations: [unList('QDe.141', 'ENTITY QDe.141, REFERENCE_NUMBER')] }],
  },
  {
    slug: 'katiba-macina',
    name: 'Katiba Macina',
    kind: 'FACTION',
    status: 'ACTIVE',
    summary:
      'By far the most active of JNIM’s component groups, operating from its stronghold in central Mali and expanding into ' +
      'northern and other parts of Burkina Faso.',
    citations: [doc(FORMATION), docFor(['status', 'summary'], FLM_ACTIVE)],
    aliases: [
      { name: 'Macina Liberation Front', kind: 'ALTERNATIVE_NAME', language: 'en', citations: [doc(FORMATION)] },
      { name: 'MLF', kind: 'ACRONYM', language: 'en', citations: [doc('the Macina Liberation Front (MLF)')] },
      { name: 'FLM', kind: 'ACRONYM', language: 'fr', citations: [doc('The Macina Liberation Front (FLM)')] },
    ],
    areas: [
      { country: 'ML', region: 'central Mali', role: 'STRONGHOLD', citations: [doc(FLM_ACTIVE)] },
      { country: 'BF', region: 'northern and other parts of Burkina Faso', role: 'EXPANDING', citations: [doc(FLM_ACTIVE)] },
    ],
    relations: [
      componentOfJnim(),
      {
        type: 'MENTORED_BY',
        to: 'aqim-sahara',
        description: 'Mentored by the Emirate of Timbuktu, which facilitates the expansion of the threat to the south.',
        citations: [doc(MENTORING)],
      },
    ],
    assessments: [
      { topic: 'activity', statement: 'By far the most active of JNIM’s component groups.', citations: [doc(FLM_ACTIVE)] },
      {
        topic: 'recruitment',
        statement:
          'Calls on the Fulani community to join it; Member States report orchestrated inter-ethnic violence to mobilise Fulanis, but the diverse Fulani community is unlikely to unite behind Katiba Macina and JNIM.',
        citations: [
          doc('Koufa called on the Fulani community to join and support his group and take a stand against local authorities throughout West Africa.'),
          doc('Member States in the region noted the orchestration of inter-ethnic violence to mobilize more Fulanis in Burkina Faso and Mali.', 'Member States in the region'),
          doc('Nevertheless, the Fulani community is diverse, with its own various local issues, and is unlikely to unite in support of Katiba Macina and JNIM objectives.'),
        ],
      },
      {
        topic: 'importance',
        statement: 'Its operational capabilities are of increasing importance within the JNIM operational framework.',
        citations: [doc('Based on the increasing importance of the operational capabilities of Katiba Macina within the JNIM operational framework')],
      },
    ],
  },
  {
    slug: 'aqim-sahara',
    name: 'Sahara Emirate of AQIM',
    kind: 'BRANCH',
    status: 'UNKNOWN',
    citations: [doc(FORMATION), doc(AMBIGUITY)],
    aliases: [
      { name: 'AQIM Sahara', kind: 'ALTERNATIVE_NAME', language: 'en', citations: [doc(LEADER_DEATHS)] },
      { name: 'Emirate of Timbuktu', kind: 'ALTERNATIVE_NAME', language: 'en', citations: [doc(MENTORING)] },
      { name: 'Sahara branch of AQIM', kind: 'ALTERNATIVE_NAME', language: 'en', citations: [doc(MENTORING)] },
    ],
    relations: [
      componentOfJnim(),
      {
        type: 'BRANCH_OF',
        to: 'aqim',
        description: 'The Sahara Emirate subgroup of AQIM.',
        citations: [doc(FORMATION), doc(MENTORING)],
      },
    ],
  },
];

const others: SeedOrganization[] = [
  {
    slug: 'aqim',
    name: 'al-Qa‘ida in the Lands of the Islamic Maghreb',
    kind: 'GROUP',
    status: 'UNKNOWN',
    summary:
      'First emerged in Algeria; never developed a significant base of local support in the Sahel, and its regional ' +
      'influence, even in Algeria, was waning.',
    citations: [
      doc(FORMATION),
      unList('THE ORGANIZATION OF AL-QAIDA IN THE ISLAMIC MAGHREB', 'ENTITY QDe.014, FIRST_NAME'),
      docFor(['summary'], AQIM_NO_SUPPORT),
      docFor(['summary'], AQIM_WANING),
    ],
    aliases: [
      { name: 'AQIM', kind: 'ACRONYM', language: 'en', citations: [doc(FORMATION)] },
      { name: 'The Organization of Al-Qaida in the Islamic Maghreb', kind: 'ALTERNATIVE_NAME', language: 'en', citations: [unList('THE ORGANIZATION OF AL-QAIDA IN THE ISLAMIC MAGHREB', 'ENTITY QDe.014, FIRST_NAME')] },
      { name: 'Al Qaïda au Maghreb islamique', kind: 'TRANSLATION', language: 'fr', citations: [unList('Al Qaïda au Maghreb islamique (AQMI)', 'ENTITY QDe.014, ENTITY_ALIAS')] },
      { name: 'AQMI', kind: 'ACRONYM', language: 'fr', citations: [unList('Al Qaïda au Maghreb islamique (AQMI)', 'ENTITY QDe.014, ENTITY_ALIAS')] },
      {
        name: 'Le Groupe Salafiste pour La Prédication et le Combat',
        kind: 'FORMER_NAME',
        language: 'fr',
        citations: [unList('Le Groupe Salafiste pour La Prédication et le Combat (GSPC)', 'ENTITY QDe.014, ENTITY_ALIAS (f.k.a.)')],
      },
      { name: 'GSPC', kind: 'FORMER_NAME', language: 'fr', citations: [unList('Le Groupe Salafiste pour La Prédication et le Combat (GSPC)', 'ENTITY QDe.014, ENTITY_ALIAS (f.k.a.)')] },
      { name: 'Salafist Group For Call and Combat', kind: 'FORMER_NAME', language: 'en', citations: [unList('Salafist Group For Call and Combat', 'ENTITY QDe.014, ENTITY_ALIAS (f.k.a.)')] },
    ],
    designations: [
      {
        authority: 'UN_SECURITY_COUNCIL',
        program: 'ISIL (Da’esh) and Al-Qaida Sanctions List',
        reference: 'QDe.014',
        listed: '2001-10-06',
        citations: [unList('2001-10-06', 'ENTITY QDe.014, LISTED_ON'), unList('QDe.014', 'ENTITY QDe.014, REFERENCE_NUMBER')],
      },
    ],
    areas: [
      {
        country: 'DZ',
        role: 'BASE',
        citations: [doc(AQIM_WANING)],
      },
    ],
    externalIds: [{ scheme: 'UN_REFERENCE', value: 'QDe.014', citations: [unList('QDe.014', 'ENTITY QDe.014, REFERENCE_NUMBER')] }],
    assessments: [
      {
        topic: 'local-support',
        statement: 'AQIM never developed a significant base of local support in the Sahel, and its regional influence, even in Algeria, was waning.',
        citations: [doc(AQIM_NO_SUPPORT), doc(AQIM_WANING)],
      },
    ],
  },
  {
    slug: 'al-qaida',
    name: 'al-Qa’ida',
    kind: 'NETWORK',
    status: 'UNKNOWN',
    citations: [doc(ALLEGIANCE), doc(LEADER_DEATHS)],
    aliases: [
      { name: 'al Qaeda', kind: 'SPELLING_VARIANT', language: 'en', citations: [doc(LEADER_DEATHS)] },
      { name: 'al-Qa‘ida', kind: 'SPELLING_VARIANT', language: 'ar-Latn', citations: [doc('aligns itself with al-Qa‘ida’s global jihadist ideology')] },
    ],
  },
  {
    slug: 'taliban',
    name: 'Taliban',
    kind: 'MOVEMENT',
    status: 'UNKNOWN',
    citations: [doc(ALLEGIANCE)],
  },
  {
    slug: 'isgs',
    name: 'ISGS',
    kind: 'GROUP',
    status: 'ACTIVE',
    summary:
      'Despite significant attrition from counter-terrorism operations, retains a stronghold in the tri-border area between ' +
      'Burkina Faso, Mali and the Niger.',
    citations: [docFor(['status', 'summary'], ISGS_STRONGHOLD)],
    areas: (['BF', 'ML', 'NE'] as const).map((country) => ({
      country,
      region: 'tri-border area between Burkina Faso, Mali and the Niger',
      role: 'STRONGHOLD' as const,
      citations: [doc(ISGS_STRONGHOLD)],
    })),
    assessments: [
      {
        topic: 'resilience',
        statement: 'Despite significant attrition, ISGS keeps its tri-border stronghold and pressure on security forces south of routes nationales 16 and 20 in Mali.',
        citations: [doc(ISGS_STRONGHOLD)],
      },
    ],
  },
  {
    slug: 'ansarul-islam',
    name: 'Ansarul Islam',
    kind: 'GROUP',
    status: 'ACTIVE',
    // "still benefit from mentoring": a group still operating.
    citations: [docFor(['status'], MENTORING), doc(LOSSES)],
    areas: [{ country: 'BF', role: 'ACTIVE', citations: [doc(LOSSES)] }],
    relations: [
      {
        type: 'MENTORED_BY',
        to: 'aqim-sahara',
        description: 'Mentored by the Emirate of Timbuktu, which facilitates the expansion of the threat to the south.',
        citations: [doc(MENTORING)],
      },
    ],
  },
  {
    slug: 'barkhane',
    name: 'Barkhane force',
    kind: 'STATE_FORCE',
    status: 'UNKNOWN',
    summary:
      'Thousands-strong French force stationed in Africa’s Sahel region for over half a decade, in a grinding fight ' +
      'against multiple jihadist groups.',
    citations: [
      docFor(['summary'], 'The killing of the major al Qaeda-linked militant has been hailed as a major boost for the thousands-strong French Barkhane force stationed Africa’s Sahel region for over half a decade in a grinding fight against multiple jihadist groups who are often also fighting each other.'),
    ],
  },
  {
    slug: 'malian-armed-forces',
    name: 'Malian armed forces',
    kind: 'STATE_FORCE',
    status: 'UNKNOWN',
    citations: [doc('A former Malian armed forces officer, Ag Moussa – also known as Bamoussa Diarra')],
  },
  {
    slug: 'france',
    name: 'France',
    kind: 'STATE',
    status: 'UNKNOWN',
    citations: [doc(KILLING_ANNOUNCED, 'France')],
  },
  // The forces whose losses since July 2019 the seed document counts (the estimates in incidents.ts).
  ...([
    ['mali', 'Mali'],
    ['niger', 'the Niger'],
    ['burkina-faso', 'Burkina Faso'],
  ] as const).map(([slug, country]): SeedOrganization => ({
    slug: `${slug}-defence-and-security-forces`,
    name: `Defence and security forces of ${country}`,
    kind: 'STATE_FORCE',
    status: 'UNKNOWN',
    citations: [doc(FORCES_KILLED)],
  })),
];

export const organizations: SeedOrganization[] = [jnim, ...components, ...others];
