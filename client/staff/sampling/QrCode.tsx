import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code as inline SVG (one path, no image request, so the staff page's
 * CSP `img-src 'self' data:` is not involved), error correction M, with the
 * standard four-module quiet zone.
 */
export function QrCode({ text, label, sizeMm = 30 }: { text: string; label: string; sizeMm?: number }) {
  const { path, size } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    const modules = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < modules; row++) {
      for (let col = 0; col < modules; col++) if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { path: d, size: modules + 8 };
  }, [text]);
  return (
    <svg className="qr-code" viewBox={`0 0 ${size} ${size}`} width={`${sizeMm}mm`} height={`${sizeMm}mm`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
