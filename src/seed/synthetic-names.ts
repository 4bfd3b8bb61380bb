// Word lists and spelling rules for generated names: Sahel-style organization and person names,
// and the transliteration variants real sources write them in (al-/el-, ou/u, Djama'at/Jamaat).

export const ORG_PREFIXES = ["Jama'at", 'Katibat', 'Ansar', 'Saraya', 'Harakat', 'Liwa', 'Majlis Shura', 'Jund'];
export const ORG_CORES = [
  'al-Tawhid', 'al-Furqan', 'al-Nasr', 'al-Hijra', 'al-Jihad', 'Nusrat al-Islam', 'al-Muhajirin', 'al-Sunna',
  'al-Murabitun', 'al-Din', 'al-Fath', 'Salah al-Din', 'Khalid ibn al-Walid', 'Usama ibn Zayd', 'al-Qassam',
  'al-Ittihad', 'al-Haqq', 'al-Ribat', 'al-Khilafa', 'Abu Dharr', 'al-Ansar', 'al-Ghuraba',
];
export const PLACES = [
  'Macina', 'Gourma', 'Liptako', 'Serma', 'Hombori', 'Boulkessi', 'Tillaberi', 'Menaka', 'Kidal', 'Timbuktu', 'Gao',
  'Mopti', 'Djibo', 'Arbinda', 'Dori', "Fada N'Gourma", 'Tahoua', 'Diffa', 'Ansongo', 'Nampala', 'Tessit', 'Inates',
  'Koutougou', 'Ségou', 'Niono', 'Douentza', 'Boni', 'Bankass', 'Koro', 'Sikasso', 'Ménaka', 'Kayes', 'Nioro',
  'Tombouctou', 'Léré', 'Diabaly', 'Sévaré', 'Ouahigouya', 'Kaya', 'Titao', 'Solenzo', 'Diapaga', 'Ayorou', 'Banibangou',
];
/** Country codes, weighted as the violence is: Mali and Burkina Faso first. */
export const COUNTRIES: [string, number][] = [['ML', 40], ['BF', 30], ['NE', 18], ['NG', 4], ['MR', 2], ['TD', 2], ['BJ', 2], ['TG', 1], ['CI', 1]];

export const GIVEN = [
  'Abu Bakr', 'Amadou', 'Hamadoun', 'Ibrahim', 'Moussa', 'Abdelmalek', 'Yahya', 'Souleymane', 'Oumar', 'Mohamed', 'Ali',
  'Hassan', 'Djibril', 'Boubacar', 'Alhousseini', 'Sidi', 'Mahmoud', 'Idrissa', 'Ousmane', 'Malam', 'Abdoulaye', 'Iyad',
  'Hamza', 'Seydou', 'Youssouf', 'Bilal', 'Adnan', 'Saleh',
];
export const PARTICLES = ['ag', 'ould', '', '', 'ibn', 'Ag'];
export const FAMILY = [
  'Ghali', 'Koufa', 'Dicko', 'Sahraoui', 'Mokhtar', 'Touré', 'Cissé', 'Maïga', 'Diallo', 'Barry', 'Sangaré', 'Traoré',
  'al-Ansari', 'al-Mauritani', 'al-Targui', 'Hamaha', 'Belmokhtar', 'Chouaïb', 'Moussa', 'Kounta', 'Dembélé', 'Sow',
  'Ba', 'Tall', 'Keïta', 'Coulibaly', 'Ould Hamaha', 'al-Azawadi',
];
export const KUNYA = ['Abu Talha', 'Abu Hafs', 'Abu Ubayda', 'Abu Hamza', 'Abu Yahya', 'Abu Dujana', 'Abu Walid', 'Abu Khalid', 'Abu Anas', 'Abu Qatada'];

/** Transliteration and spelling rules, each applied alone: every variant differs from its name by one habit. */
const VARIANT_RULES: [RegExp, string][] = [
  [/\bal-/g, 'el-'],
  [/\bal-/g, 'al '],
  [/ou/g, 'u'],
  [/(?<!o)u(?!n\b)/g, 'ou'],
  [/Jama'at/g, 'Djama’at'],
  [/Jama'at/g, 'Jamaat'],
  [/Katibat/g, 'Katiba'],
  [/Katibat/g, 'Kateebat'],
  [/[éè]/g, 'e'],
  [/ï/g, 'i'],
  [/\bag\b/g, 'Ag'],
  [/\bould\b/g, 'Ould'],
  [/ck/g, 'kk'],
  [/sh/g, 'ch'],
  [/\bAbu\b/g, 'Abou'],
];

/** Distinct spelling variants of `name`, in a fixed order. */
export function spellingVariants(name: string): string[] {
  const seen = new Set([name]);
  const out: string[] = [];
  for (const [pattern, replacement] of VARIANT_RULES) {
    const variant = name.replace(pattern, replacement);
    if (!seen.has(variant)) {
      seen.add(variant);
      out.push(variant);
    }
  }
  return out;
}

/** Initials of the significant words ("Jama'at Nusrat al-Islam fi Gourma" → "JNIG"). */
export function acronymOf(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w.replace(/^(al|el)-/, ''))
    .filter((w) => w.length > 2 && !['fi', 'wal', 'ibn'].includes(w))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

export function slugPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f’']/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
