/**
 * Draws the receipt on any 2D canvas context (WeChat's offscreen canvas or the browser's), so the
 * saved image carries exactly the rows the page shows.
 */
/** One row of the receipt (src/view/receiptFields.ts lists them). */
export interface ReceiptField {
  id?: string
  label: string
  value: string
  note?: string
}

/** The part of CanvasRenderingContext2D both platforms provide. */
export interface Canvas2D {
  fillStyle: string | CanvasGradient | CanvasPattern
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  scale(x: number, y: number): void
}

export const RECEIPT_WIDTH = 375
const ROW = 44
const TOP = 96
const BOTTOM = 72

export function receiptImageHeight(fields: readonly ReceiptField[]): number {
  return TOP + fields.reduce((h, f) => h + (f.note ? ROW + 20 : ROW), 0) + BOTTOM
}

export function drawReceipt(ctx: Canvas2D, fields: readonly ReceiptField[], scale: number): void {
  const height = receiptImageHeight(fields)
  ctx.scale(scale, scale)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, RECEIPT_WIDTH, height)
  ctx.fillStyle = '#057a3d'
  ctx.fillRect(0, 0, RECEIPT_WIDTH, 6)
  ctx.textBaseline = 'middle'
  ctx.fillStyle = 'rgba(0,0,0,0.9)'
  ctx.font = '600 20px sans-serif'
  ctx.textAlign = 'center'
  ctx.fillText('电子缴费凭证', RECEIPT_WIDTH / 2, 48)
  let y = TOP
  for (const field of fields) {
    ctx.textAlign = 'left'
    ctx.font = '14px sans-serif'
    ctx.fillStyle = 'rgba(0,0,0,0.6)'
    ctx.fillText(field.label, 20, y + ROW / 2)
    ctx.textAlign = 'right'
    ctx.fillStyle = 'rgba(0,0,0,0.9)'
    ctx.fillText(field.value, RECEIPT_WIDTH - 20, y + ROW / 2)
    if (field.note) {
      ctx.font = '12px sans-serif'
      ctx.fillStyle = 'rgba(0,0,0,0.6)'
      ctx.fillText(field.note, RECEIPT_WIDTH - 20, y + ROW / 2 + 20)
    }
    y += field.note ? ROW + 20 : ROW
    ctx.fillStyle = 'rgba(0,0,0,0.08)'
    ctx.fillRect(20, y - 1, RECEIPT_WIDTH - 40, 1)
  }
  ctx.textAlign = 'center'
  ctx.font = '12px sans-serif'
  ctx.fillStyle = 'rgba(0,0,0,0.6)'
  ctx.fillText('演示环境生成，仅供核对，不作为完税证明', RECEIPT_WIDTH / 2, y + BOTTOM / 2)
}

export type SaveImageResult = { ok: true; message: string } | { ok: false; reason: 'denied' | 'failed'; message: string }
