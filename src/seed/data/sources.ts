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
      'Reference page on JNIM compiling passages from several reports, which it does not name. The copy held records ' +
      'neither its publication date nor its address.',
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

type Supported = NonNullable<SeedCitation['supports']>;

/**
 * A passage of the seed document; `attributedTo` only when the passage or the sentence before it
 * names who said it; `supports` the record's fields (status, summary, ...) that the passage carries.
 */
export function doc(quote: string, attributedTo?: string, supports?: Supported): SeedCitation {
  return {
    source: SEED_DOCUMENT,
    quote,
    ...(attributedTo ? { attributedTo } : {}),
    ...(supports ? { supports } : {}),
  };
}

/** A passage of the seed document that carries these fields of its record. */
export function docFor(supports: Supported, quote: string, attributedTo?: string): SeedCitation {
  return doc(quote, attributedTo, supports);
}

/** A value of the UN consolidated list, with the entry and element it was read from. */
export function unList(quote: string, locator: string, supports?: Supported): SeedCitation {
  return { source: UN_LIST_2020, quote, locator, ...(supports ? { supports } : {}) };
}
