import Taro from '@tarojs/taro'
import { drawReceipt, RECEIPT_WIDTH, receiptImageHeight, type Canvas2D, type ReceiptField, type SaveImageResult } from './receiptDrawing'

const SCALE = 2

/** Draws the receipt off screen and saves it to the album; a refused album permission is its own answer. */
export async function saveReceiptImage(fields: readonly ReceiptField[]): Promise<SaveImageResult> {
  try {
    const height = receiptImageHeight(fields)
    const canvas = Taro.createOffscreenCanvas({ type: '2d', width: RECEIPT_WIDTH * SCALE, height: height * SCALE })
    drawReceipt(canvas.getContext('2d') as unknown as Canvas2D, fields, SCALE)
    const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as never } as Taro.canvasToTempFilePath.Option)
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    return { ok: true, message: '已保存到手机相册' }
  } catch (error) {
    const errMsg = String((error as { errMsg?: string })?.errMsg ?? error)
    if (/auth den|authorize|permission/i.test(errMsg)) {
      return { ok: false, reason: 'denied', message: '未获得保存到相册的权限。可在“设置”中允许“添加到相册”后重试，或直接截图保存。' }
    }
    return { ok: false, reason: 'failed', message: '保存图片失败，请稍后重试，或直接截图保存。' }
  }
}

/** Opens the settings page where the album permission can be granted again. */
export function openAlbumSettings(): void {
  void Taro.openSetting().catch(() => undefined)
}
