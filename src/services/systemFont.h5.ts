/** Browsers expose no reliable system font-size setting; the manual 关怀模式 switch covers H5. */
export function systemPrefersLargeText(): boolean {
  return false
}
