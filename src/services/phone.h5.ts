/** In the browser a tel: link hands the number to the phone's dialler. */
export function callHotline(phoneNumber: string): void {
  window.location.href = `tel:${phoneNumber}`
}
