import { drawReceipt, RECEIPT_WIDTH, receiptImageHeight, type Canvas2D, type ReceiptField, type SaveImageResult } from './receiptDrawing'

const SCALE = 2

/** In the browser the receipt is drawn on a canvas and downloaded as a PNG. */
export async function saveReceiptImage(fields: readonly ReceiptField[]): Promise<SaveImageResult> {
  try {
    const canvas = document.createElement('canvas')
    canvas.width = RECEIPT_WIDTH * SCALE
    canvas.height = receiptImageHeight(fields) * SCALE
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no 2d context')
    drawReceipt(ctx as Canvas2D, fields, SCALE)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
    if (!blob) throw new Error('no image')
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    const voucher = fields.find((f) => f.id === 'voucher-no')?.value ?? 'receipt'
    link.download = `电子缴费凭证-${voucher}.png`
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
    return { ok: true, message: '图片已下载' }
  } catch {
    return { ok: false, reason: 'failed', message: '生成图片失败，请直接截图保存。' }
  }
}

/** Browsers have no album permission to grant. */
export function openAlbumSettings(): void {}
