/** A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards in it taken literally. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A LIKE pattern that finds values starting with `text`, wildcards taken literally. */
export const startingWith = (text: string): string => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
