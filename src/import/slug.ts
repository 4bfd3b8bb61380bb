// Slugs for imported records: lowercase ASCII words joined by hyphens, as the database requires.

/** ASCII slug of a name: "Iyad ag Ghali" → "iyad-ag-ghali". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}
