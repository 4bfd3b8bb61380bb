// Country names and ISO codes as the datasets write them, to ISO 3166-1 alpha-2 ("ML").
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

/** The alpha-2 code of an English country name ("Mali", "Iran (Islamic Republic of)"), or null. */
export function countryCode(name: string | undefined): string | null {
  if (!name) return null;
  return countries.getAlpha2Code(name, 'en') ?? countries.getAlpha2Code(name.replace(/\s*\(.*\)\s*$/, ''), 'en') ?? null;
}

/** The alpha-2 code of an alpha-3 code ("MLI"), or null. */
export function countryOfAlpha3(code: string | undefined): string | null {
  return code ? (countries.alpha3ToAlpha2(code) ?? null) : null;
}

/** The English name of an alpha-2 code ("ML" → "Mali"), for passages that state a country. */
export function countryName(code: string): string {
  return countries.getName(code, 'en', { select: 'official' }) ?? code;
}
