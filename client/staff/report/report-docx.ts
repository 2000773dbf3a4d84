/**
 * The lägesbild as a Word document (.docx, Office Open XML, ECMA-376): a zip of XML parts written
 * here by hand — document, styles, relationships and the charts as PNG images — with the store-only
 * zip writer of domain/zip-store.ts. No commercial library. Tjänsteskrivelser are written in Word,
 * so the file uses Word's own heading styles (Rubrik 1–3 in a Swedish Word) and real tables.
 */
import { zipStore } from '../../../domain/zip-store';
import type { ReportBlock, ReportDocument } from './report-document';

/** A chart drawn as PNG (by the page, from its SVG), with its size in pixels. */
export interface ChartImage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TEXT_WIDTH_TWIPS = 9638; // A4 (11906) minus 2 cm margins on each side
const EMU_PER_TWIP = 635;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const run = (text: string, bold = false) => `<w:r>${bold ? '<w:rPr><w:b/></w:rPr>' : ''}<w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
const paragraph = (text: string, style?: string, extra = '') => `<w:p>${style || extra ? `<w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${extra}</w:pPr>` : ''}${run(text)}</w:p>`;

function table(block: Extract<ReportBlock, { kind: 'table' }>): string {
  const width = Math.floor(TEXT_WIDTH_TWIPS / Math.max(1, block.columns.length));
  const first = Math.max(width, Math.min(3200, Math.floor(TEXT_WIDTH_TWIPS * 0.3)));
  const rest = block.columns.length > 1 ? Math.floor((TEXT_WIDTH_TWIPS - first) / (block.columns.length - 1)) : first;
  const widths = block.columns.map((_, i) => (i === 0 ? first : rest));
  const cell = (text: string, i: number, header: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="Tabelltext"/>${block.columns[i]?.numeric && i > 0 ? '<w:jc w:val="right"/>' : ''}</w:pPr>${run(text, header)}</w:p></w:tc>`;
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${block.columns.map((c, i) => cell(c.label, i, true)).join('')}</w:tr>`;
  const rows = block.rows.map((row) => `<w:tr><w:trPr><w:cantSplit/></w:trPr>${row.map((text, i) => cell(text, i, false)).join('')}</w:tr>`).join('');
  const border = (side: string, size: number) => `<w:${side} w:val="single" w:sz="${size}" w:space="0" w:color="8C8C8C"/>`;
  return (
    `${paragraph(block.caption, 'Tabellrubrik')}` +
    `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH_TWIPS}" w:type="dxa"/><w:tblBorders>${border('top', 8)}${border('bottom', 8)}${border('insideH', 4)}</w:tblBorders>` +
    `<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${header}${rows}</w:tbl>${paragraph('', 'Tom')}`
  );
}

function image(relId: string, id: number, block: Extract<ReportBlock, { kind: 'chart' }>, picture: ChartImage): string {
  const cx = TEXT_WIDTH_TWIPS * EMU_PER_TWIP;
  const cy = Math.round((cx * picture.height) / picture.width);
  return (
    `<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="${id}" name="Diagram ${id}" descr="${escape(`${block.title}. ${block.description}`)}"/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${id}" name="diagram${id}.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
    `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>${paragraph(block.title, 'Bildtext')}`
  );
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="sv-SE"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="80"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:color w:val="1F3A5F"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:color w:val="1F3A5F"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:color w:val="1F3A5F"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Ingress"><w:name w:val="Ingress"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Diskret"><w:name w:val="Diskret"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="595959"/><w:sz w:val="19"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Notis"><w:name w:val="Notis"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="B8860B"/></w:pBdr><w:ind w:left="200"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Punktlista"><w:name w:val="Punktlista"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="360" w:hanging="240"/><w:spacing w:after="80"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Tabellrubrik"><w:name w:val="Tabellrubrik"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Tabelltext"><w:name w:val="Tabelltext"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="30" w:after="30" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Bildtext"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:color w:val="595959"/><w:sz w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Tom"><w:name w:val="Tom"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:style>
</w:styles>`;

/**
 * The .docx bytes of a report: headings as Heading 1–3, lists, tables with a repeated header row,
 * and each chart as its PNG (a chart without an image gets its description as text), on A4.
 *
 * @example
 * reportDocx({ title: 'Lägesbild', meta: [], sections: [] }, new Map()) // → Uint8Array (a zip starting with "PK")
 */
export function reportDocx(doc: ReportDocument, images: ReadonlyMap<string, ChartImage>): Uint8Array {
  const media: { name: string; relId: string; png: Uint8Array }[] = [];
  let body = paragraph(doc.title, 'Title') + doc.meta.map((line) => paragraph(line, 'Diskret')).join('');
  let pictures = 0;
  for (const section of doc.sections) {
    for (const block of section.blocks) {
      if (block.kind === 'heading') body += paragraph(block.text, `Heading${block.level}`);
      else if (block.kind === 'paragraph') body += paragraph(block.text, block.tone === 'lead' ? 'Ingress' : block.tone === 'muted' ? 'Diskret' : block.tone === 'notice' ? 'Notis' : undefined);
      else if (block.kind === 'bullets') body += block.items.map((item) => paragraph(`•\t${item}`, 'Punktlista')).join('');
      else if (block.kind === 'table') body += table(block);
      else {
        const picture = images.get(block.id);
        if (picture) {
          pictures++;
          const relId = `rIdBild${pictures}`;
          media.push({ name: `media/diagram${pictures}.png`, relId, png: picture.png });
          body += image(relId, pictures, block, picture);
        } else {
          body += paragraph(`${block.title}. ${block.description}`, 'Bildtext');
        }
      }
    }
  }
  const document =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}` +
    `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const rels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rIdStyles" Type="${R}/styles" Target="styles.xml"/>` +
    media.map((m) => `<Relationship Id="${m.relId}" Type="${R}/image" Target="${m.name}"/>`).join('') +
    `</Relationships>`;
  const created = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return zipStore([
    {
      name: '[Content_Types].xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Default Extension="png" ContentType="image/png"/>` +
        `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
        `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rIdDoc" Type="${R}/officeDocument" Target="word/document.xml"/>` +
        `<Relationship Id="rIdCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    },
    {
      name: 'docProps/core.xml',
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        `xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:title>${escape(doc.title)}</dc:title><dc:language>sv-SE</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created></cp:coreProperties>`,
    },
    { name: 'word/document.xml', data: document },
    { name: 'word/styles.xml', data: STYLES },
    { name: 'word/_rels/document.xml.rels', data: rels },
    ...media.map((m) => ({ name: `word/${m.name}`, data: m.png })),
  ]);
}
