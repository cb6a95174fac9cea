// The QR code as SVG (SVG 1.1 §8.3 path data): a white square and one path of the dark rectangles, in module units,
// displayed at the PNG's size (qr-png.ts) unless the page scales it.
import { darkRects, type QrMatrix } from "./qr-code.js";
import { PNG_PIXELS_PER_MODULE } from "./qr-png.js";

export function renderQrSvg(matrix: QrMatrix): string {
  const { size } = matrix;
  const pixels = size * PNG_PIXELS_PER_MODULE;
  const path = darkRects(matrix)
    .map((r) => `M${r.x} ${r.y}h${r.width}v${r.height}h-${r.width}z`)
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${pixels}" height="${pixels}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#FFFFFF"/><path d="${path}" fill="#000000"/></svg>`
  );
}
