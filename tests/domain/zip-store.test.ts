/**
 * The store-only ZIP writer read back by a reader written here from the format (PKWARE APPNOTE 6.3.x
 * §4.3: end of central directory → central directory → local headers), with CRC-32 checked against
 * the published check value and a bitwise implementation independent of the table-driven one.
 */
import { describe, expect, it } from 'vitest';
import { crc32, zipStore } from '../../domain/zip-store';
import { readZip } from './read-zip';

/** CRC-32 bit by bit (no table): the reference the table-driven crc32 must equal. */
function bitwiseCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('gives the check value of CRC-32/ISO-HDLC and equals the bitwise computation', () => {
    // The standard check value: CRC-32 of the ASCII digits "123456789" is 0xCBF43926.
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(crc32(bytes)).toBe(bitwiseCrc32(bytes));
  });
});

describe('zipStore', () => {
  it('writes entries that a reader finds through the central directory, stored, with UTF-8 names', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1, 2]);
    const zip = zipStore([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:t>Våld i nära relationer</w:t>' },
      { name: 'word/media/diagram1.png', data: png },
      { name: 'mapp/åäö.txt', data: '' },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['[Content_Types].xml', 'word/document.xml', 'word/media/diagram1.png', 'mapp/åäö.txt']);
    expect(new TextDecoder().decode(entries[1].data)).toBe('<w:t>Våld i nära relationer</w:t>');
    expect([...entries[2].data]).toEqual([...png]);
    expect(entries[3].data.length).toBe(0);
    for (const e of entries) {
      expect(e.method).toBe(0);
      expect(e.flags & 0x0800).toBe(0x0800);
      expect(e.crc).toBe(bitwiseCrc32(e.data));
    }
  });

  it('gives the same bytes for the same entries, and the size in its example', () => {
    const entries = [{ name: 'a.txt', data: 'hej' }];
    expect(zipStore(entries)).toEqual(zipStore(entries));
    // 30 + 5 + 3 (local header, name, data) + 46 + 5 (central directory) + 22 (end record).
    expect(zipStore(entries).length).toBe(111);
  });

  it('rejects an empty or repeated name', () => {
    expect(() => zipStore([{ name: '', data: 'x' }])).toThrow(/zipStore: the name "" is empty or repeated/);
    expect(() => zipStore([{ name: 'a', data: 'x' }, { name: 'a', data: 'y' }])).toThrow(/zipStore: the name "a" is empty or repeated/);
  });
});
