import { InvalidInputError } from './invalid-input-error';

/** An additive relation of a table: the `total` cell equals the sum of the `parts` cells (a margin and its row, column or level set). */
export interface SuppressionRelation {
  readonly total: number;
  readonly parts: readonly number[];
}

/** A table to protect: its cells (by index), which are suppressed to begin with, and how they add up. */
export interface SuppressionTable {
  /**
   * What it costs to hide each cell, usually its count (respondents, contacts, registered
   * persons): the cheapest cells that protect a suppressed one are suppressed with it.
   * `Infinity` marks a cell that must stay shown (e.g. a total published elsewhere).
   */
  readonly cost: readonly number[];
  /** Cells suppressed by the primary rule (e.g. 0 < n < 5). */
  readonly primary: readonly boolean[];
  /** Cells that are not published at all (e.g. a margin no table shows): unknown to a reader, never counted as suppressed. */
  readonly unpublished?: readonly boolean[];
  readonly relations: readonly SuppressionRelation[];
}

/** `shown`, suppressed by the primary rule, suppressed secondarily to protect another cell, or never published. */
export type SuppressionStatus = 'shown' | 'primary' | 'secondary' | 'unpublished';

export interface SuppressionResult {
  /** The status of every cell. */
  readonly status: SuppressionStatus[];
  /** Suppressed cells that could still be derived from the shown ones; empty unless cells with cost Infinity stood in the way. */
  readonly exposed: number[];
}

/**
 * Complementary (secondary) cell suppression of a table with margins, or of
 * several linked tables: given the cells suppressed by a primary rule (too
 * few respondents), suppresses further cells until no suppressed cell can be
 * derived from the shown cells and margins — not by one subtraction (total
 * minus the other levels), and not by any combination of rows, columns and
 * margins.
 *
 * The audit is exact and linear (Hundepool et al. 2012, §4.3; Eurostat/ESSnet
 * Handbook on SDC 2010, §4.2): the suppressed and unpublished cells are the
 * unknowns x_U of the relations A x = 0 (total − Σ parts = 0), whose shown
 * cells are known; a suppressed cell j can be derived exactly when e_j lies
 * in the row space of A restricted to U, i.e. when, in the reduced row
 * echelon form of A_U, column j is a pivot whose row has no entry in a free
 * column. Otherwise some vector of the null space moves x_j while keeping
 * every relation, and the shown cells cannot pin it down.
 *
 * Choosing the complements follows the idea of the hypercube method
 * (Repsilber 1994; Giessing & Repsilber 2002, as in τ-ARGUS, which Statistics
 * Sweden and Eurostat use for tables): each exposed cell is hidden together
 * with cells that close a cycle through its relations (in a two-way table the
 * four corners of a rectangle), choosing greedily the cheapest cell — of a
 * relation where the exposed cell is the only unknown, counting half the cost
 * of a cell that also lies in a relation with a suppressed cell (it closes a
 * cycle), and non-zero cells before zeros (a zero complement bounds a hidden
 * count from one side) —
 * and auditing again, until nothing is exposed. The greedy choice is not the
 * optimal (least information loss) pattern that integer programming gives,
 * but every pattern it returns passes the exact audit. Protection is
 * monotone, so the loop ends after at most as many steps as there are cells.
 * Non-negativity is not used by the audit: a reader who also knows that
 * counts are ≥ 0 may bound a hidden cell (between 0 and a sum), never fix it
 * when its complements are non-zero.
 *
 * Complexity: O(s · r · u · m) for s secondary suppressions, r relations, u
 * unknown cells and m the rank; tables of a report (tens to a few hundred
 * cells) take milliseconds.
 *
 * @throws {InvalidInputError} if the arrays differ in length, a relation
 * names a cell that does not exist, or a cost is negative or NaN.
 * @example
 * // total 40 = kvinna 20 + man 19 + annat 1; annat (n = 1) is primary.
 * complementarySuppression({
 *   cost: [40, 20, 19, 1], primary: [false, false, false, true],
 *   relations: [{ total: 0, parts: [1, 2, 3] }],
 * }).status // → ['shown', 'shown', 'secondary', 'primary']
 */
export function complementarySuppression(table: SuppressionTable): SuppressionResult {
  const size = table.cost.length;
  checkTable(table, size);
  const status: SuppressionStatus[] = new Array(size);
  const unknown = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    if (table.unpublished?.[i]) status[i] = 'unpublished';
    else if (table.primary[i]) status[i] = 'primary';
    else status[i] = 'shown';
    unknown[i] = status[i] === 'shown' ? 0 : 1;
  }
  const relationsOf: number[][] = Array.from({ length: size }, () => []);
  table.relations.forEach((relation, r) => {
    relationsOf[relation.total].push(r);
    for (const part of relation.parts) relationsOf[part].push(r);
  });
  const cellsOf = table.relations.map((relation) => [relation.total, ...relation.parts]);
  const suppressible = (cell: number) => !unknown[cell] && table.cost[cell] !== Infinity;
  /**
   * Lower is better: non-zero before zero, then the cost, halved for a cell that closes a cycle (it also
   * lies in a relation with a suppressed cell, so fewer further cells are needed), then the index.
   */
  const rank = (cell: number, closesCycle: boolean) => [table.cost[cell] === 0 ? 1 : 0, closesCycle ? table.cost[cell] / 2 : table.cost[cell], cell];
  const better = (a: number[], b: number[]) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
    return false;
  };
  const unknownsIn = (r: number) => cellsOf[r].reduce((count, cell) => count + unknown[cell], 0);
  const suppressedIn = (r: number) => cellsOf[r].some((cell) => status[cell] === 'primary' || status[cell] === 'secondary');

  const stuck = new Set<number>();
  for (;;) {
    const exposed = exposedCells(table.relations, unknown, status).filter((cell) => !stuck.has(cell));
    if (exposed.length === 0) break;
    const cell = exposed[0];
    let chosen = -1;
    let chosenRank: number[] = [];
    // A relation in which the exposed cell is the only unknown: hide one more of its cells.
    for (const r of relationsOf[cell]) {
      if (unknownsIn(r) !== 1) continue;
      for (const candidate of cellsOf[r]) {
        if (!suppressible(candidate)) continue;
        const closesCycle = relationsOf[candidate].some((other) => other !== r && suppressedIn(other));
        const candidateRank = rank(candidate, closesCycle);
        if (chosen < 0 || better(candidateRank, chosenRank)) {
          chosen = candidate;
          chosenRank = candidateRank;
        }
      }
    }
    if (chosen < 0) chosen = protectingCell(cell, table, unknown, status, relationsOf, cellsOf, suppressible, rank, better);
    if (chosen < 0) {
      stuck.add(cell);
      continue;
    }
    unknown[chosen] = 1;
    status[chosen] = 'secondary';
  }
  return { status, exposed: [...stuck].sort((a, b) => a - b) };
}

/**
 * The exposed cell sits only in relations with other unknowns, yet a
 * combination of relations still fixes it (in a two-way table: a bridge
 * between two closed rectangles). Tries the cells of relations that touch an
 * unknown, cheapest first, and returns the first whose suppression protects
 * it; failing that, the cheapest cell of a relation of the exposed cell, so
 * that the next round gets closer; −1 when there is none.
 */
function protectingCell(
  cell: number,
  table: SuppressionTable,
  unknown: Uint8Array,
  status: SuppressionStatus[],
  relationsOf: readonly number[][],
  cellsOf: readonly number[][],
  suppressible: (cell: number) => boolean,
  rank: (cell: number, closesCycle: boolean) => number[],
  better: (a: number[], b: number[]) => boolean,
): number {
  const frontier = new Set<number>();
  cellsOf.forEach((cells) => {
    if (cells.some((c) => unknown[c])) for (const c of cells) if (suppressible(c)) frontier.add(c);
  });
  const ordered = [...frontier].map((c) => ({ c, rank: rank(c, true) })).sort((a, b) => (better(a.rank, b.rank) ? -1 : better(b.rank, a.rank) ? 1 : 0));
  for (const { c } of ordered) {
    unknown[c] = 1;
    const protects = !exposedCells(table.relations, unknown, status).includes(cell);
    unknown[c] = 0;
    if (protects) return c;
  }
  let fallback = -1;
  let fallbackRank: number[] = [];
  for (const r of relationsOf[cell]) {
    for (const c of cellsOf[r]) {
      if (!suppressible(c)) continue;
      const candidateRank = rank(c, false);
      if (fallback < 0 || better(candidateRank, fallbackRank)) {
        fallback = c;
        fallbackRank = candidateRank;
      }
    }
  }
  return fallback;
}

const EPSILON = 1e-9;

/**
 * The suppressed cells (status primary or secondary, with `unknown` set) that
 * the relations determine from the known cells: pivots of the reduced row
 * echelon form of the relations restricted to the unknowns whose row has no
 * entry in a free column. Coefficients are 0 and ±1, so elimination in floating
 * point with a small tolerance is exact for tables of this size.
 */
function exposedCells(relations: readonly SuppressionRelation[], unknown: Uint8Array, status: readonly SuppressionStatus[]): number[] {
  const columns: number[] = [];
  const columnOf = new Map<number, number>();
  const rows: Float64Array[] = [];
  for (const relation of relations) {
    const cells = [relation.total, ...relation.parts];
    if (!cells.some((c) => unknown[c])) continue;
    for (const c of cells) {
      if (unknown[c] && !columnOf.has(c)) {
        columnOf.set(c, columns.length);
        columns.push(c);
      }
    }
  }
  if (columns.length === 0) return [];
  for (const relation of relations) {
    const row = new Float64Array(columns.length);
    let any = false;
    if (unknown[relation.total]) {
      row[columnOf.get(relation.total)!] += 1;
      any = true;
    }
    for (const part of relation.parts) {
      if (!unknown[part]) continue;
      row[columnOf.get(part)!] -= 1;
      any = true;
    }
    if (any) rows.push(row);
  }
  const pivotColumnOfRow: number[] = [];
  let rank = 0;
  for (let col = 0; col < columns.length && rank < rows.length; col++) {
    let best = rank;
    for (let r = rank + 1; r < rows.length; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[best][col])) best = r;
    if (Math.abs(rows[best][col]) < EPSILON) continue;
    [rows[rank], rows[best]] = [rows[best], rows[rank]];
    const pivot = rows[rank];
    const scale = pivot[col];
    for (let k = 0; k < columns.length; k++) pivot[k] /= scale;
    for (let r = 0; r < rows.length; r++) {
      if (r === rank) continue;
      const factor = rows[r][col];
      if (Math.abs(factor) < EPSILON) continue;
      const row = rows[r];
      for (let k = 0; k < columns.length; k++) row[k] -= factor * pivot[k];
    }
    pivotColumnOfRow.push(col);
    rank++;
  }
  const isPivot = new Uint8Array(columns.length);
  for (const col of pivotColumnOfRow) isPivot[col] = 1;
  const exposed: number[] = [];
  pivotColumnOfRow.forEach((col, r) => {
    const cell = columns[col];
    if (status[cell] !== 'primary' && status[cell] !== 'secondary') return;
    for (let k = 0; k < columns.length; k++) if (!isPivot[k] && Math.abs(rows[r][k]) > EPSILON) return;
    exposed.push(cell);
  });
  // Primary cells first, then by index, so that the greedy loop protects what the rule hid before what it hid itself.
  return exposed.sort((a, b) => (status[a] === status[b] ? a - b : status[a] === 'primary' ? -1 : 1));
}

/**
 * The suppressed cells of a pattern that the shown cells and the relations
 * determine exactly (see {@link complementarySuppression}): empty for a safe
 * pattern. `suppressed[i]` is true for suppressed and unpublished cells alike;
 * only suppressed ones (not `unpublished`) are reported.
 *
 * @example
 * derivableSuppressedCells([{ total: 0, parts: [1, 2] }], [false, true, false]) // → [1]
 */
export function derivableSuppressedCells(
  relations: readonly SuppressionRelation[],
  suppressed: readonly boolean[],
  unpublished: readonly boolean[] = [],
): number[] {
  const unknown = Uint8Array.from(suppressed, (s, i) => (s || unpublished[i] ? 1 : 0));
  const status: SuppressionStatus[] = suppressed.map((s, i) => (unpublished[i] ? 'unpublished' : s ? 'primary' : 'shown'));
  return exposedCells(relations, unknown, status).sort((a, b) => a - b);
}

function checkTable(table: SuppressionTable, size: number): void {
  const caller = 'complementarySuppression';
  if (table.primary.length !== size) throw new InvalidInputError(`${caller}: primary has ${table.primary.length} cells, cost has ${size}`);
  if (table.unpublished && table.unpublished.length !== size) throw new InvalidInputError(`${caller}: unpublished has ${table.unpublished.length} cells, cost has ${size}`);
  table.cost.forEach((cost, i) => {
    if (!(cost >= 0)) throw new InvalidInputError(`${caller}: cost of cell ${i} must be a non-negative number, got ${cost}`);
  });
  table.relations.forEach((relation, r) => {
    for (const cell of [relation.total, ...relation.parts]) {
      if (!Number.isInteger(cell) || cell < 0 || cell >= size) throw new InvalidInputError(`${caller}: relation ${r} names cell ${cell}, but there are ${size}`);
    }
  });
}
