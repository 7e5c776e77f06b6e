/** A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards in it taken literally. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
