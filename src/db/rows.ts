/** Results of `db.execute(sql...)` differ in type between drivers; both carry `rows` and a row count. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export const rowCountOf = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
};
