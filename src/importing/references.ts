/**
 * References by name in bundled data (a sample's partners by name, localities by code...), turned
 * into record ids, with a plain error naming the source for a name the record store does not hold.
 */
/**
 * Ids by name for a bundled sample's references (partners by name, localities by code...): the
 * function throws `<source>: no <what> <name>` for a name the record store does not hold.
 */
export function idLookup<T extends { id: number }>(source: string, rows: readonly T[], key: (row: T) => string, what: string) {
  const ids = new Map(rows.map((row) => [key(row), row.id]));
  return (name: string): number => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`${source}: no ${what} ${name}`);
    return id;
  };
}
