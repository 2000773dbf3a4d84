/**
 * The lägesbild's Word file: a valid Office Open XML package (content types, relationships, the
 * document with Word's heading styles, tables with a repeated header row, charts as PNG parts), and
 * the plain-Swedish wording helpers of the report model.
 */
import { describe, expect, it } from 'vitest';
import { reportDocx } from '../../../client/staff/report/report-docx';
import { shareInWords } from '../../../client/staff/report/lagesbild-model';
import type { ReportDocument } from '../../../client/staff/report/report-document';
import { readZip } from '../../domain/read-zip';

const DOC: ReportDocument = {
  title: 'Lägesbild: våld i nära relationer i Demokommun',
  meta: ['Rapport till socialnämnden · 1 december 2026'],
  sections: [
    {
      id: 'summary',
      blocks: [
        { kind: 'heading', level: 2, text: 'Sammanfattning' },
        { kind: 'bullets', items: ['Var femte kvinna (19 %, 95 % KI 16–22 %) har utsatts för våld <av en närstående> & mer.'] },
        { kind: 'paragraph', text: 'Andelarna är vägda.', tone: 'muted' },
      ],
    },
    {
      id: 'results',
      blocks: [
        { kind: 'heading', level: 3, text: '1. Utsatt för våld' },
        { kind: 'chart', id: 'prevalence-vinr', title: 'Andel: Utsatt för våld', description: 'Alla 19 %', chart: { type: 'prevalence', level: 0.95, rows: [] } },
        { kind: 'chart', id: 'no-image', title: 'Andel över tid', description: '2016 17 %, 2026 19 %', chart: { type: 'trend', level: 0.95, series: [] } },
        {
          kind: 'table',
          caption: 'Tabell: Utsatt för våld',
          columns: [{ label: 'Grupp' }, { label: 'Andel (95 % KI)', numeric: true }],
          rows: [
            ['Alla', '19,0 % (16,0 %–22,0 %)'],
            ['Kvinnor', '22,0 % (18,0 %–26,0 %)'],
          ],
        },
      ],
    },
  ],
};

describe('reportDocx', () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = new Map(readZip(reportDocx(DOC, new Map([['prevalence-vinr', { png: PNG, width: 1640, height: 600 }]]))).map((e) => [e.name, e.data]));
  const text = (name: string) => new TextDecoder().decode(parts.get(name));

  it('is a package with content types, relationships, core properties, styles, the document and the chart images', () => {
    expect([...parts.keys()].sort()).toEqual(
      ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'word/_rels/document.xml.rels', 'word/document.xml', 'word/media/diagram1.png', 'word/styles.xml'].sort(),
    );
    expect(text('[Content_Types].xml')).toContain('PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"');
    expect(text('[Content_Types].xml')).toContain('<Default Extension="png" ContentType="image/png"/>');
    expect(text('_rels/.rels')).toContain('Target="word/document.xml"');
    expect(text('word/_rels/document.xml.rels')).toContain('<Relationship Id="rIdBild1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/diagram1.png"/>');
    expect([...parts.get('word/media/diagram1.png')!]).toEqual([...PNG]);
    expect(text('docProps/core.xml')).toContain('<dc:title>Lägesbild: våld i nära relationer i Demokommun</dc:title>');
  });

  it('writes headings in Word heading styles, escapes text, keeps a table header on every page and places the chart at its aspect ratio', () => {
    const document = text('word/document.xml');
    expect(document).toContain('<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">Lägesbild: våld i nära relationer i Demokommun</w:t>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Sammanfattning</w:t>');
    expect(document).toContain('<w:pStyle w:val="Heading3"/>');
    expect(document).toContain('våld &lt;av en närstående&gt; &amp; mer.');
    expect(document).not.toContain('<av en');
    expect(document).toContain('<w:tblHeader/>');
    expect((document.match(/<w:tr>/g) ?? []).length).toBe(3);
    expect(document).toContain('<a:blip r:embed="rIdBild1"/>');
    // 9638 twips of text width × 635 EMU per twip, and the height in the image's proportion (600 / 1640).
    expect(document).toContain(`<wp:extent cx="${9638 * 635}" cy="${Math.round((9638 * 635 * 600) / 1640)}"/>`);
    // A chart without an image keeps its description as text.
    expect(document).toContain('Andel över tid. 2016 17 %, 2026 19 %');
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    for (const style of ['Heading1', 'Heading2', 'Heading3', 'Title', 'Tabelltext', 'Punktlista']) expect(text('word/styles.xml')).toContain(`w:styleId="${style}"`);
  });
});

describe('shareInWords', () => {
  it('names a share by the nearest simple fraction, as a nämnd reads it', () => {
    expect(shareInWords(0.19)).toBe('var femte');
    expect(shareInWords(0.33)).toBe('var tredje');
    expect(shareInWords(0.25)).toBe('var fjärde');
    expect(shareInWords(0.05)).toBe('var tjugonde');
    expect(shareInWords(0.45)).toBe('nästan fem av tio');
    expect(shareInWords(0.447)).toBe('drygt fyra av tio');
    expect(shareInWords(0.7)).toBe('sju av tio');
    expect(shareInWords(0.5)).toBe('fem av tio');
    expect(shareInWords(0.004)).toBe('färre än en av hundra');
    expect(shareInWords(0.97)).toBe('nästan alla');
  });
});
