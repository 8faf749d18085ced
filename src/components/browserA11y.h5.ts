import './browserA11y.h5.css'

/**
 * The H5 twin. Taro.showModal draws plain <div>s (one element, shown and hidden again for every
 * modal): a screen reader does not know it is a dialog, its buttons cannot be reached by keyboard
 * and focus stays on the page beneath. This makes each shown modal a real dialog: named by its
 * title, described by its text, focus moved into it (and kept there by Tab) and back where it was
 * when it closes, buttons that are buttons (Enter/Space), Escape for 取消, and 关怀模式 sizes when
 * the page is in care mode. Its CSS also stops a page sliding in from the right from widening the
 * document, which made a phone zoom the whole app out on every navigation.
 */
export function makeBrowserAccessible(): void {
  let opener: Element | null = null
  // What opened a modal is the control last activated (a tap on a touch screen does not focus it).
  let activated: Element | null = null
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element) activated = e.target.closest('button, [role="button"], [role="link"]')
  }, true)
  const enhance = (modal: HTMLElement) => {
    // Taro fades a modal in and out: it is open from opacity 1 until it starts fading out.
    const shown = modal.style.display !== 'none' && modal.style.opacity !== '0'
    const box = modal.querySelector<HTMLElement>('.taro-modal__content')
    if (!box) return
    if (shown && box.getAttribute('role') !== 'dialog') {
      opener = activated?.isConnected ? activated : document.activeElement
      const title = box.querySelector<HTMLElement>('.taro-modal__title')
      const text = box.querySelector<HTMLElement>('.taro-modal__text')
      if (title) title.id = 'modal-title'
      if (text) text.id = 'modal-text'
      box.setAttribute('role', 'dialog')
      box.setAttribute('aria-modal', 'true')
      box.setAttribute('aria-labelledby', title?.textContent ? 'modal-title' : 'modal-text')
      box.setAttribute('aria-describedby', 'modal-text')
      box.tabIndex = -1
      box.querySelectorAll<HTMLElement>('.taro-model__btn').forEach((b) => {
        b.setAttribute('role', 'button')
        b.tabIndex = 0
      })
      modal.classList.toggle('taro__modal--care', Boolean(document.querySelector('.taro_page_stationed:not(.taro_page_shade) .page.care')))
      box.focus({ preventScroll: true })
    } else if (!shown && box.getAttribute('role') === 'dialog') {
      box.removeAttribute('role')
      box.removeAttribute('aria-modal')
      // Back to what opened it if its page is still the one shown, else to the title of the page shown now.
      const page = document.querySelector('.taro_page_stationed:not(.taro_page_shade)')
      const back = opener instanceof HTMLElement && page?.contains(opener) ? opener : page?.querySelector<HTMLElement>('.page-title, [aria-level="1"]')
      if (back) {
        if (!back.matches('button, [tabindex]')) back.tabIndex = -1
        back.focus({ preventScroll: true })
      }
      opener = null
    }
  }
  const watched = new WeakSet<Element>()
  const watch = (modal: HTMLElement) => {
    if (watched.has(modal)) return
    watched.add(modal)
    new MutationObserver(() => enhance(modal)).observe(modal, { attributes: true, attributeFilter: ['style'] })
    modal.addEventListener('keydown', (e) => {
      const button = e.target instanceof HTMLElement && e.target.closest<HTMLElement>('.taro-model__btn')
      if (button && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault()
        button.click()
      } else if (e.key === 'Escape') {
        const cancel = modal.querySelector<HTMLElement>('.taro-model__cancel')
        if (cancel && cancel.style.display !== 'none') cancel.click()
      } else if (e.key === 'Tab') {
        const buttons = Array.from(modal.querySelectorAll<HTMLElement>('.taro-model__btn')).filter((b) => b.style.display !== 'none')
        const at = buttons.indexOf(document.activeElement as HTMLElement)
        e.preventDefault()
        buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus()
      }
    })
    enhance(modal)
  }
  new MutationObserver(() => document.querySelectorAll<HTMLElement>('body > .taro__modal').forEach(watch)).observe(document.body, { childList: true })
}
