/**
 * The role of a View for the screen reader of each platform: `role` in the browser, `aria-role`
 * in the mini-program (WeChat reads only that one; in a browser it is an invalid attribute).
 */
export function roleProps(role: string): Record<string, string> {
  return process.env.TARO_ENV === 'h5' ? { role } : { 'aria-role': role }
}

/** A page's own level-one heading (the home page's hero title, where the design has one). */
export const pageHeading: Record<string, string> = process.env.TARO_ENV === 'h5' ? { role: 'heading', 'aria-level': '1' } : { 'aria-role': 'heading' }

/** A part of the page whose changes are announced as they happen (the pay page's steps and outcomes). */
export const politeLive: Record<string, string> = process.env.TARO_ENV === 'h5' ? { 'aria-live': 'polite' } : {}

/** The page's main landmark: a browser needs it; WeChat's screen reader has no landmarks. */
export const mainLandmark: Record<string, string> = process.env.TARO_ENV === 'h5' ? { role: 'main' } : {}
