import { levelCoder, type CategoricalColumn, type NumericColumn, type RespondentColumn, type RespondentColumns } from '../../analysis/index';

/**
 * A segment of analysis records at rest: the typed columns of some responses
 * (a batch, or several merged) in one compact binary value, so that an
 * analysis reads a few `bytea` values instead of every response's answers.
 *
 * Layout: `KRS1`, the header's byte length (u32, little-endian), the header
 * as JSON (`{ size, columns: [{ name, type, levels?, offset }] }`), then each
 * column's values at its offset (8-byte aligned), little-endian:
 *
 * | type  | holds                                  | missing |
 * |-------|----------------------------------------|---------|
 * | `u8`  | category codes, fewer than 255 levels   | 255     |
 * | `u16` | category codes, fewer than 65,535       | 65,535  |
 * | `i32` | category codes                          | −1      |
 * | `b8`  | 0/1 numbers (indicators)                | −1      |
 * | `i16` | whole numbers from −32,767 to 32,767    | −32,768 |
 * | `f64` | any number                              | NaN     |
 *
 * 100,000 responses of the population survey (16 indicators, four weighting
 * variables and the stratum) take about 2.2 MB.
 */
type SegmentType = 'u8' | 'u16' | 'i32' | 'b8' | 'i16' | 'f64';

interface SegmentColumn {
  readonly name: string;
  readonly type: SegmentType;
  readonly levels?: readonly string[];
  readonly offset: number;
}

interface SegmentHeader {
  readonly size: number;
  readonly columns: readonly SegmentColumn[];
}

const MAGIC = 0x3153524b; // "KRS1" little-endian
const WIDTH: Record<SegmentType, number> = { u8: 1, u16: 2, i32: 4, b8: 1, i16: 2, f64: 8 };
const align8 = (n: number) => (n + 7) & ~7;

function numericType(values: Float64Array): SegmentType {
  let binary = true;
  let small = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (v !== 0 && v !== 1) binary = false;
    if (!Number.isInteger(v) || v < -32767 || v > 32767) {
      small = false;
      break;
    }
  }
  return binary && small ? 'b8' : small ? 'i16' : 'f64';
}

/**
 * Encodes typed respondent columns as one segment.
 *
 * Complexity: O(size · columns).
 *
 * @example
 * decodeRecordSegments([encodeRecordSegment(columns)]).size // → columns.size
 */
export function encodeRecordSegment(records: RespondentColumns): Uint8Array {
  const plan: { column: RespondentColumn; entry: SegmentColumn }[] = [];
  let offset = 0;
  for (const [name, column] of records.columns) {
    const type: SegmentType =
      column.kind === 'categorical' ? (column.levels.length < 255 ? 'u8' : column.levels.length < 65535 ? 'u16' : 'i32') : numericType(column.values);
    plan.push({ column, entry: { name, type, ...(column.kind === 'categorical' ? { levels: column.levels } : {}), offset } });
    offset = align8(offset + WIDTH[type] * records.size);
  }
  const header: SegmentHeader = { size: records.size, columns: plan.map((p) => p.entry) };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const start = align8(8 + headerBytes.length);
  const bytes = new Uint8Array(start + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  bytes.set(headerBytes, 8);
  const n = records.size;
  for (const { column, entry } of plan) {
    const at = start + entry.offset;
    if (column.kind === 'categorical') {
      const codes = column.codes;
      if (entry.type === 'u8') for (let i = 0; i < n; i++) bytes[at + i] = codes[i] < 0 ? 255 : codes[i];
      else if (entry.type === 'u16') for (let i = 0; i < n; i++) view.setUint16(at + 2 * i, codes[i] < 0 ? 65535 : codes[i], true);
      else for (let i = 0; i < n; i++) view.setInt32(at + 4 * i, codes[i], true);
    } else {
      const values = column.values;
      if (entry.type === 'b8') for (let i = 0; i < n; i++) bytes[at + i] = values[i] !== values[i] ? 255 : values[i];
      else if (entry.type === 'i16') for (let i = 0; i < n; i++) view.setInt16(at + 2 * i, values[i] !== values[i] ? -32768 : values[i], true);
      else for (let i = 0; i < n; i++) view.setFloat64(at + 8 * i, values[i], true);
    }
  }
  return bytes;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readHeader(stored: Uint8Array): { header: SegmentHeader; bytes: Uint8Array; view: DataView; start: number } {
  // Typed views need their element alignment: copy a value that does not start on an 8-byte boundary.
  const bytes = stored.byteOffset % 8 === 0 ? stored : new Uint8Array(stored);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not an analysis record segment');
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as SegmentHeader;
  return { header, bytes, view, start: align8(8 + length) };
}

/** A column's values as a typed array over the segment's bytes (a copy through DataView on big-endian hosts). */
function valuesOf(bytes: Uint8Array, view: DataView, at: number, type: SegmentType, n: number): ArrayLike<number> {
  const offset = bytes.byteOffset + at;
  switch (type) {
    case 'u8':
    case 'b8':
      return bytes.subarray(at, at + n);
    case 'u16':
      return littleEndian ? new Uint16Array(bytes.buffer, offset, n) : Uint16Array.from({ length: n }, (_, i) => view.getUint16(at + 2 * i, true));
    case 'i16':
      return littleEndian ? new Int16Array(bytes.buffer, offset, n) : Int16Array.from({ length: n }, (_, i) => view.getInt16(at + 2 * i, true));
    case 'i32':
      return littleEndian ? new Int32Array(bytes.buffer, offset, n) : Int32Array.from({ length: n }, (_, i) => view.getInt32(at + 4 * i, true));
    case 'f64':
      return littleEndian ? new Float64Array(bytes.buffer, offset, n) : Float64Array.from({ length: n }, (_, i) => view.getFloat64(at + 8 * i, true));
  }
}

// One loop per array type, so each stays monomorphic.
function copyCodes<A extends Uint8Array | Uint16Array | Int32Array>(local: A, missing: number, map: Int32Array, codes: Int32Array, row: number): void {
  for (let i = 0; i < local.length; i++) {
    const c = local[i];
    codes[row + i] = c === missing || c < 0 ? -1 : map[c];
  }
}

function copyNumbers<A extends Uint8Array | Int16Array>(local: A, missing: number, values: Float64Array, row: number): void {
  for (let i = 0; i < local.length; i++) {
    const v = local[i];
    values[row + i] = v === missing ? NaN : v;
  }
}

/** The number of responses in a segment, from its header. */
export function recordSegmentSize(bytes: Uint8Array): number {
  return readHeader(bytes).header.size;
}

/**
 * Decodes segments into one set of typed columns, the segments' rows one
 * after the other. A category's levels are merged in order of first
 * appearance; a column missing from a segment is missing (−1 / NaN) there.
 *
 * Complexity: O(Σ size · columns).
 *
 * @throws Error for bytes that are not a segment.
 */
export function decodeRecordSegments(segments: readonly Uint8Array[]): RespondentColumns {
  const parsed = segments.map(readHeader);
  const size = parsed.reduce((sum, p) => sum + p.header.size, 0);
  const kinds = new Map<string, 'categorical' | 'numeric'>();
  for (const { header } of parsed) for (const c of header.columns) if (!kinds.has(c.name)) kinds.set(c.name, c.levels ? 'categorical' : 'numeric');
  const columns = new Map<string, RespondentColumn>();
  for (const [name, kind] of kinds) {
    if (kind === 'categorical') {
      const codes = new Int32Array(size).fill(-1);
      const coder = levelCoder();
      let row = 0;
      for (const { header, bytes, view, start } of parsed) {
        const entry = header.columns.find((c) => c.name === name);
        const n = header.size;
        if (entry?.levels) {
          const map = Int32Array.from(entry.levels, (level) => coder.code(level));
          const local = valuesOf(bytes, view, start + entry.offset, entry.type, n);
          if (local instanceof Uint8Array) copyCodes(local, 255, map, codes, row);
          else if (local instanceof Uint16Array) copyCodes(local, 65535, map, codes, row);
          else copyCodes(local as Int32Array, -1, map, codes, row);
        }
        row += n;
      }
      columns.set(name, { kind: 'categorical', levels: coder.levels, codes } satisfies CategoricalColumn);
    } else {
      const values = new Float64Array(size).fill(NaN);
      let row = 0;
      for (const { header, bytes, view, start } of parsed) {
        const entry = header.columns.find((c) => c.name === name);
        const n = header.size;
        if (entry && !entry.levels) {
          const local = valuesOf(bytes, view, start + entry.offset, entry.type, n);
          if (local instanceof Float64Array) values.set(local, row);
          else if (local instanceof Uint8Array) copyNumbers(local, 255, values, row);
          else copyNumbers(local as Int16Array, -32768, values, row);
        }
        row += n;
      }
      columns.set(name, { kind: 'numeric', values } satisfies NumericColumn);
    }
  }
  return { size, columns };
}
