import type { SeedCitation, SeedSource } from '../schema.js';

export const SEED_DOCUMENT = 'globalsecurity-jnim';
export const UN_LIST_2020 = 'un-sc-consolidated-list-2020-11-30';

export const sources: SeedSource[] = [
  {
    slug: SEED_DOCUMENT,
    title: "Jama'at Nusrat al-Islam wal-Muslimin (JNIM)",
    publisher: 'GlobalSecurity.org',
    kind: 'REFERENCE',
    description:
      'Reference page compiling passages from the UN Monitoring Team, the US State Department, the Africa Center for ' +
      'Strategic Studies and news reports on JNIM. Publication date and address not recorded in the copy held.',
    document: '000_22949f555cc7bffb.txt',
  },
  {
    slug: UN_LIST_2020,
    title: 'United Nations Security Council Consolidated List (ISIL (Da’esh) and Al-Qaida entries for the Sahel)',
    publisher: 'United Nations Security Council',
    kind: 'UN',
    published: '2020-11-30',
    description: 'Excerpt of the consolidated sanctions list generated 2020-11-30: the Sahel-related entries.',
    document: 'un_sc_consolidated_2020-11-30_sahel_entries.xml',
  },
];

/** A passage of the seed document; `attributedTo` when the passage names who said it. */
export function doc(quote: string, attributedTo?: string): SeedCitation {
  return attributedTo ? { source: SEED_DOCUMENT, quote, attributedTo } : { source: SEED_DOCUMENT, quote };
}

/** A value of the UN consolidated list, with the entry and element it was read from. */
export function unList(quote: string, locator: string): SeedCitation {
  return { source: UN_LIST_2020, quote, locator, attributedTo: 'UN Security Council ISIL (Da’esh) and Al-Qaida Sanctions Committee' };
}
