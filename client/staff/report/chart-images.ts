/**
 * The report's charts as PNG for the Word file: each SVG on the page is copied with the computed
 * styles written onto its elements (the stylesheet does not travel with an image), drawn on a canvas
 * at twice its size and encoded as PNG. Browser-only.
 */
import type { ChartImage } from './report-docx';

const STYLE_PROPERTIES = ['fill', 'stroke', 'stroke-width', 'font-size', 'font-family', 'font-weight', 'opacity', 'text-anchor', 'dominant-baseline'];

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', style);
  for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], target.children[i]);
}

async function svgToPng(svg: SVGSVGElement): Promise<ChartImage> {
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.clientWidth;
  const height = box && box.height > 0 ? box.height : svg.clientHeight;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // A data: URL, which the page's Content-Security-Policy (img-src 'self' data:) allows, unlike blob:.
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn'));
      image.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
    return { png: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height };
  }
}

/** PNG images of the charts with these ids, as they are drawn inside `root`. */
export async function chartImages(root: ParentNode, ids: readonly string[]): Promise<Map<string, ChartImage>> {
  const images = new Map<string, ChartImage>();
  for (const id of ids) {
    const svg = root.querySelector<SVGSVGElement>(`svg[data-testid="${CSS.escape(id)}"]`);
    if (svg) images.set(id, await svgToPng(svg));
  }
  return images;
}
